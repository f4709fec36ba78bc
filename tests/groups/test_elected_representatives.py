"""What an elected representative (förtroendevald) does: answers whether they come to the
meetings with elected representatives of the areas they follow, and nothing else."""

import pytest
from django.urls import reverse

from meetings.errors import MeetingError
from meetings.models import Meeting, Rsvp
from meetings.services import rsvp_answer
from tests.meetings.conftest import make_meeting


@pytest.fixture
def dialogue(lagan, coordinator):
    return make_meeting(
        lagan,
        status=Meeting.Status.OPEN,
        kind=Meeting.Kind.ELECTED_REPRESENTATIVES,
        by=coordinator,
        elected_representatives="Samhällsbyggnadsutskottet",
    )


def test_elected_representative_answers_a_meeting_of_an_area_they_follow(
    client, elected_representative, dialogue
):
    client.force_login(elected_representative)

    response = client.post(reverse("pages:rsvp", kwargs={"pk": dialogue.pk}), {"answer": "yes", "others": ""})

    assert response.status_code == 302
    assert Rsvp.objects.get(meeting=dialogue, person=elected_representative).answer == "yes"


def test_elected_representative_cannot_answer_a_group_meeting(lagan, coordinator, elected_representative):
    meeting = make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator)

    with pytest.raises(MeetingError, match="Bara gruppens medlemmar"):
        rsvp_answer(meeting=meeting, person=elected_representative, answer="yes")


def test_elected_representative_cannot_propose(client, elected_representative, dialogue):
    client.force_login(elected_representative)

    response = client.post(reverse("meetings:propose", kwargs={"pk": dialogue.pk}), {"title": "X"})

    assert response.status_code == 403
    assert not dialogue.proposals.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [("groups:overview", 200), ("issues:list", 403), ("meetings:year", 403), ("groups:invitations", 403)],
)
def test_elected_representative_reads_but_does_not_manage(client, elected_representative, name, status):
    client.force_login(elected_representative)

    assert client.get(reverse(name)).status_code == status


def test_elected_representative_reads_a_group_page_without_contact_details(
    client, elected_representative, lagan, member
):
    client.force_login(elected_representative)

    content = client.get(lagan.get_absolute_url()).content.decode()

    assert "Anna Åkesson" in content
    assert "anna@forening.se" not in content
