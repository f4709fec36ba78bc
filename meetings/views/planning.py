"""The coordinator's planning: scheduling, the lifecycle, officials, attendance, rounds."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.forms import formset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import paginate, permission_required, submit_form
from core.mail import delivery_state
from groups.filters import GroupSearch
from groups.models import Group
from meetings import emails, selectors, services
from meetings.errors import MeetingError
from meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    MeetingForm,
    MergeForm,
    OfficialsForm,
    PublishForm,
    ReviewRequestForm,
    RoundForm,
    RoundMeetingForm,
)
from meetings.models import MeetingRound, Rsvp, not_approved
from meetings.views._common import (
    _agenda_overrun,
    _manage,
    _meeting,
)


@permission_required("meetings.manage_meeting")
def meeting_create(request, slug):
    group = get_object_or_404(Group.objects.select_related("area"), area__slug=slug, active=True)
    form = MeetingForm(
        request.POST or None, initial={"title": _("Meeting of %(group)s") % {"group": group.name}}
    )
    meeting = submit_form(
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


@permission_required("meetings.manage_meeting")
def meeting_edit(request, pk):
    meeting = _meeting(pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if submit_form(
        request,
        form,
        lambda data: services.meeting_update(meeting=meeting, by=request.user, **form.service_arguments()),
        _("The meeting was saved."),
    ):
        return _manage(meeting)
    return render(
        request, "meetings/meeting_form.html", {"group": meeting.group, "form": form, "meeting": meeting}
    )


def _minutes_of(meeting):
    """The meeting's minutes, if they are started: read through the relation the minutes app
    declares, as the meetings app builds below it and does not import it."""
    try:
        return meeting.minutes
    except ObjectDoesNotExist:
        return None


@permission_required("meetings.manage_meeting")
def meeting_manage(request, pk):
    meeting = _meeting(pk)
    items = selectors.agenda_with_times(meeting)
    agenda_end, overrun_minutes = _agenda_overrun(meeting, items)
    attending = list(selectors.officials_attending(meeting))
    suggested = list(selectors.suggested_officials(meeting))
    reviews = list(selectors.reviews(meeting))
    rsvps = list(selectors.rsvps(meeting))
    context = {
        "meeting": meeting,
        "items": items,
        "agenda_end": agenda_end,
        # Worth a warning while the meeting is still to be held.
        "overrun_minutes": 0 if meeting.is_concluded else overrun_minutes,
        "minutes": _minutes_of(meeting),
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
        "all_approved": bool(reviews) and not not_approved(reviews),
        "publish_form": PublishForm(),
        "rsvps": rsvps,
        "rsvp_counts": {answer: sum(1 for r in rsvps if r.answer == answer) for answer in Rsvp.Answer.values},
        "attendances": list(selectors.attendances(meeting)),
        "events": meeting.events.select_related("actor"),
        # How the meeting's mail went (the call for proposals, the agenda, changes, reminders).
        "mail": delivery_state(emails.about(meeting)),
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
@permission_required("meetings.manage_meeting")
def meeting_open(request, pk):
    return _transition(
        request, pk, services.meeting_open, _("The meeting is open for proposals; the group was told.")
    )


@require_POST
@permission_required("meetings.manage_meeting")
def meeting_mark_held(request, pk):
    return _transition(request, pk, services.meeting_mark_held, _("The meeting is marked as held."))


@require_POST
@permission_required("meetings.manage_meeting")
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
@permission_required("meetings.manage_meeting")
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
@permission_required("meetings.manage_meeting")
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


@permission_required("meetings.manage_meeting")
def meeting_cancel(request, pk):
    meeting = _meeting(pk)
    form = CancelForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.meeting_cancel(meeting=meeting, by=request.user, reason=data["reason"]),
        _("The meeting is cancelled."),
    ):
        return _manage(meeting)
    return render(request, "meetings/meeting_cancel.html", {"meeting": meeting, "form": form})


@permission_required("meetings.manage_meeting")
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
    if submit_form(
        request,
        form,
        lambda data: services.attendance_record(meeting=meeting, by=request.user, **form.service_arguments()),
        _("The attendance was saved."),
    ):
        return _manage(meeting)
    return render(request, "meetings/attendance_form.html", {"meeting": meeting, "form": form})


# The form token of the round this session last started: coming back to the first step (the
# browser's Back button fetches the page again) continues that round while none of its meetings
# is scheduled, instead of starting another one.
UNFINISHED_ROUND_SESSION_KEY = "meetings:unfinished_round"


@permission_required("meetings.manage_meeting")
def round_create(request):
    continuing = None if "ny" in request.GET else _unfinished_round(request)
    form = RoundForm(request.POST or None, continuing=continuing)
    if request.method == "POST" and form.is_valid():
        meeting_round = services.round_create(by=request.user, **form.cleaned_data)
        request.session[UNFINISHED_ROUND_SESSION_KEY] = str(meeting_round.form_token or "")
        return redirect(meeting_round)
    return render(request, "meetings/round_form.html", {"form": form, "continuing": continuing})


def _unfinished_round(request) -> MeetingRound | None:
    token = request.session.get(UNFINISHED_ROUND_SESSION_KEY)
    if not token:
        return None
    return MeetingRound.objects.filter(form_token=token, meetings__isnull=True).first()


ROUNDS_PER_PAGE = 20
GROUPS_PER_PAGE = 30


@permission_required("meetings.manage_meeting")
def round_list(request):
    page = Paginator(selectors.rounds(), ROUNDS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "meetings/round_list.html", {"page": page})


RoundMeetingFormSet = formset_factory(RoundMeetingForm, extra=0)


@permission_required("meetings.manage_meeting")
def round_detail(request, pk):
    meeting_round = get_object_or_404(MeetingRound, pk=pk)
    scheduled = {
        meeting.group_id: meeting for meeting in meeting_round.meetings.select_related("group__area")
    }
    waiting = [group for group in meeting_round.groups.select_related("area") if group.pk not in scheduled]
    form_kwargs = {"meeting_round": meeting_round}
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


@permission_required("meetings.view_year_overview")
def year_overview(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, today.year - 10), today.year + 5)
    search = GroupSearch(request.GET, queryset=selectors.year_overview(year))
    context = {
        "year": year,
        "filter": search,
        **paginate(request, search.qs, GROUPS_PER_PAGE),
        "previous_year": year - 1,
        "next_year": year + 1,
        "is_current_year": year == today.year,
    }
    return render(request, "meetings/year_overview.html", context)
