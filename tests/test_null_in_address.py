"""A NUL character in an address or a query string is a bad request (400), never a 500:
PostgreSQL refuses NUL in any text, so an admin search or a list filter would fail."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(coordinator):
    coordinator.is_staff = True
    coordinator.save()
    return coordinator


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:accounts_user_changelist") + "?q=%00",
        reverse("admin:meetings_meeting_changelist") + "?status=%00",
        reverse("admin:groups_membership_changelist") + "?end__isnull=%00",
        reverse("issues:list") + "?status=open%00",
        reverse("groups:overview") + "?q%00=x",
    ],
)
def test_nul_in_the_query_string_is_a_bad_request(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 400
