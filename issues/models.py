from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import actions
from core.fields import (
    LONG_TEXT,
    SHORT_TEXT,
    bounded_text_field,
    date_in_range_constraint,
    length_constraint,
    validate_date_year,
)
from core.once import form_token_field
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
    # needs a published update (IssueUpdate), referred to a committee the committee.
    TRANSITIONS = Transitions(_each_to_every_other(Status))
    # What can still be closed is followed up at the group's next meeting, and takes updates.
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
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_date_year])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when the minutes of the meeting it was raised at are released: from then on the issue
    # is on the public pages (never from draft minutes).
    public_since = models.DateTimeField(_("public since"), null=True, blank=True, editable=False)

    history = HistoricalRecords(verbose_name=_("historical issue"), excluded_fields=["public_since"])

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at", "-id"]
        # Each for a list's filter and order (bench/explain.py shows the plans at 100x data).
        indexes = [
            # The register, newest first (without it, every issue is sorted on each request).
            models.Index(fields=["-created_at", "-id"], name="issue_newest_first"),
            # Filtered by status, by department, by group, newest first.
            models.Index(fields=["status", "-created_at"], name="issue_status_newest"),
            models.Index(fields=["department", "-created_at"], name="issue_department_newest"),
            models.Index(fields=["group", "-created_at"], name="issue_group_newest"),
            # The overdue ones: waiting for an answer, past the due date (their count, and the
            # due-date reminders); with the department, their count per department is read
            # from the index alone (issues.selectors.overdue_per_department).
            models.Index(fields=["status", "due_date", "department"], name="issue_status_due"),
            # The overdue part of the register, newest first (issues.selectors.overdue_first):
            # only the issues waiting for an answer (AWAITING_ANSWER_STATES) with a due date,
            # so a page reads its 50 rows instead of filtering the newest thousands one by one.
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(status__in=["in_progress", "open"], due_date__isnull=False),
                name="issue_awaiting_newest",
            ),
            # An area's public issues, latest first.
            models.Index(
                fields=["group", "-public_since"],
                condition=Q(public_since__isnull=False),
                name="issue_group_public",
            ),
        ]
        constraints = [
            date_in_range_constraint("issue", "due_date"),
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
    def accepts_updates(self) -> bool:
        """A closed issue takes no update (the coordinator reopens it first)."""
        return self.is_followed_up

    @property
    def is_public(self) -> bool:
        return self.public_since is not None


@actions.register
class IssueAction(models.TextChoices):
    """What is recorded of an issue in the activity log (core.activity); every change of its
    fields is in its history as well (simple-history)."""

    CREATED = "issue.created", _("issue created")
    STATUS_CHANGED = "issue.status_changed", _("issue status changed")
    UPDATE_ADDED = "issue.update_added", _("issue update written")
    UPDATE_PUBLISHED = "issue.update_published", _("issue update published")
    UPDATE_RETURNED = "issue.update_returned", _("issue update returned")


class IssueUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=IssueUpdate.State.PUBLISHED)

    def awaiting_approval(self):
        return self.filter(state=IssueUpdate.State.AWAITING_APPROVAL)


class IssueUpdate(models.Model):
    """One entry of an issue's timeline: what the responsible department (or the coordinator)
    has to say, optionally with a new status, an expected date and the municipality's case
    number. An official's update waits for the coordinator's approval unless the department
    publishes directly."""

    class State(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned")

    TRANSITIONS = Transitions(
        {
            State.AWAITING_APPROVAL: {State.PUBLISHED, State.RETURNED},
            State.PUBLISHED: set(),
            State.RETURNED: set(),
        }
    )

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="updates", verbose_name=_("issue")
    )
    text = bounded_text_field(_("text"), max_length=LONG_TEXT)
    new_status = models.CharField(_("new status"), max_length=32, choices=Issue.Status.choices, blank=True)
    expected_date = models.DateField(
        _("expected date"), null=True, blank=True, validators=[validate_date_year]
    )
    case_number = models.CharField(_("case number (diarienummer)"), max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    # Who speaks, as the public sees it (settings.PUBLIC_UPDATE_AUTHOR): the department the
    # author wrote for, or none for the coordinator.
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    state = models.CharField(
        _("state"), max_length=32, choices=State.choices, default=State.AWAITING_APPROVAL
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("approved by"),
    )
    return_reason = bounded_text_field(_("reason for returning"), blank=True, max_length=SHORT_TEXT)
    form_token = form_token_field()

    objects = IssueUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue update")
        verbose_name_plural = _("issue updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            date_in_range_constraint("issueupdate", "expected_date"),
            length_constraint("issueupdate", "text", LONG_TEXT),
            length_constraint("issueupdate", "return_reason", SHORT_TEXT),
            models.UniqueConstraint(fields=["author", "form_token"], name="issueupdate_once_per_form"),
        ]
        indexes = [
            models.Index(fields=["issue", "state", "-published_at"], name="issueupdate_timeline"),
            # The newest published updates: the municipality's Atom feed (pages.feeds).
            models.Index(fields=["state", "-published_at", "-id"], name="issueupdate_state_newest"),
        ]

    def __str__(self):
        return f"{self.issue}: {self.created_at:%Y-%m-%d}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_awaiting_approval(self) -> bool:
        return self.state == self.State.AWAITING_APPROVAL


class IssueReminderSent(models.Model):
    """One reminder of a due date to one address, so that send_reminders never sends it twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="+", verbose_name=_("issue"))
    due_date = models.DateField(_("due date"))
    email = models.EmailField(_("email address"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("due date reminder sent")
        verbose_name_plural = _("due date reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "due_date", "email"], name="one_due_reminder_per_address"
            )
        ]

    def __str__(self):
        return f"{self.issue} → {self.email}"
