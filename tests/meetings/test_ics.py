from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from core.timezones import local_datetime
from meetings import services
from meetings.ics import calendar_for, meeting_attachment, meeting_uid
from meetings.models import Meeting
from meetings.selectors import group_feed_meetings
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


# The time zone as calendars read it -----------------------------------------------------

# Local times (Europe/Stockholm) through the year: summer and winter time, the first hour
# after each switch (02:00 CET -> 03:00 CEST on 28 March 2027; 03:00 CEST -> 02:00 CET on
# 31 October 2027, when 03:00 is the first time that happens once), an evening on each
# switch day, and a summer after the year (2041) where lists of dates tend to end.
MOMENTS = {
    "summer": (date(2027, 7, 1), time(18, 30)),
    "winter": (date(2027, 1, 14), time(18, 30)),
    "spring switch, first hour": (date(2027, 3, 28), time(3, 0)),
    "spring switch, evening": (date(2027, 3, 28), time(18, 0)),
    "autumn switch, first hour": (date(2027, 10, 31), time(3, 0)),
    "autumn switch, evening": (date(2027, 10, 31), time(18, 0)),
    "summer 2045": (date(2045, 6, 15), time(18, 30)),
}
STOCKHOLM_TIME_ZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
]


@pytest.fixture
def meetings_through_the_year(lagan, coordinator, official):
    return [
        make_meeting(
            lagan,
            status=Status.PUBLISHED,
            starts_at=local_datetime(day, clock),
            by=coordinator,
            reviewers=[official],
            title=f"Möte, {name}",
        )
        for name, (day, clock) in MOMENTS.items()
    ]


def feeds(client, meetings, feed: str) -> list[bytes]:
    """What a calendar downloads: each meeting's kalender.ics, or the group's moten.ics."""
    if feed == "meeting":
        urls = [reverse("meetings:ics", kwargs={"pk": meeting.pk}) for meeting in meetings]
    else:
        urls = [reverse("meetings:group_feed", kwargs={"slug": meetings[0].group.area.slug})]
    return [client.get(url).content for url in urls]


def in_feed(meetings, feed: str):
    """The meetings a download holds: every one in its own file; the group's feed holds the last
    twelve months and the coming year (the far-off moments are read from their own files)."""
    if feed == "meeting":
        return meetings
    window = set(group_feed_meetings(meetings[0].group).values_list("pk", flat=True))
    return [meeting for meeting in meetings if meeting.pk in window]


def stored_instants(meetings) -> dict[str, tuple[datetime, datetime]]:
    rows = Meeting.objects.filter(pk__in=[meeting.pk for meeting in meetings])
    return {meeting_uid(row): (row.starts_at.astimezone(UTC), row.ends_at.astimezone(UTC)) for row in rows}


def read_with_vobject(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """vobject (dateutil) takes the offsets from the file's VTIMEZONE."""
    events = vobject.readOne(ics.decode()).vevent_list
    return {
        event.uid.value: (event.dtstart.value.astimezone(UTC), event.dtend.value.astimezone(UTC))
        for event in events
    }


def read_with_icalendar(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """icalendar takes the offsets from the TZID, a zone of the tz database."""
    events = Calendar.from_ical(ics).walk("VEVENT")
    return {
        str(event["UID"]): (event.decoded("DTSTART").astimezone(UTC), event.decoded("DTEND").astimezone(UTC))
        for event in events
    }


def read_by_the_time_zone_rules(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """icalendar again, with the offsets of the file's VTIMEZONE instead of the TZID's."""
    calendar = Calendar.from_ical(ics)
    (zone,) = calendar.walk("VTIMEZONE")
    rules = zone.to_tz(lookup_tzid=False)

    def instant(event, name):
        return event.decoded(name).replace(tzinfo=None).replace(tzinfo=rules).astimezone(UTC)

    return {
        str(event["UID"]): (instant(event, "DTSTART"), instant(event, "DTEND"))
        for event in calendar.walk("VEVENT")
    }


def read_all(read, documents) -> dict[str, tuple[datetime, datetime]]:
    return {uid: instants for ics in documents for uid, instants in read(ics).items()}


@pytest.mark.parametrize("feed", ["meeting", "group"])
def test_calendar_times_read_by_vobject_and_icalendar_are_the_stored_instants(
    client, meetings_through_the_year, feed
):
    documents = feeds(client, meetings_through_the_year, feed)

    stored = stored_instants(in_feed(meetings_through_the_year, feed))
    assert stored
    assert read_all(read_with_vobject, documents) == stored
    assert read_all(read_with_icalendar, documents) == stored
    assert read_all(read_by_the_time_zone_rules, documents) == stored


@pytest.mark.parametrize("feed", ["meeting", "group"])
def test_calendar_time_zone_repeats_the_switches_every_year(client, meetings_through_the_year, feed):
    documents = feeds(client, meetings_through_the_year, feed)

    zones = [
        lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
        for lines in (ics.decode().split("\r\n") for ics in documents)
    ]
    assert zones == [STOCKHOLM_TIME_ZONE] * len(documents)
    assert [b"COMMENT" in ics for ics in documents] == [False] * len(documents)


@pytest.mark.parametrize("feed", ["meeting", "group"])
def test_calendar_lines_are_folded_at_75_octets_and_end_with_crlf(client, lagan, coordinator, official, feed):
    meeting = make_meeting(
        lagan,
        status=Status.PUBLISHED,
        by=coordinator,
        reviewers=[official],
        title="Höstmöte 👋 om belysningen på Skolvägen, bryggan vid badplatsen och återkopplingen på "
        "förra årets sakfrågor från Åsens, Öjabys och Ärlegårdens föreningar",
        venue_name="Lagans bygdegård, stora salen på övervåningen (ingång från gården)",
    )

    (ics,) = feeds(client, [meeting], feed)

    lines = ics.split(b"\r\n")
    assert lines[-1] == b""
    assert [line for line in lines if b"\r" in line or b"\n" in line] == []
    assert [line for line in lines if len(line) > 75] == []
    assert str(Calendar.from_ical(ics).walk("VEVENT")[0]["SUMMARY"]) == f"{meeting.title} – {lagan.name}"


@pytest.mark.parametrize(
    ("zone", "names"),
    [("Europe/Helsinki", ["EEST", "EET"]), ("Atlantic/Reykjavik", ["GMT"])],
)
def test_calendar_time_zone_follows_the_configured_zone(settings, lagan, zone, names):
    settings.TIME_ZONE = zone
    meetings = [
        make_meeting(lagan, starts_at=local_datetime(day, time(18, 30)))
        for day in (date(2027, 7, 1), date(2027, 1, 14), date(2027, 3, 28), date(2027, 10, 31))
    ]

    ics = calendar_for(meetings, name="Lagan")

    (time_zone,) = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert [str(observance["TZNAME"]) for observance in time_zone.subcomponents] == names
    assert read_with_vobject(ics) == stored_instants(meetings)
