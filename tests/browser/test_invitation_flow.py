"""The invitation flow end to end in Chromium: the coordinator invites, the representative joins.

axe-core checks every page on the way (WCAG 2.0/2.1 A and AA).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from groups.models import Group
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD, make_organisation

INVITEE_EMAIL = "ny.representant@forening.se"
INVITEE_NAME = "Nora Nyberg"
INVITEE_PASSWORD = "Ett-starkt-lösenord-2026"
PHONE = {"width": 390, "height": 844}


def _invitation_link(outbox, address, base_url) -> str:
    messages = [message for message in outbox if address in message.to]
    assert len(messages) == 1, f"expected one email to {address}, got {[m.to for m in outbox]}"
    links = re.findall(r"https?://\S+/inbjudan/[^/\s]+/", messages[0].body)
    assert links, f"no invitation link in the email:\n{messages[0].body}"
    assert links[0].startswith(base_url), links[0]
    return links[0]


# Transactional (live_server) tests flush the tables afterwards, the areas and groups seeded by
# the data migration included; serialized_rollback restores them for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_invites_and_representative_joins(live_server, settings, new_page, coordinator):
    # The accept link in the email is built from SITE_URL: point it at the live server.
    settings.SITE_URL = live_server.url
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    organisation = make_organisation("Lagans hembygdsförening")
    group_path = f"/grupper/{lagan.slug}/"
    invite_path = f"/grupper/{lagan.slug}/bjud-in/"

    # The coordinator logs in and lands on the overview of all groups.
    page = new_page()
    page.goto(f"{live_server.url}/konto/logga-in/")
    expect(page.locator("input[name=username]")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("input[name=username]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/grupper/")
    assert_no_axe_violations(page)

    # The Lagan group page, with the coordinator's buttons.
    page.locator(f'main a[href="{group_path}"]').click()
    page.wait_for_url(f"{live_server.url}{group_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(lagan.name)
    assert_no_axe_violations(page)

    invite_link = page.locator(f'main a[href="{invite_path}"]')
    expect(invite_link).to_have_text(re.compile(r"bjud in|invite", re.IGNORECASE))
    invite_link.click()

    # The invitation form.
    page.wait_for_url(f"{live_server.url}{invite_path}")
    assert_no_axe_violations(page)
    page.locator("textarea[name=addresses]").fill(INVITEE_EMAIL)
    # Submit buttons are found by type, not by their (translated) wording.
    page.locator("main form [type=submit]").click()

    # Back on the group page, with a confirmation and the pending invitation.
    page.wait_for_url(f"{live_server.url}{group_path}")
    expect(page.locator("main .alert-success")).to_contain_text(INVITEE_EMAIL)
    expect(page.locator("#invitations-heading ~ ul")).to_contain_text(INVITEE_EMAIL)
    assert_no_axe_violations(page)

    # The representative opens the link from the email on a phone, with no session of its own.
    link = _invitation_link(mail.outbox, INVITEE_EMAIL, live_server.url)
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_contain_text(lagan.name)
    expect(phone.locator("main")).to_contain_text(INVITEE_EMAIL)
    assert_no_axe_violations(phone)

    phone.locator("input[name=full_name]").fill(INVITEE_NAME)
    phone.locator("input[name=password1]").fill(INVITEE_PASSWORD)
    phone.locator("input[name=password2]").fill(INVITEE_PASSWORD)
    phone.locator("select[name=organisation]").select_option(label=organisation.name)
    phone.locator("input[name=privacy_notice]").check()
    phone.locator("main form [type=submit]").click()

    # Logged in and a member: the group page lists the new representative.
    phone.wait_for_url(f"{live_server.url}{group_path}")
    expect(phone.locator("main .alert-success")).to_be_visible()
    members = phone.locator("section[aria-labelledby=members-heading] tbody")
    expect(members).to_contain_text(INVITEE_NAME)
    expect(members).to_contain_text(organisation.name)
    assert_no_axe_violations(phone)
