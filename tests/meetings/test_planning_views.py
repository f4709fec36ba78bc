"""Planning through the test client: rounds of meetings that are not made twice and are listed,
and past meetings that were never marked as held."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from groups.models import Group
from meetings import services
from meetings.models import Meeting, MeetingRound
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status
ROUND_CREATE = reverse("meetings:round_create")


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


def _token(client, url=ROUND_CREATE) -> str:
    content = client.get(url).content.decode()
    return re.search(r'name="token" value="([^"]+)"', content).group(1)


def _round_form(client, url=ROUND_CREATE) -> dict:
    """What the first step of "Schedule a round of meetings" sends, opened at `url`."""
    return {
        "token": _token(client, url),
        "title": "Årets gruppmöten",
        "kind": Meeting.Kind.GROUP_MEETING,
        "proposal_days_before": 14,
    }


def _schedule(meeting_round, group, by):
    day = timezone.now() + timedelta(days=40)
    return services.round_schedule(
        meeting_round=meeting_round,
        rows=[
            {
                "group": group,
                "starts_at": day,
                "ends_at": day + timedelta(hours=2),
                "venue_name": "Bygdegården",
                "venue_address": "",
                "proposal_deadline": day - timedelta(days=14),
            }
        ],
        by=by,
    )


def test_round_create_pressed_twice_makes_one_round(client, coordinator, lagan, ryssby):
    client.force_login(coordinator)
    data = {**_round_form(client), "groups": [lagan.pk, ryssby.pk]}

    first = client.post(ROUND_CREATE, data)
    second = client.post(ROUND_CREATE, data)

    meeting_round = MeetingRound.objects.get()
    assert (first.status_code, first.url) == (302, meeting_round.get_absolute_url())
    assert (second.status_code, second.url) == (302, meeting_round.get_absolute_url())
    assert set(meeting_round.groups.all()) == {lagan, ryssby}


def test_round_create_after_going_back_continues_the_round_with_the_new_choices(
    client, coordinator, lagan, ryssby
):
    client.force_login(coordinator)
    data = _round_form(client)
    client.post(ROUND_CREATE, {**data, "groups": [lagan.pk, ryssby.pk]})

    # Back to the first step: fewer groups, another title.
    client.post(ROUND_CREATE, {**data, "title": "Vårens gruppmöten", "groups": [lagan.pk]})

    meeting_round = MeetingRound.objects.get()
    assert (meeting_round.title, list(meeting_round.groups.all())) == ("Vårens gruppmöten", [lagan])


def test_round_create_again_once_meetings_are_scheduled_leaves_the_round_as_it_is(
    client, coordinator, lagan, ryssby
):
    client.force_login(coordinator)
    data = _round_form(client)
    client.post(ROUND_CREATE, {**data, "groups": [lagan.pk, ryssby.pk]})
    meeting_round = MeetingRound.objects.get()
    _schedule(meeting_round, lagan, coordinator)

    again = client.post(ROUND_CREATE, {**data, "title": "Något annat", "groups": [ryssby.pk]})

    meeting_round.refresh_from_db()
    assert again.url == meeting_round.get_absolute_url()
    assert (meeting_round.title, set(meeting_round.groups.all())) == ("Årets gruppmöten", {lagan, ryssby})


def test_round_create_opened_again_continues_the_unfinished_round(client, coordinator, lagan, ryssby):
    client.force_login(coordinator)
    client.post(ROUND_CREATE, {**_round_form(client), "groups": [lagan.pk, ryssby.pk]})

    # The browser's Back button fetches the first step again.
    page = client.get(ROUND_CREATE)
    again = client.post(
        ROUND_CREATE, {**_round_form(client), "title": "Vårens gruppmöten", "groups": [lagan.pk]}
    )

    meeting_round = MeetingRound.objects.get()
    notice = _sv(
        "You are going on with the round “%(title)s” that you started: change the choices if you like, "
        "and continue."
    ) % {"title": "Årets gruppmöten"}
    assert notice in page.content.decode()
    assert page.context["form"]["title"].value() == "Årets gruppmöten"
    assert again.url == meeting_round.get_absolute_url()
    assert (meeting_round.title, list(meeting_round.groups.all())) == ("Vårens gruppmöten", [lagan])


def test_round_create_with_start_another_makes_a_new_round(client, coordinator, lagan):
    client.force_login(coordinator)
    client.post(ROUND_CREATE, {**_round_form(client), "groups": [lagan.pk]})

    client.post(ROUND_CREATE, {**_round_form(client, f"{ROUND_CREATE}?ny=1"), "groups": [lagan.pk]})

    assert MeetingRound.objects.count() == 2


def test_round_create_opened_once_meetings_are_scheduled_starts_a_new_round(client, coordinator, lagan):
    client.force_login(coordinator)
    client.post(ROUND_CREATE, {**_round_form(client), "groups": [lagan.pk]})
    _schedule(MeetingRound.objects.get(), lagan, coordinator)

    client.post(ROUND_CREATE, {**_round_form(client), "groups": [lagan.pk]})

    assert MeetingRound.objects.count() == 2


def _make_round(title, groups, by, scheduled=()):
    meeting_round = services.round_create(
        title=title, kind=Meeting.Kind.GROUP_MEETING, proposal_days_before=14, groups=groups, by=by
    )
    for group in scheduled:
        _schedule(meeting_round, group, by)
    return meeting_round


def test_round_list_shows_each_round_with_its_groups_and_meetings_scheduled(
    client, coordinator, lagan, ryssby
):
    _make_round("Årets gruppmöten", [lagan, ryssby], coordinator, scheduled=[lagan])
    _make_round("Trygghetsvandringar", [ryssby], coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("meetings:rounds"))
    year = client.get(reverse("meetings:year")).content.decode()

    rows = [
        (each.title, [group.area.name for group in each.groups.all()], each.scheduled_count)
        for each in response.context["page"]
    ]
    assert response.status_code == 200
    assert rows == [("Trygghetsvandringar", ["Ryssby"], 0), ("Årets gruppmöten", ["Lagan", "Ryssby"], 1)]
    assert f'href="{reverse("meetings:rounds")}"' in year


def test_round_list_query_count_does_not_grow_with_rounds(client, coordinator):
    groups = list(Group.objects.filter(active=True))
    client.force_login(coordinator)
    url = reverse("meetings:rounds")
    _make_round("Omgång 0", groups, coordinator, scheduled=groups[:1])
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for number in range(1, 30):
        _make_round(f"Omgång {number}", groups[: 1 + number % 6], coordinator, scheduled=groups[:1])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    # session, user, role groups, the count for the pages, the rounds of the page with their
    # meetings counted, and their groups with areas (one prefetch)
    assert len(response.context["page"].object_list) == 20
    assert len(few) == len(many)
    assert len(many) <= 6


# Past meetings never marked as held -------------------------------------------------------


def test_year_overview_flags_a_past_meeting_never_marked_as_held(client, coordinator, official, lagan):
    forgotten = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=-3), by=coordinator, reviewers=[official]
    )
    client.force_login(coordinator)

    response = client.get(reverse("meetings:year"), {"ar": timezone.localtime(forgotten.starts_at).year})

    lagan_row = next(group for group in response.context["page"] if group.pk == lagan.pk)
    content = response.content.decode()
    assert (lagan_row.planned_count, lagan_row.not_marked_held_count, lagan_row.physical_planned) == (
        0,
        1,
        False,
    )
    # The group's yearly meeting and the meeting itself carry the flag; nothing says "planned".
    assert content.count(_sv("not marked as held")) == 2
    assert f"({forgotten.get_status_display()})" not in content


def test_year_overview_does_not_flag_a_coming_published_meeting(client, coordinator, official, lagan):
    coming = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=3), by=coordinator, reviewers=[official]
    )
    client.force_login(coordinator)

    response = client.get(reverse("meetings:year"), {"ar": timezone.localtime(coming.starts_at).year})

    lagan_row = next(group for group in response.context["page"] if group.pk == lagan.pk)
    assert (lagan_row.planned_count, lagan_row.not_marked_held_count, lagan_row.physical_planned) == (
        1,
        0,
        True,
    )
    assert _sv("not marked as held") not in response.content.decode()


@pytest.mark.parametrize(("starts_in", "flagged"), [(timedelta(days=-3), True), (timedelta(days=3), False)])
def test_manage_page_flags_a_past_meeting_never_marked_as_held(
    client, coordinator, official, lagan, starts_in, flagged
):
    meeting = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=starts_in, by=coordinator, reviewers=[official]
    )
    client.force_login(coordinator)

    content = client.get(reverse("meetings:manage", kwargs={"pk": meeting.pk})).content.decode()

    assert (_sv("not marked as held") in content) == flagged


def test_marking_held_removes_the_flag(client, coordinator, official, lagan):
    meeting = make_meeting(
        lagan, status=Status.PUBLISHED, starts_in=timedelta(days=-3), by=coordinator, reviewers=[official]
    )
    client.force_login(coordinator)

    client.post(reverse("meetings:mark_held", kwargs={"pk": meeting.pk}))
    content = client.get(reverse("meetings:manage", kwargs={"pk": meeting.pk})).content.decode()

    assert _sv("not marked as held") not in content
    assert list(Meeting.objects.not_marked_held()) == []
