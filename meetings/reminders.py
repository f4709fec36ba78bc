"""Reminders before the proposal deadline and before the meeting. Safe to run every hour,
also twice at once: each reminder to each address is claimed (recorded) before it is sent,
so nothing goes out twice, and the claim is dropped when the send fails, so the next run
tries again."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import emails
from meetings.models import MEETING_REMINDER_BEFORE, PROPOSAL_REMINDER_BEFORE, Meeting, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    sent: int = 0
    failed: int = 0


def _due(now):
    deadline = Meeting.objects.filter(
        status=Meeting.Status.OPEN,
        proposal_deadline__gt=now,
        proposal_deadline__lte=now + PROPOSAL_REMINDER_BEFORE,
    )
    meeting = Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, starts_at__gt=now, starts_at__lte=now + MEETING_REMINDER_BEFORE
    )
    for kind, meetings in (
        (ReminderSent.Kind.PROPOSAL_DEADLINE, deadline),
        (ReminderSent.Kind.MEETING, meeting),
    ):
        for each in meetings.select_related("group"):
            addresses = emails.member_addresses(each)
            if kind == ReminderSent.Kind.MEETING:
                addresses += emails.official_addresses(each)
            yield kind, each, addresses


def _claim(meeting, kind, address, now):
    """Record the reminder before sending it; None when another run already has it."""
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(meeting=meeting, kind=kind, email=address, sent_at=now)
    except IntegrityError:
        return None


def send_due_reminders(now=None) -> ReminderRun:
    now = now or timezone.now()
    run = ReminderRun()
    for kind, meeting, addresses in _due(now):
        already = set(ReminderSent.objects.filter(meeting=meeting, kind=kind).values_list("email", flat=True))
        for address in dict.fromkeys(addresses):
            if address in already:
                continue
            claim = _claim(meeting, kind, address, now)
            if claim is None:
                continue
            try:
                emails.send_reminder(meeting, kind, address)
            except Exception:
                logger.exception("Reminder %s for meeting %s to %s failed", kind, meeting.pk, address)
                claim.delete()
                run.failed += 1
                continue
            run.sent += 1
    return run
