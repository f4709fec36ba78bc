"""Who may do what with suggestions and surveys: every permission of participation.rules for
every role, against the states that matter."""

import pytest

from participation import services
from participation.models import Suggestion
from tests.conftest import ROLES
from tests.participation.conftest import make_suggestion

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "superuser"}


def _expect(allowed: set[str]) -> list[tuple[str, bool]]:
    return [(role, role in allowed) for role in ROLES]


@pytest.mark.parametrize(("role", "allowed"), _expect(COORDINATORS))
@pytest.mark.parametrize("permission", ["participation.moderate_suggestions", "participation.manage_surveys"])
def test_moderation_and_surveys_are_the_coordinators(request, role, allowed, permission):
    assert request.getfixturevalue(role).has_perm(permission) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect(COORDINATORS | {"member"}))
@pytest.mark.parametrize(
    "permission", ["participation.register_suggestion", "participation.view_member_suggestions"]
)
def test_registering_and_the_members_page_are_the_coordinators_and_the_areas_representatives(
    request, lagan, role, allowed, permission
):
    assert request.getfixturevalue(role).has_perm(permission, lagan.area) is allowed


@pytest.mark.parametrize(("role", "allowed"), _expect({"member"}))
def test_supporting_is_for_the_areas_representatives_once_published(
    request, lagan, coordinator, role, allowed
):
    waiting = make_suggestion(lagan.area)
    published = services.suggestion_publish(suggestion=make_suggestion(lagan.area), by=coordinator)
    person = request.getfixturevalue(role)

    assert person.has_perm("participation.support_suggestion", published) is allowed
    assert person.has_perm("participation.support_suggestion", waiting) is False


@pytest.mark.parametrize(
    ("status", "publish", "hide", "forward"),
    [
        (Suggestion.Status.RECEIVED, True, True, True),
        (Suggestion.Status.PUBLISHED, False, False, True),
        (Suggestion.Status.HIDDEN, False, False, False),
        (Suggestion.Status.AGENDA_PROPOSAL, False, False, False),
        (Suggestion.Status.ISSUE, False, False, False),
    ],
)
def test_what_the_coordinator_may_do_follows_the_transitions(
    lagan, coordinator, member, status, publish, hide, forward
):
    suggestion = make_suggestion(lagan.area)
    Suggestion.objects.filter(pk=suggestion.pk).update(status=status)
    suggestion.refresh_from_db()

    assert coordinator.has_perm("participation.publish_suggestion", suggestion) is publish
    assert coordinator.has_perm("participation.hide_suggestion", suggestion) is hide
    assert coordinator.has_perm("participation.forward_suggestion", suggestion) is forward
    assert member.has_perm("participation.publish_suggestion", suggestion) is False
