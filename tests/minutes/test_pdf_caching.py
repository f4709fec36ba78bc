"""The stored PDF is served like a static file: a versioned address never changes, so it is
cached for a year and a repeat request is answered with 304 without reading the PDF."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minutes.models import Minutes, MinutesRelease
from tests.minutes.conftest import RELEASED, approve_all, make_held_meeting, make_minutes, release, send


def _released(lagan, coordinator, official):
    minutes = make_minutes(
        make_held_meeting(lagan, by=coordinator, item_count=1), RELEASED, by=coordinator, reviewers=[official]
    )
    return minutes.meeting, MinutesRelease.objects.get(minutes=minutes)


def test_a_versioned_pdf_is_immutable_and_tagged_with_its_hash(client, lagan, coordinator, official):
    meeting, release = _released(lagan, coordinator, official)

    response = client.get(reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1}))

    assert response.status_code == 200
    assert response.content == bytes(release.pdf)
    assert response["ETag"] == f'"{release.sha256}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_repeat_request_gets_304_without_the_pdf_being_read(client, lagan, coordinator, official):
    meeting, release = _released(lagan, coordinator, official)
    url = reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"If-None-Match": f'"{release.sha256}"'})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == f'"{release.sha256}"'
    assert len(queries) == 1
    assert '"pdf"' not in queries[0]["sql"]


def test_a_stale_tag_gets_the_pdf(client, lagan, coordinator, official):
    meeting, release = _released(lagan, coordinator, official)

    response = client.get(
        reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1}),
        headers={"If-None-Match": '"0000"'},
    )

    assert (response.status_code, response.content) == (200, bytes(release.pdf))


def test_the_latest_pdf_is_revalidated_not_kept(client, lagan, coordinator, official):
    """The address of the latest version shows a correction when there is one: caches ask again."""
    meeting, release = _released(lagan, coordinator, official)
    url = reverse("minutes:pdf", kwargs={"pk": meeting.pk})

    first = client.get(url)
    repeat = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert (first.status_code, first["ETag"], first["Cache-Control"]) == (
        200,
        f'"{release.sha256}"',
        "public, no-cache",
    )
    assert repeat.status_code == 304


def test_a_logged_in_reader_gets_the_same_public_caching(client, lagan, coordinator, official):
    meeting, _release = _released(lagan, coordinator, official)
    client.force_login(coordinator)

    response = client.get(reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1}))

    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_worker_serves_a_version_it_sent_before_from_memory(client, lagan, coordinator, official):
    meeting, release = _released(lagan, coordinator, official)
    url = reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 1})
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert (again.status_code, again.content, len(queries)) == (200, bytes(release.pdf), 0)


def test_a_version_asked_for_before_it_is_released_is_found_once_it_is(client, lagan, coordinator, official):
    meeting, _release = _released(lagan, coordinator, official)
    url = reverse("minutes:pdf_version", kwargs={"pk": meeting.pk, "number": 2})
    before = client.get(url)
    client.force_login(coordinator)
    client.post(
        reverse("minutes:correction", kwargs={"pk": meeting.pk}), {"reason": "Fel datum för bryggan."}
    )
    minutes = Minutes.objects.get(meeting=meeting)
    send(minutes, by=coordinator, reviewers=[official])
    approve_all(minutes)
    corrected = release(minutes, by=coordinator)

    after = client.get(url)
    latest = client.get(reverse("minutes:pdf", kwargs={"pk": meeting.pk}))

    assert before.status_code == 404
    assert (after.status_code, after.content) == (200, bytes(corrected.pdf))
    assert latest["ETag"] == f'"{corrected.sha256}"'


@pytest.mark.parametrize("items", [1, 30])
def test_the_stored_pdf_is_read_in_the_same_queries_whatever_the_minutes_hold_then_kept(
    client, lagan, coordinator, official, items
):
    minutes = make_minutes(
        make_held_meeting(lagan, by=coordinator, item_count=items),
        RELEASED,
        by=coordinator,
        reviewers=[official],
    )
    url = reverse("minutes:pdf_version", kwargs={"pk": minutes.meeting_id, "number": 1})

    with CaptureQueriesContext(connection) as first:
        response = client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)

    # the release with its bytes; served again by the same worker: nothing
    assert response.status_code == 200
    assert (len(first), len(again)) == (1, 0)
