import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import permission_required, query_without, require_permission, safe_next_url, submit_form
from groups.models import Area
from issues import export, selectors, services
from issues.errors import IssueError
from issues.filters import IssueFilter, PublicIssueFilter
from issues.forms import IssueCreateForm, IssueForm, IssueStatusForm, IssueUpdateForm, UpdateReturnForm
from issues.models import Issue, IssueUpdate
from meetings.models import AgendaItem, Meeting

ISSUES_PER_PAGE = 50


def _issue(pk) -> Issue:
    return get_object_or_404(selectors.issue_for_page(), pk=pk)


def _issue_for_viewing(request, pk) -> Issue:
    return require_permission(request.user, "issues.view_issue_page", _issue(pk))


def _by_id(queryset, raw):
    """The object for an id from the query string; 404 for anything else."""
    try:
        pk = int(raw)
    except ValueError:
        raise Http404 from None
    return get_object_or_404(queryset, pk=pk)


def _raised_at(request) -> tuple[Meeting | None, AgendaItem | None]:
    """The meeting (?mote=) and agenda item (?punkt=) a new issue is raised at. An agenda
    item alone stands for its own meeting; whether the two belong together the form checks."""
    meeting_id, item_id = request.GET.get("mote", ""), request.GET.get("punkt", "")
    agenda_item = (
        _by_id(AgendaItem.objects.select_related("meeting__group__area"), item_id) if item_id else None
    )
    if meeting_id:
        meeting = _by_id(Meeting.objects.select_related("group__area"), meeting_id)
    else:
        meeting = agenda_item.meeting if agenda_item else None
    return meeting, agenda_item


TIMELINE_LIMIT = 100


def _with_return_forms(updates, *, back: str, sent=None) -> None:
    """Each update waiting for approval gets the form the coordinator returns it with (the one
    sent, with its errors, for the update it was sent for)."""
    for update in updates:
        if sent is not None and sent.update_id == update.pk:
            update.return_form = sent
        else:
            update.return_form = UpdateReturnForm(update=update, initial={"next": back})


def _render_detail(request, issue, *, update_form=None, status_form=None, return_form=None):
    """One page for everyone: the public sees the published timeline, where the issue came
    from and the agendas that followed it up; the municipality's people also what is internal
    (updates waiting or returned, who wrote them, the history) and their actions."""
    user = request.user
    internal = user.has_perm("issues.see_internal")
    may_write = user.has_perm("issues.write_update", issue) and issue.accepts_updates
    publishes_at_once = user.has_perm("issues.approve_updates") or bool(
        issue.department and issue.department.publishes_directly
    )
    context = {
        "issue": issue,
        "internal": internal,
        "show_author_names": internal or settings.PUBLIC_UPDATE_AUTHOR == "name",
        "timeline": list(selectors.timeline(issue, internal=internal)[:TIMELINE_LIMIT]),
        "follow_up_meetings": selectors.follow_up_meetings(issue)[:TIMELINE_LIMIT],
        "history": selectors.issue_changes(issue) if internal else [],
        "meeting_is_visible": issue.meeting is not None
        and user.has_perm("meetings.see_meeting", issue.meeting),
        "update_form": (
            (update_form or IssueUpdateForm(issue=issue, publishes_at_once=publishes_at_once))
            if may_write
            else None
        ),
        "publishes_at_once": publishes_at_once,
        "closed_for_updates": user.has_perm("issues.write_update", issue) and not issue.accepts_updates,
        "status_form": (
            (status_form or IssueStatusForm(issue=issue)) if user.has_perm("issues.manage_issues") else None
        ),
    }
    if user.has_perm("issues.approve_updates"):
        _with_return_forms(
            (update for update in context["timeline"] if update.is_awaiting_approval),
            back=issue.get_absolute_url(),
            sent=return_form,
        )
    return render(request, "issues/issue_detail.html", context)


# The municipality's people ----------------------------------------------------------------


