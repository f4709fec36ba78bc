"""Two coordinators curate the same agenda in Chromium, and the smaller things a pilot hits on
the way: the order buttons keep the keyboard's place, a round of meetings is not started twice,
and the pages that list rounds and hold the coordinator's settings.

axe-core checks every page on the way (WCAG 2.0/2.1 A and AA).
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from accounts.roles import Role, grant_role
from meetings import services
from meetings.models import AgendaItem, Meeting, MeetingRound
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, PHONE, expect_success, log_in
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting

ORIGINAL = "Skolvägen"
TITLE_A = "Skolvägen och busshållplatsen"
DESCRIPTION_A = "Trafiken vid skolan och var bussen stannar."
TITLE_B = "Skolvägen, ny sträckning"
DESCRIPTION_B = "Förslag från föreningen om en ny sträckning."


def _open_meeting_with_item(lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator, title="Lagans höstmöte")
    item = services.agenda_item_add(
        meeting=meeting,
        by=coordinator,
        expected_version=meeting.agenda_version,
        title=ORIGINAL,
        description="Trafiken vid skolan.",
    )
    return meeting, item


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_coordinator_sees_the_current_item_and_their_own_text_after_a_conflict(
    live_server, settings, new_page, coordinator, lagan
):
    settings.SITE_URL = base = live_server.url
    bengt = make_person("Bengt Samordnare", "bengt@kommun.se")
    grant_role(bengt, Role.COORDINATOR)
    meeting, item = _open_meeting_with_item(lagan, coordinator)
    edit_path = f"/punkter/{item.pk}/andra/"
    manage_path = f"/moten/{meeting.pk}/hantera/"

    # Both open the same item's edit form.
    eva = new_page(viewport=DESKTOP)
    log_in(eva, base, coordinator, edit_path)
    expect(eva.locator("main input[name=title]")).to_have_value(ORIGINAL)
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, base, bengt, edit_path)
    expect(phone.locator("main input[name=title]")).to_have_value(ORIGINAL)

    # Eva saves first.
    eva.locator("main input[name=title]").fill(TITLE_A)
    eva.locator("main textarea[name=description]").fill(DESCRIPTION_A)
    eva.locator("main form [type=submit]").click()
    eva.wait_for_url(f"{base}{manage_path}")
    expect_success(eva, r"sparats|saved")
    assert_no_axe_violations(eva)

    # Bengt saves his version of the same item: a conflict. The form holds Eva's item, his
    # text is beside it to copy from.
    phone.locator("main input[name=title]").fill(TITLE_B)
    phone.locator("main textarea[name=description]").fill(DESCRIPTION_B)
    with phone.expect_navigation():
        phone.locator("main form [type=submit]").click()
    assert phone.url == f"{base}{edit_path}"
    expect(phone.locator("main .alert-warning")).to_contain_text(re.compile(r"någon annan ändrade", re.I))
    expect(phone.locator("main input[name=title]")).to_have_value(TITLE_A)
    expect(phone.locator("main textarea[name=description]")).to_have_value(DESCRIPTION_A)
    typed = phone.locator("section[aria-labelledby=typed-heading]")
    expect(typed.get_by_role("heading", level=2)).to_have_text("Din text, inte sparad")
    expect(typed.locator("#typed-title")).to_have_value(TITLE_B)
    expect(typed.locator("#typed-description")).to_have_value(DESCRIPTION_B)
    expect(typed.get_by_label(re.compile("Titel"))).to_have_js_property("readOnly", True)
    assert_no_axe_violations(phone)

    # Pressing "Save" again without typing keeps Eva's change.
    phone.locator("main form [type=submit]").click()
    phone.wait_for_url(f"{base}{manage_path}")
    assert_no_axe_violations(phone)
    item.refresh_from_db()
    assert (item.title, item.description) == (TITLE_A, DESCRIPTION_A)

    # He copies his title over on purpose, and that is saved, on top of Eva's description.
    phone.goto(f"{base}{edit_path}")
    phone.locator("main input[name=title]").fill(TITLE_B)
    phone.locator("main form [type=submit]").click()
    phone.wait_for_url(f"{base}{manage_path}")
    item.refresh_from_db()
    assert (item.title, item.description) == (TITLE_B, DESCRIPTION_A)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_order_buttons_keep_the_keyboard_on_the_moved_item(
    live_server, settings, new_page, coordinator, lagan
):
    settings.SITE_URL = base = live_server.url
    meeting, item = _open_meeting_with_item(lagan, coordinator)
    services.agenda_item_add(
        meeting=meeting,
        by=coordinator,
        expected_version=Meeting.objects.get(pk=meeting.pk).agenda_version,
        title="Översiktsplanen",
        duration_minutes=90,
    )
    manage_path = f"/moten/{meeting.pk}/hantera/"
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, coordinator, manage_path)
    # 40 minutes of standing items, 15 and 90: past the two hours of the meeting.
    expect(desk.locator("#agenda-overrun")).to_contain_text("25 minuter efter mötets slut")
    assert_no_axe_violations(desk)

    # Up with the keyboard: the focus stays on the item's Up button.
    _press_with_keyboard(desk, f"#item-{item.pk}-up")
    assert desk.url == f"{base}{manage_path}#item-{item.pk}-up"
    expect(desk.locator(f"#item-{item.pk}-up")).to_be_focused()
    # Up again, to the top, where the item has no Up button: the focus goes to its Down button.
    desk.keyboard.press("Enter")
    desk.wait_for_url(f"{base}{manage_path}#item-{item.pk}-down")
    expect(desk.locator(f"#item-{item.pk}-down")).to_be_focused()
    assert _agenda_order(meeting).index(item.pk) == 0
    # And down again.
    _press_with_keyboard(desk, f"#item-{item.pk}-down")
    expect(desk.locator(f"#item-{item.pk}-down")).to_be_focused()
    assert _agenda_order(meeting).index(item.pk) == 1
    assert_no_axe_violations(desk)


def _press_with_keyboard(page, selector) -> None:
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _agenda_order(meeting) -> list[int]:
    return list(
        AgendaItem.objects.filter(meeting=meeting).order_by("position", "id").values_list("pk", flat=True)
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_is_not_started_twice_and_rounds_are_listed(
    live_server, settings, new_page, coordinator, lagan
):
    settings.SITE_URL = base = live_server.url
    make_meeting(
        lagan,
        status=Meeting.Status.PUBLISHED,
        starts_in=timedelta(days=-2),
        by=coordinator,
        title="Glömt möte",
    )
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, coordinator, "/arshjul/")
    expect(desk.locator("main")).to_contain_text("inte markerat som genomfört")

    desk.locator('main a[href="/moten/omgang/ny/"]').click()
    desk.wait_for_url(f"{base}/moten/omgang/ny/")
    desk.locator("main input[name=title]").fill("Årets gruppmöten")
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(re.compile(r"/moten/omgang/\d+/$"))
    round_path = desk.url.removeprefix(base)

    # Back to the first step, and "Continue" again: the same round.
    desk.go_back()
    desk.wait_for_url(f"{base}/moten/omgang/ny/")
    expect(desk.locator("main .alert-info")).to_contain_text("Du fortsätter med omgången ”Årets gruppmöten”")
    assert_no_axe_violations(desk)
    with desk.expect_navigation():
        desk.locator("main form [type=submit]").click()
    desk.wait_for_url(f"{base}{round_path}")
    assert MeetingRound.objects.count() == 1

    desk.locator('main a[href="/moten/omgangar/"]').click()
    desk.wait_for_url(f"{base}/moten/omgangar/")
    expect(desk.locator("main tbody tr")).to_have_count(1)
    expect(desk.locator("main tbody")).to_contain_text("Årets gruppmöten")
    assert_no_axe_violations(desk)

    desk.goto(f"{base}/konto/installningar/")
    checkbox = desk.get_by_label(re.compile("mejla mig när ett förslag kommer in", re.I))
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(f"{base}/konto/installningar/")
    expect_success(desk, r"sparats")
    expect(checkbox).not_to_be_checked()
    assert_no_axe_violations(desk)
    coordinator.refresh_from_db()
    assert coordinator.notify_new_proposals is False
