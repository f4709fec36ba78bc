from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import activity
from issues.errors import IssueError
from issues.models import Issue, IssueAction
from issues.rules import may_answer

# What the coordinator may change through issue_update; status and answer have their own
# transitions, and group and meeting are fixed when the issue is raised.
EDITABLE_FIELDS = frozenset({"title", "description", "department", "committee", "due_date"})


def _check(issue) -> None:
    """The issue's own rules (Issue.clean), raised as the register's error."""
    try:
        issue.clean()
    except ValidationError as error:
        problems = next(iter(error.error_dict.values())) if hasattr(error, "error_dict") else error.error_list
        raise IssueError(str(problems[0].message), code=problems[0].code) from None


def _save(issue, *, by) -> None:
    # Who made the change goes into the issue's history also outside a request (a command,
    # a test), where simple-history's middleware cannot tell.
    issue._history_user = by
    issue.save()


@transaction.atomic
def issue_create(
    *,
    group,
    title,
    by,
    description="",
    meeting=None,
    agenda_item=None,
    department=None,
    committee=None,
    due_date=None,
) -> Issue:
    issue = Issue(
        group=group,
        title=title,
        description=description,
        meeting=meeting,
        agenda_item=agenda_item,
        department=department,
        committee=committee,
        due_date=due_date,
        created_by=by,
    )
    _check(issue)
    _save(issue, by=by)
    activity.record(issue, IssueAction.CREATED, by)
    return issue


@transaction.atomic
def issue_update(*, issue, by, **fields) -> Issue:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"issue_update cannot change {', '.join(sorted(unknown))}")
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    for name, value in fields.items():
        setattr(issue, name, value)
    _check(issue)
    if issue.status == Issue.Status.REFERRED_TO_COMMITTEE and issue.committee_id is None:
        raise IssueError(_("The issue is referred to a committee; the committee cannot be removed."))
    _save(issue, by=by)
    return issue


@transaction.atomic
def issue_change_status(*, issue, status, by) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if status not in Issue.Status.values:
        raise IssueError(_("Choose a status from the list."))
    Issue.TRANSITIONS.require(issue.status, status, IssueError(_("The issue already has that status.")))
    if status == Issue.Status.REFERRED_TO_COMMITTEE and issue.committee_id is None:
        raise IssueError(_("Choose the committee the issue is referred to first."))
    if status == Issue.Status.ANSWERED and not issue.answer:
        raise IssueError(_("The issue has no answer yet; write it in the answer form."))
    previous = issue.get_status_display()
    issue.status = status
    _save(issue, by=by)
    activity.record(issue, IssueAction.STATUS_CHANGED, by, f"{previous} → {issue.get_status_display()}")
    return issue


@transaction.atomic
def issue_answer(*, issue, answer, by) -> Issue:
    """The responsible department answers; the group hears it at its next meeting."""
    # No select_related here: PostgreSQL cannot lock the nullable side of an outer join.
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not may_answer(by, issue):
        raise IssueError(_("Only the coordinator or an official of the responsible department can answer."))
    if not issue.accepts_answers:
        raise IssueError(_("The issue is closed."))
    answer = answer.strip()
    if not answer:
        raise IssueError(_("Write the answer."))
    issue.answer = answer
    issue.answered_by = by
    issue.answered_at = timezone.now()
    issue.status = Issue.Status.ANSWERED
    _save(issue, by=by)
    activity.record(issue, IssueAction.ANSWERED, by)
    return issue
