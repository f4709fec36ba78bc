"""Each question about a meeting's state is one condition (meetings.models, core.conditions):
the queryset that filters by it and the property that asks it of one meeting agree, in every
state."""

import pytest
from django.db.models import Q

from core.conditions import holds, through
from meetings import models
from meetings.models import Meeting, Proposal
from tests.meetings.conftest import PROPOSAL_STATES, STATES, meeting_in, proposals_in

pytestmark = pytest.mark.django_db

# condition -> the property that asks it of one meeting
MEETING_QUESTIONS = {
    models.accepting_proposals: "accepts_proposals",
    models.calling_for_proposals: "calls_for_proposals",
    models.accepting_answers: "accepts_answers",
    models.agenda_changeable: "agenda_can_change",
    models.in_anchoring: "is_in_anchoring",
    models.published: "is_published",
    models.not_marked_held: "is_not_marked_held",
    models.held: "is_held",
    models.cancelled: "is_cancelled",
    models.concluded: "is_concluded",
}


@pytest.mark.parametrize("state", STATES)
def test_each_meeting_question_has_one_answer_in_sql_and_in_python(lagan, coordinator, official, state):
    meeting = meeting_in(state, lagan, by=coordinator, reviewer=official)

    in_sql = {
        prop: Meeting.objects.filter(condition(), pk=meeting.pk).exists()
        for condition, prop in MEETING_QUESTIONS.items()
    }
    in_python = {prop: getattr(meeting, prop) for prop in MEETING_QUESTIONS.values()}

    assert in_sql == in_python


@pytest.mark.parametrize("state", STATES)
def test_the_querysets_are_the_conditions(lagan, coordinator, official, state):
    meeting = meeting_in(state, lagan, by=coordinator, reviewer=official)

    def has(queryset) -> bool:
        return queryset.filter(pk=meeting.pk).exists()

    assert {
        "accepting_proposals": has(Meeting.objects.accepting_proposals()),
        "not_marked_held": has(Meeting.objects.not_marked_held()),
        "held": has(Meeting.objects.held()),
        "published": has(Meeting.objects.published()),
        "not_cancelled": has(Meeting.objects.not_cancelled()),
        # Planned or held, for the year overview: neither cancelled nor left unmarked.
        "planned": has(Meeting.objects.planned()),
    } == {
        "accepting_proposals": meeting.accepts_proposals,
        "not_marked_held": meeting.is_not_marked_held,
        "held": meeting.is_held,
        "published": meeting.is_published,
        "not_cancelled": not meeting.is_cancelled,
        "planned": not meeting.is_cancelled and not meeting.is_not_marked_held,
    }


@pytest.mark.parametrize("state", PROPOSAL_STATES)
def test_awaiting_curation_has_one_answer_in_sql_and_in_python(lagan, member, coordinator, official, state):
    (proposal,) = proposals_in(state, lagan, [member], by=coordinator, reviewer=official)

    in_sql = Proposal.objects.awaiting_curation().filter(pk=proposal.pk).exists()

    assert in_sql is proposal.awaits_curation


def test_holds_refuses_a_lookup_it_cannot_evaluate(lagan, coordinator):
    meeting = Meeting(title="Gruppmöte")

    with pytest.raises(
        ValueError, match=r"^A condition can only use .* on the model's own fields: group__slug$"
    ):
        holds(meeting, Q(group__slug="lagan"))


def test_holds_follows_not_and_or():
    meeting = Meeting(status=Meeting.Status.OPEN, title="Gruppmöte")

    assert [
        holds(meeting, ~Q(status=Meeting.Status.OPEN)),
        holds(meeting, Q(status=Meeting.Status.DRAFT) | Q(title="Gruppmöte")),
        holds(meeting, Q(status=Meeting.Status.DRAFT) & Q(title="Gruppmöte")),
        holds(meeting, Q(announced_at__isnull=True)),
    ] == [False, True, False, True]


def test_through_asks_the_related_object():
    condition = through("meeting", ~Q(status=Meeting.Status.CANCELLED) & Q(starts_at__gt=1))

    assert condition == ~Q(meeting__status=Meeting.Status.CANCELLED) & Q(meeting__starts_at__gt=1)
