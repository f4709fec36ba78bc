from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import activity
from core.actions import label
from groups import services
from groups.errors import InvitationError, MembershipError
from groups.models import Invitation, MainContactPeriod, Membership, Organisation
from groups.rules import is_current_member
from tests.conftest import make_member, make_organisation, make_person


def _token_from_mail(message) -> str:
    line = next(line for line in message.body.splitlines() if "/inbjudan/" in line)
    return line.rstrip("/").rsplit("/", 1)[1]


# Memberships ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_membership_add_makes_the_person_a_representative_of_the_group(lagan):
    membership = make_member(lagan)

    assert membership.is_current
    assert is_current_member(membership.person, lagan)
    assert lagan.area in membership.organisation.areas.all()


@pytest.mark.django_db
def test_membership_add_refuses_a_current_member(lagan):
    membership = make_member(lagan)

    with pytest.raises(MembershipError, match=f"^{membership.person} är redan medlem i {lagan}\\.$"):
        services.membership_add(group=lagan, person=membership.person, organisation=make_organisation())

    assert Membership.objects.filter(person=membership.person).count() == 1


@pytest.mark.django_db
def test_a_person_may_be_a_member_of_several_groups(lagan, ryssby):
    person = make_person()
    make_member(lagan, person)
    make_member(ryssby, person)

    assert Membership.objects.current().filter(person=person).count() == 2


@pytest.mark.django_db
def test_membership_end_keeps_the_membership_as_history(lagan):
    membership = make_member(lagan, start=date(2025, 1, 1))

    services.membership_end(membership=membership, end=date(2026, 6, 30))

    membership.refresh_from_db()
    assert membership.end == date(2026, 6, 30)
    assert Membership.objects.former().filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_membership_end_twice_is_refused(lagan):
    membership = make_member(lagan)
    services.membership_end(membership=membership)

    with pytest.raises(MembershipError, match="^Medlemskapet har redan avslutats\\.$"):
        services.membership_end(membership=membership)


@pytest.mark.django_db
def test_membership_cannot_end_before_it_starts(lagan):
    membership = make_member(lagan, start=date(2026, 3, 1))

    with pytest.raises(
        MembershipError,
        match="^Medlemskapet började den 2026-03-01 och kan inte avslutas före det datumet\\.$",
    ):
        services.membership_end(membership=membership, end=date(2026, 2, 28))

    membership.refresh_from_db()
    assert membership.end is None


@pytest.mark.django_db
def test_ending_the_main_contacts_membership_ends_the_main_contact_period(lagan, coordinator):
    membership = make_member(lagan, start=date(2025, 1, 1))
    services.main_contact_hand_over(
        group=lagan, membership=membership, appointed_by=coordinator, start=date(2025, 1, 1)
    )

    services.membership_end(membership=membership, end=date(2026, 1, 31))

    assert services.current_main_contact(lagan) is None
    assert MainContactPeriod.objects.get(membership=membership).end == date(2026, 1, 31)


# Main contact --------------------------------------------------------------------------


@pytest.mark.django_db
def test_hand_over_records_the_rotation(lagan, coordinator):
    first = make_member(lagan, start=date(2024, 1, 1))
    second = make_member(lagan, start=date(2024, 1, 1))
    services.main_contact_hand_over(
        group=lagan, membership=first, appointed_by=coordinator, start=date(2024, 3, 1)
    )

    services.main_contact_hand_over(
        group=lagan, membership=second, appointed_by=coordinator, start=date(2025, 3, 1)
    )

    history = list(
        MainContactPeriod.objects.filter(group=lagan)
        .order_by("start")
        .values_list("membership", "start", "end")
    )
    assert history == [
        (first.pk, date(2024, 3, 1), date(2025, 3, 1)),
        (second.pk, date(2025, 3, 1), None),
    ]
    assert services.current_main_contact(lagan).membership == second


@pytest.mark.django_db
def test_main_contact_must_be_a_current_member_of_the_group(lagan, ryssby, coordinator):
    other_group_member = make_member(ryssby)
    former = make_member(lagan)
    services.membership_end(membership=former)

    for membership in (other_group_member, former):
        with pytest.raises(
            MembershipError,
            match="^Den huvudsakliga kontaktpersonen måste vara en nuvarande medlem i gruppen\\.$",
        ):
            services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)

    assert not MainContactPeriod.objects.filter(group=lagan).exists()


