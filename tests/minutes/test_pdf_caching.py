"""The stored PDF is served like a static file: a versioned address never changes, so it is
cached for a year and a repeat request is answered with 304 without reading the PDF."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minutes.models import MinutesRelease
from tests.minutes.conftest import RELEASED, make_held_meeting, make_minutes


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
