"""Who may do what with meetings."""

from accounts.rules import is_coordinator
from groups.rules import is_current_member
from officials.rules import is_official, is_staff_member


def can_manage_meetings(user) -> bool:
    return is_coordinator(user)


def can_view_meeting(user, meeting) -> bool:
    """Published meetings are public. Before that the municipality's people see them, and
    the group's members once the meeting is announced (opened for proposals)."""
    if meeting.is_public or is_staff_member(user):
        return True
    return meeting.is_announced and is_current_member(user, meeting.group)


def can_propose(user, meeting) -> bool:
    return meeting.accepts_proposals and is_current_member(user, meeting.group)


def can_answer(user, meeting) -> bool:
    return is_current_member(user, meeting.group)


def can_edit_proposal(user, proposal) -> bool:
    return (
        proposal.proposer_id == user.pk
        and proposal.status == proposal.Status.SUBMITTED
        and is_current_member(user, proposal.meeting.group)
    )


def can_review(user, review) -> bool:
    return review.reviewer_id == user.pk


def can_see_own_meetings(user) -> bool:
    """The officials' page of meetings they attend and agendas they are asked to anchor."""
    return is_official(user) or is_coordinator(user)
