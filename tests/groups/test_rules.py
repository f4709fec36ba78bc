"""Who may do what with groups, memberships and invitations: every permission of groups.rules
for every role, against every state that matters (as the views and templates ask them)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groups import services
from groups.models import Invitation
from groups.rules import is_current_member, is_elected_representative
from tests.conftest import ROLES, make_member

pytestmark = pytest.mark.django_db


def _expect(allowed: set[str]) -> list[tuple[str, bool]]:
    return [(role, role in allowed) for role in ROLES]


STAFF = {"official", "street_official", "coordinator", "superuser"}
COORDINATORS = {"coordinator", "superuser"}
# Who reads the Lagan group: the municipality's people and its current members.
READERS_OF_LAGAN = STAFF | {"member"}


@pytest.mark.parametrize(("role", "expected"), _expect({"member"}))
def test_is_current_member_of_the_group(request, lagan, role, expected):
    user = request.getfixturevalue(role)

    assert is_current_member(user, lagan) is expected


@pytest.mark.parametrize("role", ROLES)
def test_is_current_member_of_no_group_is_false(request, role):
    assert is_current_member(request.getfixturevalue(role), None) is False


def test_is_current_member_is_the_membership_queryset(
    request, lagan, ryssby, member, former_member, other_member
):
    """One definition: Membership.objects.current() decides, and is_current says the same of
    one membership."""
    people = (member, former_member, other_member)
    by_rule = [(is_current_member(person, lagan), is_current_member(person, ryssby)) for person in people]
    by_property = [
        tuple(
            any(m.is_current and m.group_id == group.pk for m in person.memberships.all())
            for group in (lagan, ryssby)
        )
        for person in people
    ]

    assert by_rule == by_property == [(True, False), (False, False), (False, True)]


@pytest.mark.parametrize(("role", "expected"), _expect({"elected_representative"}))
def test_is_elected_representative(request, role, expected):
    assert is_elected_representative(request.getfixturevalue(role)) is expected


def test_is_elected_representative_ends_with_the_term(elected_representative):
    elected_representative.elected_representative.active = False
    elected_representative.elected_representative.save()

    assert is_elected_representative(elected_representative) is False


@pytest.mark.parametrize(("role", "expected"), _expect(COORDINATORS))
def test_manage_groups(request, role, expected):
    assert request.getfixturevalue(role).has_perm("groups.manage_groups") is expected


@pytest.mark.parametrize(("role", "expected"), _expect(STAFF | {"elected_representative"}))
def test_view_all_groups(request, role, expected):
    assert request.getfixturevalue(role).has_perm("groups.view_all_groups") is expected


@pytest.mark.parametrize(("role", "expected"), _expect({"elected_representative"}))
def test_follow_areas(request, role, expected):
    assert request.getfixturevalue(role).has_perm("groups.follow_areas") is expected


def test_follow_areas_ends_with_the_term(elected_representative):
    elected_representative.elected_representative.active = False
    elected_representative.elected_representative.save()

    assert elected_representative.has_perm("groups.follow_areas") is False


@pytest.mark.parametrize(("role", "expected"), _expect(READERS_OF_LAGAN | {"elected_representative"}))
def test_view_group_page(request, lagan, role, expected):
    assert request.getfixturevalue(role).has_perm("groups.view_group_page", lagan) is expected


@pytest.mark.parametrize(("role", "expected"), _expect(READERS_OF_LAGAN))
def test_view_contact_details_of_current_members(request, lagan, role, expected):
    assert request.getfixturevalue(role).has_perm("groups.view_contact_details", lagan) is expected


@pytest.mark.parametrize(("role", "expected"), _expect(STAFF))
def test_view_former_members_contact_details(request, lagan, role, expected):
    assert (
        request.getfixturevalue(role).has_perm("groups.view_former_members_contact_details", lagan)
        is expected
    )


@pytest.mark.parametrize("role", ROLES)
def test_contact_details_differ_from_the_group_page_only_for_former_members(request, lagan, role):
    """Whoever reads a group's page sees its current members' email and phone, except the
    elected representatives; a fellow member does not see those of people who have left, the
    municipality does."""
    user = request.getfixturevalue(role)
    reads_page = user.has_perm("groups.view_group_page", lagan)

    sees = (
        user.has_perm("groups.view_contact_details", lagan),
        user.has_perm("groups.view_former_members_contact_details", lagan),
    )

    assert sees == (reads_page and role != "elected_representative", reads_page and role in STAFF)


@pytest.mark.parametrize(("role", "expected"), _expect(COORDINATORS))
def test_end_membership_that_is_current(request, lagan, role, expected):
    membership = make_member(lagan)

    assert request.getfixturevalue(role).has_perm("groups.end_membership", membership) is expected


@pytest.mark.parametrize("role", ROLES)
def test_end_membership_that_has_ended_is_no_ones(request, lagan, role):
    membership = services.membership_end(membership=make_member(lagan))

    assert request.getfixturevalue(role).has_perm("groups.end_membership", membership) is False


# Invitations, in each state ------------------------------------------------------------


@pytest.fixture
def invitation_in(lagan, coordinator):
    def make(state: str) -> Invitation:
        services.invitations_send(group=lagan, raw_addresses=f"{state}@example.se", invited_by=coordinator)
        invitation = Invitation.objects.get(email=f"{state}@example.se")
        if state == "expired":
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
        elif state == "revoked":
            services.invitation_revoke(invitation=invitation, revoked_by=coordinator)
        elif state == "accepted":
            services.invitation_accept_as_new_person(
                invitation=invitation,
                full_name="Ny Person",
                password="Ett-bra-lösen-99",
                proposed_organisation_name="Nya föreningen",
            )
        return Invitation.objects.get(pk=invitation.pk)

    return make


INVITATION_STATES = [("pending", True), ("expired", True), ("accepted", False), ("revoked", False)]


@pytest.mark.parametrize("permission", ["groups.resend_invitation", "groups.revoke_invitation"])
@pytest.mark.parametrize(("state", "pending"), INVITATION_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_resend_and_revoke_invitation(request, invitation_in, permission, state, pending, role):
    invitation = invitation_in(state)
    user = request.getfixturevalue(role)

    assert user.has_perm(permission, invitation) is (pending and role in COORDINATORS)
