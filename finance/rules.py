"""Who may do what with budget referrals: the coordinator, or an official of the department
responsible for the issue, sets and decides them; the municipality's people read the export."""

import rules

from accounts.rules import is_coordinator
from issues.rules import is_official_of_the_responsible_department
from officials.rules import is_staff_member


@rules.predicate
def is_referred_to_budget(user, issue) -> bool:
    return issue is not None and issue.is_referred_to_budget


# Object: the issue. Only an issue referred to the budget process carries a referral.
rules.add_perm(
    "finance.manage_budget_referral",
    is_referred_to_budget & (is_coordinator | is_official_of_the_responsible_department),
)
rules.add_perm("finance.view_budget_referrals", is_staff_member)
