"""Which review and sign-off requests are current: defined once as a queryset method and a
property on one request, which must agree in every state the minutes can be in; and who of
those asked has not approved yet."""

import pytest

from meetings.models import Meeting
from minutes import services
from minutes.models import Minutes, MinutesReview, SignOff
from tests.meetings.conftest import make_meeting, make_official
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


# Who has not approved: one definition (Minutes.missing_approvals), for the editor and the release.
MISSING = {
    "draft": [],
    "in_review": ["Olle Tjänsteperson", "Kollega Kommun", "Anna Åkesson"],
    "official approved": ["Kollega Kommun", "Anna Åkesson"],
    "all but the signer approved": ["Anna Åkesson"],
    "all approved": [],
    "released": [],
    "correcting": [],
    SUPERSEDED: ["Olle Tjänsteperson", "Kollega Kommun", "Anna Åkesson"],
}


@pytest.mark.parametrize("state", MISSING)
def test_missing_approvals_are_those_asked_about_the_version_in_review(
    lagan, coordinator, official, member, state
):
    colleague = make_official("Kollega Kommun", "kollega@kommun.se")
    meeting = make_meeting(lagan, status=Meeting.Status.HELD, by=coordinator)
    minutes = make_minutes(
        meeting,
        state if state in {"draft", "released", "correcting"} else IN_REVIEW,
        by=coordinator,
        reviewers=[official, colleague],
        signers=[member],
    )
    answered = {
        "official approved": [official],
        "all but the signer approved": [official, colleague],
        "all approved": [official, colleague, member],
        SUPERSEDED: [official, colleague, member],
    }.get(state, [])
    for review in minutes.reviews.filter(reviewer__in=answered):
        services.minutes_review_decide(review=review, reviewer=review.reviewer, approve=True)
    for sign_off in minutes.sign_offs.filter(person__in=answered):
        services.sign_off_decide(sign_off=sign_off, person=member, confirm=True)
    if state == SUPERSEDED:
        write(minutes, by=coordinator, texts={0: ("Omskrivet.", "")})
        send(minutes, by=coordinator, reviewers=[official, colleague], signers=[member])

    assert Minutes.objects.get(pk=minutes.pk).missing_approvals == MISSING[state]
