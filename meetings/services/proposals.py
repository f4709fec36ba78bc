"""Agenda item proposals by the group's members."""

from django.db import transaction
from django.utils.translation import gettext as _

from core import once
from groups.models import Membership
from meetings import emails
from meetings.errors import MeetingError
from meetings.models import (
    Proposal,
    ProposalAction,
)
from meetings.services._common import _locked_with_meeting, _move, _record


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
    own = Proposal.objects.filter(proposer=proposer)
    stored = once.sent_before(own, form_token)
    if stored is not None:
        return stored
    membership = _membership_for(proposer, meeting.group)
    if membership is None:
        raise MeetingError(_("Only members of the group can propose agenda items."), code="not_a_member")
    if not meeting.accepts_proposals:
        if meeting.calls_for_proposals:
            raise MeetingError(_("The deadline for proposals has passed."), code="deadline_passed")
        raise MeetingError(_("The meeting is not open for proposals."), code="not_open")
    proposal, created = once.create_once(
        Proposal(
            meeting=meeting,
            proposer=proposer,
            organisation=membership.organisation,
            title=title,
            description=description,
            hoped_outcome=hoped_outcome,
            form_token=form_token,
        ),
        own,
    )
    if not created:
        # The same form, sent twice at the same moment: the other request stored it.
        return proposal
    proposal.departments.set(departments)
    _record(proposal, ProposalAction.SUBMITTED, proposer)
    emails.send_proposal_arrived(proposal)
    return proposal


@transaction.atomic
def proposal_submit_for_residents(*, meeting, by, title, description="") -> Proposal:
    """Put a suggestion from residents (participation) before the group as a proposal of the
    coordinator's, who is no member: while the call for proposals is out, its deadline past
    or not, as the coordinator curates the agenda anyway."""
    if not meeting.calls_for_proposals:
        raise MeetingError(_("The meeting is not open for proposals."), code="not_open")
    proposal = Proposal.objects.create(meeting=meeting, proposer=by, title=title, description=description)
    _record(proposal, ProposalAction.SUBMITTED, by)
    return proposal


def _handled():
    return _("The coordinator has already handled the proposal; it can no longer be changed.")


def proposal_check_changeable(*, proposal, by) -> None:
    """Whether the proposer can still edit or withdraw the proposal, or the reason they cannot
    (a MeetingError): the proposal edit page asks before showing the form."""
    if proposal.proposer_id != by.pk:
        raise MeetingError(_("Only the person who proposed the item can change it."), code="not_the_proposer")
    if _membership_for(by, proposal.meeting.group) is None:
        raise MeetingError(_("Only members of the group can change their proposals."), code="not_a_member")
    if not proposal.is_waiting:
        raise MeetingError(_handled(), code="handled")
    if not proposal.meeting.agenda_can_change:
        raise MeetingError(_("The agenda is already published."), code="agenda_published")


@transaction.atomic
def proposal_update(*, proposal, by, title, description="", hoped_outcome="", departments=()) -> Proposal:
    _meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    proposal_check_changeable(proposal=proposal, by=by)
    proposal.title, proposal.description, proposal.hoped_outcome = title, description, hoped_outcome
    proposal.save()
    proposal.departments.set(departments)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal, by) -> Proposal:
    _meeting, proposal = _locked_with_meeting(Proposal, proposal.pk)
    proposal_check_changeable(proposal=proposal, by=by)
    _move(proposal, Proposal.Status.WITHDRAWN, _handled())
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    _record(proposal, ProposalAction.WITHDRAWN, by)
    return proposal
