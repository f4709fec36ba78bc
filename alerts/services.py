"""Every write of the alerts app: member settings, the daily digest, and the residents'
subscriptions (request, confirm, unsubscribe)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts import emails, tokens
from alerts.errors import AlertError
from alerts.models import Digest, DigestItem, MemberAlertSetting, Subscription
from core import ratelimit

FOLLOWS = ("follow_agendas", "follow_minutes", "follow_issues")


def _limits():
    hour = timedelta(hours=1)
    return (
        ratelimit.Limit("subscribe-address", settings.SUBSCRIBE_LIMIT_PER_ADDRESS, hour),
        ratelimit.Limit("subscribe-client", settings.SUBSCRIBE_LIMIT_PER_CLIENT, hour),
    )


# Members -------------------------------------------------------------------------------------


@transaction.atomic
def member_setting_save(*, person, frequency) -> MemberAlertSetting:
    if frequency not in MemberAlertSetting.Frequency.values:
        raise AlertError(_("Choose how often you want mail."), code="unknown_frequency")
    setting, _created = MemberAlertSetting.objects.update_or_create(
        person=person, defaults={"frequency": frequency}
    )
    if frequency != MemberAlertSetting.Frequency.DAILY:
        # What waited for a digest is not sent later in one the person no longer wants.
        DigestItem.objects.filter(person=person, digest=None).delete()
    return setting


def send_digests(*, day=None) -> int:
    """Mail each person their waiting updates in one digest, at most one a day: a second run on
    the same day (or two at once) sends nothing again; what arrives later waits for tomorrow.
    Returns how many digests were sent."""
    day = day or timezone.localdate()
    sent = 0
    waiting = (
        DigestItem.objects.filter(digest=None, person__is_active=True)
        .exclude(person__in=Digest.objects.filter(day=day).values("person"))
        .values_list("person", flat=True)
        .distinct()
    )
    for person_id in list(waiting):
        try:
            with transaction.atomic():
                digest = Digest.objects.create(person_id=person_id, day=day)
                items = list(
                    # Only the items are locked (PostgreSQL locks no nullable side of a join).
                    DigestItem.objects.select_for_update(of=("self",))
                    .filter(person_id=person_id, digest=None)
                    .select_related("update__issue__group", "update__department", "person")
                    .order_by("update__published_at", "id")
                )
                if not items:
                    digest.delete()
                    continue
                DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(digest=digest)
                emails.send_digest(items[0].person, [item.update for item in items])
        except IntegrityError:
            continue  # another run sent today's digest meanwhile
        sent += 1
    return sent


# Residents' subscriptions --------------------------------------------------------------------


@transaction.atomic
def subscription_request(*, email: str, areas, follows, client: str | None) -> Subscription:
    """A resident asks to follow one or several areas. A new or unconfirmed address gets a
    confirmation link (nothing else is sent before it is confirmed); a confirmed one has the
    areas and choices added, without a mail. Rate-limited per address and per client."""
    email = email.strip().lower()
    areas = list(areas)
    chosen = {name: name in follows for name in FOLLOWS}
    if not areas:
        raise AlertError(_("Choose at least one area."), code="no_area")
    if not any(chosen.values()):
        raise AlertError(_("Choose what you want to follow."), code="nothing_to_follow")
    by_address, by_client = _limits()
    if ratelimit.is_limited(by_address, email) or (client and ratelimit.is_limited(by_client, client)):
        raise AlertError(
            _("Too many subscription requests. Please try again in an hour."), code="rate_limited"
        )
    ratelimit.record(by_address, email)
    if client:
        ratelimit.record(by_client, client)
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    if subscription is None:
        subscription = Subscription.objects.create(email=email, **chosen)
        subscription.areas.set(areas)
        emails.send_confirmation(subscription)
        return subscription
    for name, value in chosen.items():
        setattr(subscription, name, getattr(subscription, name) or value)
    subscription.save(update_fields=list(FOLLOWS))
    subscription.areas.add(*areas)
    if not subscription.is_confirmed:
        emails.send_confirmation(subscription)
    return subscription


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    data = tokens.read_confirm_token(token)
    subscription = (
        Subscription.objects.select_for_update().filter(pk=data["s"], email=data["e"]).first()
        if data
        else None
    )
    if subscription is None:
        raise AlertError(
            _("The confirmation link is not valid or has expired. Subscribe again to get a new one."),
            code="bad_link",
        )
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def read_unsubscribe(token: str):
    """The subscription and area of an unsubscribe link, or an AlertError."""
    data = tokens.read_unsubscribe_token(token)
    subscription = Subscription.objects.filter(pk=data["s"], email=data["e"]).first() if data else None
    area = subscription.areas.filter(pk=data["a"]).first() if subscription else None
    if area is None:
        raise AlertError(_("The link is not valid, or you no longer follow this area."), code="bad_link")
    return subscription, area


@transaction.atomic
def subscription_unsubscribe(*, token: str):
    """Stop following one area; with no area left the subscription (the address) is deleted."""
    subscription, area = read_unsubscribe(token)
    subscription.areas.remove(area)
    if not subscription.areas.exists():
        subscription.delete()
    return area
