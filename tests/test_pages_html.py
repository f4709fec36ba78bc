"""What every page sends must be valid HTML (the browser tests run the Nu HTML checker over
all of them); these catch the mistakes it found, through the test client and at their root."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from issues import services as issue_services
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.meetings.conftest import make_meeting, make_official

pytestmark = pytest.mark.django_db

# HTML's valid date string and global date and time string (a fraction of at most 3 digits).
VALID_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)?)?")


def _datetimes(html: str) -> list[str]:
    return re.findall(r'<time datetime="([^"]*)"', html)


def _duplicate_ids(html: str) -> list[str]:
    counts = Counter(re.findall(r'\sid="([^"]+)"', html))
    return sorted(name for name, count in counts.items() if count > 1)


@pytest.fixture
def curated_meeting(lagan, coordinator, member):
    """An open meeting with an item, a proposal and its history: every form of the manage page."""
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)
    meeting_services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=meeting.agenda_version, title="Bryggan"
    )
    meeting_services.proposal_submit(meeting=meeting, proposer=member, title="Belysning")
    return Meeting.objects.get(pk=meeting.pk)


def test_meeting_manage_page_writes_valid_datetimes(client, coordinator, curated_meeting):
    client.force_login(coordinator)

    html = client.get(reverse("meetings:manage", kwargs={"pk": curated_meeting.pk})).content.decode()

    assert [value for value in _datetimes(html) if not VALID_DATETIME.fullmatch(value)] == []
    assert len(_datetimes(html)) >= 3  # the meeting's start and end, its history


def test_issue_page_writes_valid_datetimes(client, lagan, coordinator, official):
    issue = issue_services.issue_create(
        group=lagan, title="Trasig parkbänk", by=coordinator, department=official.official.departments.first()
    )
    issue_services.issue_update_add(issue=issue, text="Bänken lagas.", by=official)
    issue_services.issue_update_add(issue=issue, text="Beställd.", by=coordinator)
    client.force_login(coordinator)

    html = client.get(reverse("issues:detail", kwargs={"pk": issue.pk})).content.decode()

    assert [value for value in _datetimes(html) if not VALID_DATETIME.fullmatch(value)] == []
    assert len(_datetimes(html)) >= 4  # raised, the two updates, the history


def test_meeting_manage_page_ids_are_unique(client, coordinator, curated_meeting):
    meeting_services.meeting_set_officials(
        meeting=curated_meeting, officials=[make_official()], by=coordinator
    )
    client.force_login(coordinator)

    html = client.get(reverse("meetings:manage", kwargs={"pk": curated_meeting.pk})).content.decode()

    assert _duplicate_ids(html) == []
    assert html.count('type="submit"') >= 3  # add an item, confirm officials, send for anchoring


def test_meeting_manage_page_in_anchoring_ids_are_unique(client, coordinator, curated_meeting):
    reviewer = make_official()
    meeting_services.meeting_set_officials(meeting=curated_meeting, officials=[reviewer], by=coordinator)
    meeting_services.meeting_send_for_review(meeting=curated_meeting, reviewers=[reviewer], by=coordinator)
    client.force_login(coordinator)

    html = client.get(reverse("meetings:manage", kwargs={"pk": curated_meeting.pk})).content.decode()

    assert _duplicate_ids(html) == []
    assert 'value="Publicera dagordningen"' in html


def test_issue_page_ids_are_unique(client, lagan, coordinator, official):
    issue = issue_services.issue_create(
        group=lagan, title="Trasig parkbänk", by=coordinator, department=official.official.departments.first()
    )
    for text in ["Bänken lagas.", "Beställd."]:
        issue_services.issue_update_add(issue=issue, text=text, by=official)
    client.force_login(coordinator)

    html = client.get(reverse("issues:detail", kwargs={"pk": issue.pk})).content.decode()

    assert _duplicate_ids(html) == []
    assert html.count('type="submit"') >= 6  # the update, the status, approve and return twice
