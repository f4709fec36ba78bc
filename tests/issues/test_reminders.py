"""Reminders of an issue's due date to the officials of the department responsible: once per
address and due date, whatever the number of runs; none for an answered issue."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import MailDelivery
from issues import services
from issues.models import Issue
from issues.reminders import send_due_date_reminders
from tests.issues.test_services import STREETS, make_issue

pytestmark = pytest.mark.django_db


def _reminded() -> list[tuple[str, str]]:
    return list(
        MailDelivery.objects.filter(mail__template="issue_due_reminder")
        .order_by("pk")
        .values_list("to", "mail__subject")
    )


def test_officials_of_the_department_are_reminded_once_before_the_due_date(lagan, coordinator, official):
    today = timezone.localdate()
    make_issue(lagan, by=coordinator, title="Snart", due_date=today + timedelta(days=5))
    make_issue(lagan, by=coordinator, title="Långt bort", due_date=today + timedelta(days=30))
    make_issue(
        lagan, by=coordinator, title="Gata", department_slug=STREETS, due_date=today + timedelta(days=2)
    )

    first = send_due_date_reminders()
    again = send_due_date_reminders()
    call_command("send_reminders", stdout=io.StringIO())

    assert (first, again) == (1, 0)
    assert _reminded() == [(official.email, "Förfaller snart: Snart")]


def test_a_new_due_date_is_reminded_again(lagan, coordinator, official):
    today = timezone.localdate()
    issue = make_issue(lagan, by=coordinator, due_date=today + timedelta(days=5))
    send_due_date_reminders()

    services.issue_update(issue=issue, by=coordinator, due_date=today + timedelta(days=6))

    assert send_due_date_reminders() == 1


def test_an_answered_or_overdue_issue_is_not_reminded(lagan, coordinator, official):
    today = timezone.localdate()
    answered = make_issue(lagan, by=coordinator, due_date=today + timedelta(days=5))
    services.issue_update_add(issue=answered, text="Klart.", new_status=Issue.Status.ANSWERED, by=coordinator)
    make_issue(lagan, by=coordinator, due_date=today - timedelta(days=1))

    assert send_due_date_reminders() == 0
