"""Every write that matters for groups, memberships, the main contact and invitations."""

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import normalise_email
from core import activity
from groups import emails
from groups.errors import GroupsError, InvitationError, MembershipError
from groups.models import (
    Group,
    GroupAction,
    Invitation,
    InvitationAction,
    MainContactPeriod,
    Membership,
    MembershipAction,
    Organisation,
    hash_invitation_token,
)
from groups.rules import is_current_member

User = get_user_model()


# Organisations -------------------------------------------------------------------------


def organisation_propose(*, name: str, kind: str, group: Group, proposed_by) -> Organisation:
    """An invited representative names an organisation that is not in the register yet;
    it is used at once and waits for the coordinator to confirm it."""
    existing = Organisation.objects.filter(name__iexact=name.strip()).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name.strip(), kind=kind, confirmed=False, proposed_by=proposed_by
            )
    except IntegrityError:
        # Someone proposed the same name at the same moment: use theirs.
        return Organisation.objects.get(name__iexact=name.strip())
    organisation.areas.add(group.area)
    return organisation


def organisation_confirm(*, organisation: Organisation) -> Organisation:
    if organisation.confirmed:
        raise MembershipError(_("The organisation is already confirmed."))
    organisation.confirmed = True
    organisation.save(update_fields=["confirmed"])
    return organisation


# Memberships ---------------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *,
    group: Group,
    person,
    organisation: Organisation,
    role: str = "",
    start: date | None = None,
    by=None,
):
    """`person` represents `organisation` in the group from `start` (today by default; never
    in the future: Membership.clean). `by`: who added them (the invitee, when accepting)."""
    # The group's row first: two requests adding the same person at once queue up here, and
    # the second is told the person is a member already (instead of a constraint's error).
    Group.objects.select_for_update().get(pk=group.pk)
    already = MembershipError(
        _("%(person)s is already a member of %(group)s.") % {"person": person, "group": group}
    )
    if is_current_member(person, group):
        raise already
    membership = Membership(
        group=group, person=person, organisation=organisation, role=role, start=start or timezone.localdate()
    )
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # SQLite, or any path without the lock: the constraint decides
        raise already from None
    organisation.areas.add(group.area)
    activity.record(membership, MembershipAction.ADDED, by, str(organisation))
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end: date | None = None, by=None) -> Membership:
    """End a membership; it stays as history. A main contact who leaves hands the role back."""
    end = end or timezone.localdate()
    # The group first, then the membership: the same order as a hand-over, so the two queue up.
    Group.objects.select_for_update().get(pk=membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    refusal = membership_end_refusal(membership, end)
    if refusal:
        raise MembershipError(refusal)
    period = MainContactPeriod.objects.current().filter(membership=membership).first()
    membership.end = end
    membership.save(update_fields=["end"])
    if period is not None:
        period.end = end
        period.save(update_fields=["end"])
    activity.record(membership, MembershipAction.ENDED, by, end.isoformat())
    return membership


def membership_end_refusal(membership: Membership, end: date) -> str:
    """Why the membership cannot end on that day, or "" when it can: asked by membership_end
    and, to show it next to the date, by the forms that end one (the group's page, the admin)."""
    if not membership.is_current:
        return _("This membership has already ended.")
    if end < membership.start:
        return _("The membership started on %(start)s; it cannot end before that.") % {
            "start": membership.start
        }
    if end > timezone.localdate():
        return _("A membership cannot be ended in advance; choose today or an earlier day.")
    period = MainContactPeriod.objects.current().filter(membership=membership).first()
    if period is not None and end < period.start:
        return _(
            "%(person)s has been main contact person since %(start)s; the membership cannot end before that."
        ) % {"person": membership.person, "start": period.start}
    return ""


def current_main_contact(group: Group) -> MainContactPeriod | None:
    return (
        MainContactPeriod.objects.current()
        .filter(group=group)
        .select_related("membership__person", "membership__organisation")
        .first()
    )


def main_contact_date_refusal(membership: Membership, start: date) -> str:
    """Why a hand-over to `membership` cannot be dated `start`, or "" when it can: asked by
    main_contact_hand_over and, to show it next to the date, by its form."""
    if start > timezone.localdate():
        return _("The hand-over cannot be dated in the future.")
    if start < membership.start:
        return _("%(person)s became a member on %(start)s; the hand-over cannot be dated before that.") % {
            "person": membership.person,
            "start": membership.start,
        }
    previous = MainContactPeriod.objects.current().filter(group=membership.group_id).first()
    if previous is not None and previous.membership_id != membership.pk and start < previous.start:
        return _("The hand-over cannot be dated before the current period started (%(start)s).") % {
            "start": previous.start
        }
    return ""


@transaction.atomic
def main_contact_hand_over(*, group: Group, membership: Membership, appointed_by, start: date | None = None):
    """Make a current member the group's main contact; the previous period ends the same day."""
    start = start or timezone.localdate()
    # Lock the group, then the membership, so that a hand-over and ending the same
    # membership, or two hand-overs, queue up instead of colliding.
    Group.objects.select_for_update().get(pk=group.pk)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.group_id != group.pk or not membership.is_current:
        raise MembershipError(_("The main contact person must be a current member of the group."))
    previous = MainContactPeriod.objects.current().filter(group=group).first()
    if previous is not None and previous.membership_id == membership.pk:
        raise MembershipError(
            _("%(person)s is already the main contact person.") % {"person": membership.person}
        )
    refusal = main_contact_date_refusal(membership, start)
    if refusal:
        raise MembershipError(refusal)
    if previous is not None:
        previous.end = start
        previous.save(update_fields=["end"])
    period = MainContactPeriod.objects.create(
        group=group, membership=membership, start=start, appointed_by=appointed_by
    )
    activity.record(group, GroupAction.MAIN_CONTACT_HANDED_OVER, appointed_by, str(membership.person))
    return period


# Invitations ---------------------------------------------------------------------------


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_invitation_token(token)


def _valid_until():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


@dataclass
class AddressList:
    """A pasted list of addresses, read: what can be invited and what needs a word."""

    valid: list[str] = field(default_factory=list)
    # (line number, text) of what is not an email address.
    invalid: list[tuple[int, str]] = field(default_factory=list)
    # (line number, address as typed, line where it first stood): the same address again,
    # whatever its capitals; it is handled once.
    repeated: list[tuple[int, str, int]] = field(default_factory=list)


@dataclass
class BulkInvitationResult:
    sent: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str, int]] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.invalid or self.repeated or self.already_members or self.already_invited)


