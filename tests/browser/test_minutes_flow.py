"""The minutes of one meeting end to end in Chromium.

The coordinator writes the minutes of a held meeting and sends them for review, an official
comments on an item, the coordinator revises and sends version 2 with a representative to sign
off, the official approves and the representative confirms on a phone, the coordinator releases,
and anyone can read the released minutes and download the archival PDF. The coordinator can
compare the two versions.

axe-core checks every page on the way (WCAG 2.0/2.1 A and AA).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Group
from meetings import services as meeting_services
from meetings.models import Meeting
from minutes.models import Minutes, MinutesItem, MinutesReview, SignOff
from officials.models import Department
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, PHONE, expect_success, log_in, submit
from tests.meetings.conftest import let_time_pass, make_meeting

MEETING_TITLE = "Lagans vårmöte"
LIGHTING = "Belysning vid badplatsen"
LIGHTING_NOTES = "Det är mörkt på gångvägen till badplatsen på kvällarna."
LIGHTING_AGREED = "Gatuenheten ser över belysningen före sommaren."
LIGHTING_AGREED_REVISED = "Park och skötsel sätter upp två nya lampor vid gångvägen före midsommar."
BENCHES = "Parkbänkar vid ån"
BENCHES_NOTES = "Bänkarna vid ån är trasiga och behöver bytas."
BENCHES_AGREED = "Föreningen inventerar bänkarna och skickar en lista."
OFFICIAL_COMMENT = "Det är Park och skötsel som ansvarar för lamporna, inte gatuenheten."


def _item_fieldset(page, title):
    """The editor's fieldset of one agenda item, found by its legend."""
    return page.locator("main fieldset").filter(has=page.locator("legend", has_text=title))


def _write(page, title, notes=None, agreed=None) -> None:
    fieldset = _item_fieldset(page, title)
    if notes is not None:
        fieldset.locator("textarea[name$='-notes']").fill(notes)
    if agreed is not None:
        fieldset.locator("textarea[name$='-agreed']").fill(agreed)


def _held_meeting(group, coordinator, official):
    """A held meeting of `group` whose agenda has two items for the park department, built
    through the services: scheduled ahead, curated, anchored, published, then held."""
    park = Department.objects.get(slug="park-och-skotselfragor")
    meeting = make_meeting(group, status=Meeting.Status.OPEN, by=coordinator, title=MEETING_TITLE)
    for title in (LIGHTING, BENCHES):
        meeting_services.agenda_item_add(
            meeting=meeting,
            by=coordinator,
            expected_version=meeting.agenda_version,
            title=title,
            departments=[park],
        )
        meeting.refresh_from_db()
    meeting = meeting_services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)
    for review in meeting.reviews.all():
        meeting_services.agenda_review_decide(review=review, reviewer=official, approve=True)
    meeting = meeting_services.meeting_publish(meeting=meeting, by=coordinator)
    starts_at = timezone.now() - timedelta(days=1)
    let_time_pass(
        meeting,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        proposal_deadline=starts_at - timedelta(days=14),
    )
    return meeting_services.meeting_mark_held(meeting=meeting, by=coordinator)


