"""iCalendar (RFC 5545) for meetings: one file per meeting and a feed per group."""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import Meeting

ICS_MIMETYPE = "text/calendar"


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
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
        description.append(meeting.cancellation_reason)
    else:
        event.add("status", "CONFIRMED" if meeting.is_public else "TENTATIVE")
    event.add("description", "\n".join(str(line) for line in description if line))
    return event


def calendar_for(meetings, *, name: str) -> bytes:
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", "-//ludgrupper//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT6H")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    # icalendar writes the summer-time rules up to 2038 unless told otherwise: a later meeting
    # would be an hour off in calendars that read the VTIMEZONE rather than the TZID.
    last_year = max((timezone.localtime(meeting.ends_at).year for meeting in meetings), default=2037)
    calendar.add_missing_timezones(last_date=date(max(last_year + 1, 2038), 1, 1))
    return calendar.to_ical()


def meeting_attachment(meeting: Meeting) -> tuple[str, bytes, str]:
    return ("mote.ics", calendar_for([meeting], name=meeting.title), f"{ICS_MIMETYPE}; method=PUBLISH")
