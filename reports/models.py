from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import actions
from officials.models import Committee


class ReportDispatch(models.Model):
    """The report sent to committees (its PDF attached, a link to the page), with the case
    number (diarienummer) the registry gave it."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("yearly report")
        QUARTERLY = "quarterly", _("quarterly digest")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.YEARLY)
    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    committees = models.ManyToManyField(
        Committee, related_name="report_dispatches", verbose_name=_("committees")
    )
    case_number = models.CharField(_("case number (diarienummer)"), max_length=50)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("report dispatch")
        verbose_name_plural = _("report dispatches")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="yearly") & Q(quarter__isnull=True))
                | (Q(kind="quarterly") & Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="report_dispatch_quarter_of_quarterly_only",
            ),
        ]

    def __str__(self):
        if self.quarter:
            return f"{self.get_kind_display()} {self.year} Q{self.quarter} ({self.case_number})"
        return f"{self.get_kind_display()} {self.year} ({self.case_number})"


@actions.register
class ReportAction(models.TextChoices):
    """What is recorded of a report in the activity log (core.activity)."""

    SENT = "report.sent", _("report sent")
