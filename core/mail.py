"""One way to send mail: rendered in the request, queued in the outbox in the same transaction
as the change it tells about, and sent by the task worker.

- queue_mail renders <template>_subject.txt, <template>.txt and <template>.html (under
  templates/emails/) once, in Swedish unless told otherwise, and stores one OutgoingMail with a
  MailDelivery per recipient: the request never waits for a mail server.
- deliver_mail (a django.tasks task) sends the due deliveries of one mail over one SMTP
  connection, one message per recipient so that nobody sees the others' addresses. A failed
  delivery is tried again after 1 minute, 10 minutes and an hour (MAIL_RETRY_DELAYS_SECONDS);
  after the last try it is
  marked failed and shown in the outbox (/utkorg/), where the coordinator can send it again.
- `manage.py send_queued_mail` sends whatever is due and still queued (a task lost with a
  crashed worker, or retries where the task backend cannot run tasks later): run it every few
  minutes from cron, beside the worker.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import MailError
from core.models import MailAttachment, MailDelivery, OutgoingMail

logger = logging.getLogger(__name__)


def retry_delays() -> list[timedelta]:
    """The waits before the second, third... try (settings.MAIL_RETRY_DELAYS_SECONDS); after
    the last one a delivery is marked failed."""
    return [timedelta(seconds=seconds) for seconds in settings.MAIL_RETRY_DELAYS_SECONDS]


def max_attempts() -> int:
    return len(settings.MAIL_RETRY_DELAYS_SECONDS) + 1


# How long a worker holds a delivery it is sending before another may take it.
LEASE = timedelta(minutes=10)


def render_mail(template: str, context: dict, language: str | None = None) -> tuple[str, str, str]:
    """Subject, text and HTML of a mail, in `language` (Swedish by default)."""
    context = {"SITE_URL": settings.SITE_URL, "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return subject, text, html


def queue_mail(
    *,
    to,
    template: str,
    context: dict,
    language: str | None = None,
    attachments=(),
    sensitive: bool = False,
    about: str = "",
    headers_for=None,
) -> OutgoingMail | None:
    """Queue one mail to every address in `to` (duplicates and blanks dropped).

    attachments: (filename, content, mimetype) triples. sensitive: the mail holds a secret link
    (its body is erased once delivered). about: what the mail concerns, e.g.
    "groups.invitation:12", for the page that shows how sending went. headers_for(address):
    headers for one recipient's copy (List-Unsubscribe)."""
    addresses = list(dict.fromkeys(address for address in to if address))
    if not addresses:
        return None
    subject, text, html = render_mail(template, context, language)
    mail = OutgoingMail.objects.create(
        template=template, subject=subject[:500], text=text, html=html, sensitive=sensitive, about=about
    )
    MailAttachment.objects.bulk_create(
        MailAttachment(mail=mail, filename=filename, content=content, mimetype=mimetype)
        for filename, content, mimetype in attachments
    )
    MailDelivery.objects.bulk_create(
        MailDelivery(mail=mail, to=address, headers=headers_for(address) if headers_for else {})
        for address in addresses
    )
    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


