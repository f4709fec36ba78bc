"""An official or an elected representative is given an account by the coordinator in the
admin and invited to choose a password: the mail's link sets it once, and they log in."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import services
from core.mail import send_queued
from core.models import OutgoingMail
from groups.models import Area, ElectedRepresentative
from officials.models import Committee, Department, Official

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Lagans-bygdegård-2027"


@pytest.fixture
def new_account(db):
    """An account the coordinator has just made in the admin: a name, an address, no password."""
    return User.objects.create_user(email="kent@politik.se", full_name="Kent Kommunalråd", password=None)


def _link(message) -> str:
    return re.search(r"http://\S+/losenord/aterstall/\S+/", message.body).group(0)


def test_the_invitation_links_to_choosing_a_password_once(client, new_account, mailoutbox):
    services.account_invite(person=new_account, role="förtroendevald")
    send_queued()

    [message] = mailoutbox
    assert message.to == ["kent@politik.se"]
    assert message.subject == "Ditt konto för de lokala utvecklingsgrupperna i Ljungby kommun"
    assert "konto som förtroendevald" in message.body
    assert "gäller i 3 dagar" in message.body
    path = _link(message).removeprefix("http://127.0.0.1:8000")
    form_page = client.get(path, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.login(email="kent@politik.se", password=NEW_PASSWORD)
    client.logout()
    assert "Länken gäller inte längre." in client.get(path, follow=True).content.decode()


def test_the_link_is_secret_and_the_mail_says_what_it_is_about(new_account):
    services.account_invite(person=new_account, role="tjänsteperson")

    mail = OutgoingMail.objects.get()
    assert mail.sensitive is True
    assert mail.about == f"accounts.user:{new_account.pk}"


def test_making_an_account_an_elected_representative_invites_its_owner(admin_client, new_account, mailoutbox):
    response = admin_client.post(
        reverse("admin:groups_electedrepresentative_add"),
        {
            "user": new_account.pk,
            "party": "Socialdemokraterna",
            "committees": [Committee.objects.get(slug="samhallsbyggnadsutskottet").pk],
            "areas": [Area.objects.get(slug="lagan").pk],
            "active": "on",
        },
        follow=True,
    )
    send_queued()

    assert ElectedRepresentative.objects.filter(user=new_account).exists()
    assert "En inbjudan att välja lösenord har skickats till kent@politik.se." in response.content.decode()
    assert [(message.to, "konto som förtroendevald" in message.body) for message in mailoutbox] == [
        (["kent@politik.se"], True)
    ]


def test_an_account_that_has_a_password_is_not_invited_again(admin_client, member, mailoutbox):
    admin_client.post(
        reverse("admin:groups_electedrepresentative_add"),
        {"user": member.pk, "party": "", "active": "on"},
    )
    send_queued()

    assert ElectedRepresentative.objects.filter(user=member).exists()
    assert mailoutbox == []


def test_the_admin_action_sends_the_invitation_again_to_active_accounts(
    admin_client, new_account, mailoutbox
):
    closed = User.objects.create_user(
        email="gone@politik.se", full_name="Gone", password=None, is_active=False
    )
    rows = [ElectedRepresentative.objects.create(user=person) for person in (new_account, closed)]

    response = admin_client.post(
        reverse("admin:groups_electedrepresentative_changelist"),
        {"action": "send_account_invitation", "_selected_action": [row.pk for row in rows]},
        follow=True,
    )
    send_queued()

    assert "1 inbjudan att välja lösenord har köats." in response.content.decode()
    assert [message.to for message in mailoutbox] == [["kent@politik.se"]]


def test_making_an_account_an_official_invites_its_owner(admin_client, new_account, mailoutbox):
    admin_client.post(
        reverse("admin:officials_official_add"),
        {
            "user": new_account.pk,
            "title": "Planarkitekt",
            "departments": [Department.objects.get(slug="park-och-skotselfragor").pk],
            "in_officials_group": "on",
        },
    )
    send_queued()

    assert Official.objects.filter(user=new_account).exists()
    assert [("konto som tjänsteperson" in message.body, message.to) for message in mailoutbox] == [
        (True, ["kent@politik.se"])
    ]
