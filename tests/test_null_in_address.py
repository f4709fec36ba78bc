"""A NUL character in an admin search or list filter is a bad request (400), never a 500:
PostgreSQL refuses NUL in any text. (The app's own filter forms are in tests/test_null_bytes.py.)"""

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
        reverse("admin:issues_issue_changelist") + "?status%00=open",
    ],
)
def test_nul_in_an_admin_query_string_is_a_bad_request(client, staff, url):
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 400
