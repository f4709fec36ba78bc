"""The roles a person is given, each a Django group keyed by a stable code (the group's name),
carrying the model permissions the admin needs. Only roles that are *given* are here: who is an
official follows from their Official row (officials.rules), who is a representative from their
current memberships (groups.rules)."""

from django.contrib.auth.models import Group as RoleGroup
from django.contrib.auth.models import Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")


# The apps whose models the coordinator keeps in the admin.
_MANAGED_APPS = (
    "groups",
    "officials",
    "accounts",
    "meetings",
    "minutes",
    "issues",
    "alerts",
    "finance",
    "participation",
)


def ensure_role_groups(**kwargs):
    """Create the role groups and give them their permissions; safe to run again."""
    coordinator, _created = RoleGroup.objects.get_or_create(name=Role.COORDINATOR)
    coordinator.permissions.add(*Permission.objects.filter(content_type__app_label__in=_MANAGED_APPS))
    # The outbox (addresses and what failed) is the coordinator's too, and reading the log.
    coordinator.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", content_type__model="maildelivery"),
        *Permission.objects.filter(content_type__app_label="core", codename="view_activityevent"),
    )


def has_role(user, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    # Read the groups once per user object; predicates ask often.
    codes = getattr(user, "_role_codes", None)
    if codes is None:
        codes = set(user.groups.values_list("name", flat=True))
        user._role_codes = codes
    return role in codes


def grant_role(user, role: Role) -> None:
    user.groups.add(RoleGroup.objects.get(name=role))
    user.__dict__.pop("_role_codes", None)


def revoke_role(user, role: Role) -> None:
    user.groups.remove(RoleGroup.objects.get(name=role))
    user.__dict__.pop("_role_codes", None)
