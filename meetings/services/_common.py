"""What the meeting services share: the event record, row locks, state checks."""

from core import activity
from meetings.errors import MeetingError
from meetings.models import (
    Meeting,
)

Status = Meeting.Status


def _record(meeting, action, actor, detail=""):
    activity.record(meeting, action, actor, detail)


def _locked(meeting) -> Meeting:
    """The meeting row, locked for this transaction, so that two transitions queue up."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_status(meeting, allowed, message):
    if meeting.status not in allowed:
        raise MeetingError(message)
