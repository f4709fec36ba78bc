"""Who someone is, as predicates (the rules package) that other apps compose with their own,
and what the account pages allow."""

import rules

from accounts.roles import Role, has_role


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.COORDINATOR))


# The account's own settings (for now: whether a proposal arriving is mailed) are a coordinator's.
rules.add_perm("accounts.change_settings", is_coordinator)
