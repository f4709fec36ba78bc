"""What the groups app holds of a person: memberships (and main contact periods), the
invitations sent to their address and those they sent, the organisations they proposed, their
row as an elected representative (removed when the account is closed); and
how long an expired invitation and a former member's contact details are kept."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from groups.models import ElectedRepresentative, Invitation, MainContactPeriod, Membership, Organisation

User = get_user_model()


def _memberships(user) -> list[dict]:
    return registry.rows(
        Membership.objects.filter(person=user).order_by("start", "id"),
        "group__name",
        "organisation__name",
        "role",
        "start",
        "end",
    )


def _main_contact(user) -> list[dict]:
    return registry.rows(
        MainContactPeriod.objects.filter(Q(membership__person=user) | Q(appointed_by=user)).order_by("start"),
        "group__name",
        "membership__person__full_name",
        "start",
        "end",
        "appointed_by__full_name",
    )


def _invitations(user) -> list[dict]:
    return registry.rows(
        Invitation.objects.filter(Q(email=user.email) | Q(invited_by=user) | Q(revoked_by=user)).order_by(
            "created_at"
        ),
        "group__name",
        "email",
        "status",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
        "invited_by__full_name",
    )


def _organisations(user) -> list[dict]:
    return registry.rows(
        Organisation.objects.filter(proposed_by=user).order_by("created_at"), "name", "kind", "created_at"
    )


def _erase(user) -> int:
    """Current memberships end today (the history stays, under the anonymised name); the
    invitations to their address lose it. The closing service refuses a current main contact
    before this runs (privacy.services.account_close_refusal)."""
    today = timezone.localdate()
    changed = Membership.objects.current().filter(person=user).update(end=today)
    pending = Invitation.objects.pending().filter(email=user.email)
    changed += pending.update(status=Invitation.Status.REVOKED, revoked_at=timezone.now())
    for invitation in Invitation.objects.filter(email=user.email).only("pk"):
        invitation.email = f"borttagen-{invitation.pk}@invalid.invalid"
        invitation.save(update_fields=["email"])
        changed += 1
    return changed


def _elected_representative(user) -> list[dict]:
    representative = ElectedRepresentative.objects.filter(user=user).first()
    if representative is None:
        return []
    return [
        {
            "party": representative.party,
            "committees": [committee.name for committee in representative.committees.all()],
            "areas": [area.name for area in representative.areas.all()],
            "active": representative.active,
        }
    ]


def _erase_elected_representative(user) -> int:
    return ElectedRepresentative.objects.filter(user=user).delete()[0]


def _expired_invitations(cutoff: datetime):
    """Invitations never accepted whose link ran out before the cutoff (revoked ones too)."""
    return Invitation.objects.exclude(status=Invitation.Status.ACCEPTED).filter(expires_at__lt=cutoff)


def _former_members(cutoff: datetime):
    """People whose last membership ended before the cutoff and who hold no role or office:
    their phone number goes (the name stays in the history of the groups)."""
    ended_before = timezone.localtime(cutoff).date()
    return (
        User.objects.exclude(phone="")
        .filter(memberships__isnull=False, is_staff=False, is_superuser=False)
        .exclude(memberships__end__isnull=True)
        .exclude(memberships__end__gte=ended_before)
        .filter(official__isnull=True, groups__isnull=True)
        .distinct()
    )


def _forget_phone(rows) -> int:
    return (
        User.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).exclude(phone="").update(phone="")
    )


def register() -> None:
    registry.register_export(
        "groups.memberships",
        _("Memberships"),
        _memberships,
        covers=["groups.Membership"],
    )
    registry.register_export(
        "groups.main_contact", _("Main contact periods"), _main_contact, covers=["groups.MainContactPeriod"]
    )
    registry.register_export(
        "groups.invitations", _("Invitations"), _invitations, covers=["groups.Invitation"]
    )
    registry.register_export(
        "groups.organisations",
        _("Organisations you proposed"),
        _organisations,
        covers=["groups.Organisation"],
    )
    registry.register_export(
        "groups.elected_representative",
        _("Elected representative"),
        _elected_representative,
        covers=["groups.ElectedRepresentative"],
    )
    registry.register_erasure("groups.memberships", _erase)
    registry.register_erasure("groups.elected_representative", _erase_elected_representative)
    registry.register_retention(
        "expired_invitations", _("Invitations never accepted, after their link ran out"), _expired_invitations
    )
    registry.register_retention(
        "former_members_contact_details",
        _("The phone number of a former representative, after their last membership ended"),
        _former_members,
        _forget_phone,
    )
