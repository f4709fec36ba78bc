"""Residents' voice end to end in Chromium on a phone: a resident leaves a suggestion and
answers a survey without an account; the coordinator publishes the suggestion and turns it into
an agenda proposal; the results page shows the charts. axe-core checks every page on the way;
the Nu HTML checker judges every page at the end of the run (conftest.html_pages)."""

import pytest
from playwright.sync_api import expect

from groups.models import Group
from meetings.models import Meeting, Proposal
from participation.models import Response, Suggestion
from tests.browser.conftest import assert_no_axe_violations, assert_no_horizontal_overflow
from tests.browser.steps import PHONE, expect_success, log_in, submit
from tests.meetings.conftest import make_meeting
from tests.participation.conftest import make_survey


def _phone(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True)


def _check(page):
    assert_no_axe_violations(page)
    assert_no_horizontal_overflow(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resident_suggests_and_answers_and_the_coordinator_acts(live_server, new_page, coordinator):
    base = live_server.url
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, title="Höstmöte", by=coordinator)
    survey = make_survey(areas=[lagan.area], by=coordinator)

    # A resident on a phone: the area page, then its suggestion box.
    resident = _phone(new_page)
    resident.goto(f"{base}/omraden/lagan/")
    _check(resident)
    resident.locator('main a[href="/omraden/lagan/forslagslada/"]').click()
    resident.wait_for_url(f"{base}/omraden/lagan/forslagslada/")
    _check(resident)
    resident.locator("input[name=title]").fill("Belysning på skolvägen")
    resident.locator("textarea[name=text]").fill("Skolvägen är mörk på vintern. 🌲")
    resident.locator("input[name=reply_email]").fill("asa@example.se")
    # A person takes more than the minimum fill time (3 s) to read and type.
    resident.wait_for_timeout(3200)
    resident.locator("main form [type=submit]").click()
    resident.wait_for_url(f"{base}/omraden/lagan/forslagslada/tack/")
    expect(resident.get_by_role("heading", level=1)).to_have_text("Tack för ditt förslag")
    _check(resident)

    # The survey, linked from the area page.
    resident.goto(f"{base}/omraden/lagan/")
    resident.locator(f'main a[href="/enkat/{survey.pk}/"]').click()
    resident.wait_for_url(f"{base}/enkat/{survey.pk}/")
    _check(resident)
    resident.get_by_label("Vägarna").check()
    resident.get_by_label("Badplatsen").check()
    resident.locator("input[type=radio][value='4']").check()
    resident.locator("textarea").fill("Fler cykelvägar")
    resident.locator("main form [type=submit]").click()
    resident.wait_for_url(f"{base}/enkat/{survey.pk}/tack/")
    _check(resident)
    assert Response.objects.filter(survey=survey).count() == 1

    # The coordinator, on a phone too: the area's queue, publish, then propose for the agenda.
    suggestion = Suggestion.objects.get()
    coordinator_page = _phone(new_page)
    log_in(coordinator_page, base, coordinator, "/forslagslador/lagan/")
    _check(coordinator_page)
    submit(coordinator_page, f"/forslagslador/forslag/{suggestion.pk}/publicera/")
    expect_success(coordinator_page, "publicerat")
    _check(coordinator_page)
    coordinator_page.goto(f"{base}/forslagslador/lagan/?visa=alla")
    submit(coordinator_page, f"/forslagslador/forslag/{suggestion.pk}/dagordning/")
    expect_success(coordinator_page, "dagordningen")
    _check(coordinator_page)
    proposal = Proposal.objects.get()
    assert (proposal.meeting, proposal.title) == (meeting, "Belysning på skolvägen")

    # The results: one chart per choice or scale question, with its table.
    coordinator_page.goto(f"{base}/enkater/{survey.pk}/resultat/")
    expect(coordinator_page.locator("main svg[role=img]")).to_have_count(3)
    expect(coordinator_page.locator("main svg[role=img] title").first).to_contain_text("Vad är viktigast?")
    expect(coordinator_page.locator("main table")).to_have_count(3)
    _check(coordinator_page)