# Transactional (live_server) tests flush the tables afterwards, the areas and groups seeded by
# the data migration included; serialized_rollback restores them for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_minutes_from_writing_to_release(live_server, settings, new_page, coordinator, official, member):
    settings.SITE_URL = live_server.url
    base = live_server.url
    lagan = Group.objects.select_related("area").get(area__slug="lagan")
    meeting = _held_meeting(lagan, coordinator, official)
    pk = meeting.pk
    manage_path = f"/moten/{pk}/hantera/"
    start_action = f"/moten/{pk}/minnesanteckningar/paborja/"
    edit_path = f"/moten/{pk}/minnesanteckningar/skriv/"
    send_action = f"/moten/{pk}/minnesanteckningar/granskning/"
    release_action = f"/moten/{pk}/minnesanteckningar/publicera/"
    public_path = f"/moten/{pk}/minnesanteckningar/"
    pdf_path = f"/moten/{pk}/minnesanteckningar.pdf"
    diff_path = f"/moten/{pk}/minnesanteckningar/skillnad/"

    # 1. The coordinator starts the minutes, writes two items, and sends them to the official.
    desk = new_page(viewport=DESKTOP)
    log_in(desk, base, coordinator, manage_path)
    expect(desk.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    start_button = desk.locator(f'main form[action="{start_action}"] [type=submit]')
    expect(start_button).to_have_text(
        re.compile(r"skriv minnesanteckningar|write the minutes", re.IGNORECASE)
    )
    start_button.click()
    desk.wait_for_url(f"{base}{edit_path}")
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == Minutes.Status.DRAFT
    expect(_item_fieldset(desk, LIGHTING)).to_have_count(1)
    expect(_item_fieldset(desk, BENCHES)).to_have_count(1)
    assert_no_axe_violations(desk)

    _write(desk, LIGHTING, notes=LIGHTING_NOTES, agreed=LIGHTING_AGREED)
    _write(desk, BENCHES, notes=BENCHES_NOTES, agreed=BENCHES_AGREED)
    submit(desk, edit_path)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"sparats|saved")
    expect(_item_fieldset(desk, LIGHTING).locator("textarea[name$='-agreed']")).to_have_value(LIGHTING_AGREED)
    assert_no_axe_violations(desk)
    lighting = MinutesItem.objects.get(minutes=minutes, title=LIGHTING)
    assert (lighting.notes, lighting.agreed) == (LIGHTING_NOTES, LIGHTING_AGREED)

    review_form = desk.locator("main form#minutes-editor")
    review_form.locator(f"input[name=reviewers][value='{official.pk}']").check()
    submit(desk, send_action)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"version 1")
    expect(desk.locator("section[aria-labelledby=status-heading]")).to_contain_text(official.full_name)
    assert_no_axe_violations(desk)
    minutes.refresh_from_db()
    assert (minutes.status, minutes.version) == (Minutes.Status.IN_REVIEW, 1)
    first_review = MinutesReview.objects.get(minutes=minutes, reviewer=official, version_number=1)

    # 2. The official reads version 1 and comments on the lighting item.
    office = new_page(viewport=DESKTOP)
    log_in(office, base, official, "/mina-moten/")
    first_review_path = f"/minnesanteckningar/granska/{first_review.pk}/"
    office.locator(f'main a[href="{first_review_path}"]').click()
    office.wait_for_url(f"{base}{first_review_path}")
    expect(office.locator("main")).to_contain_text(LIGHTING_AGREED)
    expect(office.locator("main")).to_contain_text(BENCHES_NOTES)
    assert_no_axe_violations(office)
    office.locator(f"main textarea[name=item_{lighting.pk}]").fill(OFFICIAL_COMMENT)
    office.locator("main input[name=verdict][value=comment]").check()
    office.locator("main form [type=submit]").click()
    office.wait_for_url(f"{base}/mina-moten/")
    expect_success(office, r"tack|thank you")
    expect(office.locator(f'main a[href="{first_review_path}"]')).to_have_count(0)
    assert_no_axe_violations(office)
    first_review.refresh_from_db()
    assert first_review.verdict == MinutesReview.Verdict.COMMENTED

    # 3. The coordinator sees the comment by the item, revises the text and sends version 2,
    # this time with the representative to sign off.
    desk.reload()
    lighting_fieldset = _item_fieldset(desk, LIGHTING)
    expect(lighting_fieldset.locator(".alert-warning")).to_contain_text(OFFICIAL_COMMENT)
    expect(lighting_fieldset.locator(".alert-warning")).to_contain_text(official.full_name)
    expect(_item_fieldset(desk, BENCHES).locator(".alert-warning")).to_have_count(0)
    assert_no_axe_violations(desk)
    _write(desk, LIGHTING, agreed=LIGHTING_AGREED_REVISED)
    submit(desk, edit_path)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"sparats|saved")
    assert_no_axe_violations(desk)

    membership = lagan.memberships.current().get(person=member)
    review_form = desk.locator("main form#minutes-editor")
    expect(review_form.locator(f"input[name=reviewers][value='{official.pk}']")).to_be_checked()
    review_form.locator(f"input[name=signers][value='{membership.pk}']").check()
    submit(desk, send_action)
    desk.wait_for_url(f"{base}{edit_path}")
    expect_success(desk, r"version 2")
    status = desk.locator("section[aria-labelledby=status-heading]")
    expect(status).to_contain_text(official.full_name)
    expect(status).to_contain_text(member.full_name)
    assert_no_axe_violations(desk)
    minutes.refresh_from_db()
    assert (minutes.status, minutes.version) == (Minutes.Status.IN_REVIEW, 2)
    second_review = MinutesReview.objects.get(minutes=minutes, reviewer=official, version_number=2)
    sign_off = SignOff.objects.get(minutes=minutes, person=member, version_number=2)

    # 4. The official approves version 2 ...
    office.goto(f"{base}/mina-moten/")
    assert_no_axe_violations(office)
    second_review_path = f"/minnesanteckningar/granska/{second_review.pk}/"
    office.locator(f'main a[href="{second_review_path}"]').click()
    office.wait_for_url(f"{base}{second_review_path}")
    expect(office.locator("main")).to_contain_text(LIGHTING_AGREED_REVISED)
    expect(office.locator("main")).not_to_contain_text(LIGHTING_AGREED)
    assert_no_axe_violations(office)
    office.locator("main input[name=verdict][value=approve]").check()
    office.locator("main form [type=submit]").click()
    office.wait_for_url(f"{base}/mina-moten/")
    expect_success(office, r"tack|thank you")
    assert_no_axe_violations(office)
    second_review.refresh_from_db()
    assert second_review.verdict == MinutesReview.Verdict.APPROVED

    # ... and the representative confirms it on her phone.
    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, base, member, "/mina-grupper/")
    sign_off_path = f"/minnesanteckningar/justera/{sign_off.pk}/"
    phone.locator(f'main a[href="{sign_off_path}"]').click()
    phone.wait_for_url(f"{base}{sign_off_path}")
    expect(phone.locator("main")).to_contain_text(LIGHTING_AGREED_REVISED)
    assert_no_axe_violations(phone)
    phone.locator("main input[name=verdict][value=confirm]").check()
    phone.locator("main form [type=submit]").click()
    phone.wait_for_url(f"{base}/mina-grupper/")
    expect_success(phone, r"tack|thank you")
    expect(phone.locator(f'main a[href="{sign_off_path}"]')).to_have_count(0)
    assert_no_axe_violations(phone)
    sign_off.refresh_from_db()
    assert sign_off.verdict == SignOff.Verdict.APPROVED

    # 5. Everyone has approved: the coordinator releases with a plain button.
    desk.reload()
    assert_no_axe_violations(desk)
    expect(desk.locator(f'main form[action="{release_action}"] textarea')).to_have_count(0)
    submit(desk, release_action)
    desk.wait_for_url(f"{base}{public_path}")
    expect_success(desk, r"publicera|released")
    expect(desk.locator("main article.minutes")).to_contain_text(LIGHTING_AGREED_REVISED)
    assert_no_axe_violations(desk)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.RELEASED

    # 6. Anyone reads the released minutes and downloads the archival PDF.
    visitor = new_page(viewport=DESKTOP)
    visitor.goto(f"{base}{public_path}")
    document = visitor.locator("main article.minutes")
    expect(document).to_contain_text(MEETING_TITLE)
    expect(document).to_contain_text(LIGHTING_NOTES)
    expect(document).to_contain_text(LIGHTING_AGREED_REVISED)
    expect(document).not_to_contain_text(LIGHTING_AGREED)
    expect(document).to_contain_text(BENCHES_AGREED)
    expect(document).not_to_contain_text(OFFICIAL_COMMENT)
    expect(document).to_contain_text(official.full_name)
    expect(document).to_contain_text(member.full_name)
    assert_no_axe_violations(visitor)
    expect(visitor.locator(f'main a[href="{pdf_path}"]')).to_be_visible()
    response = visitor.request.get(f"{base}{pdf_path}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The coordinator compares version 1 with version 2.
    desk.goto(f"{base}{diff_path}")
    expect(desk.get_by_role("heading", level=1)).to_contain_text(re.compile(r"1.*2"))
    changes = desk.locator("main section").filter(has=desk.locator("h2", has_text=LIGHTING))
    expect(changes.locator("ins").first).to_be_visible()
    expect(changes).to_contain_text("midsommar")
    expect(desk.locator("main section").filter(has=desk.locator("h2", has_text=BENCHES))).to_have_count(0)
    assert_no_axe_violations(desk)