@pytest.mark.django_db
def test_hand_over_to_the_current_main_contact_is_refused(lagan, coordinator):
    membership = make_member(lagan)
    services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)

    with pytest.raises(MembershipError, match=f"^{membership.person} är redan huvudsaklig kontaktperson\\.$"):
        services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)


@pytest.mark.django_db
def test_organisation_kind_decides_whether_it_suits_main_contact():
    assert make_organisation(kind=Organisation.Kind.COMMUNITY_ASSOCIATION).suits_main_contact
    assert make_organisation(kind=Organisation.Kind.PARISH_COUNCIL).suits_main_contact
    assert not make_organisation(kind=Organisation.Kind.BUSINESS).suits_main_contact


# Invitations ---------------------------------------------------------------------------


def test_address_list_reports_bad_lines_with_their_numbers():
    raw = "anna@example.se\ninte en adress\nBo Ek <bo@example.se>, cilla@example.se; ANNA@example.se\n\nx@y\nd@example.se e@example.se"

    parsed = services.parse_address_list(raw)

    assert parsed.valid == [
        "anna@example.se",
        "bo@example.se",
        "cilla@example.se",
        "d@example.se",
        "e@example.se",
    ]
    assert parsed.invalid == [(2, "inte en adress"), (5, "x@y")]


def test_address_list_reports_an_address_repeated_in_other_case():
    raw = "Anna@Example.se\nbo@example.se; anna@example.se\nBo Ek <BO@example.se>"

    parsed = services.parse_address_list(raw)

    assert parsed.valid == ["anna@example.se", "bo@example.se"]
    assert parsed.repeated == [(2, "anna@example.se", 1), (3, "BO@example.se", 2)]


@pytest.mark.django_db
def test_bulk_invitation_sends_the_valid_and_reports_the_rest(lagan, coordinator, committed):
    existing = make_member(lagan, make_person(email="medlem@example.se"))
    services.invitations_send(group=lagan, raw_addresses="redan@example.se", invited_by=coordinator)
    mail.outbox.clear()

    result = committed(
        services.invitations_send,
        group=lagan,
        raw_addresses=f"ny@example.se\nfel.adress\n{existing.person.email}\nREDAN@example.se\nny@example.se",
        invited_by=coordinator,
    )

    assert result.sent == ["ny@example.se"]
    assert result.invalid == [(2, "fel.adress")]
    assert result.already_members == ["medlem@example.se"]
    assert result.already_invited == ["redan@example.se"]
    assert result.repeated == [(5, "ny@example.se", 1)]
    assert [message.to for message in mail.outbox] == [["ny@example.se"]]
    assert Invitation.objects.filter(group=lagan, email="ny@example.se").count() == 1


@pytest.mark.django_db
def test_invitation_email_is_swedish_and_stores_only_the_hash(lagan, coordinator, committed):
    committed(services.invitations_send, group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    message = mail.outbox[0]
    token = _token_from_mail(message)
    invitation = Invitation.objects.get(email="ny@example.se")
    assert "Lokala utvecklingsgruppen Lagan" in message.subject
    assert len(token) >= 40
    assert invitation.token_hash != token
    assert services.invitation_from_token(token) == invitation
    assert message.alternatives[0].mimetype == "text/html"


@pytest.mark.django_db
def test_invitation_can_be_used_once(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    invitation = Invitation.objects.get()
    organisation = make_organisation()

    membership = services.invitation_accept_as_new_person(
        invitation=invitation, full_name="Ny Person", password="Ett-bra-lösen-99", organisation=organisation
    )

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert membership.group == lagan and membership.organisation == organisation
    assert membership.person.privacy_notice_accepted_at is not None
    with pytest.raises(
        InvitationError, match="^Inbjudan har redan använts\\. Logga in för att komma till din grupp\\.$"
    ):
        services.invitation_accept(invitation=invitation, person=membership.person, organisation=organisation)


@pytest.mark.django_db
def test_expired_and_revoked_invitations_cannot_be_accepted(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="a@example.se\nb@example.se", invited_by=coordinator)
    expired, revoked = Invitation.objects.order_by("email")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired.refresh_from_db()
    services.invitation_revoke(invitation=revoked, revoked_by=coordinator)

    expired_on = timezone.localdate(expired.expires_at).isoformat()
    for invitation, message in (
        (expired, f"^Inbjudan gick ut den {expired_on}\\. Be samordnaren att skicka en ny till dig\\.$"),
        (revoked, "^Inbjudan har återkallats\\. Kontakta samordnaren om du tror att det är ett misstag\\.$"),
    ):
        with pytest.raises(InvitationError, match=message):
            services.invitation_accept_as_new_person(
                invitation=invitation,
                full_name="X",
                password="Ett-bra-lösen-99",
                organisation=make_organisation(),
            )

    assert not Membership.objects.filter(group=lagan).exists()


@pytest.mark.django_db
def test_resend_replaces_the_link_and_extends_the_validity(lagan, coordinator, committed):
    committed(services.invitations_send, group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    old_token = _token_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=1))
    invitation.refresh_from_db()

    committed(services.invitation_resend, invitation=invitation)

    new_token = _token_from_mail(mail.outbox[1])
    invitation.refresh_from_db()
    assert services.invitation_from_token(old_token) is None
    assert services.invitation_from_token(new_token) == invitation
    assert invitation.send_count == 2
    assert invitation.expires_at > timezone.now() + timedelta(days=13)


@pytest.mark.django_db
def test_inviting_an_expired_address_again_renews_the_same_invitation(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))

    result = services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    assert result.sent == ["ny@example.se"]
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().is_open


