from datetime import timedelta
from io import StringIO
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone

from core.mail import send_queued
from core.models import MailDelivery, OutgoingMail
from groups import services as group_services
from meetings import services
from meetings.models import Meeting, ReminderSent
from meetings.reminders import send_due_reminders
from tests.conftest import make_member
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status
Kind = ReminderSent.Kind
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class ServerDownBackend(BaseEmailBackend):
    """The mail server is unreachable."""

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesAnnaBackend(LocmemBackend):
    """The mail server refuses one address and delivers the rest."""

    def send_messages(self, messages):
        if any("anna@forening.se" in message.to for message in messages):
            raise SMTPRecipientsRefused({"anna@forening.se": (450, b"Mailbox busy")})
        return super().send_messages(messages)


def _backend(name) -> dict:
    return {"default": {"BACKEND": f"{__name__}.{name}"}}


def _recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def _recorded(meeting) -> list[tuple[str, str]]:
    return sorted(ReminderSent.objects.filter(meeting=meeting).values_list("kind", "email"))


@pytest.fixture
def run_reminders(django_capture_on_commit_callbacks):
    """Queue the due reminders and let the outbox send them (after the commit, as in
    production); returns how many were queued."""

    def run(now) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_reminders(now=now).queued

    return run


# The proposal deadline -----------------------------------------------------------------


def test_send_due_reminders_reminds_every_member_of_the_proposal_deadline(
    lagan, ryssby, member, mailoutbox, run_reminders
):
    colleague = make_member(lagan).person
    make_member(ryssby)
    meeting = make_meeting(lagan, status=Status.OPEN)

    result = run_reminders(meeting.proposal_deadline - timedelta(days=2))

    assert result == 2
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])
    assert _recorded(meeting) == sorted(
        [(Kind.PROPOSAL_DEADLINE, member.email), (Kind.PROPOSAL_DEADLINE, colleague.email)]
    )


@pytest.mark.parametrize(
    ("before_deadline", "sent"),
    [
        (timedelta(days=3, minutes=1), 0),
        (timedelta(days=3), 1),
        (timedelta(minutes=1), 1),
        (-timedelta(minutes=1), 0),
    ],
    ids=["more than 3 days", "exactly 3 days", "a minute", "passed"],
)
def test_send_due_reminders_proposal_deadline_window(
    lagan, member, mailoutbox, before_deadline, sent, run_reminders
):
    meeting = make_meeting(lagan, status=Status.OPEN)

    result = run_reminders(meeting.proposal_deadline - before_deadline)

    assert result == sent
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.CANCELLED])
def test_send_due_reminders_proposal_deadline_only_while_open(
    lagan, member, mailoutbox, status, run_reminders
):
    meeting = make_meeting(lagan, status=status)

    result = run_reminders(meeting.proposal_deadline - timedelta(days=1))

    assert result == 0
    assert mailoutbox == []


def test_send_due_reminders_skips_former_members(lagan, member, mailoutbox, run_reminders):
    former = make_member(lagan)
    group_services.membership_end(membership=former)
    meeting = make_meeting(lagan, status=Status.OPEN)

    run_reminders(meeting.proposal_deadline - timedelta(days=1))

    assert _recipients(mailoutbox) == [member.email]


# The meeting ---------------------------------------------------------------------------


def test_send_due_reminders_reminds_members_and_officials_of_the_meeting(
    lagan, member, official, coordinator, mailoutbox, run_reminders
):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)
    services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)

    result = run_reminders(meeting.starts_at - timedelta(days=1))

    assert result == 2
    assert _recipients(mailoutbox) == sorted([member.email, official.email])
    assert _recorded(meeting) == sorted([(Kind.MEETING, member.email), (Kind.MEETING, official.email)])
    assert [attachment.filename for attachment in mailoutbox[0].attachments] == ["mote.ics"]


@pytest.mark.parametrize(
    ("before_start", "sent"),
    [(timedelta(days=2, minutes=1), 0), (timedelta(days=2), 1), (timedelta(minutes=1), 1), (timedelta(0), 0)],
    ids=["more than 2 days", "exactly 2 days", "a minute", "started"],
)
def test_send_due_reminders_meeting_window(lagan, member, mailoutbox, before_start, sent, run_reminders):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    result = run_reminders(meeting.starts_at - before_start)

    assert result == sent
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("status", [Status.OPEN, Status.IN_REVIEW, Status.CANCELLED])
def test_send_due_reminders_meeting_only_once_published(lagan, member, mailoutbox, status, run_reminders):
    meeting = make_meeting(lagan, status=status)

    result = run_reminders(meeting.starts_at - timedelta(days=1))

    assert result == 0
    assert mailoutbox == []


# Running again -------------------------------------------------------------------------


def test_send_due_reminders_twice_sends_nothing_the_second_time(lagan, member, mailoutbox, run_reminders):
    make_member(lagan)
    meeting = make_meeting(lagan, status=Status.OPEN)
    now = meeting.proposal_deadline - timedelta(days=2)
    run_reminders(now)

    result = (run_reminders(now), run_reminders(now + timedelta(hours=1)))

    assert result == (0, 0)
    assert len(mailoutbox) == 2


def test_send_due_reminders_with_the_mail_server_down_loses_nothing(
    settings, lagan, member, mailoutbox, run_reminders
):
    """The reminder is claimed and its mail queued in one transaction: with the server down it
    waits in the outbox, is not queued again by the next run, and goes out once the server is back."""
    colleague = make_member(lagan).person
    meeting = make_meeting(lagan, status=Status.OPEN)
    OutgoingMail.objects.all().delete()  # the call for proposals, queued while setting up
    now = meeting.proposal_deadline - timedelta(days=2)
    settings.MAILERS = _backend("ServerDownBackend")
    queued = run_reminders(now)
    settings.MAILERS = LOCMEM

    queued_again = run_reminders(now + timedelta(hours=1))
    MailDelivery.objects.update(next_attempt_at=timezone.now())
    sent, failed = send_queued()

    assert (queued, queued_again, sent, failed) == (2, 0, 2, 0)
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])
    assert _recorded(meeting) == sorted(
        [(Kind.PROPOSAL_DEADLINE, member.email), (Kind.PROPOSAL_DEADLINE, colleague.email)]
    )


def test_send_due_reminders_retries_only_the_refused_address(
    settings, lagan, member, mailoutbox, run_reminders
):
    colleague = make_member(lagan).person
    meeting = make_meeting(lagan, status=Status.OPEN)
    OutgoingMail.objects.all().delete()  # the call for proposals, queued while setting up
    settings.MAILERS = _backend("RefusesAnnaBackend")
    run_reminders(meeting.proposal_deadline - timedelta(days=2))
    first_recipients = _recipients(mailoutbox)
    settings.MAILERS = LOCMEM

    MailDelivery.objects.update(next_attempt_at=timezone.now())
    retried = send_queued()

    assert first_recipients == [colleague.email]
    assert retried == (1, 0)
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])


# The command ---------------------------------------------------------------------------


def test_send_reminders_command_prints_the_count(
    lagan, member, mailoutbox, django_capture_on_commit_callbacks
):
    make_meeting(lagan, status=Status.OPEN, starts_in=timedelta(days=16), deadline_before=timedelta(days=14))
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)

    assert out.getvalue() == "Reminders queued: 1\nDue date reminders queued: 0\n"
    assert _recipients(mailoutbox) == [member.email]
