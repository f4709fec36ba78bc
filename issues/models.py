from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import actions
from core.fields import (
    LONG_TEXT,
    bounded_text_field,
    date_in_range_constraint,
    length_constraint,
    validate_date_year,
)
from core.states import Transitions
from groups.models import Group
from meetings.models import AgendaItem, Meeting
from officials.models import Committee, Department


def _each_to_every_other(states) -> dict:
    return {state: set(states) - {state} for state in states}


class IssueQuerySet(models.QuerySet):
    def followed_up(self):
        """Not closed: listed under the follow-up item of the group's next meeting
        (Issue.is_followed_up asks the same of one issue)."""
        return self.filter(status__in=Issue.FOLLOW_UP_STATES)


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

    # The coordinator moves an issue to any other status, a closed one too (it is reopened):
    # the register follows what happens outside it. Two moves need something first: answered
    # needs the answer (written through issue_answer), referred to a committee the committee.
    TRANSITIONS = Transitions(_each_to_every_other(Status))
    # What can still be closed is followed up at the group's next meeting, and can be
    # answered (or its answer changed).
    FOLLOW_UP_STATES = TRANSITIONS.sources(Status.CLOSED)
    # Still waiting for the responsible department: past the due date, these are overdue.
    AWAITING_ANSWER_STATES = frozenset({Status.OPEN, Status.IN_PROGRESS})

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

    objects = IssueQuerySet.as_manager()

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

    def clean(self):
        """The register's rules of one issue, for its forms and for its services (which raise
        them as an IssueError): raised at a meeting of its group, and someone answers to it."""
        super().clean()
        if self.agenda_item_id is not None and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError(
                _("The agenda item belongs to another meeting."), code="item_of_other_meeting"
            )
        if (
            self.meeting_id is not None
            and self.group_id is not None
            and self.meeting.group_id != self.group_id
        ):
            raise ValidationError(_("The meeting belongs to another group."), code="meeting_of_other_group")
        if not self.has_someone_responsible:
            raise ValidationError(
                {
                    "department": ValidationError(
                        _("Choose the department or the committee responsible."), code="no_responsible"
                    )
                }
            )

    @property
    def has_someone_responsible(self) -> bool:
        return self.department_id is not None or self.committee_id is not None

    @property
    def is_followed_up(self) -> bool:
        """IssueQuerySet.followed_up() for one issue."""
        return self.status in self.FOLLOW_UP_STATES

    @property
    def is_referred_to_budget(self) -> bool:
        """Referred to the budget process: it may carry a budget referral (finance)."""
        return self.status == self.Status.REFERRED_TO_BUDGET

    @property
    def accepts_answers(self) -> bool:
        """A closed issue takes no answer; one that is followed up does (again, if answered)."""
        return self.is_followed_up


@actions.register
class IssueAction(models.TextChoices):
    """What is recorded of an issue in the activity log (core.activity); every change of its
    fields is in its history as well (simple-history)."""

    CREATED = "issue.created", _("issue created")
    STATUS_CHANGED = "issue.status_changed", _("issue status changed")
    ANSWERED = "issue.answered", _("issue answered")
