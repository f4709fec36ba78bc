"""The mail a coordinator gets when a member proposes an agenda item."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.roles import Role, grant_role
from meetings import services
from meetings.models import Meeting
from tests.conftest import make_person
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def _sv(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def open_meeting(lagan, coordinator):
    return make_meeting(lagan, status=Meeting.Status.OPEN, by=coordinator, title="Lagans vårmöte")


def _propose(committed, meeting, member):
    return committed(
        services.proposal_submit,
        meeting=meeting,
        proposer=member,
        title="Parkbänkar vid ån",
        description="Bänkarna är trasiga.",
        hoped_outcome="Nya bänkar till sommaren.",
    )


def test_proposal_submit_mails_the_coordinators_in_swedish(
    committed, mailoutbox, open_meeting, member, coordinator
):
    colleague = make_person("Cecilia Samordnare", "cecilia@kommun.se")
    grant_role(colleague, Role.COORDINATOR)

    proposal = _propose(committed, open_meeting, member)

    manage_url = settings.SITE_URL + reverse("meetings:manage", kwargs={"pk": open_meeting.pk})
    settings_url = settings.SITE_URL + reverse("accounts:settings")
    organisation = member.memberships.get().organisation.name
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [coordinator.email, colleague.email]
    )
    message = mailoutbox[0]
    assert message.subject == f"Nytt förslag till dagordningen: {proposal.title} (Lagans vårmöte)"
    assert message.body.splitlines()[:12] == [
        "Hej!",
        "",
        f"{member.full_name} ({organisation}) har föreslagit en punkt till mötet Lagans vårmöte"
        f" med {open_meeting.group.name}.",
        "",
        "Parkbänkar vid ån",
        "Bänkarna är trasiga.",
        "Hoppas på: Nya bänkar till sommaren.",
        "",
        "Godta, slå ihop eller avslå förslaget här:",
        manage_url,
        "",
        "Du får det här meddelandet som samordnare. Du kan stänga av det under Inställningar:",
    ]
    assert message.body.splitlines()[12] == settings_url
    html = message.alternatives[0].content
    assert f'href="{manage_url}"' in html
    assert f'href="{settings_url}"' in html


def test_proposal_submit_does_not_mail_a_coordinator_who_turned_it_off(
    committed, mailoutbox, open_meeting, member, coordinator
):
    coordinator.notify_new_proposals = False
    coordinator.save()
    colleague = make_person("Cecilia Samordnare", "cecilia@kommun.se")
    grant_role(colleague, Role.COORDINATOR)

    _propose(committed, open_meeting, member)

    assert [message.to for message in mailoutbox] == [[colleague.email]]


def test_proposal_mail_escapes_what_the_member_typed(
    committed, mailoutbox, open_meeting, member, coordinator
):
    committed(
        services.proposal_submit,
        meeting=open_meeting,
        proposer=member,
        title="<script>alert(1)</script>",
        description="<img src=x onerror=alert(1)>",
    )

    html = mailoutbox[0].alternatives[0].content
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
