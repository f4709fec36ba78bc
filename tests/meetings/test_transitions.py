"""The transition tables of meetings and proposals, and every move, allowed or refused, made
through the one service that makes it: a refusal says why in Swedish and changes nothing, a
move is recorded in the activity log with who and what."""

import re
from datetime import timedelta

import pytest

from core import activity
from meetings import services
from meetings.errors import MeetingError
from meetings.models import Meeting, MeetingAction, Proposal, ProposalAction
from tests.meetings.conftest import (
    ACCEPTED,
    DECLINED,
    MERGED,
    WAITING,
    WITHDRAWN,
    make_meeting,
    make_official,
    proposals_in,
)

pytestmark = pytest.mark.django_db

Status = Meeting.Status


def refused_with(message: str):
    return pytest.raises(MeetingError, match=f"^{re.escape(message)}$")


def _events(obj) -> list[tuple]:
    return [(event.action, event.actor, event.detail) for event in activity.events_of(obj).order_by("id")]


# Meetings --------------------------------------------------------------------------------

# The lifecycle, as the coordinator knows it: a draft is opened for proposals or goes straight
# to anchoring; an anchored agenda is published; a published meeting is held; anything not yet
# held can be cancelled. Held and cancelled meetings are records.
MEETING_LIFECYCLE = {
    Status.DRAFT: {Status.OPEN, Status.IN_REVIEW, Status.CANCELLED},
    Status.OPEN: {Status.IN_REVIEW, Status.CANCELLED},
    Status.IN_REVIEW: {Status.PUBLISHED, Status.CANCELLED},
    Status.PUBLISHED: {Status.HELD, Status.CANCELLED},
    Status.HELD: set(),
    Status.CANCELLED: set(),
}


def test_the_meeting_table_is_the_lifecycle():
    assert {
        source: set(targets) for source, targets in Meeting.TRANSITIONS.table.items()
    } == MEETING_LIFECYCLE


# target: (the service's move, its action in the log, the refusal from any other state)
MEETING_MOVES = {
    Status.OPEN: (
        lambda meeting, by: services.meeting_open(meeting=meeting, by=by),
        MeetingAction.OPENED,
        "Bara ett möte som är ett utkast kan öppnas för förslag.",
    ),
    Status.IN_REVIEW: (
        lambda meeting, by: services.meeting_send_for_review(
            meeting=meeting, reviewers=[make_official("Greta Gatuchef")], by=by
        ),
        MeetingAction.SENT_FOR_REVIEW,
        "Dagordningen kan bara skickas för förankring när mötet är ett utkast eller öppet för förslag.",
    ),
    Status.PUBLISHED: (
        lambda meeting, by: services.meeting_publish(
            meeting=meeting, by=by, confirm_without_all_approvals=True
        ),
        MeetingAction.PUBLISHED,
        "Dagordningen kan bara publiceras när den har skickats för förankring.",
    ),
    Status.HELD: (
        lambda meeting, by: services.meeting_mark_held(meeting=meeting, by=by),
        MeetingAction.HELD,
        "Bara ett möte med publicerad dagordning kan markeras som genomfört.",
    ),
    Status.CANCELLED: (
        lambda meeting, by: services.meeting_cancel(meeting=meeting, reason="Lokalen brann.", by=by),
        MeetingAction.CANCELLED,
        "Ett möte som redan har genomförts eller ställts in kan inte ställas in.",
    ),
}
MEETING_PAIRS = [(source, target) for source in MEETING_LIFECYCLE for target in MEETING_MOVES]


def _meeting(lagan, coordinator, official, source, target) -> Meeting:
    # Marking as held needs a started meeting; every other move one still to come.
    starts_in = timedelta(hours=-1) if target == Status.HELD else None
    meeting = make_meeting(lagan, status=source, starts_in=starts_in, by=coordinator, reviewers=[official])
    if source == Status.IN_REVIEW:
        services.agenda_review_decide(review=meeting.reviews.get(), reviewer=official, approve=True)
    return Meeting.objects.get(pk=meeting.pk)


