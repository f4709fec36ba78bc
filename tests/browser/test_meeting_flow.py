"""The life of one meeting end to end in Chromium.

The coordinator schedules and opens a meeting, a representative proposes on a phone, the
coordinator curates and sends the agenda for anchoring, an official approves, the coordinator
publishes, the representative answers, and anyone can read the published agenda.

axe-core checks every page on the way (WCAG 2.0/2.1 A and AA).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Group
from meetings.models import AgendaReview, Meeting, Proposal
from officials.models import Department
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, PHONE, expect_success, log_in, submit

MEETING_TITLE = "Lagans höstmöte"
VENUE = "Lagans bygdegård"
ADDRESS = "Storgatan 1, Lagan"
ACCEPTED_TITLE = "Belysning vid badplatsen"
ACCEPTED_DESCRIPTION = "Det är mörkt på gångvägen till badplatsen på kvällarna."
DECLINED_TITLE = "Ny fotbollsplan vid skolan"
DECLINED_DESCRIPTION = "Vi vill ha en konstgräsplan vid skolan."
DECLINE_REASON = "Frågan hör till nästa års budgetdialog; ta gärna upp den där."


def _propose(phone, base_url, meeting_pk, title, description, department=None) -> None:
    detail_path = f"/moten/{meeting_pk}/"
    propose_path = f"/moten/{meeting_pk}/forslag/nytt/"
    propose_link = phone.locator(f'main a[href="{propose_path}"]')
    expect(propose_link).to_have_text(re.compile(r"föreslå|propose", re.IGNORECASE))
    propose_link.click()
    phone.wait_for_url(f"{base_url}{propose_path}")
    assert_no_axe_violations(phone)
    phone.locator("main input[name=title]").fill(title)
    phone.locator("main textarea[name=description]").fill(description)
    if department is not None:
        phone.locator(f"main input[name=departments][value='{department.pk}']").check()
    phone.locator("main form [type=submit]").click()
    phone.wait_for_url(f"{base_url}{detail_path}")
    expect_success(phone, r"tack|thank you")
    expect(phone.locator("#my-proposals-heading ~ ul")).to_contain_text(title)
    assert_no_axe_violations(phone)


# Transactional (live_server) tests flush the tables afterwards, the areas and groups seeded by
# the data migration included; serialized_rollback restores them for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_meeting_from_scheduling_to_published_agenda(
    live_server, settings, new_page, coordinator, official, member
):
    settings.SITE_URL = live_server.url
    base = live_server.url
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    park = Department.objects.get(slug="park-och-skotselfragor")
    today = timezone.localdate()
    create_path = f"/grupper/{lagan.slug}/moten/nytt/"

    # 1. The coordinator schedules a meeting for Lagan and opens it for proposals.
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, coordinator, create_path)
    expect(desk.get_by_role("heading", level=1)).to_contain_text(lagan.name)
    desk.locator("main select[name=kind]").select_option("group_meeting")
    desk.locator("main input[name=title]").fill(MEETING_TITLE)
    desk.locator("main input[name=date]").fill((today + timedelta(days=30)).isoformat())
    desk.locator("main input[name=start_time]").fill("18:30")
    desk.locator("main input[name=end_time]").fill("20:30")
    desk.locator("main input[name=venue_name]").fill(VENUE)
    desk.locator("main input[name=venue_address]").fill(ADDRESS)
    desk.locator("main input[name=deadline_date]").fill((today + timedelta(days=10)).isoformat())
    desk.locator("main form [type=submit]").click()

    desk.wait_for_url(re.compile(r"/moten/\d+/hantera/$"))
    meeting_pk = int(re.search(r"/moten/(\d+)/hantera/$", desk.url).group(1))
    meeting = Meeting.objects.get(pk=meeting_pk)
    assert (meeting.title, meeting.group_id, meeting.status) == (
        MEETING_TITLE,
        lagan.pk,
        Meeting.Status.DRAFT,
    )
    detail_path = f"/moten/{meeting_pk}/"
    manage_path = f"/moten/{meeting_pk}/hantera/"
    expect(desk.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    expect(desk.locator("main")).to_contain_text(VENUE)
    expect_success(desk, r"utkast|draft")
    assert_no_axe_violations(desk)

    open_button = desk.locator(f'main form[action="/moten/{meeting_pk}/oppna/"] [type=submit]')
    expect(open_button).to_have_text(re.compile(r"öppna för förslag|open for proposals", re.IGNORECASE))
    open_button.click()
    desk.wait_for_url(f"{base}{manage_path}")
    expect_success(desk, r"öppe|open")
    assert_no_axe_violations(desk)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.OPEN

    # 2. A representative of Lagan proposes two items on a phone.
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, base, member, detail_path)
    expect(phone.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    _propose(phone, base, meeting_pk, ACCEPTED_TITLE, ACCEPTED_DESCRIPTION, department=park)
    _propose(phone, base, meeting_pk, DECLINED_TITLE, DECLINED_DESCRIPTION)
    accepted = Proposal.objects.get(meeting=meeting, title=ACCEPTED_TITLE)
    declined = Proposal.objects.get(meeting=meeting, title=DECLINED_TITLE)
    assert list(accepted.departments.all()) == [park]

    # 3. The coordinator accepts the first proposal and declines the second, with a reason.
    desk.reload()
    proposals = desk.locator("section[aria-labelledby=proposals-heading]")
    expect(proposals).to_contain_text(ACCEPTED_TITLE)
    expect(proposals).to_contain_text(DECLINED_TITLE)
    assert_no_axe_violations(desk)
    submit(desk, f"/forslag/{accepted.pk}/godta/")
    desk.wait_for_url(f"{base}{manage_path}")
    expect_success(desk, r"dagordning|agenda")
    expect(desk.locator("section[aria-labelledby=agenda-heading]")).to_contain_text(ACCEPTED_TITLE)
    assert_no_axe_violations(desk)

    decline_path = f"/forslag/{declined.pk}/avsla/"
    desk.locator(f'main a[href="{decline_path}"]').click()
    desk.wait_for_url(f"{base}{decline_path}")
    expect(desk.locator("main")).to_contain_text(DECLINED_TITLE)
    assert_no_axe_violations(desk)
    desk.locator("main textarea[name=reason]").fill(DECLINE_REASON)
    desk.locator("main form [type=submit]").click()
    desk.wait_for_url(f"{base}{manage_path}")
    expect_success(desk, r"avslag|avsl|declined")
    expect(desk.locator("section[aria-labelledby=proposals-heading]")).to_contain_text(DECLINE_REASON)
    expect(desk.locator("section[aria-labelledby=agenda-heading]")).not_to_contain_text(DECLINED_TITLE)
    assert_no_axe_violations(desk)

    # 4. The coordinator sends the agenda for anchoring with the park official.
    review_action = f"/moten/{meeting_pk}/forankra/"
    anchoring = desk.locator(f'main form[action="{review_action}"]')
    anchoring.locator(f"input[name=reviewers][value='{official.pk}']").check()
    submit(desk, review_action)
    desk.wait_for_url(f"{base}{manage_path}")
    expect_success(desk, r"förankr|anchoring")
    expect(desk.locator("section[aria-labelledby=anchoring-heading]")).to_contain_text(official.full_name)
    assert_no_axe_violations(desk)
    review = AgendaReview.objects.get(meeting=meeting, reviewer=official)

    # 5. The official reads the agenda and approves it.
    office = new_page(viewport=DESKTOP)
    log_in(office, base, official, "/mina-moten/")
    review_path = f"/forankring/{review.pk}/"
    office.locator(f'main a[href="{review_path}"]').first.click()
    office.wait_for_url(f"{base}{review_path}")
    expect(office.locator("main")).to_contain_text(ACCEPTED_TITLE)
    expect(office.locator("main")).not_to_contain_text(DECLINED_TITLE)
    assert_no_axe_violations(office)
    office.locator("main input[name=verdict][value=approve]").check()
    submit(office, f"/forankring/{review.pk}/")
    office.wait_for_url(f"{base}/mina-moten/")
    expect_success(office, r"tack|thank you")
    assert_no_axe_violations(office)
    review.refresh_from_db()
    assert review.verdict == AgendaReview.Verdict.APPROVED

    # 6. Everyone has approved: the coordinator publishes with a plain button.
    desk.reload()
    assert_no_axe_violations(desk)
    publish_action = f"/moten/{meeting_pk}/publicera/"
    expect(desk.locator(f'main form[action="{publish_action}"] input[type=checkbox]')).to_have_count(0)
    submit(desk, publish_action)
    desk.wait_for_url(f"{base}{manage_path}")
    expect_success(desk, r"publicera|published")
    assert_no_axe_violations(desk)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    # 7. The representative answers that she is coming.
    phone.goto(f"{base}{detail_path}")
    expect(phone.locator("#my-proposals-heading ~ ul")).to_contain_text(DECLINE_REASON)
    assert_no_axe_violations(phone)
    rsvp_action = f"/moten/{meeting_pk}/svar/"
    phone.locator(f'main form[action="{rsvp_action}"] input[name=answer][value=yes]').check()
    submit(phone, rsvp_action)
    phone.wait_for_url(f"{base}{detail_path}")
    expect_success(phone, r"tack för ditt svar|thank you for your answer")
    assert_no_axe_violations(phone)
    assert meeting.rsvps.get(person=member).answer == "yes"

    # 8. Anyone sees the published agenda, and the area page lists the meeting.
    visitor = new_page(viewport=DESKTOP)
    visitor.goto(f"{base}{detail_path}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    agenda = visitor.locator("section[aria-labelledby=agenda-heading]")
    expect(agenda).to_contain_text(ACCEPTED_TITLE)
    expect(visitor.locator("main")).not_to_contain_text(DECLINED_TITLE)
    expect(visitor.locator("main")).not_to_contain_text(DECLINE_REASON)
    assert_no_axe_violations(visitor)

    area_path = f"/omraden/{lagan.area.slug}/"
    visitor.goto(f"{base}{area_path}")
    expect(visitor.locator(f'main a[href="{detail_path}"]')).to_have_text(MEETING_TITLE)
    assert_no_axe_violations(visitor)
