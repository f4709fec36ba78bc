"""The coordinator's curation of the agenda, with optimistic locking."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import emails
from meetings.errors import AgendaConflict, MeetingError
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Meeting,
    Proposal,
    ProposalAction,
)
from meetings.services._common import _locked, _locked_with_meeting, _move, _record

Status = Proposal.Status


def _change_agenda(meeting, expected_version: int) -> Meeting:
    """Claim the next agenda version, or refuse: someone else changed the agenda since the
    form was loaded. Every change to the agenda goes through here."""
    _require_changeable_agenda(meeting)
    claimed = Meeting.objects.filter(pk=meeting.pk, agenda_version=expected_version).update(
        agenda_version=F("agenda_version") + 1
    )
    if not claimed:
        raise AgendaConflict(
            _(
                "Someone else changed the agenda while you were working on it. Nothing was changed: "
                "here is the current agenda, make your change again."
            ),
            code="agenda_changed",
        )
    meeting.agenda_version = expected_version + 1
    if meeting.is_in_anchoring:
        # The officials approved another agenda than the one that will be published.
        meeting.reviews.exclude(verdict=AgendaReview.Verdict.PENDING).update(
            verdict=AgendaReview.Verdict.PENDING, decided_at=None
        )
    return meeting


def _append_before_closing(meeting, item: AgendaItem) -> None:
    """Place a new item after the others but before the standing items that close the meeting."""
    items = list(meeting.items.exclude(pk=item.pk).order_by("position", "id"))
    index = len(items)
    while index > 0 and items[index - 1].closing:
        index -= 1
    items.insert(index, item)
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


def _require_changeable_agenda(meeting) -> None:
    if not meeting.agenda_can_change:
        raise MeetingError(
            _("The agenda is published and can no longer be changed."), code="agenda_published"
        )


def _decision(proposal, status) -> None:
    """Check that the coordinator can still decide the proposal this way."""
    _move(proposal, status, _("The proposal has already been handled."))


@transaction.atomic
def agenda_item_add(
    *, meeting, by, expected_version, title, description="", duration_minutes=15, departments=()
):
    meeting = _change_agenda(_locked(meeting), expected_version)
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        description=description,
        duration_minutes=duration_minutes,
        created_by=by,
    )
    item.departments.set(departments)
    _append_before_closing(meeting, item)
    return item


@transaction.atomic
def agenda_item_update(
    *, item, by, expected_version, title, description="", duration_minutes=15, departments=()
):
    _change_agenda(_locked(item.meeting), expected_version)
    item.title, item.description, item.duration_minutes = title, description, duration_minutes
    item.save()
    item.departments.set(departments)
    return item


@transaction.atomic
def agenda_item_remove(*, item, by, expected_version) -> None:
    """Take an item off the agenda; proposals behind it wait for curation again."""
    meeting = _change_agenda(_locked(item.meeting), expected_version)
    returned = list(
        item.proposals.select_for_update().filter(status__in=Proposal.TRANSITIONS.sources(Status.SUBMITTED))
    )
    Proposal.objects.filter(pk__in=[proposal.pk for proposal in returned]).update(
        status=Status.SUBMITTED, agenda_item=None, decided_by=None, decided_at=None
    )
    for proposal in returned:
        _record(proposal, ProposalAction.RETURNED, by, item.title)
    item.delete()
    items = list(meeting.items.order_by("position", "id"))
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def agenda_item_move(*, item, by, expected_version, offset: int) -> None:
    """Move an item up (-1) or down (+1): the keyboard-friendly way to order the agenda."""
    meeting = _change_agenda(_locked(item.meeting), expected_version)
    items = list(meeting.items.order_by("position", "id"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        raise MeetingError(_("The item is already at the edge of the agenda."), code="at_the_edge")
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def proposal_accept(*, proposal, by, expected_version) -> AgendaItem:
    meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    _decision(proposal, Status.ACCEPTED)
    item = agenda_item_add(
        meeting=meeting,
        by=by,
        expected_version=expected_version,
        title=proposal.title,
        description=proposal.description,
        departments=proposal.departments.all(),
    )
    _decide(proposal, Status.ACCEPTED, by, ProposalAction.ACCEPTED, item.title, agenda_item=item)
    return item


@transaction.atomic
def proposal_merge(*, proposal, into: AgendaItem, by, expected_version) -> Proposal:
    meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    _decision(proposal, Status.MERGED)
    if into.meeting_id != proposal.meeting_id:
        raise MeetingError(
            _("A proposal can only be merged into an item of the same meeting."), code="other_meeting"
        )
    _change_agenda(meeting, expected_version)
    into.departments.add(*proposal.departments.all())
    return _decide(proposal, Status.MERGED, by, ProposalAction.MERGED, into.title, agenda_item=into)


@transaction.atomic
def proposal_decline(*, proposal, by, reason: str) -> Proposal:
    meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    _decision(proposal, Status.DECLINED)
    _require_changeable_agenda(meeting)
    reason = reason.strip()
    if not reason:
        raise MeetingError(_("Give a reason; the proposer will see it."), code="reason_missing")
    return _decide(proposal, Status.DECLINED, by, ProposalAction.DECLINED, reason, decline_reason=reason)


def _decide(proposal, status, by, action, detail, **fields) -> Proposal:
    """Record the coordinator's decision (checked by the caller) and tell the proposer."""
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save()
    _record(proposal, action, by, detail)
    emails.send_proposal_decided(proposal)
    return proposal
