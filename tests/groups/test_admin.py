"""Memberships in the admin go through the same services as the group's page: ending one
ends the main-contact period with it; ended memberships and the rotation's history are shown,
not changed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core import activity
from groups import services
from groups.models import Invitation, MainContactPeriod, Membership
from tests.admin_forms import post_change
from tests.conftest import make_member, make_organisation, make_person

pytestmark = pytest.mark.django_db


def _url(membership) -> str:
    return reverse("admin:groups_membership_change", args=[membership.pk])


@pytest.fixture
def main_contact(lagan, coordinator):
    membership = make_member(lagan, start=date(2026, 1, 1))
    services.main_contact_hand_over(
        group=lagan, membership=membership, appointed_by=coordinator, start=date(2026, 2, 1)
    )
    return membership


def test_ending_the_main_contacts_membership_in_the_admin_ends_the_period(admin_client, main_contact):
    today = timezone.localdate()

    response = post_change(admin_client, _url(main_contact), end=today.isoformat())

    main_contact.refresh_from_db()
    period = MainContactPeriod.objects.get(membership=main_contact)
    assert response.status_code == 302
    assert (main_contact.end, period.end) == (today, today)


def test_ending_before_the_main_contact_period_started_is_refused_next_to_the_field(
    admin_client, main_contact
):
    response = post_change(admin_client, _url(main_contact), end="2026-01-15")

    main_contact.refresh_from_db()
    assert response.status_code == 200
    assert "är huvudsaklig kontaktperson sedan 2026-02-01" in response.content.decode()
    assert main_contact.end is None
    assert MainContactPeriod.objects.get(membership=main_contact).end is None


def test_an_ended_membership_is_only_shown(admin_client, lagan):
    membership = make_member(lagan, start=date(2026, 1, 1))
    services.membership_end(membership=membership, end=date(2026, 3, 1))

    response = admin_client.post(_url(membership), {"end": ""})

    membership.refresh_from_db()
    assert response.status_code == 403
    assert membership.end == date(2026, 3, 1)


def test_a_membership_added_in_the_admin_gives_the_representative_role(admin_client, lagan):
    person = make_person("Greta Granne")
    organisation = make_organisation("Lagans IF")

    response = admin_client.post(
        reverse("admin:groups_membership_add"),
        {
            "person": person.pk,
            "group": lagan.pk,
            "organisation": organisation.pk,
            "role": "",
            "start": "2026-01-01",
        },
    )

    assert response.status_code == 302
    assert Membership.objects.filter(person=person, group=lagan, end__isnull=True).count() == 1
    assert list(person.groups.all()) == []  # a representative by the membership, no role needed
    assert lagan.area in organisation.areas.all()


def test_main_contact_periods_are_only_shown(admin_client, main_contact):
    period = MainContactPeriod.objects.get(membership=main_contact)

    response = admin_client.post(
        reverse("admin:groups_maincontactperiod_change", args=[period.pk]),
        {"end": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )

    period.refresh_from_db()
    assert response.status_code == 403
    assert period.end is None


def test_a_membership_starting_in_the_future_is_refused_in_the_admin_next_to_the_field(admin_client, lagan):
    person = make_person("Greta Granne")

    response = admin_client.post(
        reverse("admin:groups_membership_add"),
        {
            "person": person.pk,
            "group": lagan.pk,
            "organisation": make_organisation("Lagans IF").pk,
            "role": "",
            "start": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "start": ["Ett medlemskap kan inte börja i framtiden."]
    }
    assert not Membership.objects.filter(person=person).exists()


@pytest.fixture
def invitation(lagan, coordinator):
    services.invitations_send(group=lagan, raw_addresses="ny@example.se", invited_by=coordinator)
    return Invitation.objects.get()


def test_an_invitation_is_only_shown_in_the_admin(admin_client, invitation):
    url = reverse("admin:groups_invitation_change", args=[invitation.pk])

    page = admin_client.get(url)
    posted = admin_client.post(url, {"status": "accepted", "email": "annan@example.se"})

    invitation.refresh_from_db()
    assert (page.status_code, posted.status_code) == (200, 403)
    assert 'name="status"' not in page.content.decode()
    assert (invitation.status, invitation.email) == (Invitation.Status.PENDING, "ny@example.se")


def test_revoking_in_the_admin_goes_through_the_service(admin_client, invitation, coordinator):
    response = admin_client.post(
        reverse("admin:groups_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert (invitation.status, invitation.revoked_by) == (Invitation.Status.REVOKED, coordinator)
    assert [event.action for event in activity.events_of(invitation)] == [
        "invitation.sent",
        "invitation.revoked",
    ]
