"""An elected representative's own page (/fortroendevald/): the meetings with elected
representatives they are invited to with their answer, the issues referred to their committees,
and the areas they follow, which is the one thing they change here."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Area
from issues import services as issue_services
from meetings import services as meeting_services
from meetings.models import Meeting, Rsvp
from officials.models import Committee
from pages import views
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

URL = reverse("pages:elected_representative")
ELECTED = Meeting.Kind.ELECTED_REPRESENTATIVES


def _elected_meeting(group, title, **extra):
    return make_meeting(
        group,
        status=Meeting.Status.PUBLISHED,
        kind=ELECTED,
        title=title,
        venue_name="",
        elected_representatives="Kommunstyrelsens presidium",
        **extra,
    )


def _referred_issue(group, coordinator, title, committee="samhallsbyggnadsutskottet"):
    return issue_services.issue_create(
        group=group, title=title, by=coordinator, committee=Committee.objects.get(slug=committee)
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("official", 403), ("coordinator", 403), ("elected_representative", 200)],
)
def test_only_an_elected_representative_has_the_page(client, request, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.get(URL).status_code == status


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_elected_representative_whose_term_has_ended_has_no_page(client, elected_representative):
    elected_representative.elected_representative.active = False
    elected_representative.elected_representative.save()
    client.force_login(elected_representative)

    assert client.get(URL).status_code == 403


def test_a_login_lands_an_elected_representative_on_their_page(client, elected_representative):
    client.force_login(elected_representative)

    response = client.get(reverse("pages:start"))

    assert response.url == URL


def test_the_page_lists_the_meetings_they_are_invited_to_with_their_answer(
    client, lagan, ryssby, coordinator, elected_representative
):
    answered = _elected_meeting(lagan, "Dialog med kommunstyrelsen")
    unanswered = _elected_meeting(lagan, "Dialog om budgeten", starts_in=timedelta(days=60))
    _elected_meeting(ryssby, "Dialog i Ryssby")  # an area they do not follow
    make_meeting(lagan, status=Meeting.Status.PUBLISHED, title="Vanligt gruppmöte")
    make_meeting(
        lagan,
        status=Meeting.Status.DRAFT,
        kind=ELECTED,
        title="Inte utlyst än",
        venue_name="",
        elected_representatives="KS",
    )
    cancelled = _elected_meeting(lagan, "Inställd dialog")
    meeting_services.meeting_cancel(meeting=cancelled, reason="Sjukdom.", by=coordinator)
    meeting_services.rsvp_answer(meeting=answered, person=elected_representative, answer=Rsvp.Answer.YES)
    client.force_login(elected_representative)

    html = client.get(URL).content.decode()

    assert html.index("Dialog med kommunstyrelsen") < html.index("Dialog om budgeten")
    for hidden in ("Dialog i Ryssby", "Vanligt gruppmöte", "Inte utlyst än", "Inställd dialog"):
        assert hidden not in html
    assert "ditt svar: kommer" in html.replace("\n", " ")
    assert "ditt svar: inte svarat än" in html.replace("\n", " ")
    assert unanswered.get_absolute_url() in html


def test_the_page_lists_the_issues_referred_to_their_committees_only(
    client, lagan, ryssby, coordinator, elected_representative
):
    _referred_issue(ryssby, coordinator, "Ny gång- och cykelväg")
    _referred_issue(lagan, coordinator, "Detaljplan för skolan", committee="kommunstyrelsen")
    client.force_login(elected_representative)

    html = client.get(URL).content.decode()

    assert "Ny gång- och cykelväg" in html
    assert "Detaljplan för skolan" not in html
    assert "Samhällsbyggnadsutskottet" in html


def test_with_nothing_yet_the_page_says_so(client, elected_representative):
    client.force_login(elected_representative)

    html = client.get(URL).content.decode()

    assert "Inget möte med förtroendevalda är utlyst i de områden du följer." in html
    assert "Inga sakfrågor har lämnats till dina nämnder." in html


def test_they_choose_the_areas_they_follow(client, lagan, ryssby, elected_representative):
    client.force_login(elected_representative)
    ryssby_area = Area.objects.get(slug="ryssby")

    response = client.post(URL, {"areas": [ryssby_area.pk]}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "De områden du följer är sparade." in response.content.decode()
    assert list(elected_representative.elected_representative.areas.values_list("slug", flat=True)) == [
        "ryssby"
    ]


def test_an_area_that_does_not_exist_is_refused_next_to_the_field(client, lagan, elected_representative):
    client.force_login(elected_representative)

    response = client.post(URL, {"areas": ["999999"]})

    assert response.status_code == 200
    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert list(elected_representative.elected_representative.areas.values_list("slug", flat=True)) == [
        "lagan"
    ]


def test_the_query_count_does_not_grow_with_the_meetings_and_issues(
    client, lagan, coordinator, elected_representative, monkeypatch
):
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 3)
    client.force_login(elected_representative)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    _elected_meeting(lagan, "Dialog 1")
    _referred_issue(lagan, coordinator, "Fråga 1")
    few = queries()
    for number in range(2, 8):
        _elected_meeting(lagan, f"Dialog {number}", starts_in=timedelta(days=30 + number))
        _referred_issue(lagan, coordinator, f"Fråga {number}")
    many = queries()

    assert few == many
    assert "Sida 1 av 3" in client.get(URL).content.decode()


def test_my_meetings_pages_the_meetings_an_official_attends(
    client, lagan, official, coordinator, monkeypatch
):
    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    for number in range(3):
        meeting = make_meeting(lagan, title=f"Möte {number}", starts_in=timedelta(days=30 + number))
        meeting_services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)
    client.force_login(official)

    html = client.get(reverse("pages:my_meetings")).content.decode()

    assert "Sida 1 av 2" in html
    assert [title in html for title in ("Möte 2", "Möte 1", "Möte 0")] == [True, True, False]


def test_the_menu_of_an_elected_representative_links_their_page(client, elected_representative):
    client.force_login(elected_representative)

    html = client.get(reverse("reports:latest"), follow=True).content.decode()

    assert f'href="{URL}"' in html
