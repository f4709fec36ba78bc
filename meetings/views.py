from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Group
from groups.rules import is_current_member
from meetings import selectors, services
from meetings.errors import AgendaConflict, MeetingError
from meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    DeclineForm,
    MeetingForm,
    MergeForm,
    OfficialsForm,
    ProposalForm,
    PublishForm,
    ReviewForm,
    ReviewRequestForm,
    RoundForm,
    RoundMeetingForm,
    RsvpForm,
)
from meetings.ics import ICS_MIMETYPE, calendar_for
from meetings.models import AgendaItem, AgendaReview, Meeting, MeetingRound, Proposal, Rsvp
from meetings.rules import (
    can_answer,
    can_edit_proposal,
    can_manage_meetings,
    can_propose,
    can_review,
    can_see_own_meetings,
    can_view_meeting,
)


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_meetings(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group__area"), pk=pk)


def _meeting_for_viewing(request, pk) -> Meeting:
    meeting = _meeting(pk)
    if not can_view_meeting(request.user, meeting):
        # Unpublished meetings do not exist for those who may not see them.
        raise Http404
    return meeting


def _manage(meeting):
    return redirect("meetings:manage", pk=meeting.pk)


def _agenda_with_times(meeting):
    """The agenda items with the clock time each starts, from the meeting's start."""
    items = list(selectors.agenda_items(meeting))
    clock = timezone.localtime(meeting.starts_at)
    for item in items:
        item.starts_at = clock
        clock = clock + timedelta(minutes=item.duration_minutes)
    return items


def _submit(request, form, action, success_message):
    """Validate the form and run the action with its data. A refused action becomes an
    error on the form, so that nothing typed is lost. Returns the action's result, or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except MeetingError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, success_message)
    return result if result is not None else True


# Everyone -----------------------------------------------------------------------------


def meeting_detail(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    user = request.user
    context = {
        "meeting": meeting,
        "items": _agenda_with_times(meeting),
        "committees": list(meeting.committees.all()),
        "can_manage": can_manage_meetings(user),
        "can_propose": user.is_authenticated and can_propose(user, meeting),
        "is_member": user.is_authenticated and is_current_member(user, meeting.group),
    }
    if context["is_member"]:
        rsvp = Rsvp.objects.filter(meeting=meeting, person=user).first()
        context["rsvp"] = rsvp
        context["rsvp_form"] = RsvpForm(instance=rsvp)
        context["my_proposals"] = meeting.proposals.filter(proposer=user).select_related("agenda_item")
    return render(request, "meetings/meeting_detail.html", context)


def meeting_ics(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    response = HttpResponse(
        calendar_for([meeting], name=meeting.title), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def group_feed_ics(request, slug):
    group = get_object_or_404(Group.objects.select_related("area"), area__slug=slug, active=True)
    meetings = selectors.public_meetings().filter(group=group).order_by("starts_at")
    response = HttpResponse(
        calendar_for(meetings, name=group.name), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    return response


# Representatives -----------------------------------------------------------------------


@login_required
def proposal_create(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    if not is_current_member(request.user, meeting.group):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: services.proposal_submit(meeting=meeting, proposer=request.user, **data),
        _("Thank you! Your proposal has been sent to the coordinator."),
    ):
        return redirect(meeting)
    if request.method == "GET" and not meeting.accepts_proposals:
        messages.error(request, _("The meeting does not take proposals now."))
        return redirect(meeting)
    return render(request, "meetings/proposal_form.html", {"meeting": meeting, "form": form})


def _own_proposal(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("meeting__group__area"), pk=pk)
    if proposal.proposer_id != request.user.pk:
        raise PermissionDenied
    return proposal


@login_required
def proposal_edit(request, pk):
    proposal = _own_proposal(request, pk)
    if not can_edit_proposal(request.user, proposal):
        messages.error(
            request, _("The coordinator has already handled the proposal; it can no longer be changed.")
        )
        return redirect(proposal.meeting)
    form = ProposalForm(request.POST or None, instance=proposal)
    if _submit(
        request,
        form,
        lambda data: services.proposal_update(proposal=proposal, by=request.user, **data),
        _("Your proposal was saved."),
    ):
        return redirect(proposal.meeting)
    return render(
        request,
        "meetings/proposal_form.html",
        {"meeting": proposal.meeting, "form": form, "proposal": proposal},
    )


@require_POST
@login_required
def proposal_withdraw(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.proposal_withdraw(proposal=proposal, by=request.user)
    except MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your proposal was withdrawn."))
    return redirect(proposal.meeting)


@require_POST
@login_required
def rsvp(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    if not can_answer(request.user, meeting):
        raise PermissionDenied
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            services.rsvp_answer(meeting=meeting, person=request.user, **form.cleaned_data)
        except MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you for your answer."))
    else:
        messages.error(request, _("Choose whether you are coming."))
    return redirect(meeting)


# Officials -----------------------------------------------------------------------------


@login_required
def my_meetings(request):
    if not can_see_own_meetings(request.user):
        raise PermissionDenied
    context = {
        "reviews": selectors.pending_reviews_of(request.user),
        "meetings": selectors.meetings_of_official(request.user),
    }
    return render(request, "meetings/my_meetings.html", context)


@require_POST
@login_required
def review_decide(request, pk):
    review = get_object_or_404(AgendaReview.objects.select_related("meeting"), pk=pk)
    if not can_review(request.user, review):
        raise PermissionDenied
    form = ReviewForm(request.POST, prefix=f"review-{review.pk}")
    if form.is_valid():
        try:
            services.agenda_review_decide(
                review=review,
                reviewer=request.user,
                approve=form.cleaned_data["verdict"] == ReviewForm.APPROVE,
                comment=form.cleaned_data["comment"],
            )
        except MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your verdict was sent to the coordinator."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("meetings:my_meetings")


@login_required
def review_agenda(request, pk):
    """The agenda as the reviewer sees it, with the verdict form."""
    review = get_object_or_404(AgendaReview.objects.select_related("meeting__group__area"), pk=pk)
    if not can_review(request.user, review):
        raise PermissionDenied
    meeting = review.meeting
    context = {
        "review": review,
        "meeting": meeting,
        "committees": list(meeting.committees.all()),
        "items": _agenda_with_times(meeting),
        "form": ReviewForm(prefix=f"review-{review.pk}"),
    }
    return render(request, "meetings/review.html", context)


# The coordinator -----------------------------------------------------------------------


@coordinator_required
def meeting_create(request, slug):
    group = get_object_or_404(Group.objects.select_related("area"), area__slug=slug, active=True)
    form = MeetingForm(
        request.POST or None, initial={"title": _("Meeting of %(group)s") % {"group": group.name}}
    )
    meeting = _submit(
        request,
        form,
        lambda data: services.meeting_create(
            group=group, created_by=request.user, **form.service_arguments()
        ),
        _("The meeting was created as a draft. Open it for proposals when ready."),
    )
    if meeting:
        return _manage(meeting)
    return render(request, "meetings/meeting_form.html", {"group": group, "form": form})


@coordinator_required
def meeting_edit(request, pk):
    meeting = _meeting(pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if _submit(
        request,
        form,
        lambda data: services.meeting_update(meeting=meeting, by=request.user, **form.service_arguments()),
        _("The meeting was saved."),
    ):
        return _manage(meeting)
    return render(
        request, "meetings/meeting_form.html", {"group": meeting.group, "form": form, "meeting": meeting}
    )


@coordinator_required
def meeting_manage(request, pk):
    meeting = _meeting(pk)
    items = _agenda_with_times(meeting)
    attending = list(selectors.officials_attending(meeting))
    suggested = list(selectors.suggested_officials(meeting))
    reviews = list(selectors.reviews(meeting))
    rsvps = list(selectors.rsvps(meeting))
    context = {
        "meeting": meeting,
        "items": items,
        "committees": list(meeting.committees.all()),
        "proposals": list(selectors.proposals_for_curation(meeting)),
        "item_form": AgendaItemForm(meeting=meeting),
        "merge_form": MergeForm(meeting=meeting),
        "suggested_officials": suggested,
        "attending_officials": attending,
        "officials_form": OfficialsForm(
            initial={"officials": [each.official for each in attending] or suggested}
        ),
        "review_form": ReviewRequestForm(
            initial={"reviewers": [each.official for each in attending] or suggested}
        ),
        "reviews": reviews,
        "all_approved": bool(reviews) and all(r.verdict == AgendaReview.Verdict.APPROVED for r in reviews),
        "publish_form": PublishForm(),
        "rsvps": rsvps,
        "rsvp_counts": {answer: sum(1 for r in rsvps if r.answer == answer) for answer in Rsvp.Answer.values},
        "attendances": list(selectors.attendances(meeting)),
        "events": meeting.events.select_related("actor"),
        "Status": Meeting.Status,
    }
    return render(request, "meetings/meeting_manage.html", context)


def _transition(request, pk, service, success_message, **arguments):
    meeting = _meeting(pk)
    try:
        service(meeting=meeting, by=request.user, **arguments)
    except MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success_message)
    return _manage(meeting)


@require_POST
@coordinator_required
def meeting_open(request, pk):
    return _transition(
        request, pk, services.meeting_open, _("The meeting is open for proposals; the group was told.")
    )


@require_POST
@coordinator_required
def meeting_mark_held(request, pk):
    return _transition(request, pk, services.meeting_mark_held, _("The meeting is marked as held."))


@require_POST
@coordinator_required
def meeting_send_for_review(request, pk):
    form = ReviewRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one official to anchor the agenda with."))
        return redirect("meetings:manage", pk=pk)
    return _transition(
        request,
        pk,
        services.meeting_send_for_review,
        _("The agenda was sent for anchoring."),
        reviewers=form.cleaned_data["reviewers"],
    )


@require_POST
@coordinator_required
def meeting_publish(request, pk):
    form = PublishForm(request.POST)
    form.is_valid()
    return _transition(
        request,
        pk,
        services.meeting_publish,
        _("The agenda is published and the group has been told."),
        confirm_without_all_approvals=form.cleaned_data.get("confirm_without_all_approvals", False),
    )


@require_POST
@coordinator_required
def meeting_set_officials(request, pk):
    form = OfficialsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose officials from the list."))
        return redirect("meetings:manage", pk=pk)
    return _transition(
        request,
        pk,
        services.meeting_set_officials,
        _("The officials attending were saved; newly added officials were told."),
        officials=form.cleaned_data["officials"],
    )


@coordinator_required
def meeting_cancel(request, pk):
    meeting = _meeting(pk)
    form = CancelForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: services.meeting_cancel(meeting=meeting, by=request.user, reason=data["reason"]),
        _("The meeting is cancelled."),
    ):
        return _manage(meeting)
    return render(request, "meetings/meeting_cancel.html", {"meeting": meeting, "form": form})


@coordinator_required
def attendance(request, pk):
    meeting = _meeting(pk)
    recorded = list(meeting.attendances.all())
    initial = {
        "memberships": [a.membership_id for a in recorded if a.membership_id],
        "officials": [a.person_id for a in recorded if a.kind == a.Kind.OFFICIAL and a.person_id],
        "elected": "\n".join(a.name for a in recorded if a.kind == a.Kind.ELECTED),
        "guests": "\n".join(a.name for a in recorded if a.kind == a.Kind.GUEST),
    }
    if not recorded:
        initial["memberships"] = list(
            meeting.rsvps.filter(answer=Rsvp.Answer.YES)
            .filter(person__memberships__group=meeting.group, person__memberships__end__isnull=True)
            .values_list("person__memberships__pk", flat=True)
        )
        initial["officials"] = list(meeting.official_attendances.values_list("official_id", flat=True))
    form = AttendanceForm(request.POST or None, meeting=meeting, initial=initial)
    if _submit(
        request,
        form,
        lambda data: services.attendance_record(meeting=meeting, by=request.user, **form.service_arguments()),
        _("The attendance was saved."),
    ):
        return _manage(meeting)
    return render(request, "meetings/attendance_form.html", {"meeting": meeting, "form": form})


# Curation ------------------------------------------------------------------------------


def _agenda_change(request, meeting, service, success_message, **arguments):
    """Run one change to the agenda; a conflict or a refused change is reported, not lost."""
    try:
        service(by=request.user, **arguments)
    except AgendaConflict as error:
        messages.warning(request, error.message)
    except MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success_message)
    return _manage(meeting)


def _version(request) -> int:
    try:
        return int(request.POST.get("agenda_version", ""))
    except ValueError:
        return -1


@coordinator_required
def agenda_item_add(request, pk):
    return _agenda_item_page(request, _meeting(pk))


@coordinator_required
def agenda_item_edit(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__group__area"), pk=pk)
    return _agenda_item_page(request, item.meeting, item)


def _agenda_item_page(request, meeting, item=None):
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in ("title", "description", "duration_minutes", "departments")}
        try:
            if item is None:
                services.agenda_item_add(
                    meeting=meeting, by=request.user, expected_version=data["agenda_version"], **fields
                )
            else:
                services.agenda_item_update(
                    item=item, by=request.user, expected_version=data["agenda_version"], **fields
                )
        except AgendaConflict as error:
            # Keep what was typed; the form now carries the current version to try again with.
            messages.warning(request, error.message)
            meeting.refresh_from_db()
            resubmitted = request.POST.copy()
            resubmitted["agenda_version"] = meeting.agenda_version
            form = AgendaItemForm(resubmitted, instance=item, meeting=meeting)
        except MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The item was saved.") if item else _("The item was added to the agenda.")
            )
            return _manage(meeting)
    return render(request, "meetings/agenda_item_form.html", {"meeting": meeting, "form": form, "item": item})


def _item(pk) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)


@require_POST
@coordinator_required
def agenda_item_move(request, pk):
    item = _item(pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    return _agenda_change(
        request,
        item.meeting,
        services.agenda_item_move,
        _("The agenda order was changed."),
        item=item,
        expected_version=_version(request),
        offset=offset,
    )


@require_POST
@coordinator_required
def agenda_item_remove(request, pk):
    item = _item(pk)
    return _agenda_change(
        request,
        item.meeting,
        services.agenda_item_remove,
        _("The item was removed from the agenda."),
        item=item,
        expected_version=_version(request),
    )


def _proposal(pk) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("meeting__group__area", "proposer"), pk=pk)


@require_POST
@coordinator_required
def proposal_accept(request, pk):
    proposal = _proposal(pk)
    return _agenda_change(
        request,
        proposal.meeting,
        services.proposal_accept,
        _("The proposal is on the agenda; the proposer was told."),
        proposal=proposal,
        expected_version=_version(request),
    )


@require_POST
@coordinator_required
def proposal_merge(request, pk):
    proposal = _proposal(pk)
    form = MergeForm(request.POST, meeting=proposal.meeting)
    if not form.is_valid():
        messages.error(request, _("Choose the agenda item to merge the proposal into."))
        return _manage(proposal.meeting)
    return _agenda_change(
        request,
        proposal.meeting,
        services.proposal_merge,
        _("The proposal was merged; the proposer was told where it went."),
        proposal=proposal,
        into=form.cleaned_data["into"],
        expected_version=form.cleaned_data["agenda_version"],
    )


@coordinator_required
def proposal_decline(request, pk):
    proposal = _proposal(pk)
    form = DeclineForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: services.proposal_decline(proposal=proposal, by=request.user, reason=data["reason"]),
        _("The proposal was declined; the proposer sees the reason."),
    ):
        return _manage(proposal.meeting)
    return render(request, "meetings/proposal_decline.html", {"proposal": proposal, "form": form})


# Planning ------------------------------------------------------------------------------


@coordinator_required
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting_round = services.round_create(by=request.user, **form.cleaned_data)
        return redirect(meeting_round)
    return render(request, "meetings/round_form.html", {"form": form})


RoundMeetingFormSet = formset_factory(RoundMeetingForm, extra=0)


@coordinator_required
def round_detail(request, pk):
    meeting_round = get_object_or_404(MeetingRound, pk=pk)
    scheduled = {
        meeting.group_id: meeting for meeting in meeting_round.meetings.select_related("group__area")
    }
    waiting = [group for group in meeting_round.groups.select_related("area") if group.pk not in scheduled]
    form_kwargs = {"proposal_days_before": meeting_round.proposal_days_before, "kind": meeting_round.kind}
    formset = RoundMeetingFormSet(
        request.POST or None, initial=[{"group": group.pk} for group in waiting], form_kwargs=form_kwargs
    )
    if request.method == "POST" and formset.is_valid():
        rows = [form.cleaned_data for form in formset if form.cleaned_data.get("starts_at")]
        created = services.round_schedule(meeting_round=meeting_round, rows=rows, by=request.user)
        messages.success(request, _("%(count)s meetings were scheduled as drafts.") % {"count": len(created)})
        return redirect(meeting_round)
    groups_by_pk = {group.pk: group for group in waiting}
    rows = [(groups_by_pk.get(_group_pk(form)), form) for form in formset]
    context = {
        "round": meeting_round,
        "formset": formset,
        "rows": rows,
        "scheduled": list(scheduled.values()),
    }
    return render(request, "meetings/round_detail.html", context)


def _group_pk(form):
    value = form["group"].value()
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@coordinator_required
def year_overview(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, today.year - 10), today.year + 5)
    context = {
        "year": year,
        "groups": selectors.year_overview(year),
        "previous_year": year - 1,
        "next_year": year + 1,
        "is_current_year": year == today.year,
    }
    return render(request, "meetings/year_overview.html", context)
