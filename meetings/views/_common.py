"""What the meeting views share: loading with permission, the agenda with times, forms."""

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from meetings import selectors
from meetings.models import Meeting


def _meeting(pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group__area"), pk=pk)


def _meeting_for_viewing(request, pk) -> Meeting:
    return selectors.meeting_visible_to(request.user, pk)


def _manage(meeting):
    return redirect("meetings:manage", pk=meeting.pk)


def _agenda_overrun(meeting, items) -> tuple[datetime, int]:
    """When the agenda's items end, and how many minutes that is past the end of the meeting
    (0 when they fit)."""
    agenda_end = meeting.starts_at + timedelta(minutes=sum(item.duration_minutes for item in items))
    return timezone.localtime(agenda_end), max(0, int((agenda_end - meeting.ends_at).total_seconds() // 60))
