"""Who may do what with minutes: every permission of the minutes app, in this one file.

Each permission is a role (accounts, officials, groups) combined with the state of the minutes
or of a request, asked of the model (its properties, built on Minutes.TRANSITIONS).

    minutes.manage_minutes     the coordinator: the editor and its actions (start, write, send,
                               release, correct)
    minutes.edit_minutes       the coordinator, while the draft can be written and sent for review
    minutes.release_minutes    the coordinator, while a version is in review
    minutes.correct_minutes    the coordinator, once the minutes are released
    minutes.view_history       the coordinator: who changed what at a meeting
    minutes.compare_versions   the municipality's people (coordinator and officials)
    minutes.view_review        the official asked: the page of their request, in every state
    minutes.review_minutes     the official asked, while that version is in review
    minutes.view_sign_off      the representative asked, while a member of the group
    minutes.sign_off_minutes   the representative asked, while a member, while that version is
                               in review

Released minutes are public records: reading them and their PDFs needs no permission.

Who asks what: the views ask the permission of a person or role (core.http), and get a 403
without it. The state is asked twice, in the same words: by the templates, which offer an
action only when its permission holds ({% has_perm %}), and by the service,
which refuses another state with a message (minutes.services), so that a page left open in
another tab, or a button pressed twice, gets that message rather than a 403.
"""

import rules

from accounts.rules import is_coordinator
from groups.rules import is_current_member
from officials.rules import is_staff_member

# The state of the minutes (the object is a Minutes) ------------------------------------


@rules.predicate
def is_editable(user, minutes) -> bool:
    return minutes.is_editable


@rules.predicate
def can_be_released(user, minutes) -> bool:
    return minutes.can_be_released


@rules.predicate
def can_be_corrected(user, minutes) -> bool:
    return minutes.can_be_corrected


# A request to review or sign off one version (the object is a MinutesReview or SignOff) ----


@rules.predicate
def is_the_person_asked(user, request) -> bool:
    return user.is_authenticated and request.asked_id == user.pk


@rules.predicate
def is_current_request(user, request) -> bool:
    """Asked about the version now in review: neither superseded by a newer one nor closed."""
    return request.is_current


@rules.predicate
def is_member_of_the_group(user, request) -> bool:
    """A representative's right to sign off comes from their membership and ends with it."""
    return is_current_member(user, request.minutes.meeting.group)


# The permissions -------------------------------------------------------------------------


rules.add_perm("minutes.manage_minutes", is_coordinator)
rules.add_perm("minutes.edit_minutes", is_coordinator & is_editable)
# Who may release minutes: the coordinator, while a version is in review.
rules.add_perm("minutes.release_minutes", is_coordinator & can_be_released)
rules.add_perm("minutes.correct_minutes", is_coordinator & can_be_corrected)
rules.add_perm("minutes.view_history", is_coordinator)
rules.add_perm("minutes.compare_versions", is_staff_member)
rules.add_perm("minutes.view_review", is_the_person_asked)
rules.add_perm("minutes.review_minutes", is_the_person_asked & is_current_request)
rules.add_perm("minutes.view_sign_off", is_the_person_asked & is_member_of_the_group)
rules.add_perm("minutes.sign_off_minutes", is_the_person_asked & is_member_of_the_group & is_current_request)
