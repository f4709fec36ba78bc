"""iCalendar (RFC 5545) for meetings: one file per meeting and a feed per group."""

import calendar as gregorian
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from meetings.models import Meeting

ICS_MIMETYPE = "text/calendar"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The observances of a VTIMEZONE start in 1970 by the custom of Outlook and the tz exports
# of Google and Apple; meetings are never earlier than 2000 (core.timezones).
FIRST_YEAR = 1970


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the meeting's whole life, so that calendars update rather than duplicate."""
    host = urlsplit(settings.SITE_URL).hostname or "ludgrupper"
    return f"meeting-{meeting.pk}@{host}"


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{meeting.title} – {meeting.group.name}")
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    description = [meeting.get_kind_display()]
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
        description.append(meeting.cancellation_reason)
    else:
        event.add("status", "CONFIRMED" if meeting.is_public else "TENTATIVE")
    event.add("description", "\n".join(str(line) for line in description if line))
    return event


def _offset_changes(zone: ZoneInfo, year: int) -> list[datetime]:
    """The instants of `year` at which the zone's offset from UTC changes (to the second)."""

    def offset(timestamp: int) -> timedelta:
        return datetime.fromtimestamp(timestamp, zone).utcoffset()

    day = 24 * 60 * 60
    start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    changes = []
    for midnight in range(start, end, day):
        low, high = midnight, midnight + day
        if offset(low) == offset(high):
            continue
        # Halve the day until the second at which the new offset starts.
        while high - low > 1:
            middle = (low + high) // 2
            if offset(middle) == offset(low):
                low = middle
            else:
                high = middle
        changes.append(datetime.fromtimestamp(high, UTC))
    return changes


def _day_of(year: int, month: int, weekday: int, week: int) -> int:
    """The day of the month of its `week`th `weekday` (week -1: the last)."""
    days = [
        day
        for day in range(1, gregorian.monthrange(year, month)[1] + 1)
        if gregorian.weekday(year, month, day) == weekday
    ]
    return days[week - 1 if week > 0 else week]


def _time_zone(name: str, year: int) -> Timezone:
    """The zone by its rules of `year`, each change repeated every year by an RRULE, as
    Outlook, Google and Apple calendars write it (not a list of dates that ends)."""
    zone = ZoneInfo(name)
    component = Timezone()
    component.add("tzid", name)
    changes = _offset_changes(zone, year)
    if not changes:
        local = datetime(year, 1, 1, tzinfo=zone)
        observance = TimezoneStandard()
        observance.add("dtstart", datetime(FIRST_YEAR, 1, 1))
        observance.add("tzoffsetfrom", local.utcoffset())
        observance.add("tzoffsetto", local.utcoffset())
        observance.add("tzname", local.tzname())
        component.add_component(observance)
    for change in changes:
        before, after = (change - timedelta(seconds=1)).astimezone(zone), change.astimezone(zone)
        # An observance starts at the local time of the change on the clock before it.
        onset = (change + before.utcoffset()).replace(tzinfo=None)
        is_last = onset.day + 7 > gregorian.monthrange(onset.year, onset.month)[1]
        week, weekday = -1 if is_last else (onset.day - 1) // 7 + 1, onset.weekday()
        observance = TimezoneDaylight() if after.dst() else TimezoneStandard()
        observance.add(
            "dtstart", onset.replace(year=FIRST_YEAR, day=_day_of(FIRST_YEAR, onset.month, weekday, week))
        )
        observance.add(
            "rrule", {"freq": "yearly", "bymonth": onset.month, "byday": f"{week}{WEEKDAYS[weekday]}"}
        )
        observance.add("tzoffsetfrom", before.utcoffset())
        observance.add("tzoffsetto", after.utcoffset())
        observance.add("tzname", after.tzname())
        component.add_component(observance)
    return component


def calendar_for(meetings, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//ludgrupper//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT6H")
    # Calendars that read the VTIMEZONE rather than the TZID (Outlook, vobject) take the
    # offsets from its rules: yearly ones, rather than icalendar's own list of dates that ends.
    calendar.add_component(_time_zone(settings.TIME_ZONE, timezone.now().year))
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def meeting_attachment(meeting: Meeting) -> tuple[str, bytes, str]:
    return ("mote.ics", calendar_for([meeting], name=meeting.title), f"{ICS_MIMETYPE}; method=PUBLISH")