@pytest.mark.parametrize(
    ("source", "target"),
    [pair for pair in MEETING_PAIRS if pair[1] in MEETING_LIFECYCLE[pair[0]]],
    ids=[f"{s}->{t}" for s, t in MEETING_PAIRS if t in MEETING_LIFECYCLE[s]],
)
def test_meeting_move_allowed_by_the_table(lagan, coordinator, official, source, target):
    meeting = _meeting(lagan, coordinator, official, source, target)
    move, action, _refusal = MEETING_MOVES[target]

    move(meeting, coordinator)

    assert Meeting.objects.get(pk=meeting.pk).status == target
    assert _events(meeting)[-1][:2] == (action, coordinator)


@pytest.mark.parametrize(
    ("source", "target"),
    [pair for pair in MEETING_PAIRS if pair[1] not in MEETING_LIFECYCLE[pair[0]]],
    ids=[f"{s}->{t}" for s, t in MEETING_PAIRS if t not in MEETING_LIFECYCLE[s]],
)
def test_meeting_move_refused_by_the_table(lagan, coordinator, official, source, target):
    meeting = _meeting(lagan, coordinator, official, source, target)
    move, _action, refusal = MEETING_MOVES[target]
    events = _events(meeting)

    with refused_with(refusal) as refused:
        move(meeting, coordinator)

    assert refused.value.code == "transition_refused"
    assert Meeting.objects.get(pk=meeting.pk).status == source
    assert _events(meeting) == events


# Proposals -------------------------------------------------------------------------------

# The coordinator accepts, merges or declines a waiting proposal, or its proposer withdraws it;
# taking an accepted or merged proposal's item off the agenda makes it wait again.
PROPOSAL_LIFECYCLE = {
    Proposal.Status.SUBMITTED: {
        Proposal.Status.ACCEPTED,
        Proposal.Status.DECLINED,
        Proposal.Status.MERGED,
        Proposal.Status.WITHDRAWN,
    },
    Proposal.Status.ACCEPTED: {Proposal.Status.SUBMITTED},
    Proposal.Status.MERGED: {Proposal.Status.SUBMITTED},
    Proposal.Status.DECLINED: set(),
    Proposal.Status.WITHDRAWN: set(),
}


def test_the_proposal_table_is_the_lifecycle():
    assert {
        source: set(targets) for source, targets in Proposal.TRANSITIONS.table.items()
    } == PROPOSAL_LIFECYCLE


def _version(proposal) -> int:
    return Meeting.objects.get(pk=proposal.meeting_id).agenda_version


def _first_item(proposal):
    return proposal.meeting.items.order_by("position", "id").first()


HANDLED = "Förslaget har redan hanterats."
# target: (the move, by whom, the log's action, its detail, the refusal from any other state)
PROPOSAL_MOVES = {
    Proposal.Status.ACCEPTED: (
        lambda proposal, by: services.proposal_accept(
            proposal=proposal, by=by, expected_version=_version(proposal)
        ),
        "coordinator",
        ProposalAction.ACCEPTED,
        lambda proposal: proposal.title,
        HANDLED,
    ),
    Proposal.Status.MERGED: (
        lambda proposal, by: services.proposal_merge(
            proposal=proposal, into=_first_item(proposal), by=by, expected_version=_version(proposal)
        ),
        "coordinator",
        ProposalAction.MERGED,
        lambda proposal: _first_item(proposal).title,
        HANDLED,
    ),
    Proposal.Status.DECLINED: (
        lambda proposal, by: services.proposal_decline(
            proposal=proposal, by=by, reason="Hör till Trafikverket."
        ),
        "coordinator",
        ProposalAction.DECLINED,
        lambda proposal: "Hör till Trafikverket.",
        HANDLED,
    ),
    Proposal.Status.WITHDRAWN: (
        lambda proposal, by: services.proposal_withdraw(proposal=proposal, by=by),
        "proposer",
        ProposalAction.WITHDRAWN,
        lambda proposal: "",
        "Samordnaren har redan hanterat förslaget, så det går inte längre att ändra.",
    ),
}
PROPOSAL_SOURCES = {
    Proposal.Status.SUBMITTED: WAITING,
    Proposal.Status.ACCEPTED: ACCEPTED,
    Proposal.Status.MERGED: MERGED,
    Proposal.Status.DECLINED: DECLINED,
    Proposal.Status.WITHDRAWN: WITHDRAWN,
}
PROPOSAL_PAIRS = [(source, target) for source in PROPOSAL_SOURCES for target in PROPOSAL_MOVES]


