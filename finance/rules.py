"""Who may do what with budget referrals: the coordinator, or an official of the department
responsible for the issue, sets and decides them; the municipality's people read the export."""

import rules

from accounts.rules import is_coordinator
from finance.models import BudgetReferral
from groups.models import Membership
from groups.rules import is_representative
from issues.rules import is_official_of_the_responsible_department
from officials.rules import is_staff_member


@rules.predicate
def is_referred_to_budget(user, issue) -> bool:
    return issue is not None and issue.is_referred_to_budget


@rules.predicate
def has_budget_referral(user, issue) -> bool:
    """A referral set while the issue was referred to the budget stays correctable (its outcome
    comes later) whatever the issue's status became meanwhile."""
    return issue is not None and BudgetReferral.objects.filter(issue=issue).exists()


# Object: the issue. Only an issue referred to the budget process gets a referral.
rules.add_perm(
    "finance.manage_budget_referral",
    (is_referred_to_budget | has_budget_referral)
    & (is_coordinator | is_official_of_the_responsible_department),
)
rules.add_perm("finance.view_budget_referrals", is_staff_member)


# Village funds -------------------------------------------------------------------------------


@rules.predicate
def represents_the_applicant(user, application) -> bool:
    """A current member of a group, for the association that applied."""
    return user.is_authenticated and (
        Membership.objects.current().filter(person=user, organisation_id=application.organisation_id).exists()
    )


@rules.predicate
def awaits_decision(user, application) -> bool:
    return application.awaits_decision


@rules.predicate
def awaits_report(user, application) -> bool:
    return application.awaits_report


# The funds and how to apply: the representatives (who apply) and the municipality's people.
rules.add_perm("finance.view_funds", is_staff_member | is_representative)
rules.add_perm("finance.view_application", is_staff_member | represents_the_applicant)
rules.add_perm("finance.decide_application", is_coordinator & awaits_decision)
rules.add_perm("finance.report_application", represents_the_applicant & awaits_report)
