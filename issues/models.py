from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import (
    LONG_TEXT,
    bounded_text_field,
    date_in_range_constraint,
    length_constraint,
    validate_date_year,
)
from groups.models import Group
from meetings.models import AgendaItem, Meeting
from officials.models import Committee, Department


class Issue(models.Model):
    """A follow-up question (sakfråga) raised at a meeting, with the department or committee
    responsible for the answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REFERRED_TO_BUDGET = "referred_to_budget", _("referred to the budget process")
        REFERRED_TO_COMMITTEE = "referred_to_committee", _("referred to a committee")

    # Everything not closed is followed up at the group's next meeting.
    FOLLOW_UP_STATES = frozenset(
        {
            Status.OPEN,
            Status.IN_PROGRESS,
            Status.ANSWERED,
            Status.REFERRED_TO_BUDGET,
            Status.REFERRED_TO_COMMITTEE,
        }
    )

    title = models.CharField(_("title"), max_length=200)
    description = bounded_text_field(_("description"), blank=True, max_length=LONG_TEXT)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="issues", verbose_name=_("group"))
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
        verbose_name=_("raised at"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
        verbose_name=_("agenda item"),
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
        verbose_name=_("responsible department"),
    )
    committee = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
        verbose_name=_("responsible committee"),
    )
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.OPEN)
    answer = bounded_text_field(_("answer"), blank=True, max_length=LONG_TEXT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_date_year])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("historical issue"))

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at", "-id"]
        constraints = [
            date_in_range_constraint("issue", "due_date"),
            length_constraint("issue", "answer", LONG_TEXT),
            length_constraint("issue", "description", LONG_TEXT),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("issues:detail", kwargs={"pk": self.pk})

    @property
    def is_followed_up(self) -> bool:
        return self.status in self.FOLLOW_UP_STATES