def _proposal(lagan, member, coordinator, official, source) -> Proposal:
    (proposal,) = proposals_in(PROPOSAL_SOURCES[source], lagan, [member], by=coordinator, reviewer=official)
    return proposal


@pytest.mark.parametrize(
    ("source", "target"),
    [pair for pair in PROPOSAL_PAIRS if pair[1] in PROPOSAL_LIFECYCLE[pair[0]]],
    ids=[f"{s}->{t}" for s, t in PROPOSAL_PAIRS if t in PROPOSAL_LIFECYCLE[s]],
)
def test_proposal_decision_allowed_by_the_table(lagan, member, coordinator, official, source, target):
    proposal = _proposal(lagan, member, coordinator, official, source)
    move, who, action, detail, _refusal = PROPOSAL_MOVES[target]
    by = coordinator if who == "coordinator" else member
    expected_detail = detail(proposal)

    move(proposal, by)

    assert Proposal.objects.get(pk=proposal.pk).status == target
    assert _events(proposal)[-1] == (action, by, expected_detail)


@pytest.mark.parametrize(
    ("source", "target"),
    [pair for pair in PROPOSAL_PAIRS if pair[1] not in PROPOSAL_LIFECYCLE[pair[0]]],
    ids=[f"{s}->{t}" for s, t in PROPOSAL_PAIRS if t not in PROPOSAL_LIFECYCLE[s]],
)
def test_proposal_decision_refused_by_the_table(lagan, member, coordinator, official, source, target):
    proposal = _proposal(lagan, member, coordinator, official, source)
    move, who, _action, _detail, refusal = PROPOSAL_MOVES[target]
    events = _events(proposal)

    with refused_with(refusal):
        move(proposal, coordinator if who == "coordinator" else member)

    assert Proposal.objects.get(pk=proposal.pk).status == source
    assert _events(proposal) == events


@pytest.mark.parametrize("source", [Proposal.Status.ACCEPTED, Proposal.Status.MERGED])
def test_removing_its_item_makes_a_proposal_wait_again(lagan, member, coordinator, official, source):
    proposal = _proposal(lagan, member, coordinator, official, source)
    item = proposal.agenda_item

    services.agenda_item_remove(item=item, by=coordinator, expected_version=_version(proposal))

    proposal.refresh_from_db()
    assert (proposal.status, proposal.agenda_item, proposal.decided_by) == (
        Proposal.Status.SUBMITTED,
        None,
        None,
    )
    assert _events(proposal)[-1] == (ProposalAction.RETURNED, coordinator, item.title)


@pytest.mark.parametrize(
    "source", [Proposal.Status.SUBMITTED, Proposal.Status.DECLINED, Proposal.Status.WITHDRAWN]
)
def test_removing_an_item_leaves_the_proposals_not_on_it(lagan, member, coordinator, official, source):
    proposal = _proposal(lagan, member, coordinator, official, source)
    events = _events(proposal)

    services.agenda_item_remove(
        item=_first_item(proposal), by=coordinator, expected_version=_version(proposal)
    )

    assert Proposal.objects.get(pk=proposal.pk).status == source
    assert _events(proposal) == events


def test_proposal_submit_is_recorded(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)

    proposal = services.proposal_submit(meeting=meeting, proposer=member, title="Badplatsen")

    assert _events(proposal) == [(ProposalAction.SUBMITTED, member, "")]
