"""An elected representative in Chromium, on a phone: invited to a meeting with elected
representatives of an area they follow, they land on their own page, answer that they come,
see their answer there, and start following another area.

axe-core checks every page on the way; the Nu HTML checker judges them at the end."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Rsvp
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import SMALL_PHONE, expect_success, log_in
from tests.meetings.conftest import make_meeting

PAGE = "/fortroendevald/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_elected_representative_answers_an_invitation_and_follows_another_area(
    live_server, new_page, lagan, ryssby, elected_representative
):
    meeting = make_meeting(
        lagan,
        status=Meeting.Status.PUBLISHED,
        kind=Meeting.Kind.ELECTED_REPRESENTATIVES,
        title="Dialog om Lagans centrum",
        venue_name="",
        elected_representatives="Samhällsbyggnadsutskottet",
        starts_in=timedelta(days=20),
    )
    page = new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, elected_representative, PAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina möten och områden")
    invitations = page.locator("#invited-heading + ul")
    expect(invitations).to_contain_text("Dialog om Lagans centrum")
    expect(invitations).to_contain_text("inte svarat än")

    # The meeting's page: they answer that they come.
    invitations.get_by_role("link", name="Dialog om Lagans centrum").click()
    page.wait_for_url(f"{live_server.url}{meeting.get_absolute_url()}")
    assert_no_axe_violations(page)
    page.get_by_label("kommer", exact=True).check()
    page.get_by_role("button", name="Skicka svar").click()
    expect_success(page, "Tack för ditt svar")
    assert Rsvp.objects.get(meeting=meeting, person=elected_representative).answer == Rsvp.Answer.YES

    # Back on their page the answer shows; they follow Ryssby too.
    page.goto(f"{live_server.url}{PAGE}")
    expect(page.locator("#invited-heading + ul")).to_contain_text("ditt svar: kommer")
    page.get_by_label("Ryssby").check()
    page.get_by_role("button", name="Spara områdena").click()
    page.wait_for_url(f"{live_server.url}{PAGE}")
    expect_success(page, "De områden du följer är sparade")
    assert_no_axe_violations(page)
    followed = elected_representative.elected_representative.areas.order_by("slug")
    assert list(followed.values_list("slug", flat=True)) == ["lagan", "ryssby"]
