from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import actions
from core.fields import SHORT_TEXT, bounded_text_field, length_constraint
from core.states import Transitions
from issues.models import Issue
from officials.models import Committee

AMOUNT = {"max_digits": 12, "decimal_places": 2}
EARLIEST_BUDGET_YEAR, LATEST_BUDGET_YEAR = 2000, 2100


class BudgetReferral(models.Model):
    """An issue referred to the budget process (remiss till budgetprocessen): the estimated
    amount, the budget year and the committee responsible, and later the outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", pgettext_lazy("budget outcome", "pending")
        INCLUDED = "included", _("included in the budget")
        NOT_INCLUDED = "not_included", _("not included")
        PARTLY = "partly", _("partly included")

    # The budget decides once; a decision written wrongly is corrected by deciding again
    # (back to pending is not a state anyone needs).
    TRANSITIONS = Transitions(
        {
            Outcome.PENDING: {Outcome.INCLUDED, Outcome.NOT_INCLUDED, Outcome.PARTLY},
            Outcome.INCLUDED: {Outcome.NOT_INCLUDED, Outcome.PARTLY},
            Outcome.NOT_INCLUDED: {Outcome.INCLUDED, Outcome.PARTLY},
            Outcome.PARTLY: {Outcome.INCLUDED, Outcome.NOT_INCLUDED, Outcome.PARTLY},
        }
    )
    # What the budget can decide: every state a pending referral moves to.
    DECIDED_STATES = TRANSITIONS.targets(Outcome.PENDING)

    issue = models.OneToOneField(
        Issue, on_delete=models.CASCADE, related_name="budget_referral", verbose_name=_("issue")
    )
    estimated_amount = models.DecimalField(
        _("estimated amount (SEK)"), **AMOUNT, validators=[MinValueValidator(Decimal(0))]
    )
    budget_year = models.PositiveIntegerField(
        _("budget year"),
        validators=[MinValueValidator(EARLIEST_BUDGET_YEAR), MaxValueValidator(LATEST_BUDGET_YEAR)],
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="budget_referrals", verbose_name=_("committee")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_amount = models.DecimalField(
        _("amount in the budget (SEK)"),
        **AMOUNT,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    outcome_note = bounded_text_field(_("note"), blank=True, max_length=SHORT_TEXT)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("budget referral")
        verbose_name_plural = _("budget referrals")
        ordering = ["budget_year", "committee__name", "issue__title"]
        constraints = [
            length_constraint("budgetreferral", "outcome_note", SHORT_TEXT),
            models.CheckConstraint(
                condition=Q(estimated_amount__gte=0), name="budget_referral_estimate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(outcome_amount__isnull=True) | Q(outcome_amount__gte=0),
                name="budget_referral_outcome_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(budget_year__gte=EARLIEST_BUDGET_YEAR, budget_year__lte=LATEST_BUDGET_YEAR),
                name="budget_referral_year_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.issue} ({self.budget_year})"

    @property
    def is_decided(self) -> bool:
        return self.outcome in self.DECIDED_STATES


@actions.register
class BudgetReferralAction(models.TextChoices):
    """What is recorded of a budget referral in the activity log (core.activity)."""

    SET = "budget_referral.set", _("budget referral set")
    DECIDED = "budget_referral.decided", _("budget referral decided")
