"""A session lasts a working day from the last request, but is written again only once its
last write is SESSION_REFRESH_SECONDS old: writing it on every request cost each logged-in page
a transaction of its own (savepoint, update, release)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.middleware import SessionRefreshMiddleware
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db

PAGE = reverse("pages:my_groups")


def _session_writes(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    writes = [query["sql"] for query in queries if query["sql"].startswith('UPDATE "django_session"')]
    return response, writes


def test_the_pages_after_logging_in_leave_the_session_alone(client, member, settings):
    client.force_login(member)  # logging in writes the session, stamped

    response, writes = _session_writes(client)
    _, writes_again = _session_writes(client)

    assert writes == writes_again == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_request_once_the_last_write_is_old_pushes_the_end_of_the_session_forward(client, member, settings):
    client.force_login(member)
    session = client.session
    session[SessionRefreshMiddleware.STAMP] -= settings.SESSION_REFRESH_SECONDS + 1
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timedelta(hours=1)
    )

    response, writes = _session_writes(client)

    assert len(writes) == 1
    expires = Session.objects.get(session_key=session.session_key).expire_date
    assert abs(expires - (timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))) < timedelta(
        minutes=1
    )
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_an_anonymous_visitor_gets_no_session(client):
    response = client.get(reverse("pages:home"))

    assert response.status_code == 200
    assert client.cookies.get("sessionid") is None
    assert not Session.objects.exists()


def test_logging_out_is_not_undone_by_the_refresh(client, member, settings):
    client.force_login(member)
    session = client.session
    session[SessionRefreshMiddleware.STAMP] = 0  # due for a refresh
    session.save()

    response = client.post(reverse("accounts:logout"))

    assert not Session.objects.exists()
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # the cookie is deleted
    assert client.get(PAGE).status_code == 302


def test_a_response_that_caches_may_keep_carries_no_session_cookie(
    client, member, settings, lagan, coordinator
):
    minutes = make_minutes(make_held_meeting(lagan, by=coordinator, item_count=1), RELEASED, by=coordinator)
    client.force_login(member)
    session = client.session
    session[SessionRefreshMiddleware.STAMP] = 0
    session.save()

    response = client.get(reverse("minutes:pdf_version", kwargs={"pk": minutes.meeting_id, "number": 1}))

    assert "public" in response["Cache-Control"]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.session[SessionRefreshMiddleware.STAMP] == 0


def test_a_deactivated_persons_session_is_not_kept_alive(client, member, settings):
    client.force_login(member)
    session = client.session
    session[SessionRefreshMiddleware.STAMP] = 0
    session.save()
    member.is_active = False
    member.save(update_fields=["is_active"])

    response = client.get(reverse("pages:home"))

    assert settings.SESSION_COOKIE_NAME not in response.cookies
