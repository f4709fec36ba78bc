"""The outbox: mail is queued in the transaction of the change it tells about and sent by the
task worker, one connection per mail; refused mail is tried again and, after the last try,
kept as failed for the coordinator to send again. Nothing is lost with the mail server down."""

from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.utils import timezone

from core import mail
from core.errors import MailError
from core.models import MailDelivery, OutgoingMail

pytestmark = pytest.mark.django_db


class CountingBackend(LocmemBackend):
    """Delivers like locmem and counts the connections opened."""

    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return super().open()


class ServerDownBackend(LocmemBackend):
    def open(self):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusesBoBackend(LocmemBackend):
    def send_messages(self, messages):
        if any("bo@example.se" in message.to for message in messages):
            raise SMTPRecipientsRefused({"bo@example.se": (550, b"No such user")})
        return super().send_messages(messages)


def _mailer(settings, name):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.{name}"}}


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Queue a mail as a service does and commit: the worker (immediate here) sends it."""

    def run(to, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return mail.queue_mail(
                to=to, template="meeting_changed", context={"meeting": None, "group": "Lagan"}, **extra
            )

    return run


def _statuses() -> list[tuple[str, str, int]]:
    return list(MailDelivery.objects.order_by("to").values_list("to", "status", "attempts"))


def _let_time_pass() -> None:
    MailDelivery.objects.update(next_attempt_at=timezone.now())


def test_queued_mail_goes_out_once_committed_one_message_per_recipient(queue, mailoutbox):
    queue(["anna@example.se", "bo@example.se", "Anna@example.se".lower(), ""])

    assert sorted(message.to[0] for message in mailoutbox) == ["anna@example.se", "bo@example.se"]
    assert all(len(message.to) == 1 for message in mailoutbox)
    assert _statuses() == [("anna@example.se", "sent", 1), ("bo@example.se", "sent", 1)]


def test_mail_is_not_sent_before_the_change_is_committed(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail.queue_mail(to=["anna@example.se"], template="meeting_changed", context={"meeting": None})

    assert mailoutbox == []
    assert len(callbacks) == 1


def test_a_rolled_back_change_queues_no_mail(mailoutbox):
    with pytest.raises(RuntimeError, match="the change failed"), transaction.atomic():
        mail.queue_mail(to=["anna@example.se"], template="meeting_changed", context={"meeting": None})
        raise RuntimeError("the change failed")

    assert OutgoingMail.objects.count() == 0
    assert mailoutbox == []


def test_two_hundred_recipients_share_one_connection(settings, queue, mailoutbox):
    _mailer(settings, "CountingBackend")
    CountingBackend.opened = 0

    queue([f"person{number}@example.se" for number in range(200)])

    assert CountingBackend.opened == 1
    assert len(mailoutbox) == 200


def test_with_the_server_down_nothing_is_lost_and_each_try_waits_longer(settings, queue):
    _mailer(settings, "ServerDownBackend")
    queue(["anna@example.se"])
    waits = []
    for _attempt in range(mail.max_attempts() - 1):
        delivery = MailDelivery.objects.get()
        waits.append(round((delivery.next_attempt_at - timezone.now()).total_seconds() / 60))
        _let_time_pass()
        mail.send_queued()

    delivery = MailDelivery.objects.get()
    assert waits == [1, 10, 60]
    assert (delivery.status, delivery.attempts) == ("failed", 4)
    assert delivery.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_the_mail_server_back_up_sends_what_waited(settings, queue, mailoutbox):
    _mailer(settings, "ServerDownBackend")
    queue(["anna@example.se", "bo@example.se"])
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    _let_time_pass()
    result = mail.send_queued()

    assert result == (2, 0)
    assert _statuses() == [("anna@example.se", "sent", 2), ("bo@example.se", "sent", 2)]


def test_one_refused_address_does_not_stop_the_others(settings, queue, mailoutbox):
    _mailer(settings, "RefusesBoBackend")

    queue(["anna@example.se", "bo@example.se", "cecilia@example.se"])

    assert sorted(message.to[0] for message in mailoutbox) == ["anna@example.se", "cecilia@example.se"]
    assert _statuses() == [
        ("anna@example.se", "sent", 1),
        ("bo@example.se", "queued", 1),
        ("cecilia@example.se", "sent", 1),
    ]


def test_a_delivery_not_yet_due_is_left_for_later(settings, queue):
    _mailer(settings, "ServerDownBackend")
    queue(["anna@example.se"])
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    result = mail.send_queued()

    assert result == (0, 0)
    assert _statuses() == [("anna@example.se", "queued", 1)]


def test_a_mail_with_a_secret_link_forgets_it_once_delivered(queue):
    queued = queue(["anna@example.se"], sensitive=True)

    queued.refresh_from_db()
    assert (queued.text, queued.html) == ("", "")
    assert queued.subject != ""


def test_resend_of_a_failed_mail_tries_again_from_the_start(
    settings, queue, mailoutbox, django_capture_on_commit_callbacks
):
    _mailer(settings, "RefusesBoBackend")
    queue(["bo@example.se"])
    MailDelivery.objects.update(status=MailDelivery.Status.FAILED, attempts=mail.max_attempts())
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        mail.delivery_resend(delivery=MailDelivery.objects.get())

    assert _statuses() == [("bo@example.se", "sent", 1)]
    assert [message.to for message in mailoutbox] == [["bo@example.se"]]


def test_resend_of_a_mail_that_was_sent_is_refused(queue):
    queue(["anna@example.se"])

    with pytest.raises(MailError, match="Bara ett utskick som inte kunde skickas kan skickas igen"):
        mail.delivery_resend(delivery=MailDelivery.objects.get())


def test_resend_of_a_failed_mail_with_a_secret_link_is_refused(settings, queue):
    _mailer(settings, "ServerDownBackend")
    queued = queue(["anna@example.se"], sensitive=True)
    for _attempt in range(mail.max_attempts() - 1):
        _let_time_pass()
        mail.send_queued()
    queued.refresh_from_db()

    with pytest.raises(MailError, match="innehöll en personlig länk"):
        mail.delivery_resend(delivery=MailDelivery.objects.get())
    assert queued.text == ""


def test_delivery_state_counts_the_mail_about_one_thing(settings, queue):
    _mailer(settings, "RefusesBoBackend")
    queue(["anna@example.se", "bo@example.se"], about="meetings.meeting:7")
    queue(["cecilia@example.se"], about="meetings.meeting:8")

    assert mail.delivery_state("meetings.meeting:7") == {"queued": 1, "sent": 1, "failed": 0}


def test_mail_is_rendered_in_swedish(queue, mailoutbox):
    queue(["anna@example.se"])

    assert "Tiden eller platsen för mötet" in mailoutbox[0].body
