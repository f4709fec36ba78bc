"""Agenda item proposals by the group's members."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Membership
from meetings import emails
from meetings.errors import MeetingError
from meetings.models import (
    Proposal,
)
from meetings.services._common import Status, _locked_with_meeting


def _membership_for(person, group):
    return (
        Membership.objects.current().filter(person=person, group=group).select_related("organisation").first()
    )


@transaction.atomic
def proposal_submit(
    *, meeting, proposer, title, description="", hoped_outcome="", departments=(), form_token=None
) -> Proposal:
    """Store a member's proposal. The same form sent again (`form_token`: a double click, a
    reload, two requests at once) stores it once and answers with the one stored."""
    if form_token is not None:
        sent_before = Proposal.objects.filter(form_token=form_token, proposer=proposer).first()
        if sent_before is not None:
            return sent_before
    membership = _membership_for(proposer, meeting.group)
    if membership is None:
        raise MeetingError(_("Only members of the group can propose agenda items."))
    if meeting.status != Status.OPEN:
        raise MeetingError(_("The meeting is not open for proposals."))
    if timezone.now() >= meeting.proposal_deadline:
        raise MeetingError(_("The deadline for proposals has passed."))
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                meeting=meeting,
                proposer=proposer,
                organisation=membership.organisation,
                title=title,
                description=description,
                hoped_outcome=hoped_outcome,
                form_token=form_token,
            )
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request stored it.
        return Proposal.objects.get(form_token=form_token, proposer=proposer)
    proposal.departments.set(departments)
    emails.send_proposal_arrived(proposal)
    return proposal


def _require_editable_by_proposer(proposal, person):
    if proposal.proposer_id != person.pk:
        raise MeetingError(_("Only the person who proposed the item can change it."))
    if _membership_for(person, proposal.meeting.group) is None:
        raise MeetingError(_("Only members of the group can change their proposals."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise MeetingError(
            _("The coordinator has already handled the proposal; it can no longer be changed.")
        )
    if not proposal.meeting.agenda_is_curatable:
        raise MeetingError(_("The agenda is already published."))


@transaction.atomic
def proposal_update(*, proposal, by, title, description="", hoped_outcome="", departments=()) -> Proposal:
    _meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    _require_editable_by_proposer(proposal, by)
    proposal.title, proposal.description, proposal.hoped_outcome = title, description, hoped_outcome
    proposal.save()
    proposal.departments.set(departments)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal, by) -> Proposal:
    _meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    _require_editable_by_proposer(proposal, by)
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    return proposal
