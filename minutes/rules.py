from accounts.rules import is_coordinator, is_staff_member


def can_manage_minutes(user) -> bool:
    return is_coordinator(user)


def can_compare_versions(user) -> bool:
    return is_staff_member(user)


def can_review_minutes(user, review) -> bool:
    return review.reviewer_id == user.pk


def can_sign_off(user, sign_off) -> bool:
    return sign_off.person_id == user.pk
