from datetime import timedelta
from io import StringIO
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command

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


def _run(now) -> tuple[int, int]:
    run = send_due_reminders(now=now)
    return run.sent, run.failed


# The proposal deadline -----------------------------------------------------------------


def test_send_due_reminders_reminds_every_member_of_the_proposal_deadline(lagan, ryssby, member, mailoutbox):
    colleague = make_member(lagan).person
    make_member(ryssby)
    meeting = make_meeting(lagan, status=Status.OPEN)

    result = _run(meeting.proposal_deadline - timedelta(days=2))

    assert result == (2, 0)
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
def test_send_due_reminders_proposal_deadline_window(lagan, member, mailoutbox, before_deadline, sent):
    meeting = make_meeting(lagan, status=Status.OPEN)

    result = _run(meeting.proposal_deadline - before_deadline)

    assert result == (sent, 0)
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.CANCELLED])
def test_send_due_reminders_proposal_deadline_only_while_open(lagan, member, mailoutbox, status):
    meeting = make_meeting(lagan, status=status)

    result = _run(meeting.proposal_deadline - timedelta(days=1))

    assert result == (0, 0)
    assert mailoutbox == []


def test_send_due_reminders_skips_former_members(lagan, member, mailoutbox):
    former = make_member(lagan)
    group_services.membership_end(membership=former)
    meeting = make_meeting(lagan, status=Status.OPEN)

    _run(meeting.proposal_deadline - timedelta(days=1))

    assert _recipients(mailoutbox) == [member.email]


# The meeting ---------------------------------------------------------------------------


def test_send_due_reminders_reminds_members_and_officials_of_the_meeting(
    lagan, member, official, coordinator, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)
    services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)

    result = _run(meeting.starts_at - timedelta(days=1))

    assert result == (2, 0)
    assert _recipients(mailoutbox) == sorted([member.email, official.email])
    assert _recorded(meeting) == sorted([(Kind.MEETING, member.email), (Kind.MEETING, official.email)])
    assert [attachment.filename for attachment in mailoutbox[0].attachments] == ["mote.ics"]


@pytest.mark.parametrize(
    ("before_start", "sent"),
    [(timedelta(days=2, minutes=1), 0), (timedelta(days=2), 1), (timedelta(minutes=1), 1), (timedelta(0), 0)],
    ids=["more than 2 days", "exactly 2 days", "a minute", "started"],
)
def test_send_due_reminders_meeting_window(lagan, member, mailoutbox, before_start, sent):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    result = _run(meeting.starts_at - before_start)

    assert result == (sent, 0)
    assert len(mailoutbox) == sent


@pytest.mark.parametrize("status", [Status.OPEN, Status.IN_REVIEW, Status.CANCELLED])
def test_send_due_reminders_meeting_only_once_published(lagan, member, mailoutbox, status):
    meeting = make_meeting(lagan, status=status)

    result = _run(meeting.starts_at - timedelta(days=1))

    assert result == (0, 0)
    assert mailoutbox == []


# Running again -------------------------------------------------------------------------


def test_send_due_reminders_twice_sends_nothing_the_second_time(lagan, member, mailoutbox):
    make_member(lagan)
    meeting = make_meeting(lagan, status=Status.OPEN)
    now = meeting.proposal_deadline - timedelta(days=2)
    _run(now)

    result = (_run(now), _run(now + timedelta(hours=1)))

    assert result == ((0, 0), (0, 0))
    assert len(mailoutbox) == 2


def test_send_due_reminders_retries_after_the_mail_server_was_down(settings, lagan, member, mailoutbox):
    colleague = make_member(lagan).person
    meeting = make_meeting(lagan, status=Status.OPEN)
    now = meeting.proposal_deadline - timedelta(days=2)
    settings.MAILERS = _backend("ServerDownBackend")
    failed_run = _run(now)
    settings.MAILERS = LOCMEM

    result = _run(now + timedelta(hours=1))

    assert (failed_run, result) == ((0, 2), (2, 0))
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])
    assert _recorded(meeting) == sorted(
        [(Kind.PROPOSAL_DEADLINE, member.email), (Kind.PROPOSAL_DEADLINE, colleague.email)]
    )


def test_send_due_reminders_retries_only_the_refused_address(settings, lagan, member, mailoutbox):
    colleague = make_member(lagan).person
    meeting = make_meeting(lagan, status=Status.OPEN)
    now = meeting.proposal_deadline - timedelta(days=2)
    settings.MAILERS = _backend("RefusesAnnaBackend")
    first_run = _run(now)
    first_recipients = _recipients(mailoutbox)
    settings.MAILERS = LOCMEM

    result = _run(now + timedelta(hours=1))

    assert (first_run, first_recipients) == ((1, 1), [colleague.email])
    assert result == (1, 0)
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])


# The command ---------------------------------------------------------------------------


def test_send_reminders_command_prints_the_counts(lagan, member, mailoutbox):
    make_meeting(lagan, status=Status.OPEN, starts_in=timedelta(days=16), deadline_before=timedelta(days=14))
    out = StringIO()

    call_command("send_reminders", stdout=out)

    assert out.getvalue() == "Reminders sent: 1, failed (retried next run): 0\n"
    assert _recipients(mailoutbox) == [member.email]


def test_send_reminders_command_fails_when_a_send_failed(settings, lagan, member):
    make_meeting(lagan, status=Status.OPEN, starts_in=timedelta(days=16), deadline_before=timedelta(days=14))
    settings.MAILERS = _backend("ServerDownBackend")
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("send_reminders", stdout=out)

    assert out.getvalue() == "Reminders sent: 0, failed (retried next run): 1\n"
    assert str(error.value) == "1 reminders could not be sent; they are retried on the next run."
