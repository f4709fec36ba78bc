"""Nothing typed is lost, in Chromium.

The coordinator types into the minutes editor and presses "Skicka för granskning" without
saving first: the text is in version 1, as the official reads it. Leaving the editor with
unsaved text (a link, another address, another form's button) opens the browser's
"leave the page?" dialog; saving or sending the text does not. The warning works under the
site's real Content Security Policy, and every form in which one types more than a line is
watched.

axe-core checks every page on the way (WCAG 2.0/2.1 A and AA).
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from groups.models import Group
from issues import services as issue_services
from meetings import services as meeting_services
from meetings.models import Meeting
from minutes import services as minutes_services
from minutes.models import Minutes, MinutesReview, MinutesVersion
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, expect_success, log_in, submit
from tests.conftest import PASSWORD
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import make_held_meeting

NOTES = "Bryggan vid badplatsen är trasig; föreningen har fotograferat skadorna."
AGREED = "Park och skötsel lagar bryggan före midsommar."
MORE = " Föreningen hjälper till med målningen."


class Dialogs:
    """The dialogs a page opens, each answered: dismissed (stay on the page) unless told."""

    def __init__(self, page):
        self.seen: list[str] = []
        self.accept = False
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.seen.append(dialog.type)
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()


def _fieldset(page, position):
    return page.locator("main #minutes-editor fieldset").nth(position)


def _leave_and_stay(page, dialogs, leave) -> None:
    """Try to leave the page by `leave`; the dialog must appear, and staying keeps the page."""
    url = page.url
    before = len(dialogs.seen)
    leave()
    expect(page).to_have_url(url)
    assert dialogs.seen[before:] == ["beforeunload"]


def _goto_refused(page, url) -> None:
    """Go to another address; staying on the page in the dialog aborts the navigation."""
    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):
        page.goto(url)


# Transactional (live_server) tests flush the tables afterwards, the areas and groups seeded by
# the data migration included; serialized_rollback restores them for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_minutes_typed_then_sent_for_review_without_saving(
    live_server, settings, new_page, coordinator, official
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    lagan = Group.objects.get(area__slug="lagan")
    meeting = make_held_meeting(lagan, by=coordinator, item_count=1, title="Lagans vårmöte")
    minutes = minutes_services.minutes_start(meeting=meeting, by=coordinator)
    edit_path = f"/moten/{meeting.pk}/minnesanteckningar/skriv/"
    send_action = f"/moten/{meeting.pk}/minnesanteckningar/granskning/"
    release_action = f"/moten/{meeting.pk}/minnesanteckningar/publicera/"

    desk = new_page(viewport=DESKTOP)
    dialogs = Dialogs(desk)
    log_in(desk, base, coordinator, edit_path)
    assert_no_axe_violations(desk)

    # Leaving a page with nothing typed asks nothing.
    desk.locator("main a", has_text=re.compile("historik|history", re.IGNORECASE)).first.click()
    desk.wait_for_url(f"{base}/moten/{meeting.pk}/historik/")
    desk.go_back()
    desk.wait_for_url(f"{base}{edit_path}")
    assert dialogs.seen == []

    # 1. The coordinator types, and would lose the text by following a link or by going
    # to another address: the browser asks first, and staying keeps the text.
    _fieldset(desk, 0).locator("textarea[name$='-notes']").fill(NOTES)
    _fieldset(desk, 0).locator("textarea[name$='-agreed']").fill(AGREED)
    _leave_and_stay(desk, dialogs, lambda: desk.locator("main a[href$='/narvaro/']").click())
    _leave_and_stay(desk, dialogs, lambda: _goto_refused(desk, f"{base}/mina-moten/"))
    expect(_fieldset(desk, 0).locator("textarea[name$='-notes']")).to_have_value(NOTES)

    # 2. ... and presses "Skicka för granskning" without saving: no question, and the text
    # typed is what is frozen as version 1.
    editor = desk.locator("main form#minutes-editor")
    editor.locator(f"input[name=reviewers][value='{official.pk}']").check()
    send_button = editor.locator(f"[type=submit][formaction='{send_action}']")
    expect(send_button).to_have_text(re.compile(r"skicka för granskning|send for review", re.IGNORECASE))
    send_button.click()
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"version 1")
    assert_no_axe_violations(desk)
    assert dialogs.seen == ["beforeunload", "beforeunload"]
    version = MinutesVersion.objects.get(minutes=minutes)
    assert (version.number, version.content["items"][0]["notes"], version.content["items"][0]["agreed"]) == (
        1,
        NOTES,
        AGREED,
    )

    # 3. The official reads exactly that on the review page.
    review = MinutesReview.objects.get(minutes=minutes, reviewer=official)
    office = new_page(viewport=DESKTOP)
    log_in(office, base, official, "/mina-moten/")
    review_path = f"/minnesanteckningar/granska/{review.pk}/"
    office.locator(f'main a[href="{review_path}"]').click()
    office.wait_for_url(f"{base}{review_path}")
    expect(office.locator("main article.minutes")).to_contain_text(NOTES)
    expect(office.locator("main article.minutes")).to_contain_text(AGREED)
    assert_no_axe_violations(office)

    # 4. Back in the editor, more text is typed; pressing another form's button (release)
    # would leave it behind: the browser asks, and staying releases nothing.
    notes = _fieldset(desk, 0).locator("textarea[name$='-notes']")
    notes.fill(NOTES + MORE)
    _leave_and_stay(desk, dialogs, lambda: submit(desk, release_action))
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.IN_REVIEW
    expect(notes).to_have_value(NOTES + MORE)

    # Saving asks nothing: the text goes with it.
    submit(desk, edit_path)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"sparats|saved")
    assert dialogs.seen == ["beforeunload"] * 3
    assert minutes.items.order_by("position", "id").first().notes == NOTES + MORE
    assert_no_axe_violations(desk)

    # 5. Version 2 goes out: version 1's request is no longer a task, and its page says so.
    editor = desk.locator("main form#minutes-editor")
    expect(editor.locator(f"input[name=reviewers][value='{official.pk}']")).to_be_checked()
    submit(desk, send_action)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"version 2")
    second = MinutesReview.objects.get(minutes=minutes, reviewer=official, version_number=2)
    office.goto(f"{base}/mina-moten/")
    expect(office.locator(f'main a[href="{review_path}"]')).to_have_count(0)
    expect(office.locator(f'main a[href="/minnesanteckningar/granska/{second.pk}/"]')).to_have_count(1)
    assert_no_axe_violations(office)
    office.goto(f"{base}{review_path}")
    expect(office.locator("main .alert-info")).to_contain_text("version 2")
    expect(office.locator("main input[name=verdict]")).to_have_count(0)
    assert_no_axe_violations(office)
    office.locator(f'main a[href="/minnesanteckningar/granska/{second.pk}/"]').click()
    office.wait_for_url(f"{base}/minnesanteckningar/granska/{second.pk}/")
    expect(office.locator("main article.minutes")).to_contain_text(MORE.strip())
    assert dialogs.seen == ["beforeunload"] * 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unsaved_warning_works_under_the_content_security_policy(live_server, new_page, coordinator):
    """Without bypass_csp: the script is loaded from the site, as the policy allows."""
    lagan = Group.objects.get(area__slug="lagan")
    meeting = make_held_meeting(lagan, by=coordinator, item_count=1)
    minutes_services.minutes_start(meeting=meeting, by=coordinator)
    edit_path = f"/moten/{meeting.pk}/minnesanteckningar/skriv/"
    page = new_page(viewport=DESKTOP, bypass_csp=False)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security" in message.text else None,
    )
    dialogs = Dialogs(page)
    page.goto(f"{live_server.url}/konto/logga-in/?next={edit_path}")
    page.locator("input[name=username]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}{edit_path}")

    page.locator("main #minutes-editor textarea").first.fill(NOTES)
    _leave_and_stay(page, dialogs, lambda: _goto_refused(page, f"{live_server.url}/mina-moten/"))
    dialogs.accept = True
    page.goto(f"{live_server.url}/mina-moten/")

    assert dialogs.seen == ["beforeunload", "beforeunload"]
    assert refused == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_form_with_a_textarea_warns_before_its_text_is_lost(
    live_server, new_page, coordinator, official, member, lagan
):
    """Every page with a form in which one types more than a line, as the person who uses it:
    each such form is watched (axe checks the pages too)."""
    open_meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    proposal = meeting_services.proposal_submit(meeting=open_meeting, proposer=member, title="Belysning")
    published = make_meeting(lagan, status=Meeting.Status.PUBLISHED, by=coordinator, title="Publicerat")
    in_review = make_meeting(lagan, status=Meeting.Status.IN_REVIEW, by=coordinator, reviewers=[official])
    held = make_held_meeting(lagan, by=coordinator, item_count=1)
    minutes_services.minutes_start(meeting=held, by=coordinator)
    issue = issue_services.issue_create(
        group=lagan, title="Bryggan", by=coordinator, department=official.official.departments.first()
    )
    item = open_meeting.items.order_by("position").first()
    pages = {
        coordinator: [
            f"/moten/{open_meeting.pk}/hantera/",
            f"/moten/{open_meeting.pk}/andra/",
            f"/moten/{open_meeting.pk}/stall-in/",
            f"/punkter/{item.pk}/andra/",
            f"/forslag/{proposal.pk}/avsla/",
            "/grupper/lagan/moten/nytt/",
            "/grupper/lagan/bjud-in/",
            f"/moten/{held.pk}/narvaro/",
            f"/moten/{held.pk}/minnesanteckningar/skriv/",
            "/sakfragor/ny/",
            f"/sakfragor/{issue.pk}/",
            f"/sakfragor/{issue.pk}/andra/",
        ],
        official: [f"/forankring/{in_review.reviews.get().pk}/"],
        member: [
            f"/moten/{open_meeting.pk}/forslag/nytt/",
            f"/forslag/{proposal.pk}/andra/",
            f"/moten/{published.pk}/",
        ],
    }
    unwatched_forms = """() => Array.from(document.forms)
        .filter(form => form.querySelector("textarea") && !form.closest("[data-warn-unsaved]"))
        .map(form => form.getAttribute("action") || "(this page)")"""

    for person, paths in pages.items():
        page = new_page(viewport=DESKTOP)
        log_in(page, live_server.url, person, paths[0])
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert page.locator("main textarea").count() > 0, path
            assert page.evaluate(unwatched_forms) == [], path
            assert_no_axe_violations(page)
