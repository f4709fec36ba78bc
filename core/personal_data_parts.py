"""What core itself holds of a person (registered from CoreConfig.ready()): the mail queued
to their address, what they did in the activity log; and how long login throttling rows are
kept."""

from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from core.models import ActivityEvent, Attempt, MailDelivery, OutgoingMail


def _mail(user) -> list[dict]:
    return registry.rows(
        MailDelivery.objects.filter(to__iexact=user.email).order_by("mail__created_at", "id"),
        "mail__subject",
        "mail__created_at",
        "status",
        "sent_at",
    )


def _activity(user) -> list[dict]:
    return [
        {
            "action": event.get_action_display(),
            "object": f"{event.content_type.model} {event.object_id}",
            "when": event.created_at,
        }
        for event in ActivityEvent.objects.filter(actor=user)
        .select_related("content_type")
        .order_by("created_at", "id")
        .iterator(chunk_size=2000)
    ]


def _erase_mail(user) -> int:
    """The outbox loses every copy addressed to the person, and a mail left with no recipient."""
    mail_ids = set(MailDelivery.objects.filter(to__iexact=user.email).values_list("mail_id", flat=True))
    deleted, _per_model = MailDelivery.objects.filter(to__iexact=user.email).delete()
    orphans, _per_model = OutgoingMail.objects.filter(pk__in=mail_ids, deliveries__isnull=True).delete()
    return deleted + orphans


def _erase_names_in_the_log(user) -> int:
    """The activity log keeps what happened, but the person's name written into an entry's
    detail (a hand-over names the new main contact) becomes the anonymised one."""
    if not user.full_name:
        return 0
    return ActivityEvent.objects.filter(detail__contains=user.full_name).update(
        detail=Replace(F("detail"), Value(user.full_name), Value(registry.ANONYMOUS_NAME))
    )


def _old_attempts(cutoff):
    return Attempt.objects.filter(created_at__lt=cutoff)


def register() -> None:
    registry.register_export("core.mail", _("Mail sent to you"), _mail, covers=["core.MailDelivery"])
    registry.register_export(
        "core.activity", _("What you did (activity log)"), _activity, covers=["core.ActivityEvent"]
    )
    registry.register_erasure("core.mail", _erase_mail)
    registry.register_erasure("core.activity", _erase_names_in_the_log)
    registry.register_retention(
        "login_attempts", _("Counted login and password reset attempts"), _old_attempts
    )
