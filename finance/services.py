from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import activity
from finance.errors import FinanceError
from finance.models import BudgetReferral, BudgetReferralAction
from issues.models import Issue


@transaction.atomic
def budget_referral_set(*, issue, estimated_amount, budget_year, committee, by) -> BudgetReferral:
    """Record (or correct) what an issue referred to the budget process is estimated to cost,
    the budget year and the committee responsible."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not issue.is_referred_to_budget:
        raise FinanceError(_("Only an issue referred to the budget process has a budget referral."))
    referral = BudgetReferral.objects.filter(issue=issue).first() or BudgetReferral(
        issue=issue, created_by=by
    )
    referral.estimated_amount = estimated_amount
    referral.budget_year = budget_year
    referral.committee = committee
    referral.full_clean()
    referral.save()
    activity.record(
        referral, BudgetReferralAction.SET, by, f"{estimated_amount} kr, {budget_year}, {committee}"
    )
    return referral


@transaction.atomic
def budget_referral_decide(*, referral, outcome, amount=None, note="", by) -> BudgetReferral:
    """What the budget made of the referral. Partly included needs the amount included;
    included takes the estimate unless another amount is given; not included has none."""
    referral = BudgetReferral.objects.select_for_update().get(pk=referral.pk)
    BudgetReferral.TRANSITIONS.require(
        referral.outcome, outcome, FinanceError(_("Choose an outcome other than the present one."))
    )
    if outcome == BudgetReferral.Outcome.PARTLY and amount is None:
        raise FinanceError(_("Give the amount that was included."), code="no_amount")
    if outcome == BudgetReferral.Outcome.PARTLY and amount >= referral.estimated_amount:
        raise FinanceError(
            _("Partly included is less than the estimate (%(estimate)s kr).")
            % {"estimate": referral.estimated_amount},
            code="not_partly",
        )
    if outcome == BudgetReferral.Outcome.INCLUDED and amount is None:
        amount = referral.estimated_amount
    if outcome == BudgetReferral.Outcome.NOT_INCLUDED:
        amount = None
    referral.outcome = outcome
    referral.outcome_amount = Decimal(amount) if amount is not None else None
    referral.outcome_note = note.strip()
    referral.decided_at = timezone.now()
    referral.full_clean()
    referral.save()
    activity.record(referral, BudgetReferralAction.DECIDED, by, referral.get_outcome_display())
    return referral
