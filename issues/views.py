import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import permission_required, query_without, require_permission, safe_next_url, submit_form
from issues import selectors, services
from issues.errors import IssueError
from issues.filters import IssueFilter
from issues.forms import IssueAnswerForm, IssueCreateForm, IssueForm, IssueStatusForm
from issues.models import Issue
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


def _render_detail(request, issue, *, answer_form=None, status_form=None):
    user = request.user
    may_answer = user.has_perm("issues.answer_issue", issue) and issue.accepts_answers
    context = {
        "issue": issue,
        "history": selectors.issue_changes(issue),
        "meeting_is_visible": issue.meeting is not None
        and user.has_perm("meetings.see_meeting", issue.meeting),
        "answer_form": (answer_form or IssueAnswerForm(issue=issue)) if may_answer else None,
        "status_form": (
            (status_form or IssueStatusForm(issue=issue)) if user.has_perm("issues.manage_issues") else None
        ),
    }
    return render(request, "issues/issue_detail.html", context)


# The municipality's people ----------------------------------------------------------------


@permission_required("issues.view_issue_list")
def issue_list(request):
    issue_filter = IssueFilter(request.GET, queryset=selectors.issues_for_listing(), user=request.user)
    page = Paginator(issue_filter.qs, ISSUES_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "filter": issue_filter,
        "page": page,
        "query_without_page": query_without(request, "sida"),
    }
    return render(request, "issues/issue_list.html", context)


# The issue's page: staff and the group's members ----------------------------------------


@login_required
def issue_detail(request, pk):
    return _render_detail(request, _issue_for_viewing(request, pk))


@require_POST
@login_required
def issue_answer(request, pk):
    issue = require_permission(request.user, "issues.answer_issue", _issue_for_viewing(request, pk))
    form = IssueAnswerForm(request.POST, issue=issue)
    if not form.is_valid():
        return _render_detail(request, issue, answer_form=form)
    try:
        services.issue_answer(issue=issue, answer=form.cleaned_data["answer"], by=request.user)
    except IssueError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The answer was saved. The group hears it at its next meeting."))
    return redirect(issue)


# The coordinator ------------------------------------------------------------------------


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
