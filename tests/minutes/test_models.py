"""Which review and sign-off requests are current: defined once as a queryset method and a
property on one request, which must agree in every state the minutes can be in."""

import pytest

from meetings.models import Meeting
from minutes.models import MinutesReview, SignOff
from tests.meetings.conftest import make_meeting
from tests.minutes.conftest import IN_REVIEW, STATES, make_minutes, send, write

pytestmark = pytest.mark.django_db

SUPERSEDED = "superseded"  # in review in version 2, version 1's requests still on record
# state -> the version numbers whose requests are current
CURRENT = {
    "draft": [],
    "in_review": [1],
    "released": [],
    "correcting": [],
    "corrected": [],
    SUPERSEDED: [2],
}


@pytest.mark.parametrize("state", [*STATES, SUPERSEDED])
@pytest.mark.parametrize("model", [MinutesReview, SignOff], ids=["review", "sign-off"])
def test_current_requests_are_those_of_the_version_in_review(
    lagan, coordinator, official, member, state, model
):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(
        meeting,
        IN_REVIEW if state == SUPERSEDED else state,
        by=coordinator,
        reviewers=[official],
        signers=[member],
    )
    if state == SUPERSEDED:
        write(minutes, by=coordinator, texts={0: ("Omskrivet.", "")})
        send(minutes, by=coordinator, reviewers=[official], signers=[member])

    by_query = sorted(model.objects.current().values_list("version_number", flat=True))
    by_property = sorted(request.version_number for request in model.objects.all() if request.is_current)

    assert by_query == by_property == CURRENT[state]
