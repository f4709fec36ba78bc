"""The outbox page: the coordinator sees what could not be sent and sends it again; nobody
else sees the addresses."""

from smtplib import SMTPRecipientsRefused

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import MailDelivery, OutgoingMail
from groups.services import invitations_send
from meetings.models import Meeting
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

OUTBOX = reverse("core:outbox")


def _failed(count, *, sensitive=False):
    mail = OutgoingMail.objects.create(
        template="invitation", subject="Inbjudan till Lagan", text="Hej", sensitive=sensitive
    )
    MailDelivery.objects.bulk_create(
        MailDelivery(
            mail=mail,
            to=f"person{number}@example.se",
            status="failed",
            attempts=4,
            last_error="SMTPRecipientsRefused: 550",
        )
        for number in range(count)
    )
    return mail


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("official", 403), ("member", 403), ("outsider", 403)],
)
def test_outbox_is_the_coordinators(client, request, who, status):
    _failed(1)
    client.force_login(request.getfixturevalue(who))

    response = client.get(OUTBOX)

    assert response.status_code == status
    assert ("person0@example.se" in response.content.decode()) is (status == 200)


def test_outbox_for_an_anonymous_visitor_asks_to_log_in(client):
    response = client.get(OUTBOX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outbox_lists_failed_mail_with_the_error_and_a_resend_button(client, coordinator):
    _failed(2)
    client.force_login(coordinator)

    page = client.get(OUTBOX).content.decode()

    assert "Inbjudan till Lagan" in page
    assert "SMTPRecipientsRefused: 550" in page
    assert page.count("Skicka igen<span") == 2


def test_outbox_with_nothing_failed_says_so(client, coordinator):
    client.force_login(coordinator)

    page = client.get(OUTBOX).content.decode()

    assert "Inga utskick har misslyckats" in page


def test_resend_from_the_outbox_sends_the_mail(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    mail = _failed(1)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:delivery_resend", args=[mail.deliveries.get().pk]))

    assert response.status_code == 302
    assert list(MailDelivery.objects.values_list("status", "attempts")) == [("sent", 1)]
    assert [message.to for message in mailoutbox] == [["person0@example.se"]]


def test_resend_all_failed_skips_mail_whose_secret_is_gone(
    client, coordinator, django_capture_on_commit_callbacks
):
    _failed(2)
    gone = _failed(1, sensitive=True)
    OutgoingMail.objects.filter(pk=gone.pk).update(text="")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:resend_all_failed"), follow=True)

    page = response.content.decode()
    assert sorted(MailDelivery.objects.values_list("status", flat=True)) == ["failed", "sent", "sent"]
    assert "2 utskick skickas igen" in page
    assert "1 innehöll en personlig länk" in page


@pytest.mark.parametrize("who", ["official", "member"])
def test_resend_by_anyone_else_is_refused(client, request, who):
    mail = _failed(1)
    client.force_login(request.getfixturevalue(who))

    response = client.post(reverse("core:delivery_resend", args=[mail.deliveries.get().pk]))

    assert response.status_code == 403
    assert MailDelivery.objects.get().status == "failed"


def test_resend_is_post_only(client, coordinator):
    mail = _failed(1)
    client.force_login(coordinator)

    assert client.get(reverse("core:delivery_resend", args=[mail.deliveries.get().pk])).status_code == 405


@pytest.mark.parametrize("failed", [5, 120])
def test_outbox_query_count_does_not_grow_with_the_mail(client, coordinator, failed):
    _failed(failed)
    client.force_login(coordinator)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(OUTBOX)

    # session, user, permissions (user's and role's), the page's count, the counts per status,
    # role groups (the menu), and the page's rows
    assert response.status_code == 200
    assert len(queries) == 8


class RefusesEverything(LocmemBackend):
    def send_messages(self, messages):
        raise SMTPRecipientsRefused({message.to[0]: (550, b"No such user") for message in messages})


def test_invitation_list_says_which_invitation_mail_did_not_arrive(
    client, settings, coordinator, lagan, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusesEverything"}}
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(group=lagan, raw_addresses="fel@example.se", invited_by=coordinator)
    MailDelivery.objects.update(status=MailDelivery.Status.FAILED)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(group=lagan, raw_addresses="ratt@example.se", invited_by=coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("groups:invitations")).content.decode()

    rows = {row.split("</td>")[0].split(">")[-1]: row for row in page.split("<tr>")[2:]}
    assert "mejlet kom inte fram" in rows["fel@example.se"]
    assert "mejlet kom inte fram" not in rows["ratt@example.se"]


def test_manage_page_counts_the_meetings_mail(
    client, settings, coordinator, lagan, member, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusesEverything"}}
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    MailDelivery.objects.update(status=MailDelivery.Status.FAILED)
    client.force_login(coordinator)

    page = client.get(reverse("meetings:manage", args=[meeting.pk])).content.decode()

    assert "0 skickade, 0 väntar på att skickas." in page
    assert "1 kunde inte skickas: se utkorgen" in page
