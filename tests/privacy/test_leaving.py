import pytest
from django.urls import reverse

from accounts.roles import Role, grant_role
from core.models import MailDelivery, OutgoingMail
from groups import services as group_services
from groups.models import Membership
from meetings.models import Attendance, Meeting, Proposal, Rsvp
from minutes.models import MinutesRelease
from privacy import services
from privacy.errors import PrivacyError
from privacy.models import AuditAction, AuditEntry
from tests.conftest import make_member, make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db


# Leaving a group ----------------------------------------------------------------------------


def test_a_representative_leaves_a_group_and_the_membership_stays_as_history(client, lagan, member):
    membership = Membership.objects.get(person=member, group=lagan)
    client.force_login(member)

    response = client.post(reverse("privacy:leave_group", args=[membership.pk]), follow=True)

    assert "Du har lämnat" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end is not None
    assert AuditEntry.objects.filter(action=AuditAction.MEMBERSHIP_LEFT, subject=member).exists()


def test_the_main_contact_must_hand_over_before_leaving(client, lagan, member, coordinator):
    membership = Membership.objects.get(person=member, group=lagan)
    group_services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)
    client.force_login(member)

    response = client.post(reverse("privacy:leave_group", args=[membership.pk]))

    assert response.status_code == 200
    assert "huvudsaklig kontaktperson" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end is None


def test_nobody_leaves_for_someone_else(client, lagan, member, other_member):
    membership = Membership.objects.get(person=member, group=lagan)
    client.force_login(other_member)
    assert client.post(reverse("privacy:leave_group", args=[membership.pk])).status_code == 404
    with pytest.raises(PrivacyError, match="bara lämna en grupp"):
        services.membership_leave(membership=membership, person=other_member)


# Closing an account --------------------------------------------------------------------------


def test_closing_removes_the_person_everywhere_but_the_released_minutes(lagan, coordinator, official):
    signer = make_member(lagan, make_person("Sara Justerare", "sara@forening.se", phone="070-123")).person
    meeting = make_held_meeting(lagan, by=coordinator)
    Attendance.objects.create(
        meeting=meeting, kind=Attendance.Kind.MEMBER, person=signer, name=signer.full_name
    )
    proposal_meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    Proposal.objects.create(meeting=proposal_meeting, proposer=signer, title="Ny brygga")
    Rsvp.objects.create(meeting=proposal_meeting, person=signer, answer=Rsvp.Answer.YES, others="Kalle")
    minutes = make_minutes(meeting, RELEASED, by=coordinator, signers=[signer])
    release = MinutesRelease.objects.get(minutes=minutes)
    pdf, sha256 = bytes(release.pdf), release.sha256
    mail = OutgoingMail.objects.create(template="x", subject="Hej", text="Hej Sara")
    MailDelivery.objects.create(mail=mail, to="sara@forening.se")

    services.account_close(person=signer, by=signer)

    signer.refresh_from_db()
    assert signer.full_name == "Borttagen användare"
    assert signer.email == f"borttagen-{signer.pk}@invalid.invalid"
    assert signer.phone == "" and not signer.is_active and not signer.has_usable_password()
    assert not Membership.objects.current().filter(person=signer).exists()
    assert Membership.objects.filter(person=signer).exists()  # history, under the new name
    assert not Rsvp.objects.filter(person=signer).exists()
    assert Attendance.objects.get(person=signer).name == "Borttagen användare"
    assert Proposal.objects.get(proposer=signer).title == "Ny brygga"  # a public record
    assert not MailDelivery.objects.filter(to="sara@forening.se").exists()
    assert not OutgoingMail.objects.filter(pk=mail.pk).exists()
    # The released minutes are untouched: the same PDF, the same hash, the name in the record.
    release.refresh_from_db()
    assert bytes(release.pdf) == pdf and release.sha256 == sha256
    assert "Sara Justerare" in str(release.sign_offs)
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_CLOSED)
    assert entry.subject == signer and entry.actor == signer


def test_a_closed_account_cannot_log_in(client, member):
    services.account_close(person=member, by=member)
    assert not client.login(username="anna@forening.se", password="ett-bra-lösenord-42")


def test_the_current_main_contact_is_refused_until_handed_over(client, lagan, member, coordinator):
    membership = Membership.objects.get(person=member, group=lagan)
    group_services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)

    with pytest.raises(PrivacyError, match="huvudsaklig kontaktperson"):
        services.account_close(person=member, by=member)

    client.force_login(member)
    response = client.post(reverse("privacy:close_own_account"), {"confirm": "on"})
    assert "huvudsaklig kontaktperson" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.full_name == "Anna Åkesson"

    successor = make_member(lagan)
    group_services.main_contact_hand_over(group=lagan, membership=successor, appointed_by=coordinator)
    services.account_close(person=member, by=member)


def test_the_last_coordinator_is_refused(coordinator):
    with pytest.raises(PrivacyError, match="sista samordnaren"):
        services.account_close(person=coordinator, by=coordinator, reason="")
    second = make_person("Andra Samordnare")
    grant_role(second, Role.COORDINATOR)
    services.account_close(person=coordinator, by=second, reason="Slutat")
    assert AuditEntry.objects.filter(action=AuditAction.ROLE_REVOKED, subject=coordinator).exists()


def test_a_person_closes_their_own_account_and_is_logged_out(client, member):
    client.force_login(member)

    response = client.post(reverse("privacy:close_own_account"), {"confirm": "on"}, follow=True)

    assert "Ditt konto är avslutat" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_closing_needs_the_confirmation_ticked(client, member):
    client.force_login(member)
    response = client.post(reverse("privacy:close_own_account"), {})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.is_active


def test_the_coordinator_closes_an_account_on_request_with_a_reason(client, coordinator, member):
    client.force_login(coordinator)
    url = reverse("privacy:close_account_of", args=[member.pk])

    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    member.refresh_from_db()
    assert member.is_active

    response = client.post(url, {"reason": "Bad om det per brev 1 mars."})

    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_CLOSED)
    assert entry.actor == coordinator and "1 mars" in entry.detail


@pytest.mark.parametrize("role", ["member", "official", "outsider"])
def test_only_the_coordinator_closes_someone_elses_account(client, role, request, other_member):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("privacy:close_account_of", args=[other_member.pk]), {"reason": "x"})
    assert response.status_code == 403
    other_member.refresh_from_db()
    assert other_member.is_active
