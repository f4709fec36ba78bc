"""The coordinator's curation of the agenda: items, order and the proposals."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import permission_required, submit_form
from meetings import services
from meetings.errors import AgendaConflict, MeetingError
from meetings.forms import (
    AgendaItemForm,
    DeclineForm,
    MergeForm,
    typed_values,
)
from meetings.models import AgendaItem, Proposal
from meetings.views._common import (
    _manage,
    _meeting,
)


def _agenda_change(request, meeting, service, success_message, **arguments):
    """Run one change to the agenda from a button (up, down, remove, accept, merge). A conflict
    or a refused change is reported and the manage page shows the agenda as it is now, with
    the current version in every form: the button has to be pressed again, knowingly."""
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


@permission_required("meetings.manage_meeting")
def agenda_item_add(request, pk):
    return _agenda_item_page(request, _meeting(pk))


@permission_required("meetings.manage_meeting")
def agenda_item_edit(request, pk):
    item = AgendaItem.objects.select_related("meeting__group__area").filter(pk=pk).first()
    if item is None:
        return _removed_item_page(request, pk)
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
            messages.warning(request, error.message)
            return _after_conflict(request, meeting, item, form)
        except MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The item was saved.") if item else _("The item was added to the agenda.")
            )
            return _manage(meeting)
    return _item_page(request, meeting, form, item)


def _after_conflict(request, meeting, item, typed_form):
    """The item form after someone else changed the agenda: bound to the agenda as it is now
    (the item's current values and the current version), with what was typed beside it,
    read-only, and the agenda's items. Nothing typed is lost, and nothing is overwritten
    unseen: saving again saves what the form now shows."""
    meeting.refresh_from_db()
    if item is not None:
        item = AgendaItem.objects.filter(pk=item.pk).first()
        if item is None:
            return _removed_item_page(request, None, meeting=meeting)
    form = AgendaItemForm(instance=item, meeting=meeting)
    return _item_page(request, meeting, form, item, typed=typed_values(typed_form))


def _removed_item_page(request, pk, *, meeting=None):
    """Saving an item that someone else removed meanwhile: there is nothing to save into, so
    the text typed is shown beside an empty form that adds a new item."""
    if meeting is None:
        # The item's history still knows its meeting; only a POST has typed text to keep.
        meeting_id = AgendaItem.history.filter(id=pk).values_list("meeting_id", flat=True).first()
        if request.method != "POST" or meeting_id is None:
            raise Http404
        meeting = _meeting(meeting_id)
    messages.warning(
        request,
        _(
            "Someone else removed this item from the agenda while you were working on it. "
            "Your text is shown below: add it as a new item if it is still needed."
        ),
    )
    typed = typed_values(AgendaItemForm(request.POST, meeting=meeting))
    return _item_page(
        request,
        meeting,
        AgendaItemForm(meeting=meeting),
        None,
        typed=typed,
        action=reverse("meetings:item_add", kwargs={"pk": meeting.pk}),
    )


def _item_page(request, meeting, form, item, *, typed=None, action=""):
    context = {
        "meeting": meeting,
        "form": form,
        "item": item,
        "typed": typed,
        "form_action": action,
        # After a conflict: the agenda as it is now, to see what changed.
        "agenda_now": list(meeting.items.order_by("position", "id")) if typed is not None else None,
    }
    return render(request, "meetings/agenda_item_form.html", context)


def _item(pk) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)


@require_POST
@permission_required("meetings.manage_meeting")
def agenda_item_move(request, pk):
    item = _item(pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    response = _agenda_change(
        request,
        item.meeting,
        services.agenda_item_move,
        _("The agenda order was changed."),
        item=item,
        expected_version=_version(request),
        offset=-1 if direction == "up" else 1,
    )
    # Back to the same button of the moved item (static/js/focus-target.js focuses it), so
    # that a keyboard user moves an item several places without tabbing through the agenda.
    response["Location"] += _move_button_fragment(item, direction)
    return response


def _move_button_fragment(item, direction) -> str:
    """The fragment naming the item's button for `direction` on the manage page, or its other
    button once the item has reached the edge of the agenda (where that one is not shown)."""
    order = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    if item.pk not in order or len(order) < 2:
        return ""
    index = order.index(item.pk)
    if direction == "up" and index == 0:
        direction = "down"
    elif direction == "down" and index == len(order) - 1:
        direction = "up"
    return f"#item-{item.pk}-{direction}"  # the id templates/meetings/meeting_manage.html gives it


@require_POST
@permission_required("meetings.manage_meeting")
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
@permission_required("meetings.manage_meeting")
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
@permission_required("meetings.manage_meeting")
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


@permission_required("meetings.manage_meeting")
def proposal_decline(request, pk):
    proposal = _proposal(pk)
    form = DeclineForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.proposal_decline(proposal=proposal, by=request.user, reason=data["reason"]),
        _("The proposal was declined; the proposer sees the reason."),
    ):
        return _manage(proposal.meeting)
    return render(request, "meetings/proposal_decline.html", {"proposal": proposal, "form": form})
