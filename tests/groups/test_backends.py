"""The logged-in person is loaded with what every page asks of them (groups.backends): their
official and elected-representative rows and whether they represent an organisation now, so
that the menu and the permissions ask the database only for the person's roles."""

import pytest
from django.urls import reverse

from groups.backends import UserWithRolesBackend

pytestmark = pytest.mark.django_db

PERMISSIONS = ["finance.view_funds", "groups.view_all_groups", "groups.follow_areas", "reports.view_report"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", [True, False, False, False]),
        ("former_member", [False, False, False, False]),
        ("official", [True, True, False, True]),
        ("elected_representative", [False, True, True, True]),
        ("outsider", [False, False, False, False]),
    ],
)
def test_the_roles_asked_on_every_page_need_one_query(request, role, expected, django_assert_num_queries):
    person = UserWithRolesBackend().get_user(request.getfixturevalue(role).pk)

    # The one: the person's roles (accounts.roles, read once per person), for the coordinator's.
    with django_assert_num_queries(1):
        assert [person.has_perm(permission) for permission in PERMISSIONS] == expected


def test_a_representatives_menu_links_the_village_funds(client, member):
    client.force_login(member)

    html = client.get(reverse("pages:my_groups")).content.decode()

    assert f'href="{reverse("finance:funds")}"' in html
