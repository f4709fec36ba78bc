"""The account's settings page: a coordinator turns the proposal mail off and on."""

import pytest
from django.urls import reverse

from tests.conftest import make_person

pytestmark = pytest.mark.django_db

URL = reverse("accounts:settings")


def test_new_accounts_get_the_proposal_mail(db):
    assert make_person().notify_new_proposals is True


def test_coordinator_turns_the_proposal_mail_off_and_on(client, coordinator):
    client.force_login(coordinator)

    opened = client.get(URL)
    turned_off = client.post(URL, {})
    coordinator.refresh_from_db()
    off = coordinator.notify_new_proposals
    client.post(URL, {"notify_new_proposals": "on"})
    coordinator.refresh_from_db()

    assert opened.status_code == 200
    assert 'name="notify_new_proposals"' in opened.content.decode()
    assert (turned_off.status_code, turned_off.url) == (302, URL)
    assert (off, coordinator.notify_new_proposals) == (False, True)


@pytest.mark.parametrize("who", ["anonymous", "member", "official"])
def test_settings_page_is_for_coordinators(client, member, official, who):
    if who != "anonymous":
        client.force_login({"member": member, "official": official}[who])

    response = client.get(URL)

    if who == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403
