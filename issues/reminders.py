"""Reminders to the officials responsible for an issue before its due date passes. Safe to run
every hour, also twice at once: each reminder to each address for each due date is claimed
(recorded) in the transaction that queues its mail. A new due date is a new reminder."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.mail import queue_mail
from issues.models import Issue, IssueReminderSent

DUE_REMINDER_BEFORE = timedelta(days=7)


def _due(today):
    return (
        Issue.objects.filter(
            status__in=Issue.AWAITING_ANSWER_STATES,
            due_date__gte=today,
            due_date__lte=today + DUE_REMINDER_BEFORE,
            department__isnull=False,
        )
        .select_related("department", "group")
        .prefetch_related("department__officials__user")
        .order_by("due_date", "id")
    )


def _claim(issue, address) -> bool:
    try:
        with transaction.atomic():
            IssueReminderSent.objects.create(issue=issue, due_date=issue.due_date, email=address)
    except IntegrityError:
        return False
    return True


def send_due_date_reminders(today=None) -> int:
    """Queue a reminder to each official of the department responsible; returns how many."""
    today = today or timezone.localdate()
    queued = 0
    for issue in _due(today):
        addresses = [
            official.user.email for official in issue.department.officials.all() if official.user.is_active
        ]
        already = set(
            IssueReminderSent.objects.filter(issue=issue, due_date=issue.due_date).values_list(
                "email", flat=True
            )
        )
        with transaction.atomic():
            claimed = [
                address
                for address in dict.fromkeys(addresses)
                if address not in already and _claim(issue, address)
            ]
            if claimed:
                queue_mail(
                    to=claimed,
                    template="issue_due_reminder",
                    about=f"issues.issue:{issue.pk}",
                    context={"issue": issue, "issue_url": settings.SITE_URL + issue.get_absolute_url()},
                )
                queued += len(claimed)
    return queued
