"""The activity log: what happened to what, by whom and when, for every app (ActivityEvent)."""

from django.contrib.contenttypes.models import ContentType

from core.models import ActivityEvent


def record(target, action: str, actor=None, detail: str = "") -> ActivityEvent:
    """Log an action on `target` (any model instance). Call it in the transaction of the
    change, so the log and the change are saved together or not at all."""
    return ActivityEvent.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        action=action,
        actor=actor,
        detail=detail[:5000],
    )


def events_of(target):
    """The log of one object, oldest first."""
    return ActivityEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
