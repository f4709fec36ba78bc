"""A superuser is asked like everyone else for the app's own permissions (a role combined with
an object's state), and keeps every model permission of the admin."""

import pytest
import rules

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return make_person("It Ansvarig", "it@kommun.se", is_staff=True, is_superuser=True)


@pytest.fixture
def only_when_open():
    rules.add_perm("tests.act_while_open", rules.predicate(lambda user, thing: thing == "open"))
    yield
    rules.remove_perm("tests.act_while_open")


def test_superuser_is_refused_an_apps_permission_whose_state_does_not_allow_it(superuser, only_when_open):
    assert (
        superuser.has_perm("tests.act_while_open", "open"),
        superuser.has_perm("tests.act_while_open", "closed"),
    ) == (
        True,
        False,
    )


def test_superuser_keeps_every_model_permission_of_the_admin(superuser):
    assert superuser.has_perm("meetings.change_meeting")
    assert superuser.has_perm("accounts.delete_user")


def test_inactive_superuser_has_no_permission(superuser):
    superuser.is_active = False

    assert superuser.has_perm("meetings.change_meeting") is False
