"""Every meetings permission (meetings.rules), asked directly for every role against every state
that matters, and the state predicates they are built on.

The permissions are asked through rules.has_perm: the predicate as registered, which is what
everyone but a superuser gets from user.has_perm (Django lets an active superuser pass every
permission before any rule is asked; the superuser row here is what the rules themselves say)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role, grant_role
from groups import services as group_services
from meetings import services
from meetings.models import AgendaReview, Meeting
from meetings.rules import accepts_answers, accepts_proposals, can_view_meeting, is_announced, is_public
from tests.conftest import make_elected_representative, make_member, make_person
from tests.meetings.conftest import (
    CANCELLED_DRAFT,
    CANCELLED_OPEN,
    CANCELLED_PUBLISHED,
    DRAFT,
    HELD,
    IN_REVIEW,
    OPEN,
    OPEN_LATE,
    PROPOSAL_STATES,
    PUBLISHED,
    RETURNED,
    STARTED,
    STATES,
    WAITING,
    WAITING_IN_ANCHORING,
    make_meeting,
    make_official,
    meeting_in,
    proposals_in,
)

pytestmark = pytest.mark.django_db

Status = Meeting.Status

ANONYMOUS, MEMBER, FORMER_MEMBER, OTHER_MEMBER = "anonymous", "member", "former member", "other group"
OFFICIAL, OUTSIDE_OFFICIAL, COORDINATOR, SUPERUSER = (
    "official",
    "official outside the officials' group",
    "coordinator",
    "superuser",
)
ELECTED = "elected representative"
ROLES = [
    ANONYMOUS,
    MEMBER,
    FORMER_MEMBER,
    OTHER_MEMBER,
    OFFICIAL,
    OUTSIDE_OFFICIAL,
    ELECTED,
    COORDINATOR,
    SUPERUSER,
]
STAFF = {OFFICIAL, OUTSIDE_OFFICIAL, COORDINATOR, SUPERUSER}
COORDINATORS = {COORDINATOR, SUPERUSER}


@pytest.fixture
def people(lagan, ryssby):
    """One person in each role, each their own object (a page asks with the user it loaded)."""
    coordinator = make_person("Eva Samordnare")
    grant_role(coordinator, Role.COORDINATOR)
    former = make_member(lagan, make_person("Frida Före")).person
    group_services.membership_end(membership=former.memberships.get())
    return {
        ANONYMOUS: AnonymousUser(),
        MEMBER: make_member(lagan, make_person("Anna Åkesson")).person,
        FORMER_MEMBER: former,
        OTHER_MEMBER: make_member(ryssby, make_person("Rolf Ryssbybo")).person,
        OFFICIAL: make_official("Olle Tjänsteperson"),
        OUTSIDE_OFFICIAL: make_official("Per Utanför", in_officials_group=False),
        # Follows Lagan; the meetings here are group meetings, which do not invite them.
        ELECTED: make_elected_representative("Per Politiker"),
        COORDINATOR: coordinator,
        SUPERUSER: make_person("Ida IT", is_staff=True, is_superuser=True),
    }


def _allowed(permission, people, obj=None) -> set[str]:
    return {role for role in ROLES if rules.has_perm(permission, people[role], obj)}


# Meetings in every state ---------------------------------------------------------------


@pytest.fixture
def meeting_of(lagan, people):
    def build(state):
        return meeting_in(state, lagan, by=people[COORDINATOR], reviewer=people[OFFICIAL])

    return build


# The state predicates --------------------------------------------------------------------

ANNOUNCED = {OPEN, OPEN_LATE, IN_REVIEW, PUBLISHED, STARTED, HELD, CANCELLED_OPEN, CANCELLED_PUBLISHED}
PUBLIC = {PUBLISHED, STARTED, HELD, CANCELLED_PUBLISHED}
TAKES_PROPOSALS = {OPEN}
TAKES_ANSWERS = {OPEN, OPEN_LATE, IN_REVIEW, PUBLISHED}
STATE_PREDICATES = {
    "is_announced": (is_announced, ANNOUNCED),
    "is_public": (is_public, PUBLIC),
    "accepts_proposals": (accepts_proposals, TAKES_PROPOSALS),
    "accepts_answers": (accepts_answers, TAKES_ANSWERS),
}


@pytest.mark.parametrize("state", STATES)
def test_state_predicates_by_state(meeting_of, people, state):
    meeting = meeting_of(state)

    answers = {
        name: predicate.test(people[MEMBER], meeting) for name, (predicate, _) in STATE_PREDICATES.items()
    }

    assert answers == {name: state in states for name, (_, states) in STATE_PREDICATES.items()}


# The meeting's permissions ---------------------------------------------------------------

EVERYONE = set(ROLES)
# permission: state -> the roles that have it (a state not named: the default after the name)
MEETING_PERMISSIONS = {
    # Published meetings are public; before that the municipality's people see them, and the
    # group's members once the meeting is announced.
    "meetings.see_meeting": {
        DRAFT: STAFF,
        OPEN: STAFF | {MEMBER},
        OPEN_LATE: STAFF | {MEMBER},
        IN_REVIEW: STAFF | {MEMBER},
        PUBLISHED: EVERYONE,
        STARTED: EVERYONE,
        HELD: EVERYONE,
        CANCELLED_DRAFT: STAFF,
        CANCELLED_OPEN: STAFF | {MEMBER},
        CANCELLED_PUBLISHED: EVERYONE,
    },
    "meetings.view_follow_up_issues": dict.fromkeys(STATES, STAFF | {MEMBER}),
    "meetings.take_part_in_meeting": dict.fromkeys(STATES, {MEMBER}),
    "meetings.rsvp_meeting": dict.fromkeys(STATES, {MEMBER}),
    "meetings.propose_item": {state: {MEMBER} if state in TAKES_PROPOSALS else set() for state in STATES},
    "meetings.answer_meeting": {state: {MEMBER} if state in TAKES_ANSWERS else set() for state in STATES},
    "meetings.manage_meeting": dict.fromkeys(STATES, COORDINATORS),
}
MEETING_CASES = [
    (permission, state, allowed)
    for permission, by_state in MEETING_PERMISSIONS.items()
    for state, allowed in by_state.items()
]


@pytest.mark.parametrize(
    ("permission", "state", "allowed"),
    MEETING_CASES,
    ids=[f"{permission}-{state}" for permission, state, _ in MEETING_CASES],
)
def test_meeting_permission_by_role_and_state(meeting_of, people, permission, state, allowed):
    meeting = meeting_of(state)

    assert _allowed(permission, people, meeting) == allowed


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        ("meetings.manage_meeting", COORDINATORS),
        ("meetings.view_year_overview", COORDINATORS),
        ("meetings.view_own_meetings", STAFF),
    ],
)
def test_permission_without_a_meeting_by_role(people, permission, allowed):
    assert _allowed(permission, people) == allowed


@pytest.mark.parametrize(("follows", "allowed"), [("lagan", True), ("ryssby", False)])
def test_answer_meeting_with_elected_representatives_invites_those_following_the_area(
    lagan, people, follows, allowed
):
    meeting = make_meeting(
        lagan,
        status=Status.OPEN,
        kind=Meeting.Kind.ELECTED_REPRESENTATIVES,
        by=people[COORDINATOR],
        elected_representatives="Samhällsbyggnadsutskottet",
    )
    representative = make_elected_representative(areas=(follows,))

    assert rules.has_perm("meetings.answer_meeting", representative, meeting) is allowed
    assert rules.has_perm("meetings.take_part_in_meeting", representative, meeting) is False
    assert rules.has_perm("meetings.answer_meeting", people[MEMBER], meeting) is True


def test_can_view_meeting_is_the_see_meeting_permission(meeting_of, people):
    """The predicate other apps ask (issues links a meeting only for those who see it)."""
    meeting = meeting_of(OPEN)

    assert {role for role in ROLES if can_view_meeting.test(people[role], meeting)} == _allowed(
        "meetings.see_meeting", people, meeting
    )


def test_a_member_who_leaves_loses_the_meeting_on_the_next_request(meeting_of, lagan, people):
    """Membership decides; what a request learnt of it is kept on that request's user object
    only, so the next request (a fresh user object) asks again."""
    meeting = meeting_of(OPEN)
    member = people[MEMBER]
    assert rules.has_perm("meetings.propose_item", member, meeting) is True

    group_services.membership_end(membership=member.memberships.get())
    next_request_user = type(member).objects.get(pk=member.pk)

    assert rules.has_perm("meetings.propose_item", next_request_user, meeting) is False


# The agenda review -----------------------------------------------------------------------


@pytest.mark.parametrize("state", [IN_REVIEW, PUBLISHED, CANCELLED_PUBLISHED, "cancelled in anchoring"])
def test_review_agenda_is_for_the_asked_official_only(meeting_of, people, state):
    meeting = meeting_of(IN_REVIEW if state == "cancelled in anchoring" else state)
    if state == "cancelled in anchoring":
        services.meeting_cancel(meeting=meeting, reason="Lokalen är inte ledig.", by=people[COORDINATOR])
    review = AgendaReview.objects.select_related("meeting").get(meeting=meeting)

    assert _allowed("meetings.review_agenda", people, review) == {OFFICIAL}


# Proposals in every state ----------------------------------------------------------------

PROPOSER, PROPOSER_WHO_LEFT, FELLOW_MEMBER = "proposer", "proposer who left", "fellow member"
PROPOSAL_ROLES = [
    ANONYMOUS,
    PROPOSER,
    PROPOSER_WHO_LEFT,
    FELLOW_MEMBER,
    OTHER_MEMBER,
    OFFICIAL,
    COORDINATOR,
    SUPERUSER,
]


@pytest.fixture
def proposal_scene(lagan, people):
    """Per state: who is asked about which proposal. The proposer who left asks about their own
    proposal, everyone else about the member's."""

    def build(state):
        leaver = make_member(lagan, make_person("Lars Lämnar")).person
        own, leavers = proposals_in(
            state, lagan, [people[MEMBER], leaver], by=people[COORDINATOR], reviewer=people[OFFICIAL]
        )
        group_services.membership_end(membership=leaver.memberships.get())
        cast = {
            **{
                role: (people[role], own)
                for role in (ANONYMOUS, OTHER_MEMBER, OFFICIAL, COORDINATOR, SUPERUSER)
            },
            PROPOSER: (people[MEMBER], own),
            PROPOSER_WHO_LEFT: (type(leaver).objects.get(pk=leaver.pk), leavers),
            FELLOW_MEMBER: (make_member(lagan).person, own),
        }
        return cast

    return build


