from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import activity, once
from issues import signals
from issues.errors import IssueError
from issues.models import Issue, IssueAction, IssueUpdate
from issues.rules import may_approve, may_write_update

# What the coordinator may change through issue_update; the status and the updates (the
# timeline) have their own services, and group and meeting are fixed when the issue is raised.
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
    public=False,
) -> Issue:
    """A new issue; `public` puts it on the public pages at once (one raised from a resident's
    suggestion, which is public already), otherwise it goes public with its meeting's minutes."""
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
        public_since=timezone.now() if public else None,
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
    if status == Issue.Status.ANSWERED and not issue.updates.published().exists():
        raise IssueError(_("The issue has no published update yet; write the answer as an update."))
    previous = issue.get_status_display()
    issue.status = status
    _save(issue, by=by)
    activity.record(issue, IssueAction.STATUS_CHANGED, by, f"{previous} → {issue.get_status_display()}")
    return issue


def _department_of(author, issue):
    """The department an update speaks for: the issue's, unless the coordinator writes it."""
    if may_approve(author):
        return None
    return issue.department


def _publish(update, *, by) -> None:
    """Publish the update and apply its new status (the issue is locked by the caller)."""
    issue = update.issue
    update.state = IssueUpdate.State.PUBLISHED
    update.published_at = timezone.now()
    update.approved_by = by
    update.save(update_fields=["state", "published_at", "approved_by"])
    if update.new_status and update.new_status != issue.status:
        previous = issue.get_status_display()
        issue.status = update.new_status
        _save(issue, by=update.author or by)
        activity.record(issue, IssueAction.STATUS_CHANGED, by, f"{previous} → {issue.get_status_display()}")
    activity.record(issue, IssueAction.UPDATE_PUBLISHED, by)
    signals.update_published.send(sender=IssueUpdate, update=update)


@transaction.atomic
def issue_update_add(
    *, issue, by, text, new_status="", expected_date=None, case_number="", form_token=None
) -> IssueUpdate:
    """An update on the issue's timeline. The coordinator's, and those of a department that
    publishes directly, are published at once; an official's otherwise waits for approval.
    The same form sent again (`form_token`: a double click, a reload) stores, publishes and
    mails it once, and answers with the one stored, even if that one closed the issue."""
    # No select_related here: PostgreSQL cannot lock the nullable side of an outer join.
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    # Asked with the issue locked: a request that sent the same form first has committed.
    sent = once.sent_before(IssueUpdate.objects.filter(author=by), form_token)
    if sent is not None:
        return sent
    if not may_write_update(by, issue):
        raise IssueError(
            _("Only the coordinator or an official of the responsible department can write an update."),
            code="not_responsible",
        )
    if not issue.accepts_updates:
        raise IssueError(
            _(
                "The issue is closed. The coordinator reopens it (changes its status) before it takes updates."
            ),
            code="closed",
        )
    text = text.strip()
    if not text:
        raise IssueError(_("Write the update."), code="no_text")
    if new_status and new_status not in Issue.Status.values:
        raise IssueError(_("Choose a status from the list."), code="unknown_status")
    if new_status == Issue.Status.REFERRED_TO_COMMITTEE and issue.committee_id is None:
        raise IssueError(_("Choose the committee the issue is referred to first."), code="no_committee")
    update = IssueUpdate(
        issue=issue,
        text=text,
        new_status=new_status or "",
        expected_date=expected_date,
        case_number=case_number.strip(),
        author=by,
        department=_department_of(by, issue),
        form_token=form_token,
    )
    try:
        update.full_clean(exclude=["issue", "author", "department", "approved_by", "form_token"])
    except ValidationError as error:
        raise IssueError(error.messages[0], code="invalid") from None
    update, created = once.create_once(update, IssueUpdate.objects.filter(author=by))
    if not created:
        return update
    activity.record(issue, IssueAction.UPDATE_ADDED, by)
    if may_approve(by) or (update.department is not None and update.department.publishes_directly):
        _publish(update, by=by)
    return update


def _locked_update(update) -> IssueUpdate:
    # The issue first, then the update: the order issue_update_add locks them in.
    Issue.objects.select_for_update().get(pk=update.issue_id)
    return IssueUpdate.objects.select_for_update().select_related("issue").get(pk=update.pk)


@transaction.atomic
def issue_update_approve(*, update, by) -> IssueUpdate:
    """The coordinator approves an official's update: it is published (with its status)."""
    if not may_approve(by):
        raise IssueError(_("Only the coordinator approves updates."), code="not_coordinator")
    update = _locked_update(update)
    IssueUpdate.TRANSITIONS.require(
        update.state,
        IssueUpdate.State.PUBLISHED,
        IssueError(_("The update is no longer waiting for approval."), code="not_awaiting"),
    )
    if update.new_status and not update.issue.accepts_updates:
        raise IssueError(
            _("The issue has been closed meanwhile. Reopen it first, or return the update."), code="closed"
        )
    _publish(update, by=by)
    return update


@transaction.atomic
def issue_update_return(*, update, by, reason) -> IssueUpdate:
    """The coordinator returns an official's update with a reason: it is never published."""
    if not may_approve(by):
        raise IssueError(_("Only the coordinator returns updates."), code="not_coordinator")
    update = _locked_update(update)
    IssueUpdate.TRANSITIONS.require(
        update.state,
        IssueUpdate.State.RETURNED,
        IssueError(_("The update is no longer waiting for approval."), code="not_awaiting"),
    )
    reason = reason.strip()
    if not reason:
        raise IssueError(_("Say why the update is returned."), code="no_reason")
    update.state = IssueUpdate.State.RETURNED
    update.return_reason = reason
    update.approved_by = by
    update.save(update_fields=["state", "return_reason", "approved_by"])
    activity.record(update.issue, IssueAction.UPDATE_RETURNED, by, reason)
    return update


@transaction.atomic
def issues_make_public(*, meeting) -> int:
    """The minutes of the meeting are released: its issues go on the public pages (once; a
    correction of the minutes does not move the date)."""
    return Issue.objects.filter(meeting=meeting, public_since__isnull=True).update(
        public_since=timezone.now()
    )
