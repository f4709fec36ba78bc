"""Who someone is, as predicates (the rules package) that other apps compose with their own."""

import rules

from accounts.roles import Role, has_role


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.COORDINATOR))
