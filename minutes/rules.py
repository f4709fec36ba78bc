from accounts.rules import is_coordinator
from groups.rules import is_current_member
from officials.rules import is_staff_member


def can_manage_minutes(user) -> bool:
    return is_coordinator(user)


def can_compare_versions(user) -> bool:
    return is_staff_member(user)


def can_review_minutes(user, review) -> bool:
    return review.reviewer_id == user.pk


def can_sign_off(user, sign_off) -> bool:
    """The representative who was asked, while still a member: the right comes from the
    membership and ends with it."""
    return sign_off.person_id == user.pk and is_current_member(user, sign_off.minutes.meeting.group)
