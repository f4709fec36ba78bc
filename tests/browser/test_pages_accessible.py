"""Every page of the application, as the person who uses it, through axe-core (WCAG 2.1 AA).

The flows (invitation, meeting, minutes) visit the pages on their way; this visits the rest,
with data in every list, on a desktop for the municipality's people and on a phone for a
representative."""

import pytest

from issues import services as issue_services
from meetings.models import Meeting
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.steps import DESKTOP, PHONE, log_in
from tests.conftest import make_member, make_organisation, make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes


def _visit(page, base_url, paths):
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, path
        assert_no_axe_violations(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_passes_axe(live_server, settings, new_page, coordinator, official, member, lagan):
    settings.SITE_URL = live_server.url
    make_member(lagan, make_person("Greta Granne"), make_organisation("Lagans hembygdsförening"))
    open_meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    published = make_meeting(lagan, status=Meeting.Status.PUBLISHED, by=coordinator, title="Publicerat möte")
    held = make_held_meeting(lagan, by=coordinator, item_count=2, title="Vårmöte")
    make_minutes(held, RELEASED, by=coordinator, reviewers=[official])
    issue = issue_services.issue_create(
        group=lagan,
        title="Belysning vid badplatsen",
        by=coordinator,
        department=official.official.departments.first(),
    )

    anonymous = new_page(viewport=DESKTOP)
    _visit(
        anonymous,
        live_server.url,
        [
            "/",
            "/omraden/lagan/",
            f"/moten/{published.pk}/",
            f"/moten/{held.pk}/minnesanteckningar/",
            "/konto/losenord/aterstall/",
        ],
    )

    desk = new_page(viewport=DESKTOP)
    log_in(desk, live_server.url, coordinator, "/grupper/")
    _visit(
        desk,
        live_server.url,
        [
            "/grupper/lagan/",
            "/grupper/lagan/medlemmar/ny/",
            "/grupper/lagan/kontaktperson/",
            "/grupper/lagan/bjud-in/",
            "/inbjudningar/",
            "/organisationer/",
            "/organisationer/ny/",
            "/arshjul/",
            "/moten/omgang/ny/",
            "/grupper/lagan/moten/nytt/",
            f"/moten/{open_meeting.pk}/hantera/",
            f"/moten/{open_meeting.pk}/andra/",
            f"/moten/{open_meeting.pk}/stall-in/",
            f"/moten/{held.pk}/narvaro/",
            f"/moten/{held.pk}/minnesanteckningar/skriv/",
            f"/moten/{held.pk}/historik/",
            "/sakfragor/",
            f"/sakfragor/{issue.pk}/",
            "/sakfragor/ny/",
            "/konto/losenord/byt/",
        ],
    )

    official_page = new_page(viewport=DESKTOP)
    log_in(official_page, live_server.url, official, "/mina-moten/")
    _visit(official_page, live_server.url, [f"/sakfragor/{issue.pk}/"])

    phone = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(phone, live_server.url, member, "/mina-grupper/")
    _visit(
        phone,
        live_server.url,
        ["/grupper/lagan/", f"/moten/{open_meeting.pk}/", f"/moten/{open_meeting.pk}/forslag/nytt/"],
    )