def parse_address_list(raw: str) -> AddressList:
    """Split a pasted list into valid addresses, invalid lines and repeated addresses.

    Addresses may stand one a line or be separated by commas, semicolons or spaces;
    'Name <address>' is understood. An address is the same whatever its capitals: a repeat
    is reported with its line and invited once.
    """
    parsed = AddressList()
    first_line: dict[str, int] = {}
    for line_number, line in enumerate(raw.splitlines(), start=1):
        for piece in re.split(r"[,;]", line):
            piece = piece.strip()
            if not piece:
                continue
            if "<" in piece:
                candidates = [parseaddr(piece)[1]]
            elif all("@" in word for word in piece.split()):
                candidates = piece.split()
            else:
                candidates = [piece]
            for candidate in candidates:
                address = normalise_email(candidate)
                try:
                    validate_email(address)
                except ValidationError:
                    parsed.invalid.append((line_number, piece))
                    break
                if address in first_line:
                    parsed.repeated.append((line_number, candidate.strip(), first_line[address]))
                    continue
                first_line[address] = line_number
                parsed.valid.append(address)
    return parsed


@transaction.atomic
def invitations_send(
    *, group: Group, raw_addresses: str, invited_by, organisation: Organisation | None = None
):
    """Invite every valid address in a pasted list; report the rest line by line."""
    parsed = parse_address_list(raw_addresses)
    addresses = parsed.valid
    result = BulkInvitationResult(invalid=parsed.invalid, repeated=parsed.repeated)
    members = set(
        Membership.objects.current()
        .filter(group=group, person__email__in=addresses)
        .values_list("person__email", flat=True)
    )
    pending = {
        invitation.email: invitation
        for invitation in Invitation.objects.pending().filter(group=group, email__in=addresses)
    }
    for address in addresses:
        if address in members:
            result.already_members.append(address)
            continue
        invitation = pending.get(address)
        if invitation is not None and invitation.is_open:
            result.already_invited.append(address)
            continue
        token, token_hash = _new_token()
        if invitation is not None:
            # Its link has run out: renew it rather than keep two invitations for one person.
            _renew(invitation, token_hash)
            activity.record(invitation, InvitationAction.SENT_AGAIN, invited_by)
        else:
            invitation = Invitation.objects.create(
                group=group,
                organisation=organisation,
                email=address,
                token_hash=token_hash,
                invited_by=invited_by,
                expires_at=_valid_until(),
            )
            activity.record(invitation, InvitationAction.SENT, invited_by)
        emails.send_invitation(invitation=invitation, token=token)
        result.sent.append(address)
    return result


def _renew(invitation: Invitation, token_hash: str) -> None:
    invitation.token_hash = token_hash
    invitation.expires_at = _valid_until()
    invitation.last_sent_at = timezone.now()
    invitation.send_count += 1
    invitation.save(update_fields=["token_hash", "expires_at", "last_sent_at", "send_count"])


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by=None) -> Invitation:
    """Send a new link (the old one stops working) valid for another full period."""
    invitation = _locked(invitation)
    Invitation.TRANSITIONS.require(
        invitation.status,
        Invitation.Status.PENDING,
        InvitationError(_("Only a pending invitation can be sent again."), code="not_pending"),
    )
    token, token_hash = _new_token()
    _renew(invitation, token_hash)
    activity.record(invitation, InvitationAction.SENT_AGAIN, by)
    emails.send_invitation(invitation=invitation, token=token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, revoked_by) -> Invitation:
    invitation = _locked(invitation)
    Invitation.TRANSITIONS.require(
        invitation.status,
        Invitation.Status.REVOKED,
        InvitationError(_("Only a pending invitation can be revoked."), code="not_pending"),
    )
    invitation.status = Invitation.Status.REVOKED
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = revoked_by
    invitation.save(update_fields=["status", "revoked_at", "revoked_by"])
    activity.record(invitation, InvitationAction.REVOKED, revoked_by)
    return invitation


