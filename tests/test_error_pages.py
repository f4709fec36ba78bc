"""The error pages as a visitor meets them in production (DEBUG off): Swedish, in the site's
layout (the header with the municipality's name, a way back), with the right status, and
nothing saved by the request that failed."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import path, reverse

from ludgrupper import urls as site_urls
from meetings.models import Meeting
from tests.conftest import PASSWORD
from tests.meetings.conftest import make_meeting

# This module is also the URLconf of its tests: the site's pages and one that fails.


def _failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fel/", _failing_view), *site_urls.urlpatterns]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

HEADER = '<header class="lg-header">'
START_PAGE_LINK = '<a href="/">Gå till startsidan</a>'


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every table (many-to-many ones too) but the sessions: to show that a
    request saved nothing."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label != "sessions.Session"
    }


def _assert_in_layout(html):
    assert HEADER in html
    assert "Ljungby kommun" in html
    assert '<html lang="sv">' in html


@pytest.mark.django_db
def test_bad_request_page_is_swedish_in_the_layout(client):
    response = client.get("/", headers={"host": "inte-var.example.org"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Sidan kunde inte visas</h1>" in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
def test_permission_denied_page_is_swedish_in_the_layout(client, member):
    client.force_login(member)

    response = client.get(reverse("groups:overview"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Du har inte behörighet till den här sidan</h1>" in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
def test_not_found_page_is_swedish_in_the_layout(client):
    response = client.get("/sidan-finns-inte/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Sidan kunde inte hittas</h1>" in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
def test_action_opened_as_a_page_gets_a_swedish_405_in_the_layout(client, member):
    client.force_login(member)

    response = client.get(reverse("accounts:logout"))

    html = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"
    assert "<h1>Sidan kunde inte visas</h1>" in html
    assert "Öppnad direkt gör den ingenting. Inget har sparats." in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
def test_server_error_page_is_swedish_in_the_layout(db):
    client = Client(raise_request_exception=False)

    response = client.get("/fel/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
def test_server_error_page_is_drawn_when_the_database_fails_too(member, django_db_blocker):
    client = Client(raise_request_exception=False)
    client.force_login(member)

    # The page's layout reads the logged-in person from the database, which now refuses.
    with django_db_blocker.block():
        response = client.get("/fel/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)


@pytest.mark.django_db
@pytest.mark.parametrize("csrf_checked", [False, True], ids=["read-by-the-view", "read-by-the-csrf-check"])
def test_too_large_post_gets_a_swedish_413_and_saves_nothing(lagan, member, coordinator, csrf_checked):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    client = Client(enforce_csrf_checks=csrf_checked)
    client.force_login(member)
    form_path = reverse("meetings:propose", kwargs={"pk": meeting.pk})
    client.get(form_path)
    before = database_rows()

    response = client.post(
        form_path,
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value if csrf_checked else "",
            "title": "Ett långt förslag",
            "description": "x" * (2_621_440 + 1),
        },
    )

    html = response.content.decode()
    assert response.status_code == 413
    assert "<h1>Det du skickade var för stort</h1>" in html
    assert "Inget har sparats." in html
    _assert_in_layout(html)
    assert database_rows() == before


@pytest.mark.django_db
def test_csrf_failure_gets_our_swedish_page_and_saves_nothing(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    form_path = reverse("meetings:propose", kwargs={"pk": meeting.pk})
    before = database_rows()

    response = client.post(
        form_path,
        {"csrfmiddlewaretoken": "en-gammal-nyckel", "title": "Belysning", "description": "Vid badplatsen."},
        headers={"referer": f"http://testserver{form_path}"},
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formuläret kunde inte skickas</h1>" in html
    assert "Inget har sparats." in html
    assert f'<a href="{form_path}">Tillbaka till formuläret</a>' in html
    _assert_in_layout(html)
    assert database_rows() == before


@pytest.mark.django_db
def test_csrf_failure_at_login_gets_our_page_without_a_foreign_way_back(member):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("accounts:login"),
        {"username": member.email, "password": PASSWORD},
        headers={"referer": "https://annan-webbplats.example.org/"},
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formuläret kunde inte skickas</h1>" in html
    assert "annan-webbplats" not in html
    assert START_PAGE_LINK in html
    _assert_in_layout(html)
