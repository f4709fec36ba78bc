"""The Atom feeds, read back with feedparser as a feed reader would: what is published, never
what is not, sanitised, bounded, and the same number of queries whatever the history."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from issues import services as issue_services
from pages.feeds import FEED_ITEMS
from tests.issues.test_services import make_issue
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def published(lagan, coordinator, official):
    """A Lagan meeting with its agenda published and minutes released, a public issue with a
    published update (with a script in it) and one waiting for approval."""
    meeting = make_held_meeting(lagan, by=coordinator, title="Vårmöte")
    issue = make_issue(lagan, by=coordinator, meeting=meeting, title="Trasig parkbänk")
    make_minutes(meeting, RELEASED, by=coordinator)
    issue_services.issue_update_add(
        issue=issue, text="Bänken byts i **maj**. <script>alert(1)</script>", by=coordinator
    )
    issue_services.issue_update_add(issue=issue, text="Internt utkast.", by=official)
    return meeting


def test_area_feed_has_agendas_minutes_and_published_updates(client, published):
    feed = _feed(client, reverse("pages:area_feed", kwargs={"slug": "lagan"}))

    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Uppdatering: Trasig parkbänk (Lagan)",
        "Minnesanteckningar: Vårmöte (Lagan)",
        "Dagordning: Vårmöte (Lagan)",
    ]
    update = feed.entries[0]
    assert "<strong>maj</strong>" in update.summary
    assert "<script>" not in update.summary and "Internt utkast." not in str(feed)
    assert update.link.endswith(
        reverse("issues:detail", kwargs={"pk": published.issues.get().pk})
        + update.link[update.link.index("#") :]
    )
    assert all(entry.id and entry.updated for entry in feed.entries)


def test_municipality_feed_has_every_area(client, published, ryssby, coordinator):
    make_held_meeting(ryssby, by=coordinator, title="Ryssbymöte")

    titles = [entry.title for entry in _feed(client, reverse("pages:feed")).entries]

    assert "Dagordning: Ryssbymöte (Ryssby)" in titles
    assert "Dagordning: Vårmöte (Lagan)" in titles


def test_feed_of_an_area_with_nothing_published_is_empty_but_valid(client, published):
    feed = _feed(client, reverse("pages:area_feed", kwargs={"slug": "ryssby"}))

    assert feed.entries == []
    assert feed.feed.title.startswith("Ryssby")


def test_feed_of_an_unknown_area_is_not_found(client):
    assert client.get(reverse("pages:area_feed", kwargs={"slug": "atlantis"})).status_code == 404


def test_pages_link_their_feeds(client):
    home = client.get(reverse("pages:home")).text
    area = client.get(reverse("pages:area", kwargs={"slug": "lagan"})).text

    assert f'<link rel="alternate" type="application/atom+xml" href="{reverse("pages:feed")}"' in home
    assert (
        f'type="application/atom+xml" href="{reverse("pages:area_feed", kwargs={"slug": "lagan"})}"' in area
    )


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    # the area (for its feed), the agendas, the releases, the updates
    [("pages:feed", {}, 3), ("pages:area_feed", {"slug": "lagan"}, 4)],
)
def test_feed_is_bounded_and_its_queries_do_not_grow(client, lagan, coordinator, name, kwargs, queries):
    meeting = make_held_meeting(lagan, by=coordinator)
    issue = make_issue(lagan, by=coordinator, meeting=meeting)
    issue_services.issues_make_public(meeting=meeting)
    url = reverse(name, kwargs=kwargs)
    issue_services.issue_update_add(issue=issue, text="Ett.", by=coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for number in range(FEED_ITEMS + 5):
        issue_services.issue_update_add(issue=issue, text=f"Svar {number}.", by=coordinator)
    with CaptureQueriesContext(connection) as many:
        feed = _feed(client, url)

    assert len(few) == len(many) == queries
    assert len(feed.entries) == FEED_ITEMS


@pytest.mark.parametrize("name, kwargs", [("pages:feed", {}), ("pages:area_feed", {"slug": "lagan"})])
def test_feed_does_not_read_the_pdfs_of_the_minutes_it_lists(client, published, name, kwargs):
    with CaptureQueriesContext(connection) as queries:
        feed = _feed(client, reverse(name, kwargs=kwargs))

    assert any("minutes-" in entry.id for entry in feed.entries)
    assert not [query["sql"] for query in queries.captured_queries if '"pdf"' in query["sql"]]