def invitation_from_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("group__area", "organisation")
        .filter(token_hash=hash_invitation_token(token))
        .first()
    )


def _why_not_acceptable(status: str) -> str:
    """What the link's page says of an invitation in a state it cannot be accepted from."""
    reasons = {
        Invitation.Status.ACCEPTED: _("This invitation has already been used. Log in to reach your group."),
        Invitation.Status.REVOKED: _(
            "This invitation has been withdrawn. Contact the coordinator if you think it is a mistake."
        ),
    }
    return reasons.get(status, "")


def invitation_check_open(invitation: Invitation) -> None:
    """Raise with the reason a link can no longer be used."""
    Invitation.TRANSITIONS.require(
        invitation.status,
        Invitation.Status.ACCEPTED,
        InvitationError(_why_not_acceptable(invitation.status), code=f"invitation_{invitation.status}"),
    )
    if invitation.is_expired:
        raise InvitationError(
            _("This invitation expired on %(date)s. Ask the coordinator to send you a new one.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d")},
            code="invitation_expired",
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, person, organisation: Organisation) -> Membership:
    """The invited person joins the group for the organisation; the link is used up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check_open(invitation)
    if normalise_email(person.email) != invitation.email:
        raise InvitationError(_("This invitation was sent to another email address."))
    membership = Membership.objects.current().filter(person=person, group=invitation.group).first()
    if membership is None:
        membership = membership_add(
            group=invitation.group, person=person, organisation=organisation, by=person
        )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.membership = membership
    invitation.save(update_fields=["status", "accepted_at", "membership"])
    activity.record(invitation, InvitationAction.ACCEPTED, person)
    return membership


@transaction.atomic
def invitation_accept_as_new_person(
    *,
    invitation: Invitation,
    full_name: str,
    password: str,
    phone: str = "",
    organisation: Organisation | None = None,
    proposed_organisation_name: str = "",
    proposed_organisation_kind: str = Organisation.Kind.ASSOCIATION,
):
    """Create the invitee's account (they have read the privacy notice) and accept."""
    invitation_check_open(invitation)
    try:
        with transaction.atomic():
            person = User.objects.create_user(
                email=invitation.email,
                password=password,
                full_name=full_name.strip(),
                phone=phone.strip(),
                privacy_notice_accepted_at=timezone.now(),
            )
    except IntegrityError:
        raise InvitationError(
            _("There is already an account for %(email)s. Log in first, then open the link again.")
            % {"email": invitation.email}
        ) from None
    return invitation_accept_choosing_organisation(
        invitation=invitation,
        person=person,
        organisation=organisation,
        proposed_organisation_name=proposed_organisation_name,
        proposed_organisation_kind=proposed_organisation_kind,
    )


def organisation_choice_refusal(organisation: Organisation | None, proposed_name: str) -> str:
    """Why an invitee's choice of organisation cannot be used, or "" when it can: asked when
    accepting and, to show it next to the field, by the acceptance form."""
    if organisation is None and not proposed_name.strip():
        return _("Choose your organisation, or write its name below if it is not in the list.")
    return ""


@transaction.atomic
def invitation_accept_choosing_organisation(
    *,
    invitation: Invitation,
    person,
    organisation: Organisation | None = None,
    proposed_organisation_name: str = "",
    proposed_organisation_kind: str = Organisation.Kind.ASSOCIATION,
) -> Membership:
    """Accept for the organisation the person picked, or the one they proposed."""
    refusal = organisation_choice_refusal(organisation, proposed_organisation_name)
    if refusal:
        raise InvitationError(refusal, code="no_organisation")
    if organisation is None:
        organisation = organisation_propose(
            name=proposed_organisation_name,
            kind=proposed_organisation_kind,
            group=invitation.group,
            proposed_by=person,
        )
    return invitation_accept(invitation=invitation, person=person, organisation=organisation)


def invitations_accept_on_login(sender, request, user, **kwargs):
    """An invitation to an address that already has an account takes effect at login."""
    for invitation in (
        Invitation.objects.open()
        .filter(email=normalise_email(user.email))
        .select_related("group", "organisation")
    ):
        if invitation.organisation is None:
            messages.info(
                request,
                _(
                    "You have an invitation to %(group)s. Open the link in the invitation email "
                    "to choose the organisation you represent."
                )
                % {"group": invitation.group},
                fail_silently=True,
            )
            continue
        try:
            invitation_accept(invitation=invitation, person=user, organisation=invitation.organisation)
        except GroupsError:
            # Revoked or used at the same moment: logging in must still work.
            continue
        messages.success(
            request, _("You are now a member of %(group)s.") % {"group": invitation.group}, fail_silently=True
        )
