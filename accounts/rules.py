from accounts.roles import COORDINATOR, OFFICIAL, REPRESENTATIVE, user_has_role


def is_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user_has_role(user, COORDINATOR))


def is_official(user) -> bool:
    return user_has_role(user, OFFICIAL)


def is_representative(user) -> bool:
    return user_has_role(user, REPRESENTATIVE)


def is_staff_member(user) -> bool:
    """The municipality's people: the coordinator and the officials."""
    return is_coordinator(user) or is_official(user)
