"""Who is an official: the Official row decides (its admin page is where the coordinator makes
someone one). There is no role group to keep in step with it."""

import rules

from accounts.rules import is_coordinator


@rules.predicate
def is_official(user) -> bool:
    # The reverse one-to-one is cached on the user object: one query per request at most.
    return user.is_authenticated and user.is_active and hasattr(user, "official")


# The municipality's people: the coordinator and the officials.
is_staff_member = is_coordinator | is_official
