"""Pages anyone may see once a meeting is public: the meeting, its calendar files."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response

from groups.models import Group
from meetings import selectors
from meetings.ics import ICS_MIMETYPE, calendar_for
from meetings.views._common import (
    _meeting_for_viewing,
)


def meeting_ics(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    response = HttpResponse(
        calendar_for([meeting], name=meeting.title), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def group_feed_ics(request, slug):
    """The group's calendar feed, polled by calendar clients: a bounded window of meetings, and
    304 for a repeat poll while nothing in the window has changed (the tag is read from one
    aggregate query; the calendar is only built when it is sent)."""
    group = get_object_or_404(Group.objects.select_related("area"), area__slug=slug, active=True)
    meetings = selectors.group_feed_meetings(group)
    etag = f'"{selectors.feed_version(meetings)}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(
            calendar_for(meetings, name=group.name), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    response["ETag"] = etag
    return response
