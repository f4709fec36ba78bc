"""Pages with contact details or drafts are never kept by a browser or a proxy."""

import pytest
from django.urls import reverse

from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "url_name", "args"),
    [
        ("coordinator", "groups:overview", []),
        ("coordinator", "groups:detail", ["lagan"]),
        ("member", "pages:my_groups", []),
        ("member", "groups:detail", ["lagan"]),
        ("official", "pages:my_meetings", []),
    ],
)
def test_private_pages_say_no_store_private(client, request, who, url_name, args):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse(url_name, args=args))

    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"no-store", "private"}


def test_draft_meeting_page_for_the_coordinator_is_not_cached(client, coordinator, lagan):
    meeting = make_meeting(lagan, by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("meetings:manage", args=[meeting.pk]))

    assert "no-store" in response["Cache-Control"]


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, lagan):
    response = client.get(reverse("pages:area", args=["lagan"]))

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
