from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from issues.models import Issue
from officials.models import Department

# Shown in the history of an issue when they change; who answered and when is implied by the
# answer, and the bookkeeping fields never change after creation.
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
    "answer",
)


def issues_for_listing():
    """Issues with what a list or a page shows of them, and `is_overdue`."""
    overdue = Q(due_date__lt=timezone.localdate(), status__in=Issue.AWAITING_ANSWER_STATES)
    return Issue.objects.select_related("group__area", "department", "committee", "meeting").annotate(
        is_overdue=ExpressionWrapper(overdue, output_field=BooleanField())
    )


def issue_for_page():
    """One issue's page: the listing's data plus where it was raised and who answered."""
    return issues_for_listing().select_related("agenda_item", "answered_by", "created_by")


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
        }
        for issue in open_issues_of(group)
    ]


@dataclass(frozen=True)
class FollowUpIssue:
    """An issue as the follow-up item of an agenda lists it."""

    issue_id: int
    title: str
    status: str
    responsible: str

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
            "issue_id", "title", "status", "responsible"
        )
    else:
        rows = open_issues_record(meeting.group)
    return [FollowUpIssue(**row) for row in rows]