WHILE_IT_AWAITS_CURATION = {WAITING, WAITING_IN_ANCHORING, RETURNED}
PROPOSAL_PERMISSIONS = {
    # The gate of the proposer's pages: their own proposal, while they are a member.
    "meetings.change_own_proposal": dict.fromkeys(PROPOSAL_STATES, {PROPOSER}),
    "meetings.edit_proposal": {
        state: {PROPOSER} if state in WHILE_IT_AWAITS_CURATION else set() for state in PROPOSAL_STATES
    },
}
PROPOSAL_CASES = [
    (permission, state, allowed)
    for permission, by_state in PROPOSAL_PERMISSIONS.items()
    for state, allowed in by_state.items()
]


@pytest.mark.parametrize(
    ("permission", "state", "allowed"),
    PROPOSAL_CASES,
    ids=[f"{permission}-{state}" for permission, state, _ in PROPOSAL_CASES],
)
def test_proposal_permission_by_role_and_state(proposal_scene, permission, state, allowed):
    cast = proposal_scene(state)

    assert {role for role in PROPOSAL_ROLES if rules.has_perm(permission, *cast[role])} == allowed


@pytest.mark.parametrize("state", PROPOSAL_STATES)
def test_awaits_curation_by_state(lagan, people, state):
    (proposal,) = proposals_in(
        state, lagan, [people[MEMBER]], by=people[COORDINATOR], reviewer=people[OFFICIAL]
    )

    assert proposal.awaits_curation is (state in WHILE_IT_AWAITS_CURATION)
