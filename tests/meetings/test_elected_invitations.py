"""A meeting with elected representatives invites those following its area: they get its
mails (the agenda, a change, a cancellation, the reminder) as the members do; other meetings,
other areas and representatives whose term has ended get nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from meetings import services
from meetings.models import Meeting
from meetings.reminders import send_due_reminders
from tests.conftest import make_elected_representative
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db

Status = Meeting.Status
ELECTED = Meeting.Kind.ELECTED_REPRESENTATIVES


def _recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def politicians(lagan, ryssby):
    """Per follows Lagan; Rut follows Ryssby; Lars followed Lagan but his term has ended."""
    make_elected_representative("Per Politiker", "per@politik.se", areas=("lagan",))
    make_elected_representative("Rut Riksdag", "rut@politik.se", areas=("ryssby",))
    lars = make_elected_representative("Lars Lämnat", "lars@politik.se", areas=("lagan",))
    lars.elected_representative.active = False
    lars.elected_representative.save()


def _elected_meeting(group, status):
    return make_meeting(
        group,
        status=status,
        kind=ELECTED,
        venue_name="",
        elected_representatives="Kommunstyrelsens presidium",
    )


def test_publishing_a_meeting_with_elected_representatives_invites_those_following_the_area(
    lagan, member, coordinator, politicians, committed, mailoutbox
):
    meeting = _elected_meeting(lagan, Status.IN_REVIEW)

    committed(services.meeting_publish, meeting=meeting, by=coordinator, confirm_without_all_approvals=True)

    assert _recipients(mailoutbox) == sorted([member.email, "per@politik.se"])
    assert [attachment.filename for attachment in mailoutbox[0].attachments] == ["mote.ics"]


def test_a_group_meeting_does_not_invite_the_elected_representatives(
    lagan, member, coordinator, politicians, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW)

    committed(services.meeting_publish, meeting=meeting, by=coordinator, confirm_without_all_approvals=True)

    assert _recipients(mailoutbox) == [member.email]


def test_a_change_and_a_cancellation_reach_the_invited_elected_representatives(
    lagan, member, coordinator, politicians, committed, mailoutbox
):
    meeting = _elected_meeting(lagan, Status.PUBLISHED)

    committed(
        services.meeting_update,
        meeting=meeting,
        by=coordinator,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    committed(services.meeting_cancel, meeting=meeting, reason="Lokalen är upptagen.", by=coordinator)

    invited = sorted([member.email, "per@politik.se"])
    # One message to each address.
    assert sorted((message.subject.split(":")[0], *message.to) for message in mailoutbox) == sorted(
        (subject, address) for subject in ("Ny tid eller plats", "Inställt") for address in invited
    )


def test_the_reminder_before_the_meeting_reaches_the_invited_elected_representatives(
    lagan, member, politicians, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = _elected_meeting(lagan, Status.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        queued = send_due_reminders(now=meeting.starts_at - timedelta(days=1)).queued

    assert queued == 2
    assert _recipients(mailoutbox) == sorted([member.email, "per@politik.se"])


def test_an_elected_representative_whose_account_is_closed_gets_nothing(
    lagan, member, coordinator, politicians, committed, mailoutbox
):
    get_user_model().objects.filter(email="per@politik.se").update(is_active=False)
    meeting = _elected_meeting(lagan, Status.IN_REVIEW)

    committed(services.meeting_publish, meeting=meeting, by=coordinator, confirm_without_all_approvals=True)

    assert _recipients(mailoutbox) == [member.email]
