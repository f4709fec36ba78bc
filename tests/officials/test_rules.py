"""Who is an official: the Official row decides, nothing else (no role group to keep in step)."""

import pytest
from django.contrib.auth.models import Group as RoleGroup

from officials.models import Official
from officials.rules import is_official, is_staff_member
from tests.conftest import ROLES, make_person

pytestmark = pytest.mark.django_db

OFFICIALS = {"official", "street_official"}


@pytest.mark.parametrize("role", ROLES)
def test_is_official_and_is_staff_member(request, role):
    user = request.getfixturevalue(role)

    assert (is_official(user), is_staff_member(user)) == (
        role in OFFICIALS,
        role in OFFICIALS | {"coordinator", "superuser"},
    )


def test_an_official_row_without_any_role_group_is_an_official():
    person = make_person("Olga Ny")
    Official.objects.create(user=person, title="Kulturchef")

    assert (list(person.groups.all()), is_official(person), is_staff_member(person)) == ([], True, True)


def test_the_retired_official_role_group_without_an_official_row_is_not_an_official():
    """The old "Tjänsteperson" group, had it survived on some account, makes no one an official."""
    person = make_person("Gammal Roll")
    person.groups.add(RoleGroup.objects.create(name="Tjänsteperson"))

    assert (is_official(person), is_staff_member(person)) == (False, False)


def test_an_official_whose_account_is_closed_is_not_an_official(official):
    official.is_active = False
    official.save()

    assert (is_official(official), is_staff_member(official)) == (False, False)
