"""Every permission of the minutes (minutes.rules), asked directly for every role against every
state of the minutes, and each predicate it is composed of.

The rule itself (rules.has_perm, which the templates test) is what decides. The views ask the
same permission through User.has_perm, which gives the same answers, except that Django grants
an active superuser every permission, whatever the state: that is why the templates test the
rule (minutes.rules._permission)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from groups.services import membership_end
from meetings.models import Meeting
from minutes import rules as minutes_rules
from minutes.models import MinutesReview, SignOff
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting, make_official
from tests.minutes.conftest import CORRECTING, DRAFT, IN_REVIEW, RELEASED, make_minutes, send, write

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ASKED_MEMBER = "representative asked"
FORMER_MEMBER = "former member"  # the representative asked, after their membership ended
OTHER_MEMBER = "other member"  # a representative of another group
ASKED_OFFICIAL = "official asked"
OTHER_OFFICIAL = "other official"
COORDINATOR = "coordinator"
SUPERUSER = "superuser"
ELECTED = "elected representative"  # follows Lagan: reads released minutes, changes nothing
ROLES = [
    ANONYMOUS,
    ASKED_MEMBER,
    FORMER_MEMBER,
    OTHER_MEMBER,
    ASKED_OFFICIAL,
    OTHER_OFFICIAL,
    COORDINATOR,
    SUPERUSER,
    ELECTED,
]
# In review in version 2: the requests about version 1 are superseded.
SUPERSEDED = "superseded"
# The states the minutes are in; the requests in focus are those about version 1 (a draft has none).
MINUTES_STATES = [DRAFT, IN_REVIEW, SUPERSEDED, RELEASED, CORRECTING]

MANAGERS = {COORDINATOR, SUPERUSER}
STAFF = {ASKED_OFFICIAL, OTHER_OFFICIAL, COORDINATOR, SUPERUSER}
NOBODY: set = set()

# permission -> the roles that have it, per state:
#                 draft      in review  superseded  released   correcting
MATRIX = {
    "minutes.manage_minutes": [MANAGERS, MANAGERS, MANAGERS, MANAGERS, MANAGERS],
    "minutes.edit_minutes": [MANAGERS, MANAGERS, MANAGERS, NOBODY, MANAGERS],
    "minutes.release_minutes": [NOBODY, MANAGERS, MANAGERS, NOBODY, NOBODY],
    "minutes.correct_minutes": [NOBODY, NOBODY, NOBODY, MANAGERS, NOBODY],
    "minutes.view_history": [MANAGERS, MANAGERS, MANAGERS, MANAGERS, MANAGERS],
    "minutes.compare_versions": [STAFF, STAFF, STAFF, STAFF, STAFF],
    # On a request about version 1: a draft has none.
    "minutes.view_review": [None, {ASKED_OFFICIAL}, {ASKED_OFFICIAL}, {ASKED_OFFICIAL}, {ASKED_OFFICIAL}],
    "minutes.review_minutes": [None, {ASKED_OFFICIAL}, NOBODY, NOBODY, NOBODY],
    "minutes.view_sign_off": [None, {ASKED_MEMBER}, {ASKED_MEMBER}, {ASKED_MEMBER}, {ASKED_MEMBER}],
    "minutes.sign_off_minutes": [None, {ASKED_MEMBER}, NOBODY, NOBODY, NOBODY],
}


def test_the_matrix_covers_every_permission_of_the_minutes():
    registered = {name for name in rules.permissions.permissions if name.startswith("minutes.")}

    assert registered == set(MATRIX)


@pytest.fixture
def scene(lagan, coordinator, official, member, other_member, elected_representative):
    """The minutes of a held Lagan meeting in a state, version 1 anchored with `official` and
    signed off by `member`; and a person in every role."""

    def build(state):
        meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
        minutes = make_minutes(
            meeting,
            IN_REVIEW if state == SUPERSEDED else state,
            by=coordinator,
            reviewers=[official],
            signers=[member],
        )
        if state == SUPERSEDED:
            write(minutes, by=coordinator, texts={0: ("Omskrivet.", "")})
            send(minutes, by=coordinator, reviewers=[official], signers=[member])
        return {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "review": MinutesReview.objects.filter(minutes=minutes, version_number=1).first(),
            "sign_off": SignOff.objects.filter(minutes=minutes, version_number=1).first(),
        }

    people = {
        ANONYMOUS: AnonymousUser(),
        ASKED_MEMBER: member,
        OTHER_MEMBER: other_member,
        ASKED_OFFICIAL: official,
        OTHER_OFFICIAL: make_official("Kollega Kommun", "kollega@kommun.se"),
        COORDINATOR: coordinator,
        SUPERUSER: make_person("Admin Adminsson", "admin@kommun.se", is_staff=True, is_superuser=True),
        ELECTED: elected_representative,
    }
    return build, people


def _object(permission, objects):
    """What each permission is asked about."""
    if permission == "minutes.view_history":
        return objects["meeting"]
    if permission in {"minutes.view_review", "minutes.review_minutes"}:
        return objects["review"]
    if permission in {"minutes.view_sign_off", "minutes.sign_off_minutes"}:
        return objects["sign_off"]
    return objects["minutes"]


def _by_rule(permission, person, obj) -> bool:
    return rules.has_perm(permission, person, obj)


def _by_user(permission, person, obj) -> bool:
    return person.has_perm(permission, obj)


def _end_membership(person) -> None:
    for membership in person.memberships.current():
        membership_end(membership=membership)


@pytest.mark.parametrize("state", MINUTES_STATES)
def test_permissions_per_role_in_each_state(scene, state):
    build, people = scene
    objects = build(state)
    expected = {
        name: roles[MINUTES_STATES.index(state)]
        for name, roles in MATRIX.items()
        if roles[MINUTES_STATES.index(state)] is not None
    }

    def roles_with(ask, who: dict) -> dict:
        return {
            name: {role for role, person in who.items() if ask(name, person, _object(name, objects))}
            for name in expected
        }

    by_rule, by_user = roles_with(_by_rule, people), roles_with(_by_user, people)
    # The former member is the representative asked, once their membership has ended.
    _end_membership(people[ASKED_MEMBER])
    former = {FORMER_MEMBER: people[ASKED_MEMBER]}
    former_by_rule, former_by_user = roles_with(_by_rule, former), roles_with(_by_user, former)

    assert {name: by_rule[name] | former_by_rule[name] for name in expected} == expected
    # Through User.has_perm (what the views and templates ask): the same, a superuser included
    # (accounts.User.has_perm asks the rules for a superuser too).
    assert {name: by_user[name] | former_by_user[name] for name in expected} == expected


# The predicates, each on its own ---------------------------------------------------------

# Per state: (is_editable, can_be_released, can_be_corrected) of the minutes, and
# is_current_request of the review and of the sign-off about version 1 (a draft has none).
STATE_PREDICATES = {
    DRAFT: ((True, False, False), None),
    IN_REVIEW: ((True, True, False), (True, True)),
    SUPERSEDED: ((True, True, False), (False, False)),
    RELEASED: ((False, False, True), (False, False)),
    CORRECTING: ((True, False, False), (False, False)),
}


@pytest.mark.parametrize("state", MINUTES_STATES)
def test_state_predicates_in_each_state(scene, coordinator, state):
    build, _people = scene
    objects = build(state)

    of_minutes = tuple(
        predicate.test(coordinator, objects["minutes"])
        for predicate in (
            minutes_rules.is_editable,
            minutes_rules.can_be_released,
            minutes_rules.can_be_corrected,
        )
    )
    of_requests = (
        None
        if objects["review"] is None
        else tuple(
            minutes_rules.is_current_request.test(coordinator, objects[request])
            for request in ("review", "sign_off")
        )
    )

    assert (of_minutes, of_requests) == STATE_PREDICATES[state]


# role -> (is the person asked about the review, about the sign-off; a member of the group)
PERSON_PREDICATES = {
    ANONYMOUS: (False, False, False),
    ASKED_MEMBER: (False, True, True),
    FORMER_MEMBER: (False, True, False),
    OTHER_MEMBER: (False, False, False),
    ASKED_OFFICIAL: (True, False, False),
    OTHER_OFFICIAL: (False, False, False),
    COORDINATOR: (False, False, False),
    SUPERUSER: (False, False, False),
    ELECTED: (False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_person_predicates_per_role(scene, role):
    build, people = scene
    objects = build(IN_REVIEW)
    if role == FORMER_MEMBER:
        _end_membership(people[ASKED_MEMBER])
    person = people[ASKED_MEMBER if role == FORMER_MEMBER else role]

    answers = (
        minutes_rules.is_the_person_asked.test(person, objects["review"]),
        minutes_rules.is_the_person_asked.test(person, objects["sign_off"]),
        minutes_rules.is_member_of_the_group.test(person, objects["sign_off"]),
    )

    assert answers == PERSON_PREDICATES[role]
