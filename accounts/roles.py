"""The three roles as Django groups. Object rules (which group, which person) live in
each app's rules.py; the groups carry the model permissions the admin needs."""

from django.contrib.auth.models import Group as RoleGroup
from django.contrib.auth.models import Permission

COORDINATOR = "Samordnare"
OFFICIAL = "Tjänsteperson"
REPRESENTATIVE = "Representant"

_MANAGED_APPS = ("groups", "officials", "accounts", "meetings", "minutes", "issues")


def ensure_role_groups(**kwargs):
    """Create the role groups and give them their permissions; safe to run again."""
    coordinator, _ = RoleGroup.objects.get_or_create(name=COORDINATOR)
    official, _ = RoleGroup.objects.get_or_create(name=OFFICIAL)
    RoleGroup.objects.get_or_create(name=REPRESENTATIVE)
    managed = Permission.objects.filter(content_type__app_label__in=_MANAGED_APPS)
    coordinator.permissions.add(*managed)
    official.permissions.add(*managed.filter(codename__startswith="view_"))
    # The outbox (addresses and what failed) is the coordinator's alone.
    coordinator.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", content_type__model="maildelivery")
    )


def user_has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    # Read the groups once per request object; predicates ask often.
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role in names


def grant_role(user, role: str) -> None:
    user.groups.add(RoleGroup.objects.get(name=role))
    if hasattr(user, "_role_names"):
        del user._role_names
