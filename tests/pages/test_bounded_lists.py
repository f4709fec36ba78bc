"""Lists of every group are paged and searchable: the start page, the group overview, the year
overview and the suggestion boxes' moderation stay the same size, and the same number of
queries, with 6 groups or 600."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups import views as group_views
from groups.models import Area, Group
from meetings.views import planning
from pages import views as page_views
from participation import views as participation_views

PAGES = [
    # name, who, the module constant that sets the page size
    ("pages:home", None, (page_views, "AREAS_PER_PAGE")),
    ("groups:overview", "coordinator", (group_views, "GROUPS_PER_PAGE")),
    ("meetings:year", "coordinator", (planning, "GROUPS_PER_PAGE")),
    ("participation:moderation_overview", "coordinator", (participation_views, "AREAS_PER_PAGE")),
]


def _add_groups(count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        area = Area.objects.create(name=f"Abyn {number:03d}", slug=f"abyn-{number:03d}")
        Group.objects.create(area=area, name=f"Gruppen i Abyn {number:03d}")


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.fixture(params=PAGES, ids=[name for name, _who, _size in PAGES])
def page(request, client, monkeypatch, coordinator):
    name, who, (module, constant) = request.param
    monkeypatch.setattr(module, constant, 4)
    if who == "coordinator":
        client.force_login(coordinator)
    return reverse(name)


def test_a_page_shows_a_bounded_number_of_groups_and_the_total(client, page):
    _add_groups(10)

    first, _queries = _get(client, page)
    last, _queries = _get(client, page + "?sida=4")

    html = first.content.decode()
    assert set(re.findall(r"abyn-(\d{3})", html)) == {"000", "001", "002", "003"}
    assert "16 " in html  # the 6 groups of Ljungby and the 10 added, in all
    assert "Sida 1 av 4" in html
    assert "sida=2" in html
    assert ["Ryssby" in html, "Ryssby" in last.content.decode()] == [False, True]


def test_the_query_count_does_not_grow_with_the_groups(client, page):
    _add_groups(2)
    _response, few = _get(client, page)

    _add_groups(40, start=2)
    _response, many = _get(client, page)

    assert few == many


def test_a_search_finds_a_group_by_its_area(client, page):
    _add_groups(10)

    response, _queries = _get(client, page + "?q=abyn+007")

    html = response.content.decode()
    assert set(re.findall(r"abyn-(\d{3})", html)) == {"007"}


def test_a_search_without_a_match_says_so(client, page):
    _add_groups(10)

    response, _queries = _get(client, page + "?q=Atlantis")

    assert "matchar sökningen." in response.content.decode()


def test_the_year_overview_keeps_its_search_when_changing_year(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("meetings:year") + "?ar=2026&q=Lagan")

    assert "?ar=2027&amp;q=Lagan" in response.content.decode()