@pytest.mark.django_db
def test_revoking_twice_is_refused(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    invitation = Invitation.objects.get()
    services.invitation_revoke(invitation=invitation, revoked_by=coordinator)

    with pytest.raises(InvitationError, match="^Bara en inbjudan som väntar på svar kan återkallas\\.$"):
        services.invitation_revoke(invitation=invitation, revoked_by=coordinator)
    with pytest.raises(InvitationError, match="^Bara en inbjudan som väntar på svar kan skickas igen\\.$"):
        services.invitation_resend(invitation=invitation)


@pytest.mark.django_db
def test_new_person_can_propose_an_organisation_that_waits_for_confirmation(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    membership = services.invitation_accept_as_new_person(
        invitation=Invitation.objects.get(),
        full_name="Ny Person",
        password="Ett-bra-lösen-99",
        proposed_organisation_name="Lagans Schacklubb",
        proposed_organisation_kind=Organisation.Kind.ASSOCIATION,
    )

    organisation = membership.organisation
    assert (organisation.name, organisation.confirmed, organisation.proposed_by) == (
        "Lagans Schacklubb",
        False,
        membership.person,
    )
    services.organisation_confirm(organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.confirmed


@pytest.mark.django_db
def test_invitation_to_an_existing_account_takes_effect_at_login(client, lagan, coordinator):
    person = make_person(email="finns@example.se")
    organisation = make_organisation()
    services.invitations_send(
        group=lagan, raw_addresses="Finns@Example.se", invited_by=coordinator, organisation=organisation
    )

    client.force_login(person)

    membership = Membership.objects.get(person=person, group=lagan)
    assert membership.organisation == organisation
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED


# Dates that have not come yet: the services refuse them, not only the forms -------------


@pytest.mark.django_db
def test_membership_add_refuses_a_start_in_the_future(lagan):
    person = make_person()

    with pytest.raises(ValidationError) as error:
        make_member(lagan, person, start=timezone.localdate() + timedelta(days=1))

    assert error.value.message_dict == {"start": ["Ett medlemskap kan inte börja i framtiden."]}
    assert not Membership.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_membership_end_refuses_a_day_in_the_future(lagan):
    membership = make_member(lagan)

    with pytest.raises(
        MembershipError,
        match="^Ett medlemskap kan inte avslutas i förväg\\. Välj dagens datum eller ett tidigare datum\\.$",
    ):
        services.membership_end(membership=membership, end=timezone.localdate() + timedelta(days=1))

    membership.refresh_from_db()
    assert membership.end is None


@pytest.mark.django_db
def test_hand_over_refuses_a_day_in_the_future(lagan, coordinator):
    membership = make_member(lagan)

    with pytest.raises(MembershipError, match="^Överlämningen kan inte dateras i framtiden\\.$"):
        services.main_contact_hand_over(
            group=lagan,
            membership=membership,
            appointed_by=coordinator,
            start=timezone.localdate() + timedelta(days=1),
        )

    assert services.current_main_contact(lagan) is None


# The invitation's transitions ----------------------------------------------------------


def test_invitation_transitions_end_in_accepted_or_revoked():
    Status = Invitation.Status

    assert Invitation.TRANSITIONS.targets(Status.PENDING) == {Status.PENDING, Status.ACCEPTED, Status.REVOKED}
    assert [Invitation.TRANSITIONS.is_final(state) for state in (Status.ACCEPTED, Status.REVOKED)] == [
        True,
        True,
    ]
    assert {Status.PENDING} == Invitation.PENDING_STATES


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "expires_in", "pending", "expired", "open_"),
    [
        ("pending", timedelta(days=1), True, False, True),
        ("pending", -timedelta(days=1), True, True, False),
        ("accepted", timedelta(days=1), False, False, False),
        ("revoked", timedelta(days=1), False, False, False),
    ],
)
def test_invitation_properties_and_querysets_agree(
    lagan, coordinator, status, expires_in, pending, expired, open_
):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    Invitation.objects.update(status=status, expires_at=timezone.now() + expires_in)
    invitation = Invitation.objects.get()

    by_property = (invitation.is_pending, invitation.is_expired, invitation.is_open)
    by_query = tuple(
        queryset.filter(pk=invitation.pk).exists()
        for queryset in (
            Invitation.objects.pending(),
            Invitation.objects.expired(),
            Invitation.objects.open(),
        )
    )

    assert by_property == by_query == (pending, expired, open_)


# The activity log: who did what to which membership, group and invitation -----------------


def _events(target):
    return [(event.action, event.actor) for event in activity.events_of(target)]


@pytest.mark.django_db
def test_membership_add_and_end_are_recorded_with_who(lagan, coordinator):
    membership = services.membership_add(
        group=lagan, person=make_person(), organisation=make_organisation(), by=coordinator
    )

    services.membership_end(membership=membership, by=coordinator)

    assert _events(membership) == [("membership.added", coordinator), ("membership.ended", coordinator)]


@pytest.mark.django_db
def test_hand_over_is_recorded_on_the_group(lagan, coordinator):
    membership = make_member(lagan)

    services.main_contact_hand_over(group=lagan, membership=membership, appointed_by=coordinator)

    assert _events(lagan) == [("group.main_contact_handed_over", coordinator)]
    assert activity.events_of(lagan).get().detail == str(membership.person)


@pytest.mark.django_db
def test_invitation_sent_again_revoked_are_recorded_with_who(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    invitation = Invitation.objects.get()

    services.invitation_resend(invitation=invitation, by=coordinator)
    services.invitation_revoke(invitation=invitation, revoked_by=coordinator)

    assert _events(invitation) == [
        ("invitation.sent", coordinator),
        ("invitation.sent_again", coordinator),
        ("invitation.revoked", coordinator),
    ]


@pytest.mark.django_db
def test_invitation_accepted_is_recorded_by_the_invitee(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    invitation = Invitation.objects.get()

    membership = services.invitation_accept_as_new_person(
        invitation=invitation,
        full_name="Ny Person",
        password="Ett-bra-lösen-99",
        organisation=make_organisation(),
    )

    person = membership.person
    assert _events(invitation) == [("invitation.sent", coordinator), ("invitation.accepted", person)]
    assert _events(membership) == [("membership.added", person)]


@pytest.mark.django_db
def test_a_refused_transition_records_nothing(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    invitation = Invitation.objects.get()
    services.invitation_revoke(invitation=invitation, revoked_by=coordinator)

    with pytest.raises(InvitationError, match="^Bara en inbjudan som väntar på svar kan skickas igen\\.$"):
        services.invitation_resend(invitation=invitation, by=coordinator)

    assert _events(invitation) == [("invitation.sent", coordinator), ("invitation.revoked", coordinator)]


def test_group_actions_have_swedish_labels():
    assert [
        label(action) for action in ("membership.added", "group.main_contact_handed_over", "invitation.sent")
    ] == [
        "medlemskap tillagt",
        "huvudsaklig kontaktperson överlämnad",
        "inbjudan skickad",
    ]


@pytest.mark.django_db
def test_accepting_without_an_organisation_is_refused_and_creates_no_account(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)

    with pytest.raises(
        InvitationError,
        match="^Välj din organisation, eller skriv dess namn nedan om den inte finns i listan\\.$",
    ):
        services.invitation_accept_as_new_person(
            invitation=Invitation.objects.get(), full_name="Ny Person", password="Ett-bra-lösen-99"
        )

    assert not Organisation.objects.filter(name="").exists()
    assert not Membership.objects.filter(group=lagan).exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING
