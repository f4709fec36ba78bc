"""What the meeting services share: the event record, row locks, the transition check."""

from core import activity
from meetings.errors import MeetingError
from meetings.models import (
    Meeting,
)

Status = Meeting.Status


def _record(target, action, actor, detail=""):
    activity.record(target, action, actor, detail)


# The order in which every service locks rows, so that two transactions never wait for each
# other crosswise (a deadlock on PostgreSQL): the meeting first, then its proposals, agenda
# items and reviews. A service that starts from a proposal locks its meeting, then the proposal.


def _locked(meeting) -> Meeting:
    """The meeting row, locked for this transaction, so that two transitions queue up."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _locked_with_meeting(model, pk):
    """A row that belongs to a meeting (a proposal, a review), locked in the documented order:
    its meeting first, then the row itself. Returns (meeting, row)."""
    meeting_id = model.objects.filter(pk=pk).values_list("meeting_id", flat=True).get()
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    row = model.objects.select_for_update().get(pk=pk)
    row.meeting = meeting  # its state as locked, without asking again
    return meeting, row


def _move(obj, target, refusal) -> None:
    """Check that the object's transition table allows moving from its state to `target`, or
    refuse with the message `refusal`; the service then makes the move."""
    obj.TRANSITIONS.require(obj.status, target, MeetingError(refusal, code="transition_refused"))
