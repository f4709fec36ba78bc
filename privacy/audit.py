"""The audit log: recording an entry, and the receivers that record role changes and logins
with administration rights wherever they happen (the admin, a service, the shell)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as RoleGroup
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from privacy.models import AuditAction, AuditEntry


def record(action: str, *, actor=None, subject=None, detail: str = "") -> AuditEntry:
    """Log an action; call it in the transaction of the change."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(action=action, actor=actor, subject=subject, detail=detail[:5000])


def _request_user():
    """Who is making the current request, when there is one (simple_history's middleware keeps
    the request): the actor of a role change made in the admin."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def role_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """The coordinator role given or taken away (User.groups), from either side."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    User = get_user_model()
    if not reverse:
        if action == "pre_clear":
            names = list(instance.groups.values_list("name", flat=True))
        else:
            names = list(RoleGroup.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        people = [(instance, name) for name in names]
    else:
        if instance.name != Role.COORDINATOR:
            return
        users = instance.user_set.all() if action == "pre_clear" else User.objects.filter(pk__in=pk_set)
        people = [(user, instance.name) for user in users]
    kind = AuditAction.ROLE_GRANTED if action == "post_add" else AuditAction.ROLE_REVOKED
    for person, name in people:
        if name == Role.COORDINATOR:
            record(kind, actor=_request_user(), subject=person, detail=_("coordinator"))


def official_saved(sender, instance, created, **kwargs):
    if created:
        record(AuditAction.ROLE_GRANTED, actor=_request_user(), subject=instance.user, detail=_("official"))


def official_deleted(sender, instance, **kwargs):
    record(AuditAction.ROLE_REVOKED, actor=_request_user(), subject=instance.user, detail=_("official"))


def login_with_admin_rights(sender, request, user, **kwargs):
    """A login to the admin, or by anyone who may use it."""
    path = getattr(request, "path", "") or ""
    if user.is_staff or user.is_superuser or path.startswith("/admin/"):
        record(AuditAction.ADMIN_LOGIN, actor=user, subject=user, detail=path[:200])