def _message(mail: OutgoingMail, delivery: MailDelivery, attachments) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.text, to=[delivery.to], headers=delivery.headers or None
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def _claim(delivery_id: int) -> bool:
    """Take a due delivery for this worker (another worker, or a second task for the same mail,
    then leaves it alone until the lease runs out)."""
    now = timezone.now()
    return bool(
        MailDelivery.objects.filter(
            pk=delivery_id, status=MailDelivery.Status.QUEUED, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
    )


def send_due(mail: OutgoingMail) -> tuple[int, int]:
    """Send the mail's due deliveries over one connection. Returns (sent, failed this time)."""
    due = list(MailDelivery.objects.due().filter(mail=mail).values_list("pk", flat=True))
    claimed = [pk for pk in due if _claim(pk)]
    if not claimed:
        return 0, 0
    attachments = list(mail.attachments.all())
    sent = failed = 0
    retry_at = None
    connection = mailers.default
    try:
        connection.open()
        connection_error = None
    except Exception as error:  # the server is down or refuses us: every delivery fails this time
        logger.warning("Mail server unreachable for mail %s: %s", mail.pk, error)
        connection_error = error
    try:
        for delivery in MailDelivery.objects.filter(pk__in=claimed).order_by("pk"):
            delivery.attempts += 1
            try:
                if connection_error is not None:
                    raise connection_error
                connection.send_messages([_message(mail, delivery, attachments)])
            except Exception as error:
                logger.warning(
                    "Mail %s to %s failed (try %s): %s", mail.pk, delivery.to, delivery.attempts, error
                )
                failed += 1
                delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
                if delivery.attempts >= max_attempts():
                    delivery.status = MailDelivery.Status.FAILED
                else:
                    delivery.next_attempt_at = timezone.now() + retry_delays()[delivery.attempts - 1]
                    retry_at = min(retry_at or delivery.next_attempt_at, delivery.next_attempt_at)
            else:
                sent += 1
                delivery.status = MailDelivery.Status.SENT
                delivery.sent_at = timezone.now()
                delivery.last_error = ""
            delivery.save(update_fields=["attempts", "status", "next_attempt_at", "last_error", "sent_at"])
    finally:
        if connection_error is None:
            connection.close()
    if retry_at is not None and default_task_backend.supports_defer:
        deliver_mail.using(run_after=retry_at).enqueue(mail.pk)
    _forget_secret_once_delivered(mail)
    return sent, failed


def _forget_secret_once_delivered(mail: OutgoingMail) -> None:
    if mail.sensitive and not mail.deliveries.filter(status=MailDelivery.Status.QUEUED).exists():
        OutgoingMail.objects.filter(pk=mail.pk).update(text="", html="")


@task
def deliver_mail(mail_id: int) -> dict:
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return {"sent": 0, "failed": 0}
    sent, failed = send_due(mail)
    return {"sent": sent, "failed": failed}


def send_queued() -> tuple[int, int]:
    """Send every due delivery of every mail (the cron safety net). Returns (sent, failed)."""
    totals = [0, 0]
    for mail in OutgoingMail.objects.filter(pk__in=MailDelivery.objects.due().values("mail")):
        sent, failed = send_due(mail)
        totals[0] += sent
        totals[1] += failed
    return totals[0], totals[1]


@transaction.atomic
def delivery_resend(*, delivery: MailDelivery) -> MailDelivery:
    """Send a failed delivery again (the coordinator, from the outbox): a fresh set of tries."""
    delivery = MailDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != MailDelivery.Status.FAILED:
        raise MailError(_("Only a mail that could not be sent can be sent again."))
    if delivery.mail.sensitive and not delivery.mail.text:
        raise MailError(
            _("This mail held a personal link and is gone; send it again from where it was made.")
        )
    delivery.status = MailDelivery.Status.QUEUED
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    mail_id = delivery.mail_id
    transaction.on_commit(lambda: deliver_mail.enqueue(mail_id))
    return delivery


def delivery_state(about: str) -> dict[str, int]:
    """How the mails about one thing went: counts per status, for the page that sent them."""
    counts = dict.fromkeys(MailDelivery.Status.values, 0)
    for status in MailDelivery.objects.filter(mail__about=about).values_list("status", flat=True):
        counts[status] += 1
    return counts


def latest_delivery_status(abouts) -> dict[str, str]:
    """For each thing (its `about`), how sending its latest mail went: "queued", "sent" or
    "failed". One query for a page of things."""
    statuses: dict[str, str] = {}
    rows = (
        MailDelivery.objects.filter(mail__about__in=list(abouts))
        .order_by("mail__about", "-mail__created_at", "-mail_id", "-id")
        .values_list("mail__about", "status")
    )
    for about, status in rows:
        statuses.setdefault(about, status)
    return statuses
