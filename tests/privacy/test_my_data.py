import io
import json
import time
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import personal_data as registry
from meetings.models import Meeting, Rsvp
from privacy import services
from privacy.models import AuditAction, AuditEntry
from tests.conftest import make_member, make_person
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def _open(response) -> tuple[dict, str]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == ["data.html", "data.json"]
    return json.loads(archive.read("data.json")), archive.read("data.html").decode()


def _parts(data) -> dict:
    return {part["key"]: part["rows"] for part in data["parts"]}


def test_a_member_downloads_every_kind_of_their_data(client, lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator, title="Vårmöte")
    Rsvp.objects.create(meeting=meeting, person=member, answer=Rsvp.Answer.YES, others="Kalle Ek")
    client.force_login(member)

    response = client.get(reverse("privacy:my_data_download"))

    assert response["Content-Type"] == "application/zip"
    assert "mina-uppgifter.zip" in response["Content-Disposition"]
    data, html = _open(response)
    parts = _parts(data)
    assert set(parts) == {export.key for export in registry.exports()}
    assert parts["accounts.profile"][0]["email"] == "anna@forening.se"
    assert parts["accounts.profile"][0]["phone"] == "070-111 22 33"
    assert parts["groups.memberships"][0]["group__name"] == lagan.name
    assert parts["meetings.rsvps"][0]["meeting__title"] == "Vårmöte"
    assert parts["meetings.rsvps"][0]["others"] == "Kalle Ek"
    assert "Vårmöte" in html and "Anna Åkesson" in html
    assert AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED, subject=member).count() == 1


def test_nobody_elses_data_is_in_the_zip(client, lagan, member, other_member):
    client.force_login(member)
    data, html = _open(client.get(reverse("privacy:my_data_download")))
    assert "rolf@ryssby.se" not in json.dumps(data) and "rolf@ryssby.se" not in html


def test_a_script_in_a_name_stays_text_in_the_html(client, lagan):
    person = make_member(lagan, make_person("<script>alert(1)</script> Eva", "eva@x.se")).person
    client.force_login(person)
    data, html = _open(client.get(reverse("privacy:my_data_download")))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Eva" in html
    assert _parts(data)["accounts.profile"][0]["full_name"] == "<script>alert(1)</script> Eva"


def test_the_download_needs_a_login(client):
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def _rsvps(person, group, count, by):
    meeting = make_meeting(group, status=Meeting.Status.OPEN, by=by)
    meetings = [
        Meeting(
            group=group,
            title=f"Möte {number}",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            proposal_deadline=meeting.proposal_deadline,
            status=Meeting.Status.OPEN,
        )
        for number in range(count)
    ]
    Meeting.objects.bulk_create(meetings, batch_size=500)
    Rsvp.objects.bulk_create(
        [
            Rsvp(meeting=meeting, person=person, answer=Rsvp.Answer.YES, answered_at=timezone.now())
            for meeting in meetings
        ],
        batch_size=500,
    )


def test_the_queries_do_not_grow_with_the_data(lagan, member, coordinator):
    _rsvps(member, lagan, 5, coordinator)
    with CaptureQueriesContext(connection) as few:
        services.my_data_zip(member).close()
    _rsvps(member, lagan, 4000, coordinator)
    with CaptureQueriesContext(connection) as many:
        services.my_data_zip(member).close()
    # One query a part, and one more for each 2,000 rows read in chunks.
    assert len(many) - len(few) <= 2


def test_ten_thousand_answers_download_in_under_five_seconds(client, lagan, member, coordinator):
    _rsvps(member, lagan, 10_000, coordinator)
    client.force_login(member)
    started = time.monotonic()
    data, html = _open(client.get(reverse("privacy:my_data_download")))
    assert time.monotonic() - started < 5
    assert len(_parts(data)["meetings.rsvps"]) == 10_000
    assert html.count("<tr>") >= 10_000
