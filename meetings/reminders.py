"""Reminders before the proposal deadline and before the meeting. Safe to run every hour,
also twice at once: each reminder to each address is claimed (recorded) in the same
transaction that queues its mail in the outbox, so nothing goes out twice and nothing
claimed is lost; the outbox sends it and tries again if the mail server refuses."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import emails
from meetings.models import MEETING_REMINDER_BEFORE, PROPOSAL_REMINDER_BEFORE, Meeting, ReminderSent


@dataclass
class ReminderRun:
    queued: int = 0


def _due(now):
    deadline = Meeting.objects.accepting_proposals(now).filter(
        proposal_deadline__lte=now + PROPOSAL_REMINDER_BEFORE
    )
    meeting = Meeting.objects.published().filter(
        starts_at__gt=now, starts_at__lte=now + MEETING_REMINDER_BEFORE
    )
    for kind, meetings in (
        (ReminderSent.Kind.PROPOSAL_DEADLINE, deadline),
        (ReminderSent.Kind.MEETING, meeting),
    ):
        for each in meetings.select_related("group"):
            if kind == ReminderSent.Kind.MEETING:
                addresses = emails.invitee_addresses(each)
            else:
                addresses = emails.member_addresses(each)
            yield kind, each, addresses


def _claim(meeting, kind, address, now) -> bool:
    """Record the reminder; False when another run already has it."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(meeting=meeting, kind=kind, email=address, sent_at=now)
    except IntegrityError:
        return False
    return True


def send_due_reminders(now=None) -> ReminderRun:
    now = now or timezone.now()
    run = ReminderRun()
    for kind, meeting, addresses in _due(now):
        already = set(ReminderSent.objects.filter(meeting=meeting, kind=kind).values_list("email", flat=True))
        with transaction.atomic():
            claimed = [
                address
                for address in dict.fromkeys(addresses)
                if address not in already and _claim(meeting, kind, address, now)
            ]
            if claimed:
                emails.queue_reminder(meeting, kind, claimed)
        run.queued += len(claimed)
    return run
