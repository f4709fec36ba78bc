from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from meetings import services
from meetings.ics import calendar_for, meeting_attachment
from meetings.models import Meeting
from meetings.timezones import local_datetime
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://ludgrupper.example.se"


def _render(*meetings) -> Calendar:
    return Calendar.from_ical(calendar_for(meetings, name="Lagan"))


def _event(meeting):
    (event,) = _render(meeting).walk("VEVENT")
    return event


def test_calendar_for_one_meeting_has_one_event(lagan):
    meeting = make_meeting(lagan)

    calendar = _render(meeting)

    assert [component.name for component in calendar.subcomponents] == ["VTIMEZONE", "VEVENT"]
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Gruppmöte – Lokala utvecklingsgruppen Lagan"


def test_calendar_for_a_group_has_an_event_per_meeting_and_one_time_zone(lagan):
    first = make_meeting(lagan)
    second = make_meeting(lagan, starts_in=timedelta(days=90))

    calendar = _render(first, second)

    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"meeting-{first.pk}@ludgrupper.example.se",
        f"meeting-{second.pk}@ludgrupper.example.se",
    ]
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_calendar_uid_is_stable_across_renders_and_a_reschedule(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    first, second = str(_event(meeting)["UID"]), str(_event(meeting)["UID"])
    later = meeting.starts_at + timedelta(days=1)

    meeting = services.meeting_update(
        meeting=meeting, by=coordinator, starts_at=later, ends_at=later + timedelta(hours=2)
    )

    assert first == second == str(_event(meeting)["UID"]) == f"meeting-{meeting.pk}@ludgrupper.example.se"


def test_calendar_sequence_follows_the_meeting(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    later = meeting.starts_at + timedelta(days=1)
    services.meeting_update(
        meeting=meeting, by=coordinator, starts_at=later, ends_at=later + timedelta(hours=2)
    )
    meeting.refresh_from_db()

    event = _event(meeting)

    assert (event.decoded("SEQUENCE"), meeting.sequence) == (1, 1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(Status.DRAFT, "TENTATIVE"), (Status.PUBLISHED, "CONFIRMED"), (Status.CANCELLED, "CANCELLED")],
)
def test_calendar_status_follows_the_meeting(lagan, status, expected):
    meeting = make_meeting(lagan, status=status)

    assert str(_event(meeting)["STATUS"]) == expected


def test_calendar_for_a_cancelled_meeting_says_why_and_raises_the_sequence(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    meeting = services.meeting_cancel(meeting=meeting, reason="Bygdegården är vattenskadad.", by=coordinator)

    event = _event(meeting)
    assert (str(event["STATUS"]), event.decoded("SEQUENCE")) == ("CANCELLED", 1)
    assert str(event["DESCRIPTION"]).splitlines()[-1] == "Bygdegården är vattenskadad."


def test_calendar_start_carries_the_stockholm_time_zone(lagan):
    meeting = make_meeting(lagan, starts_at=local_datetime(date(2027, 7, 1), time(18, 30)))

    ics = calendar_for([meeting], name="Lagan")

    assert b"DTSTART;TZID=Europe/Stockholm:20270701T183000" in ics.splitlines()
    assert b"DTEND;TZID=Europe/Stockholm:20270701T203000" in ics.splitlines()
    assert [str(zone["TZID"]) for zone in Calendar.from_ical(ics).walk("VTIMEZONE")] == ["Europe/Stockholm"]


@pytest.mark.parametrize(
    ("day", "utc"),
    [
        (date(2027, 7, 1), datetime(2027, 7, 1, 16, 30, tzinfo=UTC)),
        (date(2027, 1, 14), datetime(2027, 1, 14, 17, 30, tzinfo=UTC)),
    ],
    ids=["summer", "winter"],
)
def test_calendar_half_past_six_local_is_half_past_six_in_stockholm(lagan, day, utc):
    meeting = make_meeting(lagan, starts_at=local_datetime(day, time(18, 30)))

    start = _event(meeting).decoded("DTSTART")

    assert (start.tzinfo, start.replace(tzinfo=None), start.astimezone(UTC)) == (
        STOCKHOLM,
        datetime.combine(day, time(18, 30)),
        utc,
    )


def test_calendar_time_zone_rules_cover_a_meeting_after_2038(lagan):
    """icalendar writes the VTIMEZONE rules only up to 2038 by default; a calendar that reads
    them (Outlook does) would put a later summer meeting an hour off."""
    meeting = make_meeting(lagan, starts_at=local_datetime(date(2040, 7, 1), time(18, 30)))

    (zone,) = _render(meeting).walk("VTIMEZONE")

    rules = zone.to_tz(lookup_tzid=False)
    assert datetime(2040, 7, 1, 18, 30, tzinfo=rules).utcoffset() == timedelta(hours=2)
    assert datetime(2040, 12, 1, 18, 30, tzinfo=rules).utcoffset() == timedelta(hours=1)


def test_meeting_attachment_is_a_calendar_file(lagan):
    meeting = make_meeting(lagan)

    filename, content, mimetype = meeting_attachment(meeting)

    assert (filename, mimetype) == ("mote.ics", "text/calendar; method=PUBLISH")
    assert str(_event(meeting)["UID"]) == str(Calendar.from_ical(content).walk("VEVENT")[0]["UID"])
