from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from core.lists import Concatenated
from issues.models import Issue, IssueUpdate
from meetings.models import Meeting
from officials.models import Department

# Shown in the history of an issue when they change; the updates are its timeline, and the
# bookkeeping fields never change after creation.
HISTORY_FIELDS = (
    "title",
    "description",
    "group",
    "meeting",
    "agenda_item",
    "department",
    "committee",
    "status",
    "due_date",
)


def overdue() -> Q:
    """Past its due date and still waiting for the responsible department."""
    return Q(due_date__lt=timezone.localdate(), status__in=Issue.AWAITING_ANSWER_STATES)


def issues_for_listing():
    """Issues with what a list or a page shows of them, and `is_overdue`."""
    return Issue.objects.select_related("group__area", "department", "committee", "meeting").annotate(
        is_overdue=ExpressionWrapper(overdue(), output_field=BooleanField())
    )


def overdue_first(issues) -> Concatenated:
    """The overdue issues, newest first, then the others, newest first: what is late is what the
    coordinator chases. Two parts, each in the order of an index (issue_status_due for the few
    overdue ones, issue_newest_first for the rest), instead of sorting every issue by lateness;
    counted as the overdue ones and all (the rest, most issues, would be read row by row)."""
    return Concatenated(
        issues.filter(overdue()).order_by("-created_at", "-id"),
        issues.exclude(overdue()).order_by("-created_at", "-id"),
        total=issues,
    )


def overdue_per_department_query():
    # COUNT(*), not of the id: the index issue_status_due then answers without the table.
    late = Issue.objects.filter(overdue())
    return late.values("department__name").annotate(count=Count("*")).order_by("-count", "department__name")


def overdue_per_department() -> list[dict]:
    """How many issues are overdue, per department responsible (one query; a committee-only
    issue counts under no department)."""
    return list(overdue_per_department_query())


def with_latest_update(issues):
    """Issues annotated with their latest published update: `latest_update_text` and
    `latest_update_at` (None without one). Two subqueries, whatever the number of issues."""
    latest = IssueUpdate.objects.published().filter(issue=OuterRef("pk")).order_by("-published_at", "-id")
    return issues.annotate(
        latest_update_text=Subquery(latest.values("text")[:1]),
        latest_update_at=Subquery(latest.values("published_at")[:1]),
    )


def public_issues_of(area):
    """The area's issues on the public pages: those of released minutes, newest first."""
    return with_latest_update(
        Issue.objects.filter(group__area=area, public_since__isnull=False)
        .select_related("department", "committee", "meeting")
        .order_by("-public_since", "-id")
    )


def issue_for_page():
    """One issue's page: the listing's data plus where it was raised and who created it."""
    return issues_for_listing().select_related("agenda_item", "created_by")


def timeline(issue, *, internal: bool):
    """The issue's updates, newest first: the published ones, and for the municipality's people
    (internal) those waiting for approval and returned as well."""
    updates = issue.updates.select_related("department", "author", "approved_by")
    if internal:
        return updates.order_by("-created_at", "-id")
    return updates.published().order_by("-published_at", "-id")


def updates_awaiting_approval():
    """The coordinator's approval queue, oldest first."""
    return (
        IssueUpdate.objects.awaiting_approval()
        .select_related("issue__group__area", "issue__department", "author", "department")
        .order_by("created_at", "id")
    )


def follow_up_meetings(issue):
    """The published agendas that followed the issue up (their follow-up item listed it)."""
    return (
        Meeting.objects.filter(published_issues__issue_id=issue.pk, published_at__isnull=False)
        .distinct()
        .order_by("starts_at", "id")
    )


def open_issues_of(group):
    """The issues followed up at the group's next meeting, oldest first."""
    return (
        Issue.objects.followed_up()
        .filter(group=group)
        .select_related("department", "committee")
        .order_by("created_at", "id")
    )


def status_history(issue):
    """Every saved change of the issue, newest first, with who made it."""
    return issue.history.select_related("history_user").order_by("-history_date", "-history_id")


def issue_changes(issue) -> list:
    """The history records, newest first, each with `changed_fields`: the labels of what it
    changed compared with the record before (empty for the first), and `is_creation`. One query."""
    records = list(status_history(issue))
    for record, older in zip(records, [*records[1:], None], strict=True):
        record.is_creation = record.history_type == "+"
        if older is None:
            record.changed_fields = []
            continue
        changed = set(record.diff_against(older, included_fields=HISTORY_FIELDS).changed_fields)
        record.changed_fields = [
            Issue._meta.get_field(name).verbose_name for name in HISTORY_FIELDS if name in changed
        ]
    return records


def departments_of(user):
    """The departments the user is an official of (none for everyone else)."""
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(officials__user=user)


def _responsible_name(issue) -> str:
    responsible = issue.department or issue.committee
    return responsible.name if responsible else ""


def open_issues_record(group) -> list[dict]:
    """The group's open issues as plain data, in the order they are followed up: what a
    published agenda keeps as its record (meetings.PublishedIssue, which cannot refer to
    this app's models)."""
    return [
        {
            "issue_id": issue.pk,
            "title": issue.title,
            "status": issue.status,
            "responsible": _responsible_name(issue),
            "latest_update": issue.latest_update_text or "",
            "latest_update_at": issue.latest_update_at,
        }
        for issue in with_latest_update(open_issues_of(group))
    ]


@dataclass(frozen=True)
class FollowUpIssue:
    """An issue as the follow-up item of an agenda lists it."""

    issue_id: int
    title: str
    status: str
    responsible: str
    latest_update: str = ""
    latest_update_at: datetime | None = None

    @property
    def status_label(self) -> str:
        return Issue.Status(self.status).label if self.status in Issue.Status.values else self.status

    def get_absolute_url(self) -> str:
        return reverse("issues:detail", kwargs={"pk": self.issue_id})


def follow_up_issues(meeting) -> list[FollowUpIssue]:
    """What the follow-up item of the meeting's agenda lists. A published agenda is a record:
    the issues open when it was published, as they were then. Before that, those open now."""
    if meeting.published_at is not None:
        rows = meeting.published_issues.order_by("position", "id").values(
            "issue_id", "title", "status", "responsible", "latest_update", "latest_update_at"
        )
    else:
        rows = open_issues_record(meeting.group)
    return [FollowUpIssue(**row) for row in rows]


def issues_referred_to(representative):
    """The issues of the committees an elected representative sits on, newest first."""
    return (
        issues_for_listing()
        .filter(committee__elected_representatives=representative)
        .order_by("-created_at", "-id")
    )