@permission_required("issues.view_issue_list")
def issue_list(request):
    issue_filter = IssueFilter(request.GET, queryset=selectors.issues_for_listing(), user=request.user)
    page = Paginator(selectors.overdue_first(issue_filter.qs), ISSUES_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    context = {
        "filter": issue_filter,
        "page": page,
        "query_without_page": query_without(request, "sida"),
        "overdue_per_department": selectors.overdue_per_department(),
    }
    return render(request, "issues/issue_list.html", context)


@permission_required("issues.view_issue_list")
def issue_export(request, file_format):
    """The list as a spreadsheet, with the filters of the page it was asked from."""
    if file_format not in export.FORMATS:
        raise Http404
    issue_filter = IssueFilter(
        request.GET, queryset=selectors.with_latest_update(selectors.issues_for_listing()), user=request.user
    )
    response = HttpResponse(
        export.export(issue_filter.qs, file_format), content_type=export.FORMATS[file_format]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="sakfragor-{timezone.localdate():%Y-%m-%d}.{file_format}"'
    )
    return response


# The issue's page: staff and the group's members ----------------------------------------


def issue_detail(request, pk):
    issue = _issue(pk)
    if not request.user.has_perm("issues.view_issue_page", issue):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return _render_detail(request, issue)


@require_POST
@login_required
def issue_add_update(request, pk):
    issue = require_permission(request.user, "issues.write_update", _issue_for_viewing(request, pk))
    form = IssueUpdateForm(request.POST, issue=issue, publishes_at_once=False)
    if not form.is_valid():
        return _render_detail(request, issue, update_form=form)
    try:
        update = services.issue_update_add(issue=issue, by=request.user, **form.cleaned_data)
    except IssueError as error:
        messages.error(request, error.message)
        return redirect(issue)
    if update.is_published:
        messages.success(request, _("The update is published."))
    else:
        messages.success(
            request, _("The update is sent to the coordinator for approval; it is published then.")
        )
    return redirect(issue)


# Public: an area's issues -----------------------------------------------------------------


def public_list(request, slug):
    area = get_object_or_404(Area, slug=slug)
    issue_filter = PublicIssueFilter(request.GET, queryset=selectors.public_issues_of(area))
    page = Paginator(issue_filter.qs, ISSUES_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "area": area,
        "filter": issue_filter,
        "page": page,
        "query_without_page": query_without(request, "sida"),
    }
    return render(request, "issues/public_list.html", context)


# The coordinator ------------------------------------------------------------------------


def _update(pk) -> IssueUpdate:
    return get_object_or_404(IssueUpdate.objects.select_related("issue"), pk=pk)


@permission_required("issues.approve_updates")
def approval_queue(request):
    updates = selectors.updates_awaiting_approval()
    page = Paginator(updates, ISSUES_PER_PAGE).get_page(request.GET.get("sida"))
    _with_return_forms(page.object_list, back=request.get_full_path())
    context = {"page": page, "query_without_page": query_without(request, "sida")}
    return render(request, "issues/approval_queue.html", context)


@require_POST
@permission_required("issues.approve_updates")
def update_approve(request, pk):
    update = _update(pk)
    try:
        services.issue_update_approve(update=update, by=request.user)
    except IssueError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The update is published."))
    return redirect(safe_next_url(request) or update.issue)


@require_POST
@permission_required("issues.approve_updates")
def update_return(request, pk):
    update = _update(pk)
    form = UpdateReturnForm(request.POST, update=update)
    if not form.is_valid():
        return _render_detail(request, _issue(update.issue_id), return_form=form)
    try:
        services.issue_update_return(update=update, by=request.user, reason=form.cleaned_data["reason"])
    except IssueError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The update was returned to its author with the reason."))
    return redirect(safe_next_url(request) or update.issue)


@require_POST
@permission_required("issues.manage_issues")
def issue_change_status(request, pk):
    issue = _issue(pk)
    form = IssueStatusForm(request.POST, issue=issue)
    if not form.is_valid():
        return _render_detail(request, issue, status_form=form)
    try:
        issue = services.issue_change_status(issue=issue, status=form.cleaned_data["status"], by=request.user)
    except IssueError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The status is now “%(status)s”.") % {"status": issue.get_status_display()}
        )
    return redirect(issue)


@permission_required("issues.manage_issues")
def issue_create(request):
    meeting, agenda_item = _raised_at(request)
    form = IssueCreateForm(request.POST or None, meeting=meeting, agenda_item=agenda_item)
    issue = submit_form(
        request,
        form,
        lambda data: services.issue_create(by=request.user, **data),
        lambda issue: _("The issue “%(title)s” was created.") % {"title": issue.title},
    )
    if issue:
        return redirect(safe_next_url(request) or issue)
    context = {"form": form, "meeting": meeting, "agenda_item": agenda_item, "back": safe_next_url(request)}
    return render(request, "issues/issue_form.html", context)


@permission_required("issues.manage_issues")
def issue_edit(request, pk):
    issue = _issue(pk)
    # The form works on a copy: a refused save must not show the typed title as the issue's.
    form = IssueForm(request.POST or None, instance=copy.copy(issue))
    if submit_form(
        request,
        form,
        lambda data: services.issue_update(issue=issue, by=request.user, **data),
        _("The issue was saved."),
    ):
        return redirect(issue)
    return render(request, "issues/issue_form.html", {"form": form, "issue": issue})
