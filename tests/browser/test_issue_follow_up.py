"""Follow-up between meetings end to end in Chromium: an official writes an update on a public
issue, the coordinator approves it, anyone reads it on the issue's public page, and a resident
who follows the area gets a mail whose unsubscribe link works.

axe-core checks every page on the way; the Nu HTML checker judges them all at the end."""

import re

import pytest
from playwright.sync_api import expect

from alerts import services as alert_services
from alerts import tokens
from alerts.models import Subscription
from core.models import MailDelivery
from groups.models import Group
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, PHONE, expect_success, log_in
from tests.issues.test_services import make_issue
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes

UPDATE_TEXT = "Parkenheten byter bänken vecka 20."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_update_is_approved_published_and_mailed_to_a_subscriber(
    live_server, settings, new_page, coordinator, official
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    meeting = make_held_meeting(lagan, by=coordinator, title="Lagans vårmöte")
    issue = make_issue(lagan, by=coordinator, meeting=meeting, title="Trasig parkbänk")
    make_minutes(meeting, RELEASED, by=coordinator)
    subscription = alert_services.subscription_request(
        email="boende@example.se", areas=[lagan.area], follows=["follow_issues"], client=None
    )
    alert_services.subscription_confirm(token=tokens.confirm_token(subscription))
    issue_path = f"/sakfragor/{issue.pk}/"

    # 1. The official of the parks department writes an update; it waits for approval.
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, official, issue_path)
    expect(desk.locator("main")).to_contain_text(re.compile("publiceras när samordnaren har godkänt", re.I))
    desk.locator("main textarea[name=text]").fill(UPDATE_TEXT)
    desk.locator(f'main form[action="{issue_path}uppdatera/"] [type=submit]').click()
    desk.wait_for_url(f"{base}{issue_path}")
    expect_success(desk, r"skickad till samordnaren")
    assert_no_axe_violations(desk)

    # 2. The coordinator approves it from the approval queue.
    queue_path = "/sakfragor/att-godkanna/"
    coordinator_page = new_page(viewport=DESKTOP)
    log_in(coordinator_page, base, coordinator, queue_path)
    expect(coordinator_page.locator("main")).to_contain_text(UPDATE_TEXT)
    coordinator_page.get_by_role("button", name="Godkänn och publicera").click()
    coordinator_page.wait_for_url(f"{base}{queue_path}")
    expect_success(coordinator_page, r"publicerad")
    assert_no_axe_violations(coordinator_page)

    # 3. Anyone reads it: the area's issues and the issue's public page.
    phone = new_page(viewport=PHONE)
    phone.goto(f"{base}/omraden/lagan/sakfragor/")
    expect(phone.locator("main")).to_contain_text(UPDATE_TEXT)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Trasig parkbänk").click()
    phone.wait_for_url(f"{base}{issue_path}")
    expect(phone.locator("main")).to_contain_text(UPDATE_TEXT)
    expect(phone.locator("main")).not_to_contain_text(official.full_name)
    assert_no_axe_violations(phone)
    phone.goto(f"{base}/omraden/lagan/bevaka/")
    assert_no_axe_violations(phone)

    # 4. The subscriber's mail has a working unsubscribe link (and the one-click headers).
    delivery = MailDelivery.objects.select_related("mail").get(
        mail__template="subscription_notice", to="boende@example.se"
    )
    assert UPDATE_TEXT in delivery.mail.text
    link = re.search(rf"{re.escape(base)}/bevaka/avsluta/\S+", delivery.mail.text).group(0)
    assert delivery.headers["List-Unsubscribe"] == f"<{link}>"
    assert delivery.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    phone.goto(link)
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Sluta följa").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Du följer inte längre området")
    assert_no_axe_violations(phone)
    assert Subscription.objects.filter(email="boende@example.se").exists() is False
