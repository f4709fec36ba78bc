"""The alerts' mails: to members about their groups' issues, and to residents who subscribe.
Every mail to a subscriber has its own unsubscribe link (per area) in the text and in the
List-Unsubscribe headers (RFC 8058 one-click)."""

from django.conf import settings
from django.urls import reverse

from alerts import tokens
from core.mail import queue_mail


def _url(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(subscription, area) -> str:
    return _url(reverse("alerts:unsubscribe", kwargs={"token": tokens.unsubscribe_token(subscription, area)}))


def send_confirmation(subscription) -> None:
    queue_mail(
        to=[subscription.email],
        template="subscription_confirm",
        sensitive=True,
        about=f"alerts.subscription:{subscription.pk}",
        context={
            "subscription": subscription,
            "areas": list(subscription.areas.all()),
            "confirm_url": _url(
                reverse("alerts:confirm", kwargs={"token": tokens.confirm_token(subscription)})
            ),
        },
    )


def send_to_subscribers(subscriptions, *, area, headline: str, url: str, text: str = "") -> None:
    """One mail per subscriber of the area: each has its own unsubscribe link."""
    for subscription in subscriptions:
        link = unsubscribe_url(subscription, area)
        queue_mail(
            to=[subscription.email],
            template="subscription_notice",
            about=f"alerts.subscription:{subscription.pk}",
            context={"area": area, "headline": headline, "url": url, "text": text, "unsubscribe_url": link},
            headers_for=lambda address, link=link: {
                "List-Unsubscribe": f"<{link}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def send_update_to_members(update, addresses) -> None:
    issue = update.issue
    queue_mail(
        to=addresses,
        template="issue_update_member",
        about=f"issues.issue:{issue.pk}",
        context={
            "issue": issue,
            "update": update,
            "issue_url": _url(issue.get_absolute_url()),
            "settings_url": _url(reverse("alerts:settings")),
        },
    )


def send_digest(person, updates) -> None:
    queue_mail(
        to=[person.email],
        template="issue_digest",
        about=f"alerts.digest:{person.pk}",
        context={
            "person": person,
            "updates": [
                {"update": update, "issue": update.issue, "issue_url": _url(update.issue.get_absolute_url())}
                for update in updates
            ],
            "settings_url": _url(reverse("alerts:settings")),
        },
    )
