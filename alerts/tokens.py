"""The signed links of a subscription (django.core.signing): nothing secret is stored, and a
changed link is refused. Confirming expires; unsubscribing does not (a mail from last year
must still take the reader off the list)."""

from django.core import signing

CONFIRM_SALT = "alerts.subscription.confirm"
UNSUBSCRIBE_SALT = "alerts.subscription.unsubscribe"
CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 3600


def confirm_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> dict | None:
    """The signed data, or None for a changed or expired link."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired is one
        return None


def unsubscribe_token(subscription, area) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email, "a": area.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
