"""What the alerts app holds of a person (core.personal_data): a member's alert setting and
the digests sent; a resident's subscription (the address only), deleted unconfirmed."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from alerts.models import Digest, DigestItem, MemberAlertSetting, Subscription
from core import personal_data


def _collect(user) -> list[dict]:
    rows = [
        {"mail about issue updates": setting.frequency}
        for setting in MemberAlertSetting.objects.filter(person=user)
    ]
    for subscription in Subscription.objects.filter(email__iexact=user.email).prefetch_related("areas"):
        rows.append(
            {
                "subscription": subscription.email,
                "areas": [area.name for area in subscription.areas.all()],
                "confirmed": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
            }
        )
    return rows


def _digests(user) -> list[dict]:
    return personal_data.rows(
        DigestItem.objects.filter(person=user).order_by("created_at", "id"),
        "update__issue__title",
        "digest__day",
        "digest__sent_at",
    )


def _erase(user) -> int:
    count = 0
    for model in (DigestItem, Digest, MemberAlertSetting):
        count += model.objects.filter(person=user).delete()[0]
    count += Subscription.objects.filter(email__iexact=user.email).delete()[0]
    return count


def _unconfirmed(cutoff: datetime):
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


def register() -> None:
    personal_data.register_export(
        "alert_settings", _("Alerts and subscriptions"), _collect, covers=["alerts.MemberAlertSetting"]
    )
    personal_data.register_export(
        "alert_digests",
        _("Issue updates mailed to you"),
        _digests,
        covers=["alerts.Digest", "alerts.DigestItem"],
    )
    personal_data.register_erasure("alert_settings", _erase)
    personal_data.register_retention(
        "unconfirmed_subscriptions", _("Subscriptions never confirmed (the email address)"), _unconfirmed
    )
