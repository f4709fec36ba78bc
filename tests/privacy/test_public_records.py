import hashlib
import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import services as meeting_services
from meetings.models import Meeting
from minutes.models import MinutesRelease
from privacy import records
from privacy.errors import PrivacyError
from privacy.models import AuditAction, AuditEntry
from tests.conftest import make_member, make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import CORRECTED, make_held_meeting, make_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_meeting(lagan, coordinator):
    """A held meeting with a proposal, anchored, published, and minutes released and corrected."""
    signer = make_member(lagan, make_person("Sara Justerare", "sara@forening.se", phone="070-123")).person
    meeting = make_held_meeting(lagan, by=coordinator, item_count=1, title="Höstmöte")
    minutes = make_minutes(meeting, CORRECTED, by=coordinator, signers=[signer])
    return minutes.meeting


def _zip(content) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_the_file_holds_every_document_and_the_pdfs_hashes(file_meeting, coordinator):
    archive = _zip(records.public_records_zip(meeting=file_meeting, by=coordinator))
    names = set(archive.namelist())

    assert "innehallsforteckning.pdf" in names and "SHA256SUMS.txt" in names
    assert any(name.startswith("dagordning/01-skickad-for-forankring-") for name in names)
    assert any(name.startswith("dagordning/publicerad-") for name in names)
    assert {"forslag.txt", "forankring.txt", "minnesanteckningar/granskning.txt"} <= names
    assert {"minnesanteckningar/version-1.json", "minnesanteckningar/version-2.json"} <= names
    releases = MinutesRelease.objects.filter(minutes__meeting=file_meeting).select_related("version")
    assert releases.count() == 2
    sums = dict(reversed(line.split("  ")) for line in archive.read("SHA256SUMS.txt").decode().splitlines())
    for release in releases:
        name = f"minnesanteckningar/publicerad-version-{release.version.number}.pdf"
        assert archive.read(name) == bytes(release.pdf)
        assert hashlib.sha256(archive.read(name)).hexdigest() == release.sha256 == sums[name]
    for name, digest in sums.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    contents = PdfReader(io.BytesIO(archive.read("innehallsforteckning.pdf")))
    xmp = contents.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="2"' in xmp or b"<pdfaid:part>2</pdfaid:part>" in xmp
    listed = "\n".join(page.extract_text() for page in contents.pages)
    assert "Publicerade minnesanteckningar, version 2" in " ".join(listed.split())
    assert releases.get(version__number=2).sha256 in "".join(listed.split())
    agenda = archive.read(next(name for name in names if name.startswith("dagordning/publicerad-"))).decode()
    assert "Punkt 1" in agenda
    reviews = archive.read("minnesanteckningar/granskning.txt").decode()
    assert "Sara Justerare" in reviews
    assert AuditEntry.objects.filter(action=AuditAction.RECORDS_EXPORTED, actor=coordinator).exists()


def test_contact_details_only_when_asked_for(file_meeting, coordinator):
    without = _zip(records.public_records_zip(meeting=file_meeting, by=coordinator))
    text = b"".join(without.read(name) for name in without.namelist() if not name.endswith(".pdf"))
    assert b"sara@forening.se" not in text and b"070-123" not in text
    assert "kontaktuppgifter.txt" not in without.namelist()

    with_contacts = _zip(
        records.public_records_zip(meeting=file_meeting, by=coordinator, include_contact_details=True)
    )
    assert b"sara@forening.se" in with_contacts.read("minnesanteckningar/granskning.txt")


def test_a_draft_meeting_is_refused_with_a_clear_message(client, lagan, coordinator):
    draft = make_meeting(lagan, by=coordinator)
    with pytest.raises(PrivacyError, match="utkast"):
        records.public_records_zip(meeting=draft, by=coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("privacy:public_records", args=[draft.pk]), {})
    assert response.status_code == 200 and "utkast" in response.content.decode()


def test_the_coordinator_downloads_the_zip(client, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    meeting_services.proposal_submit(
        meeting=meeting, proposer=make_member(lagan).person, title="Belysning", description="Vid skolan"
    )
    client.force_login(coordinator)
    url = reverse("privacy:public_records", args=[meeting.pk])
    assert "sekretessprövning" in client.get(url).content.decode()

    response = client.post(url, {})

    assert response["Content-Type"] == "application/zip"
    assert "Belysning" in _zip(response.content).read("forslag.txt").decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "official", "outsider"])
def test_only_the_coordinator_exports_public_records(client, role, request, lagan, coordinator):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    user = request.getfixturevalue(role)
    if user.is_authenticated:
        client.force_login(user)
    assert client.post(reverse("privacy:public_records", args=[meeting.pk]), {}).status_code in {302, 403}
    assert not AuditEntry.objects.filter(action=AuditAction.RECORDS_EXPORTED).exists()
