"""One way to send mail: Swedish (or the given language) text and HTML from templates."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_templated_mail(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> list[str]:
    """Render <template>_subject.txt, <template>.txt and <template>.html and send them,
    one message per recipient so that nobody sees the others' addresses.

    Templates live under templates/emails/. Mail goes out in the recipient's language,
    Swedish unless told otherwise. One refused address does not stop the others: the
    addresses that failed are logged and returned.
    """
    context = {"SITE_URL": settings.SITE_URL, "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    failed = []
    for address in dict.fromkeys(to):
        message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
        message.attach_alternative(html, "text/html")
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        try:
            message.send()
        except Exception:
            logger.exception("Mail %s to %s failed", template, address)
            failed.append(address)
    return failed
