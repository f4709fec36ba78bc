from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import actions
from core.fields import SHORT_TEXT, TEXT, bounded_text_field, length_constraint
from core.once import form_token_field
from core.states import Transitions
from groups.models import Area, Organisation
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


class VillageFund(models.Model):
    """A village fund (bygdefond): money each year for local development in its areas."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    areas = models.ManyToManyField(Area, related_name="village_funds", verbose_name=_("areas"))
    yearly_amount = models.DecimalField(
        _("yearly amount (SEK)"), **AMOUNT, validators=[MinValueValidator(Decimal(0))]
    )
    rules_text = bounded_text_field(_("rules"), blank=True, max_length=TEXT, help_text=_("Markdown."))
    active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("village fund")
        verbose_name_plural = _("village funds")
        ordering = ["name"]
        constraints = [
            length_constraint("villagefund", "rules_text", TEXT),
            models.CheckConstraint(
                condition=Q(yearly_amount__gte=0), name="village_fund_amount_not_negative"
            ),
        ]

    def __str__(self):
        return self.name


class FundApplicationQuerySet(models.QuerySet):
    def granted(self):
        """Granted in whole or part (reported ones too): what the year's money went to."""
        return self.filter(status__in=FundApplication.GRANTED_STATES)

    def awaiting_report(self):
        return self.filter(status__in=FundApplication.TRANSITIONS.sources(FundApplication.Status.REPORTED))


class FundApplication(models.Model):
    """An association's application to a village fund, the decision, and its report of how the
    money was used."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        GRANTED = "granted", _("granted")
        PARTLY_GRANTED = "partly_granted", _("partly granted")
        REFUSED = "refused", _("refused")
        REPORTED = "reported", _("reported")

    TRANSITIONS = Transitions(
        {
            Status.SUBMITTED: {Status.GRANTED, Status.PARTLY_GRANTED, Status.REFUSED},
            Status.GRANTED: {Status.REPORTED},
            Status.PARTLY_GRANTED: {Status.REPORTED},
            Status.REFUSED: set(),
            Status.REPORTED: set(),
        }
    )
    DECISIONS = TRANSITIONS.targets(Status.SUBMITTED)
    GRANTED_STATES = frozenset({Status.GRANTED, Status.PARTLY_GRANTED, Status.REPORTED})

    fund = models.ForeignKey(
        VillageFund, on_delete=models.PROTECT, related_name="applications", verbose_name=_("village fund")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("association"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("applicant"),
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("project"), max_length=200)
    purpose = bounded_text_field(_("purpose"), max_length=TEXT)
    amount = models.DecimalField(
        _("amount applied for (SEK)"), **AMOUNT, validators=[MinValueValidator(Decimal(0))]
    )
    budget = bounded_text_field(
        _("budget"),
        max_length=SHORT_TEXT,
        help_text=_("What the money goes to, a line each: item and amount."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    granted_amount = models.DecimalField(
        _("amount granted (SEK)"), **AMOUNT, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    case_number = models.CharField(_("case number (diarienummer)"), max_length=50, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    report_due = models.DateField(_("report due"), null=True, blank=True)
    report_text = bounded_text_field(_("report"), blank=True, max_length=TEXT)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    form_token = form_token_field()
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    objects = FundApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            length_constraint("fundapplication", "purpose", TEXT),
            length_constraint("fundapplication", "budget", SHORT_TEXT),
            length_constraint("fundapplication", "report_text", TEXT),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fund_application_amount_not_negative"),
            models.UniqueConstraint(
                fields=["applicant", "form_token"], name="fund_application_once_per_form"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("finance:application", kwargs={"pk": self.pk})

    @property
    def awaits_decision(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.GRANTED)

    @property
    def awaits_report(self) -> bool:
        return self.TRANSITIONS.allows(self.status, self.Status.REPORTED)

    @property
    def is_granted(self) -> bool:
        return self.status in self.GRANTED_STATES


class FundAttachment(models.Model):
    """A PDF of an application or its report. Kept in the database, like the minutes' PDFs:
    one backup holds everything, and no file store is needed. At most 10 MB, checked (and that
    it is a PDF) before it is stored."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("application")
        REPORT = "report", _("report")

    application = models.ForeignKey(
        FundApplication, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.filename


@actions.register
class FundApplicationAction(models.TextChoices):
    SUBMITTED = "fund_application.submitted", _("fund application submitted")
    DECIDED = "fund_application.decided", _("fund application decided")
    REPORTED = "fund_application.reported", _("fund application reported")
