"""Verdicts are given by the official or representative themselves: the admin shows them and
never changes them, so a release can only record approvals that were really given."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from minutes.models import MinutesReview, SignOff
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import IN_REVIEW, make_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(lagan, coordinator, official, member):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    return make_minutes(meeting, IN_REVIEW, by=coordinator, reviewers=[official], signers=[member])


@pytest.fixture(params=["coordinator", "superuser"])
def admin_user(request, coordinator):
    if request.param == "superuser":
        return make_person("It Ansvarig", "it@kommun.se", is_staff=True, is_superuser=True)
    coordinator.is_staff = True
    coordinator.save()
    return coordinator


@pytest.mark.parametrize(
    ("model", "verdict"), [(MinutesReview, "approved"), (SignOff, "confirmed")], ids=["review", "sign-off"]
)
def test_a_pending_verdict_cannot_be_set_in_the_admin(client, admin_user, in_review, model, verdict):
    record = model.objects.get()
    client.force_login(admin_user)
    url = reverse(f"admin:minutes_{model._meta.model_name}_change", args=[record.pk])

    page = client.get(url)
    client.post(url, {"verdict": verdict, "comment": ""})

    record.refresh_from_db()
    assert page.status_code == 200
    assert 'name="verdict"' not in page.content.decode()
    assert record.verdict == "pending"
