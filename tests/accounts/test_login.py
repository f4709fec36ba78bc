from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Attempt, OutgoingMail
from tests.conftest import PASSWORD, make_person

LOGIN_URL = reverse("accounts:login")


def _login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_login_with_email_lands_on_my_groups(client):
    make_person("Anna", "anna@example.se")

    response = _login(client, "Anna@Example.se", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("pages:start")
    assert client.get(response.url).url == reverse("pages:my_groups")


@pytest.mark.django_db
def test_wrong_password_shows_a_swedish_error(client):
    make_person("Anna", "anna@example.se")

    response = _login(client, "anna@example.se", "fel")

    assert response.status_code == 200
    assert "E-postadressen eller lösenordet är fel" in response.content.decode()


@pytest.mark.django_db
def test_ten_failures_from_one_client_for_one_account_block_that_client(client, settings):
    make_person("Anna", "anna@example.se")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, "anna@example.se", "fel", ip="10.6.6.6")

    response = _login(client, "anna@example.se", PASSWORD, ip="10.6.6.6")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db
def test_an_attacker_elsewhere_cannot_lock_the_owner_out(client, settings):
    """Failures for Anna's account from other clients (spread over many addresses, as a
    botnet would) never block Anna logging in from her own."""
    make_person("Anna", "anna@example.se")
    for attempt in range(3 * settings.LOGIN_FAILURE_LIMIT):
        _login(client, "anna@example.se", "fel", ip=f"10.0.{attempt // 200}.{attempt % 200}")
    _login(client, "anna@example.se", "fel", ip="10.6.6.6")

    response = _login(client, "anna@example.se", PASSWORD, ip="192.0.2.10")

    assert response.status_code == 302


@pytest.mark.django_db
def test_one_client_guessing_many_accounts_is_blocked_for_every_account(client, settings):
    make_person("Bo", "bo@example.se")
    for attempt in range(settings.LOGIN_FAILURE_LIMIT_PER_CLIENT):
        _login(client, f"gissning{attempt}@example.se", "fel", ip="10.9.9.9")

    blocked = _login(client, "bo@example.se", PASSWORD, ip="10.9.9.9")
    elsewhere = _login(client, "bo@example.se", PASSWORD, ip="10.8.8.8")

    assert blocked.status_code == 200
    assert "För många misslyckade inloggningsförsök" in blocked.content.decode()
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_failures_older_than_the_window_no_longer_count(client, settings):
    make_person("Anna", "anna@example.se")
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, "anna@example.se", "fel")
    old = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 1)
    Attempt.objects.update(created_at=old)

    response = _login(client, "anna@example.se", PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_failed_logins_store_no_address_in_clear(client):
    _login(client, "anna@example.se", "fel", ip="10.0.0.77")

    stored = " ".join(f"{row.scope} {row.key}" for row in Attempt.objects.all())
    assert Attempt.objects.count() == 2
    assert "anna" not in stored
    assert "10.0.0.77" not in stored


@pytest.mark.django_db
def test_password_reset_answers_the_same_for_unknown_addresses(client, django_capture_on_commit_callbacks):
    make_person("Anna", "anna@example.se")
    url = reverse("accounts:password_reset")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "anna@example.se"})
        unknown = client.post(url, {"email": "finns.inte@example.se"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.se"]
    assert "/konto/losenord/aterstall/" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password(client, django_capture_on_commit_callbacks):
    person = make_person("Anna", "anna@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "anna@example.se"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/losenord/aterstall/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get("/" + path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Helt-nytt-lösen-77", "new_password2": "Helt-nytt-lösen-77"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Helt-nytt-lösen-77")


@pytest.mark.django_db
def test_logout_is_post_only_and_ends_the_session(client):
    person = make_person()
    client.force_login(person)

    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_throttled(client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    make_person("Bo", "bo@example.se")
    for attempt in range(settings.LOGIN_FAILURE_LIMIT_PER_CLIENT):
        client.post(
            LOGIN_URL,
            {"username": f"gissning{attempt}@example.se", "password": "fel"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        )

    other_client = client.post(
        LOGIN_URL,
        {"username": "bo@example.se", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )

    assert other_client.status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_counts_not_the_proxy(client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    make_person("Bo", "bo@example.se")
    for attempt in range(settings.LOGIN_FAILURE_LIMIT_PER_CLIENT):
        client.post(
            LOGIN_URL,
            {"username": f"gissning{attempt}@example.se", "password": "fel"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        )

    same_client = client.post(
        LOGIN_URL,
        {"username": "bo@example.se", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert same_client.status_code == 200
    assert "För många misslyckade inloggningsförsök" in same_client.content.decode()


@pytest.mark.django_db
def test_password_reset_mails_one_address_at_most_three_times_an_hour(
    client, settings, django_capture_on_commit_callbacks
):
    make_person("Anna", "anna@example.se")
    url = reverse("accounts:password_reset")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(url, {"email": "anna@example.se"}, REMOTE_ADDR=f"10.1.1.{n}") for n in range(5)
        ]

    assert [answer.status_code for answer in answers] == [302] * 5
    assert {answer.url for answer in answers} == {reverse("accounts:password_reset_done")}
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 3


@pytest.mark.django_db
def test_password_reset_from_one_client_is_limited_with_a_swedish_message(client, settings):
    url = reverse("accounts:password_reset")
    for number in range(settings.PASSWORD_RESET_LIMIT_PER_CLIENT):
        client.post(url, {"email": f"person{number}@example.se"}, REMOTE_ADDR="10.2.2.2")

    response = client.post(url, {"email": "ytterligare@example.se"}, REMOTE_ADDR="10.2.2.2")
    other_client = client.post(url, {"email": "ytterligare@example.se"}, REMOTE_ADDR="10.3.3.3")

    assert response.status_code == 200
    assert "För många lösenordsåterställningar" in response.content.decode()
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_password_reset_link_comes_from_the_site_url_not_the_host_header(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://ludgrupper.ljungby.se"
    settings.ALLOWED_HOSTS = ["ludgrupper.ljungby.se", "evil.example.com"]
    make_person("Anna", "anna@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:password_reset"), {"email": "anna@example.se"}, HTTP_HOST="evil.example.com"
        )

    assert "https://ludgrupper.ljungby.se/konto/losenord/aterstall/" in mail.outbox[0].body
    assert "evil.example.com" not in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_link_is_not_kept_in_the_outbox_once_sent(client, django_capture_on_commit_callbacks):
    make_person("Anna", "anna@example.se")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "anna@example.se"})

    assert list(OutgoingMail.objects.values_list("template", "text", "html")) == [("password_reset", "", "")]
