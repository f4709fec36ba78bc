"""The public side of the issue register: issues go public when the minutes they were raised
in are released; the area's list and the issue's page show what is published, never what is
internal; query budgets that do not grow with the number of issues."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from issues import services
from issues.models import Issue
from issues.selectors import follow_up_issues
from meetings.models import Meeting
from minutes.models import Minutes
from tests.issues.test_services import PARKS, STREETS, department, make_issue
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import DRAFT, IN_REVIEW, RELEASED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db

Status = Issue.Status


@pytest.fixture
def raised(lagan, coordinator):
    """An issue raised at a held Lagan meeting whose minutes are not released yet."""
    meeting = make_held_meeting(lagan, by=coordinator)
    return make_issue(lagan, by=coordinator, meeting=meeting, title="Trasig parkbänk")


def _make_public(issue) -> Issue:
    services.issues_make_public(meeting=issue.meeting)
    return Issue.objects.get(pk=issue.pk)


@pytest.mark.parametrize(("state", "public"), [(DRAFT, False), (IN_REVIEW, False), (RELEASED, True)])
def test_issue_is_public_once_the_minutes_are_released(raised, coordinator, state, public):
    make_minutes(raised.meeting, state, by=coordinator)

    raised.refresh_from_db()
    assert raised.is_public is public


def test_a_correction_of_the_minutes_keeps_the_day_the_issue_went_public(raised, coordinator):
    minutes = make_minutes(raised.meeting, RELEASED, by=coordinator)
    first = Issue.objects.get(pk=raised.pk).public_since

    services.issues_make_public(meeting=minutes.meeting)

    assert Issue.objects.get(pk=raised.pk).public_since == first
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.RELEASED


def test_public_list_shows_only_public_issues_with_their_latest_published_update(
    client, raised, lagan, coordinator, official
):
    public = _make_public(raised)
    services.issue_update_add(issue=public, text="Första beskedet.", by=coordinator)
    services.issue_update_add(issue=public, text="Bänken **byts** i maj.", by=coordinator)
    services.issue_update_add(issue=public, text="Internt utkast.", by=official)  # waits
    make_issue(lagan, by=coordinator, title="Inte offentlig än")

    response = client.get(reverse("issues:public_list", kwargs={"slug": "lagan"}))

    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [(row.title, row.latest_update_text) for row in rows] == [
        ("Trasig parkbänk", "Bänken **byts** i maj.")
    ]
    assert "Bänken byts i maj." in response.text
    assert "Inte offentlig än" not in response.text
    assert "Internt utkast." not in response.text


def test_public_list_filters_by_status_and_department(client, lagan, coordinator):
    meeting = make_held_meeting(lagan, by=coordinator)
    parks = make_issue(lagan, by=coordinator, meeting=meeting, title="Park")
    make_issue(lagan, by=coordinator, meeting=meeting, title="Gata", department_slug=STREETS)
    services.issue_change_status(issue=parks, status=Status.IN_PROGRESS, by=coordinator)
    services.issues_make_public(meeting=meeting)
    url = reverse("issues:public_list", kwargs={"slug": "lagan"})

    by_status = client.get(url, {"status": Status.IN_PROGRESS})
    by_department = client.get(url, {"department": department(STREETS).pk})

    assert [row.title for row in by_status.context["page"].object_list] == ["Park"]
    assert [row.title for row in by_department.context["page"].object_list] == ["Gata"]


def test_public_list_of_an_unknown_area_is_not_found(client):
    assert client.get(reverse("issues:public_list", kwargs={"slug": "atlantis"})).status_code == 404


def test_public_issue_page_shows_the_timeline_without_anything_internal(
    client, raised, coordinator, official
):
    public = _make_public(raised)
    published = services.issue_update_add(
        issue=public, text="Bänken byts i maj. <script>alert(1)</script>", by=official
    )
    services.issue_update_approve(update=published, by=coordinator)
    services.issue_update_add(issue=public, text="Väntar på godkännande.", by=official)
    returned = services.issue_update_add(issue=public, text="Tillbakaskickad text.", by=official)
    services.issue_update_return(update=returned, by=coordinator, reason="Internt skäl.")

    response = client.get(public.get_absolute_url())

    assert response.status_code == 200
    assert [update.pk for update in response.context["timeline"]] == [published.pk]
    assert "Bänken byts i maj." in response.text
    assert "<script>alert(1)</script>" not in response.text
    for internal in ["Väntar på godkännande.", "Tillbakaskickad text.", "Internt skäl.", official.full_name]:
        assert internal not in response.text
    assert department(PARKS).name in response.text  # who answers: the department, never the person
    assert response.context["history"] == []
    assert (response.context["update_form"], response.context["status_form"]) == (None, None)
    assert reverse("minutes:public", kwargs={"pk": public.meeting.pk}) in response.text


def test_public_issue_page_names_the_person_when_the_municipality_says_so(
    client, raised, coordinator, official, settings
):
    settings.PUBLIC_UPDATE_AUTHOR = "name"
    public = _make_public(raised)
    services.issue_update_approve(
        update=services.issue_update_add(issue=public, text="Klart.", by=official), by=coordinator
    )

    assert official.full_name in client.get(public.get_absolute_url()).text


def test_staff_see_the_internal_parts_on_the_same_page(client, raised, coordinator, official):
    public = _make_public(raised)
    services.issue_update_add(issue=public, text="Väntar på godkännande.", by=official)
    client.force_login(coordinator)

    response = client.get(public.get_absolute_url())

    assert "Väntar på godkännande." in response.text
    assert official.full_name in response.text
    assert response.context["history"] != []


def test_issue_page_that_is_not_public_sends_visitors_to_log_in(client, raised):
    response = client.get(raised.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _fill(count, *, group, by) -> None:
    meeting = make_held_meeting(group, by=by)
    parks = department(PARKS)
    Issue.objects.bulk_create(
        Issue(group=group, meeting=meeting, title=f"Fråga {number}", department=parks, created_by=by)
        for number in range(count)
    )
    services.issues_make_public(meeting=meeting)
    for issue in Issue.objects.filter(meeting=meeting)[:5]:
        services.issue_update_add(issue=issue, text="Svar.", by=by)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_list_query_count_is_the_same_with_5_and_500_issues(client, lagan, ryssby, coordinator):
    _fill(5, group=lagan, by=coordinator)
    _fill(500, group=ryssby, by=coordinator)

    few = _count(client, reverse("issues:public_list", kwargs={"slug": "lagan"}))
    many = _count(client, reverse("issues:public_list", kwargs={"slug": "ryssby"}))

    # the area, the department filter's choices, the count, the page of issues with their
    # department, committee and meeting and the latest published update (two subqueries)
    assert few == many
    assert many <= 5


def test_public_issue_page_query_count_does_not_grow_with_the_timeline(client, raised, coordinator):
    public = _make_public(raised)
    url = public.get_absolute_url()
    services.issue_update_add(issue=public, text="Ett.", by=coordinator)
    few = _count(client, url)

    for number in range(30):
        services.issue_update_add(issue=public, text=f"Svar {number}.", by=coordinator)
    many = _count(client, url)

    # the issue with what it shows (one join), the timeline (one join), the agendas that
    # followed it up
    assert few == many
    assert many <= 5


def test_my_groups_shows_the_groups_open_issues_with_their_latest_update(client, member, lagan, coordinator):
    issue = make_issue(lagan, by=coordinator, title="Trasig parkbänk")
    services.issue_update_add(issue=issue, text="Bänken byts i maj.", by=coordinator)
    closed = make_issue(lagan, by=coordinator, title="Avslutad fråga")
    services.issue_change_status(issue=closed, status=Status.CLOSED, by=coordinator)
    client.force_login(member)

    response = client.get(reverse("pages:my_groups"))

    group = response.context["groups"][0]
    assert [(row.title, row.latest_update_text) for row in group.open_issues] == [
        ("Trasig parkbänk", "Bänken byts i maj.")
    ]
    assert "Avslutad fråga" not in response.text


def test_follow_up_item_keeps_the_latest_update_as_it_was_when_the_agenda_was_published(lagan, coordinator):
    issue = make_issue(lagan, by=coordinator, title="Trasig parkbänk")
    services.issue_update_add(issue=issue, text="Beställd.", by=coordinator)
    meeting = make_meeting(lagan, status=Meeting.Status.PUBLISHED, by=coordinator)
    services.issue_update_add(issue=issue, text="Levererad efter publiceringen.", by=coordinator)

    before = [(row.title, row.latest_update) for row in follow_up_issues(meeting)]

    assert before == [("Trasig parkbänk", "Beställd.")]
