"""Demo data of the privacy app for seed_demo: a closed account whose name is left only in a
released minutes PDF, data waiting for the purge, and an audit log with entries."""

from datetime import timedelta

from django.utils import timezone

from core.models import Attempt
from groups import services as group_services
from groups.models import Group, Invitation, hash_invitation_token
from minutes.models import MinutesRelease
from privacy import audit, services
from privacy.models import AuditAction, AuditEntry

CLOSED_GROUP = "bolmens-ostra-strand"
EXPIRED_INVITATION = "gammal.inbjudan@example.se"


def _close_an_account(coordinator) -> None:
    """The main contact of Bolmen signed off its released minutes, handed the role over and asked
    for the account to be closed: the name is left only in the released minutes."""
    if AuditEntry.objects.filter(action=AuditAction.ACCOUNT_CLOSED).exists():
        return
    group = Group.objects.get(area__slug=CLOSED_GROUP)
    release = MinutesRelease.objects.filter(minutes__meeting__group=group).first()
    period = group_services.current_main_contact(group)
    if release is None or period is None:
        return
    leaving = period.membership.person
    successor = group.memberships.current().exclude(person=leaving).order_by("pk").first()
    group_services.main_contact_hand_over(group=group, membership=successor, appointed_by=coordinator)
    services.account_close(person=leaving, by=coordinator, reason="Bad om det per e-post (demo).")


def _pending_purge(coordinator) -> None:
    """An invitation whose link ran out long ago, and old login attempts: `manage.py purge
    --dry-run` shows them."""
    group = Group.objects.get(area__slug="lidhult")
    long_ago = timezone.now() - timedelta(days=120)
    Invitation.objects.get_or_create(
        email=EXPIRED_INVITATION,
        defaults={
            "group": group,
            "token_hash": hash_invitation_token(EXPIRED_INVITATION),
            "invited_by": coordinator,
            "created_at": long_ago - timedelta(days=14),
            "last_sent_at": long_ago - timedelta(days=14),
            "expires_at": long_ago,
        },
    )
    if not Attempt.objects.filter(
        scope="login-client", created_at__lt=timezone.now() - timedelta(days=30)
    ).exists():
        Attempt.objects.create(
            scope="login-client", key="demo", created_at=timezone.now() - timedelta(days=40)
        )


def seed_privacy(coordinator, representative) -> None:
    _close_an_account(coordinator)
    _pending_purge(coordinator)
    if not AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED).exists():
        audit.record(AuditAction.DATA_EXPORTED, actor=representative, subject=representative)
