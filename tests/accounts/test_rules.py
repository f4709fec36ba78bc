"""Who is a coordinator, what the account pages allow, and how a permission of the rules is
asked: by its predicates for everyone, a superuser too."""

import pytest
import rules
from django.contrib.auth.models import Permission

from accounts.roles import Role, revoke_role
from accounts.rules import is_coordinator
from groups import services
from tests.conftest import ROLES, make_member

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_is_coordinator(request, role):
    assert is_coordinator(request.getfixturevalue(role)) is (role in COORDINATORS)


@pytest.mark.parametrize("role", ROLES)
def test_change_settings(request, role):
    assert request.getfixturevalue(role).has_perm("accounts.change_settings") is (role in COORDINATORS)


def test_coordinator_whose_role_is_taken_away_is_no_longer_one(coordinator):
    revoke_role(coordinator, Role.COORDINATOR)

    assert (is_coordinator(coordinator), coordinator.has_perm("accounts.change_settings")) == (False, False)


def test_coordinator_whose_account_is_closed_has_no_permission(coordinator):
    coordinator.is_active = False
    coordinator.save()

    assert coordinator.has_perm("groups.manage_groups") is False


def test_superuser_is_asked_the_rules_with_the_state_of_the_object(superuser, lagan):
    """Django gives an active superuser every permission; for the rules' permissions the
    predicates answer, so no page offers a superuser what the object's state refuses."""
    ended = services.membership_end(membership=make_member(lagan))
    current = make_member(lagan)

    assert (
        superuser.has_perm("groups.end_membership", current),
        superuser.has_perm("groups.end_membership", ended),
    ) == (True, False)


def test_superuser_keeps_every_model_permission_of_the_admin(superuser):
    assert (superuser.has_perm("groups.delete_membership"), superuser.has_perm("auth.change_group")) == (
        True,
        True,
    )


def test_no_permission_of_the_rules_takes_the_name_of_a_model_permission():
    """The admin asks model permissions ("groups.view_group") without an object: a rule of the
    same name would answer it instead, with no object to ask about."""
    model_permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }

    assert sorted(set(rules.permissions.permissions) & model_permissions) == []
