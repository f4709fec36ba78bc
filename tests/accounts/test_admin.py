"""Least privilege in the admin: the coordinator is staff, not superuser. They manage people's
names and whether an account is active; they cannot make anyone (themselves included)
superuser or staff, hand out permissions or roles, set another person's password or change
another person's email address (which, followed by a password reset, would take it over)."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_coordinator(coordinator):
    coordinator.is_staff = True
    coordinator.save()
    return coordinator


@pytest.fixture
def superuser(db):
    return make_person("It Ansvarig", "it@kommun.se", is_staff=True, is_superuser=True)


def _change_form_data(person, **changes):
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "phone": person.phone,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _change(client, person, **changes):
    return client.post(
        reverse("admin:accounts_user_change", args=[person.pk]), _change_form_data(person, **changes)
    )


def test_coordinator_cannot_make_themselves_superuser(client, staff_coordinator):
    client.force_login(staff_coordinator)

    response = _change(client, staff_coordinator, is_superuser="on", is_staff="on")

    staff_coordinator.refresh_from_db()
    assert response.status_code == 302
    assert staff_coordinator.is_superuser is False


def test_coordinator_cannot_make_someone_else_staff_or_grant_permissions(client, staff_coordinator, member):
    client.force_login(staff_coordinator)

    _change(client, member, is_staff="on", is_superuser="on", user_permissions=["1"], groups=["1"])

    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert list(member.user_permissions.all()) == []
    assert list(member.groups.all()) == []


def test_coordinator_sees_the_privilege_fields_read_only(client, staff_coordinator, member):
    client.force_login(staff_coordinator)

    page = client.get(reverse("admin:accounts_user_change", args=[member.pk])).content.decode()

    assert 'name="is_superuser"' not in page
    assert 'name="is_staff"' not in page
    assert 'name="user_permissions"' not in page
    assert 'name="email"' not in page
    assert 'name="full_name"' in page


def test_coordinator_cannot_change_another_persons_email(client, staff_coordinator, official):
    client.force_login(staff_coordinator)

    _change(client, official, email="samordnare.privat@example.se")

    official.refresh_from_db()
    assert official.email == "olle@kommun.se"


def test_coordinator_can_correct_a_name_and_deactivate_an_account(client, staff_coordinator, member):
    client.force_login(staff_coordinator)

    response = _change(client, member, full_name="Anna Åkesson-Berg", is_active=None)

    member.refresh_from_db()
    assert response.status_code == 302
    assert (member.full_name, member.is_active) == ("Anna Åkesson-Berg", False)


@pytest.mark.parametrize("target", ["official", "superuser", "staff_coordinator"])
def test_coordinator_cannot_set_a_password(client, staff_coordinator, target, request):
    person = request.getfixturevalue(target)
    client.force_login(staff_coordinator)
    url = reverse("admin:auth_user_password_change", args=[person.pk])

    page = client.get(url)
    posted = client.post(url, {"password1": "Kapat-konto-123", "password2": "Kapat-konto-123"})

    person.refresh_from_db()
    assert (page.status_code, posted.status_code) == (403, 403)
    assert person.check_password(PASSWORD)


def test_coordinator_cannot_open_a_superusers_account(client, staff_coordinator, superuser):
    client.force_login(staff_coordinator)

    response = _change(client, superuser, full_name="Ingen", is_active=None)

    superuser.refresh_from_db()
    assert response.status_code == 403
    assert (superuser.full_name, superuser.is_active) == ("It Ansvarig", True)


def test_coordinator_creates_an_account_without_a_password(client, staff_coordinator):
    client.force_login(staff_coordinator)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "Ny.Tjansteperson@Kommun.se", "full_name": "Ny Tjänsteperson", "_save": "Spara"},
    )

    person = User.objects.get(email="ny.tjansteperson@kommun.se")
    assert response.status_code == 302
    assert person.has_usable_password() is False
    assert (person.is_staff, person.is_superuser) == (False, False)


def test_superuser_may_still_set_passwords_and_roles(client, superuser, staff_coordinator):
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[staff_coordinator.pk])

    response = client.post(
        url,
        {"password1": "Nytt-starkt-lösen-9", "password2": "Nytt-starkt-lösen-9", "usable_password": "true"},
    )

    staff_coordinator.refresh_from_db()
    assert response.status_code == 302
    assert staff_coordinator.check_password("Nytt-starkt-lösen-9")
