import re
import uuid
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role, grant_role
from core.timezones import local_datetime
from groups import services as group_services
from meetings import services
from meetings.errors import AgendaConflict, MeetingError
from meetings.models import AgendaReview, Attendance, Meeting, MeetingAction, Proposal, Rsvp, StandingItem
from meetings.selectors import suggested_officials, year_overview
from officials.models import Committee, Department
from tests.conftest import make_member, make_person
from tests.meetings.conftest import make_meeting, make_official, pending_review

pytestmark = pytest.mark.django_db

Status = Meeting.Status
Action = MeetingAction
OPENING = ["Mötet öppnas", "Uppföljning av gruppens öppna sakfrågor"]
CLOSING = ["Nästa möte", "Mötet avslutas"]


def refused_with(message: str, error=MeetingError):
    """The service refuses with exactly this message, as a Swedish user reads it."""
    return pytest.raises(error, match=f"^{re.escape(message)}$")


def _titles(meeting) -> list[str]:
    return list(meeting.items.order_by("position", "id").values_list("title", flat=True))


def _positions(meeting) -> list[tuple[str, int]]:
    return list(meeting.items.order_by("position", "id").values_list("title", "position"))


def _version(meeting) -> int:
    return Meeting.objects.get(pk=meeting.pk).agenda_version


def _status(meeting) -> str:
    return Meeting.objects.get(pk=meeting.pk).status


def _last_event(meeting) -> tuple:
    event = meeting.events.order_by("created_at", "id").last()
    return event.action, event.actor, event.detail


def _recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def _department(slug) -> Department:
    return Department.objects.get(slug=slug)


def _propose(meeting, proposer, title="Gatubelysning vid skolan", **extra) -> Proposal:
    return services.proposal_submit(meeting=meeting, proposer=proposer, title=title, **extra)


def _publish(meeting, by) -> Meeting:
    meeting = services.meeting_send_for_review(meeting=meeting, reviewers=[make_official()], by=by)
    return services.meeting_publish(meeting=meeting, by=by, confirm_without_all_approvals=True)


# Creating and opening ------------------------------------------------------------------


def test_meeting_create_starts_a_draft_with_the_standing_items(lagan, coordinator):
    meeting = make_meeting(lagan, by=coordinator)

    assert meeting.status == Status.DRAFT
    assert _positions(meeting) == [
        (title, position) for position, title in enumerate(OPENING + CLOSING, start=1)
    ]
    assert _last_event(meeting) == (Action.CREATED, coordinator, "")


def test_meeting_open_invites_the_group_to_propose(lagan, member, coordinator, committed, mailoutbox):
    colleague = make_member(lagan).person
    meeting = make_meeting(lagan, by=coordinator)

    committed(services.meeting_open, meeting=meeting, by=coordinator)

    assert _status(meeting) == Status.OPEN
    assert _last_event(meeting) == (Action.OPENED, coordinator, "")
    assert _recipients(mailoutbox) == sorted([member.email, colleague.email])


def test_meeting_open_is_refused_when_the_deadline_has_passed(lagan, coordinator):
    meeting = make_meeting(lagan, starts_in=timedelta(days=1), deadline_before=timedelta(days=2))
    events = meeting.events.count()

    with refused_with(
        "Sista dag för förslag har redan passerat. Ändra sista dag innan du öppnar mötet för förslag."
    ):
        services.meeting_open(meeting=meeting, by=coordinator)

    assert _status(meeting) == Status.DRAFT
    assert meeting.events.count() == events


@pytest.mark.parametrize(
    "status", [Status.OPEN, Status.IN_REVIEW, Status.PUBLISHED, Status.HELD, Status.CANCELLED]
)
def test_meeting_open_is_refused_unless_draft(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status)
    events = meeting.events.count()

    with refused_with("Bara ett möte som är ett utkast kan öppnas för förslag."):
        services.meeting_open(meeting=meeting, by=coordinator)

    assert _status(meeting) == status
    assert meeting.events.count() == events


# Anchoring -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.OPEN])
def test_meeting_send_for_review_asks_each_reviewer(
    lagan, official, coordinator, committed, mailoutbox, status
):
    meeting = make_meeting(lagan, status=status)
    greta = make_official("Greta Gatuchef", "greta@kommun.se", departments=["gatu-och-trafikfragor"])

    committed(services.meeting_send_for_review, meeting=meeting, reviewers=[official, greta], by=coordinator)

    assert _status(meeting) == Status.IN_REVIEW
    assert sorted(meeting.reviews.values_list("reviewer__email", "verdict")) == [
        ("greta@kommun.se", AgendaReview.Verdict.PENDING),
        ("olle@kommun.se", AgendaReview.Verdict.PENDING),
    ]
    assert _last_event(meeting) == (Action.SENT_FOR_REVIEW, coordinator, "Olle Tjänsteperson, Greta Gatuchef")
    assert _recipients(mailoutbox) == ["greta@kommun.se", "olle@kommun.se"]


def test_meeting_send_for_review_needs_a_reviewer(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)

    with refused_with("Välj minst en tjänsteperson att förankra dagordningen med."):
        services.meeting_send_for_review(meeting=meeting, reviewers=[], by=coordinator)

    assert _status(meeting) == Status.OPEN
    assert meeting.reviews.count() == 0


def test_meeting_send_for_review_needs_agenda_items(lagan, official, coordinator):
    StandingItem.objects.update(active=False)
    meeting = make_meeting(lagan, status=Status.OPEN)

    with refused_with("Dagordningen är tom."):
        services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)

    assert _status(meeting) == Status.OPEN
    assert meeting.reviews.count() == 0


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.PUBLISHED, Status.HELD, Status.CANCELLED])
def test_meeting_send_for_review_is_refused_unless_draft_or_open(lagan, official, coordinator, status):
    meeting = make_meeting(lagan, status=status)
    events = meeting.events.count()

    with refused_with(
        "Dagordningen kan bara skickas för förankring när mötet är ett utkast eller öppet för förslag."
    ):
        services.meeting_send_for_review(meeting=meeting, reviewers=[official], by=coordinator)

    assert _status(meeting) == status
    assert meeting.events.count() == events


def test_agenda_review_decide_records_the_approval(lagan, official):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])

    services.agenda_review_decide(review=pending_review(meeting, official), reviewer=official, approve=True)

    review = pending_review(meeting, official)
    assert (review.verdict, review.comment) == (AgendaReview.Verdict.APPROVED, "")
    assert review.decided_at is not None


def test_agenda_review_decide_keeps_the_comment(lagan, official):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])

    services.agenda_review_decide(
        review=pending_review(meeting, official),
        reviewer=official,
        approve=False,
        comment="  Lägg till en punkt om parkbänkarna.  ",
    )

    review = pending_review(meeting, official)
    assert (review.verdict, review.comment) == (
        AgendaReview.Verdict.COMMENTED,
        "Lägg till en punkt om parkbänkarna.",
    )


@pytest.mark.parametrize("who", ["coordinator", "another official"])
def test_agenda_review_decide_is_refused_for_anyone_but_the_asked_reviewer(lagan, official, coordinator, who):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])
    person = coordinator if who == "coordinator" else make_official()

    with refused_with("Bara den tjänsteperson som har tillfrågats kan lämna den här bedömningen."):
        services.agenda_review_decide(review=pending_review(meeting, official), reviewer=person, approve=True)

    assert pending_review(meeting, official).verdict == AgendaReview.Verdict.PENDING


@pytest.mark.parametrize("comment", ["", "  \n  "])
def test_agenda_review_decide_needs_a_comment_when_not_approving(lagan, official, comment):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])

    with refused_with("Skriv en kommentar eller godkänn dagordningen."):
        services.agenda_review_decide(
            review=pending_review(meeting, official), reviewer=official, approve=False, comment=comment
        )

    assert pending_review(meeting, official).verdict == AgendaReview.Verdict.PENDING


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.CANCELLED])
def test_agenda_review_decide_is_refused_when_not_in_review(lagan, official, coordinator, status):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])
    if status == Status.PUBLISHED:
        services.meeting_publish(meeting=meeting, by=coordinator, confirm_without_all_approvals=True)
    else:
        services.meeting_cancel(meeting=meeting, reason="Inställt.", by=coordinator)

    with refused_with("Förankringen av dagordningen är avslutad."):
        services.agenda_review_decide(
            review=pending_review(meeting, official), reviewer=official, approve=True
        )

    assert pending_review(meeting, official).verdict == AgendaReview.Verdict.PENDING


# Publishing ----------------------------------------------------------------------------


def test_meeting_publish_with_every_approval_tells_the_group(
    lagan, member, official, coordinator, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])
    services.agenda_review_decide(review=pending_review(meeting, official), reviewer=official, approve=True)

    committed(services.meeting_publish, meeting=meeting, by=coordinator)

    meeting.refresh_from_db()
    assert meeting.status == Status.PUBLISHED
    assert meeting.is_public is True
    assert _last_event(meeting) == (Action.PUBLISHED, coordinator, "")
    assert _recipients(mailoutbox) == [member.email]
    assert [attachment.filename for attachment in mailoutbox[0].attachments] == ["mote.ics"]


def test_meeting_publish_is_refused_without_every_approval(lagan, official, coordinator):
    greta = make_official("Greta Gatuchef", "greta@kommun.se")
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official, greta])
    services.agenda_review_decide(review=pending_review(meeting, official), reviewer=official, approve=True)
    events = meeting.events.count()

    with refused_with(
        "Alla tjänstepersoner har inte godkänt dagordningen (Greta Gatuchef). Bekräfta om du vill publicera den ändå."
    ) as refused:
        services.meeting_publish(meeting=meeting, by=coordinator)

    assert "Greta Gatuchef" in refused.value.message
    assert "Olle Tjänsteperson" not in refused.value.message
    assert _status(meeting) == Status.IN_REVIEW
    assert meeting.events.count() == events


def test_meeting_publish_when_confirmed_records_who_had_not_approved(lagan, official, coordinator):
    greta = make_official("Greta Gatuchef", "greta@kommun.se")
    karin = make_official("Karin Kultur", "karin@kommun.se")
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official, greta, karin])
    services.agenda_review_decide(review=pending_review(meeting, official), reviewer=official, approve=True)
    services.agenda_review_decide(
        review=pending_review(meeting, greta), reviewer=greta, approve=False, comment="Flytta punkt 3."
    )

    services.meeting_publish(meeting=meeting, by=coordinator, confirm_without_all_approvals=True)

    assert _status(meeting) == Status.PUBLISHED
    assert _last_event(meeting) == (
        Action.PUBLISHED_WITHOUT_APPROVALS,
        coordinator,
        "Greta Gatuchef, Karin Kultur",
    )


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.OPEN, Status.PUBLISHED, Status.HELD, Status.CANCELLED]
)
def test_meeting_publish_is_refused_unless_in_review(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status)
    events = meeting.events.count()

    with refused_with("Dagordningen kan bara publiceras när den har skickats för förankring."):
        services.meeting_publish(meeting=meeting, by=coordinator, confirm_without_all_approvals=True)

    assert _status(meeting) == status
    assert meeting.events.count() == events


# Held ----------------------------------------------------------------------------------


def test_meeting_mark_held_once_started(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, starts_in=-timedelta(minutes=30))

    services.meeting_mark_held(meeting=meeting, by=coordinator)

    assert _status(meeting) == Status.HELD
    assert _last_event(meeting) == (Action.HELD, coordinator, "")


def test_meeting_mark_held_is_refused_before_the_start(lagan, coordinator):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, starts_in=timedelta(minutes=30))
    events = meeting.events.count()

    with refused_with("Mötet har inte börjat ännu."):
        services.meeting_mark_held(meeting=meeting, by=coordinator)

    assert _status(meeting) == Status.PUBLISHED
    assert meeting.events.count() == events


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.OPEN, Status.IN_REVIEW, Status.HELD, Status.CANCELLED]
)
def test_meeting_mark_held_is_refused_unless_published(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status, starts_in=-timedelta(hours=1))
    events = meeting.events.count()

    with refused_with("Bara ett möte med publicerad dagordning kan markeras som genomfört."):
        services.meeting_mark_held(meeting=meeting, by=coordinator)

    assert _status(meeting) == status
    assert meeting.events.count() == events


# Cancelling ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.OPEN, Status.IN_REVIEW, Status.PUBLISHED])
def test_meeting_cancel_with_a_reason(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status)

    services.meeting_cancel(meeting=meeting, reason="  Bygdegården är vattenskadad.\n", by=coordinator)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason, meeting.sequence) == (
        Status.CANCELLED,
        "Bygdegården är vattenskadad.",
        1,
    )
    assert _last_event(meeting) == (Action.CANCELLED, coordinator, "Bygdegården är vattenskadad.")


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_meeting_cancel_needs_a_reason(lagan, coordinator, reason):
    meeting = make_meeting(lagan, status=Status.OPEN)

    with refused_with("Ange varför mötet ställs in. Gruppen kommer att se motiveringen."):
        services.meeting_cancel(meeting=meeting, reason=reason, by=coordinator)

    assert _status(meeting) == Status.OPEN


@pytest.mark.parametrize("status", [Status.HELD, Status.CANCELLED])
def test_meeting_cancel_is_refused_once_held_or_cancelled(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status)
    events = meeting.events.count()

    with refused_with("Ett möte som redan har genomförts eller ställts in kan inte ställas in."):
        services.meeting_cancel(meeting=meeting, reason="Ångrar mig.", by=coordinator)

    assert _status(meeting) == status
    assert meeting.events.count() == events


def test_meeting_cancel_tells_the_group_once_announced(lagan, member, coordinator, committed, mailoutbox):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    committed(services.meeting_cancel, meeting=meeting, reason="Bygdegården är vattenskadad.", by=coordinator)

    assert _recipients(mailoutbox) == [member.email]


def test_meeting_cancel_of_a_draft_tells_nobody(lagan, member, coordinator, committed, mailoutbox):
    meeting = make_meeting(lagan)

    committed(services.meeting_cancel, meeting=meeting, reason="Fel datum.", by=coordinator)

    assert mailoutbox == []


# Rescheduling --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.OPEN, Status.PUBLISHED])
def test_meeting_update_with_a_new_time_raises_the_sequence_and_tells_the_group(
    lagan, member, coordinator, committed, mailoutbox, status
):
    meeting = make_meeting(lagan, status=status)
    later = meeting.starts_at + timedelta(hours=1)

    committed(
        services.meeting_update,
        meeting=meeting,
        by=coordinator,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
    )

    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (later, 1)
    assert _last_event(meeting) == (Action.RESCHEDULED, coordinator, "")
    assert _recipients(mailoutbox) == [member.email]


def test_meeting_update_with_a_new_venue_raises_the_sequence(
    lagan, member, coordinator, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.OPEN)

    committed(services.meeting_update, meeting=meeting, by=coordinator, venue_name="Skolans matsal")

    meeting.refresh_from_db()
    assert (meeting.venue_name, meeting.sequence) == ("Skolans matsal", 1)
    assert _recipients(mailoutbox) == [member.email]


def test_meeting_update_of_a_draft_tells_nobody(lagan, member, coordinator, committed, mailoutbox):
    meeting = make_meeting(lagan)
    later = meeting.starts_at + timedelta(days=1)

    committed(
        services.meeting_update,
        meeting=meeting,
        by=coordinator,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
    )

    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
    assert mailoutbox == []


def test_meeting_update_of_the_title_only_keeps_the_sequence(
    lagan, member, coordinator, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)
    events = meeting.events.count()

    committed(services.meeting_update, meeting=meeting, by=coordinator, title="Vårmöte")

    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Vårmöte", 0)
    assert meeting.events.count() == events
    assert mailoutbox == []


@pytest.mark.parametrize("status", [Status.HELD, Status.CANCELLED])
def test_meeting_update_is_refused_once_held_or_cancelled(lagan, coordinator, status):
    meeting = make_meeting(lagan, status=status)

    with refused_with("Ett möte som har genomförts eller ställts in kan inte ändras."):
        services.meeting_update(meeting=meeting, by=coordinator, title="Vårmöte")

    assert Meeting.objects.get(pk=meeting.pk).title == "Gruppmöte"


# Proposals -----------------------------------------------------------------------------


def test_proposal_submit_by_a_member_while_open(lagan, member):
    meeting = make_meeting(lagan, status=Status.OPEN)
    park = _department("park-och-skotselfragor")

    proposal = services.proposal_submit(
        meeting=meeting,
        proposer=member,
        title="Parkbänkar vid ån",
        description="Bänkarna är trasiga.",
        hoped_outcome="Nya bänkar till sommaren.",
        departments=[park],
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.proposer, proposal.organisation, proposal.title) == (
        Proposal.Status.SUBMITTED,
        member,
        member.memberships.get().organisation,
        "Parkbänkar vid ån",
    )
    assert list(proposal.departments.all()) == [park]


def test_proposal_submit_is_refused_after_the_deadline(lagan, member):
    meeting = make_meeting(
        lagan, status=Status.OPEN, starts_in=timedelta(days=1), deadline_before=timedelta(days=2)
    )

    with refused_with("Sista dag för förslag har passerat."):
        _propose(meeting, member)

    assert meeting.proposals.count() == 0


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.HELD, Status.CANCELLED]
)
def test_proposal_submit_is_refused_unless_open(lagan, member, status):
    meeting = make_meeting(lagan, status=status)

    with refused_with("Mötet är inte öppet för förslag."):
        _propose(meeting, member)

    assert meeting.proposals.count() == 0


@pytest.mark.parametrize("who", ["other_member", "outsider", "coordinator", "official"])
def test_proposal_submit_is_refused_outside_the_group(request, lagan, who):
    meeting = make_meeting(lagan, status=Status.OPEN)
    person = request.getfixturevalue(who)

    with refused_with("Bara gruppens medlemmar kan föreslå dagordningspunkter."):
        _propose(meeting, person)

    assert meeting.proposals.count() == 0


def test_proposal_submit_is_refused_for_a_former_member(lagan, member):
    group_services.membership_end(membership=member.memberships.get())
    meeting = make_meeting(lagan, status=Status.OPEN)

    with refused_with("Bara gruppens medlemmar kan föreslå dagordningspunkter."):
        _propose(meeting, member)

    assert meeting.proposals.count() == 0


def test_proposal_update_by_the_proposer(lagan, member):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    traffic = _department("gatu-och-trafikfragor")

    services.proposal_update(
        proposal=proposal,
        by=member,
        title="Belysning på skolvägen",
        hoped_outcome="Lampor",
        departments=[traffic],
    )

    proposal.refresh_from_db()
    assert (proposal.title, proposal.hoped_outcome, proposal.status) == (
        "Belysning på skolvägen",
        "Lampor",
        Proposal.Status.SUBMITTED,
    )
    assert list(proposal.departments.all()) == [traffic]


def test_proposal_withdraw_by_the_proposer(lagan, member):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)

    services.proposal_withdraw(proposal=proposal, by=member)

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


PROPOSER_ACTIONS = {
    "update": lambda proposal, by: services.proposal_update(proposal=proposal, by=by, title="Något annat"),
    "withdraw": lambda proposal, by: services.proposal_withdraw(proposal=proposal, by=by),
}


@pytest.mark.parametrize("action", PROPOSER_ACTIONS)
@pytest.mark.parametrize("who", ["coordinator", "colleague", "other_member"])
def test_proposal_change_is_refused_for_anyone_but_the_proposer(request, lagan, member, who, action):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    person = make_member(lagan).person if who == "colleague" else request.getfixturevalue(who)

    with refused_with("Bara den som föreslog punkten kan ändra den."):
        PROPOSER_ACTIONS[action](proposal, person)

    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("Gatubelysning vid skolan", Proposal.Status.SUBMITTED)


def _accept(proposal, by):
    return services.proposal_accept(proposal=proposal, by=by, expected_version=_version(proposal.meeting))


def _decline(proposal, by):
    return services.proposal_decline(proposal=proposal, by=by, reason="Frågan hör till Trafikverket.")


def _merge(proposal, by):
    into = proposal.meeting.items.get(title="Uppföljning av gruppens öppna sakfrågor")
    return services.proposal_merge(
        proposal=proposal, into=into, by=by, expected_version=_version(proposal.meeting)
    )


COORDINATOR_DECISIONS = {"accept": _accept, "decline": _decline, "merge": _merge}


@pytest.mark.parametrize("action", PROPOSER_ACTIONS)
@pytest.mark.parametrize("decision", COORDINATOR_DECISIONS)
def test_proposal_change_is_refused_once_the_coordinator_has_decided(
    lagan, member, coordinator, decision, action
):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    COORDINATOR_DECISIONS[decision](proposal, coordinator)
    decided = Proposal.objects.get(pk=proposal.pk).status

    with refused_with("Samordnaren har redan hanterat förslaget, så det går inte längre att ändra."):
        PROPOSER_ACTIONS[action](proposal, member)

    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("Gatubelysning vid skolan", decided)


def test_proposal_change_is_refused_once_the_agenda_is_published(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    _publish(meeting, coordinator)

    with refused_with("Dagordningen är redan publicerad."):
        services.proposal_update(proposal=proposal, by=member, title="Något annat")

    assert Proposal.objects.get(pk=proposal.pk).title == "Gatubelysning vid skolan"


def test_proposal_accept_puts_the_item_before_the_closing_standing_items(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    park = _department("park-och-skotselfragor")
    proposal = _propose(meeting, member, title="Parkbänkar vid ån", departments=[park])

    item = services.proposal_accept(
        proposal=proposal, by=coordinator, expected_version=meeting.agenda_version
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.agenda_item, proposal.decided_by) == (
        Proposal.Status.ACCEPTED,
        item,
        coordinator,
    )
    assert _titles(meeting) == [*OPENING, "Parkbänkar vid ån", *CLOSING]
    assert list(item.departments.all()) == [park]


def test_proposal_accept_puts_later_items_after_earlier_ones(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    first, second = (
        _propose(meeting, member, title="Parkbänkar"),
        _propose(meeting, member, title="Farthinder"),
    )
    _accept(first, coordinator)

    _accept(second, coordinator)

    assert _titles(meeting) == [*OPENING, "Parkbänkar", "Farthinder", *CLOSING]


def test_proposal_accept_with_a_stale_version_changes_nothing(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    loaded_version = meeting.agenda_version
    services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=loaded_version, title="Badplatsen"
    )

    with refused_with(
        "Någon annan ändrade dagordningen medan du arbetade med den. Ingenting har ändrats. Här är den aktuella dagordningen. Gör din ändring igen.",
        AgendaConflict,
    ):
        services.proposal_accept(proposal=proposal, by=coordinator, expected_version=loaded_version)

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED
    assert _titles(meeting) == [*OPENING, "Badplatsen", *CLOSING]


def test_proposal_accept_is_refused_once_handled(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    _decline(proposal, coordinator)

    with refused_with("Förslaget har redan hanterats."):
        _accept(proposal, coordinator)

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.DECLINED
    assert _titles(meeting) == [*OPENING, *CLOSING]


@pytest.mark.parametrize("reason", ["", "  \n"])
def test_proposal_decline_needs_a_reason(lagan, member, coordinator, reason):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)

    with refused_with("Skriv en motivering. Förslagsställaren kommer att se den."):
        services.proposal_decline(proposal=proposal, by=coordinator, reason=reason)

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED


def test_proposal_decline_tells_the_proposer_why(lagan, member, coordinator, committed, mailoutbox):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)

    committed(
        services.proposal_decline, proposal=proposal, by=coordinator, reason=" Frågan hör till Trafikverket. "
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason, proposal.decided_by) == (
        Proposal.Status.DECLINED,
        "Frågan hör till Trafikverket.",
        coordinator,
    )
    assert _recipients(mailoutbox) == [member.email]
    assert "Frågan hör till Trafikverket." in mailoutbox[0].body


def test_proposal_merge_points_to_the_item(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    item = services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=meeting.agenda_version, title="Trafiken genom byn"
    )
    traffic = _department("gatu-och-trafikfragor")
    proposal = _propose(meeting, member, title="Farthinder vid skolan", departments=[traffic])

    services.proposal_merge(proposal=proposal, into=item, by=coordinator, expected_version=_version(meeting))

    proposal.refresh_from_db()
    assert (proposal.status, proposal.agenda_item) == (Proposal.Status.MERGED, item)
    assert list(item.departments.all()) == [traffic]
    assert _titles(meeting) == [*OPENING, "Trafiken genom byn", *CLOSING]


def test_proposal_merge_into_another_meetings_item_is_refused(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    other = make_meeting(lagan, status=Status.OPEN, starts_in=timedelta(days=60))
    proposal = _propose(meeting, member)

    with refused_with("Ett förslag kan bara slås ihop med en punkt på samma mötes dagordning."):
        services.proposal_merge(
            proposal=proposal,
            into=other.items.first(),
            by=coordinator,
            expected_version=meeting.agenda_version,
        )

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED


@pytest.mark.parametrize("decision", COORDINATOR_DECISIONS)
def test_curating_a_published_agenda_is_refused(lagan, member, coordinator, decision):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member)
    _publish(meeting, coordinator)

    with refused_with("Dagordningen är publicerad och kan inte längre ändras."):
        COORDINATOR_DECISIONS[decision](proposal, coordinator)

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED
    assert _titles(meeting) == [*OPENING, *CLOSING]


def test_agenda_item_add_to_a_published_agenda_is_refused(lagan, coordinator):
    meeting = _publish(make_meeting(lagan, status=Status.OPEN), coordinator)

    with refused_with("Dagordningen är publicerad och kan inte längre ändras."):
        services.agenda_item_add(
            meeting=meeting, by=coordinator, expected_version=meeting.agenda_version, title="Sent påhitt"
        )

    assert _titles(meeting) == [*OPENING, *CLOSING]


# Agenda order --------------------------------------------------------------------------


def test_agenda_item_add_goes_before_the_closing_standing_items(lagan, coordinator):
    meeting = make_meeting(lagan)

    services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=meeting.agenda_version, title="Badplatsen"
    )

    assert _titles(meeting) == [*OPENING, "Badplatsen", *CLOSING]
    assert _version(meeting) == 1


def test_agenda_item_move_down_swaps_with_the_next_item(lagan, coordinator):
    meeting = make_meeting(lagan)

    services.agenda_item_move(
        item=meeting.items.get(title="Mötet öppnas"), by=coordinator, expected_version=0, offset=+1
    )

    assert _positions(meeting) == [
        ("Uppföljning av gruppens öppna sakfrågor", 1),
        ("Mötet öppnas", 2),
        ("Nästa möte", 3),
        ("Mötet avslutas", 4),
    ]
    assert _version(meeting) == 1


def test_agenda_item_move_up_swaps_with_the_previous_item(lagan, coordinator):
    meeting = make_meeting(lagan)

    services.agenda_item_move(
        item=meeting.items.get(title="Mötet avslutas"), by=coordinator, expected_version=0, offset=-1
    )

    assert _positions(meeting) == [
        ("Mötet öppnas", 1),
        ("Uppföljning av gruppens öppna sakfrågor", 2),
        ("Mötet avslutas", 3),
        ("Nästa möte", 4),
    ]


@pytest.mark.parametrize(("title", "offset"), [("Mötet öppnas", -1), ("Mötet avslutas", +1)])
def test_agenda_item_move_past_the_edge_is_refused(lagan, coordinator, title, offset):
    meeting = make_meeting(lagan)
    before = _positions(meeting)

    with refused_with("Punkten står redan först eller sist på dagordningen."):
        services.agenda_item_move(
            item=meeting.items.get(title=title), by=coordinator, expected_version=0, offset=offset
        )

    assert _positions(meeting) == before
    assert _version(meeting) == 0


def test_agenda_item_move_with_a_stale_version_changes_nothing(lagan, coordinator):
    """Two coordinators reorder the same agenda at once: the second works from the agenda
    loaded before the first saved, and is refused rather than overwriting the first."""
    meeting = make_meeting(lagan)
    second_coordinator = make_person("Sture Samordnare", "sture@kommun.se")
    grant_role(second_coordinator, Role.COORDINATOR)
    loaded_version = meeting.agenda_version
    services.agenda_item_move(
        item=meeting.items.get(title="Nästa möte"), by=coordinator, expected_version=loaded_version, offset=-1
    )
    after_first = _positions(meeting)

    with refused_with(
        "Någon annan ändrade dagordningen medan du arbetade med den. Ingenting har ändrats. Här är den aktuella dagordningen. Gör din ändring igen.",
        AgendaConflict,
    ):
        services.agenda_item_move(
            item=meeting.items.get(title="Mötet öppnas"),
            by=second_coordinator,
            expected_version=loaded_version,
            offset=+1,
        )

    assert _positions(meeting) == after_first
    assert after_first == [
        ("Mötet öppnas", 1),
        ("Nästa möte", 2),
        ("Uppföljning av gruppens öppna sakfrågor", 3),
        ("Mötet avslutas", 4),
    ]
    assert _version(meeting) == loaded_version + 1


def test_agenda_item_remove_sends_its_proposal_back_to_waiting(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    proposal = _propose(meeting, member, title="Parkbänkar")
    item = _accept(proposal, coordinator)

    services.agenda_item_remove(item=item, by=coordinator, expected_version=_version(meeting))

    proposal.refresh_from_db()
    assert (proposal.status, proposal.agenda_item, proposal.decided_by) == (
        Proposal.Status.SUBMITTED,
        None,
        None,
    )
    assert _positions(meeting) == [
        (title, position) for position, title in enumerate(OPENING + CLOSING, start=1)
    ]


# Officials -----------------------------------------------------------------------------


def test_suggested_officials_follow_the_departments_on_the_agenda(lagan, official, coordinator):
    meeting = make_meeting(lagan)
    greta = make_official("Greta Gatuchef", departments=["gatu-och-trafikfragor"])
    make_official("Karin Kultur", departments=["kulturverksamhet"])
    make_official("Per Utanför", departments=["park-och-skotselfragor"], in_officials_group=False)
    park, traffic = _department("park-och-skotselfragor"), _department("gatu-och-trafikfragor")
    services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=0, title="Parkbänkar", departments=[park]
    )
    services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=1, title="Farthinder", departments=[traffic, park]
    )

    assert list(suggested_officials(meeting)) == [greta, official]


def test_suggested_officials_is_empty_without_departments_on_the_agenda(lagan, official):
    meeting = make_meeting(lagan)

    assert list(suggested_officials(meeting)) == []


def test_meeting_set_officials_tells_only_the_newly_added(
    lagan, official, coordinator, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.OPEN)
    services.meeting_set_officials(meeting=meeting, officials=[official], by=coordinator)
    greta = make_official("Greta Gatuchef", "greta@kommun.se")

    added = committed(
        services.meeting_set_officials, meeting=meeting, officials=[official, greta], by=coordinator
    )

    assert added == [greta]
    assert _recipients(mailoutbox) == ["greta@kommun.se"]
    assert sorted(meeting.official_attendances.values_list("official__email", flat=True)) == [
        "greta@kommun.se",
        "olle@kommun.se",
    ]
    assert _last_event(meeting) == (
        Action.OFFICIALS_CONFIRMED,
        coordinator,
        "Olle Tjänsteperson, Greta Gatuchef",
    )


def test_meeting_set_officials_removes_the_unticked_and_tells_nobody(
    lagan, official, coordinator, committed, mailoutbox
):
    meeting = make_meeting(lagan, status=Status.OPEN)
    greta = make_official("Greta Gatuchef", "greta@kommun.se")
    services.meeting_set_officials(meeting=meeting, officials=[official, greta], by=coordinator)

    added = committed(services.meeting_set_officials, meeting=meeting, officials=[greta], by=coordinator)

    assert added == []
    assert mailoutbox == []
    assert list(meeting.official_attendances.values_list("official__email", flat=True)) == ["greta@kommun.se"]


# Answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [Rsvp.Answer.YES, Rsvp.Answer.NO, Rsvp.Answer.MAYBE])
def test_rsvp_answer_by_a_member(lagan, member, answer):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    services.rsvp_answer(meeting=meeting, person=member, answer=answer, others=" Bo Berg\n\nCecilia Ek \n")

    rsvp = Rsvp.objects.get(meeting=meeting, person=member)
    assert (rsvp.answer, rsvp.other_names) == (answer, ["Bo Berg", "Cecilia Ek"])


def test_rsvp_answer_again_changes_the_answer_in_place(lagan, member):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)
    services.rsvp_answer(meeting=meeting, person=member, answer=Rsvp.Answer.YES, others="Bo Berg")

    services.rsvp_answer(meeting=meeting, person=member, answer=Rsvp.Answer.NO)

    assert list(Rsvp.objects.filter(meeting=meeting).values_list("person", "answer", "others")) == [
        (member.pk, Rsvp.Answer.NO, "")
    ]


@pytest.mark.parametrize("who", ["other_member", "outsider", "coordinator"])
def test_rsvp_answer_is_refused_outside_the_group(request, lagan, who):
    meeting = make_meeting(lagan, status=Status.PUBLISHED)

    with refused_with("Bara gruppens medlemmar kan svara."):
        services.rsvp_answer(meeting=meeting, person=request.getfixturevalue(who), answer=Rsvp.Answer.YES)

    assert meeting.rsvps.count() == 0


def test_rsvp_answer_is_refused_after_the_start(lagan, member):
    meeting = make_meeting(lagan, status=Status.PUBLISHED, starts_in=-timedelta(minutes=5))

    with refused_with("Det går inte längre att svara för det här mötet."):
        services.rsvp_answer(meeting=meeting, person=member, answer=Rsvp.Answer.YES)

    assert meeting.rsvps.count() == 0


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CANCELLED])
def test_rsvp_answer_is_refused_for_a_meeting_the_group_cannot_come_to(lagan, member, status):
    meeting = make_meeting(lagan, status=status)

    with refused_with("Det går inte längre att svara för det här mötet."):
        services.rsvp_answer(meeting=meeting, person=member, answer=Rsvp.Answer.YES)

    assert meeting.rsvps.count() == 0


# Attendance ----------------------------------------------------------------------------


def _attendance(meeting) -> list[tuple]:
    return list(
        meeting.attendances.order_by("kind", "name").values_list("kind", "name", "person", "organisation")
    )


def test_attendance_record_stores_who_was_there(lagan, member, official, coordinator):
    meeting = make_meeting(lagan, status=Status.HELD)
    membership = member.memberships.get()

    services.attendance_record(
        meeting=meeting,
        memberships=[membership],
        officials=[official],
        elected_names=["Kent Kommunalråd (S)"],
        guest_names=["Gun Gäst"],
        by=coordinator,
    )

    assert _attendance(meeting) == [
        (Attendance.Kind.ELECTED, "Kent Kommunalråd (S)", None, None),
        (Attendance.Kind.GUEST, "Gun Gäst", None, None),
        (Attendance.Kind.MEMBER, "Anna Åkesson", member.pk, membership.organisation_id),
        (Attendance.Kind.OFFICIAL, "Olle Tjänsteperson", official.pk, None),
    ]
    assert _last_event(meeting) == (Action.ATTENDANCE_RECORDED, coordinator, "4")


def test_attendance_record_again_replaces_the_record(lagan, member, official, coordinator):
    meeting = make_meeting(lagan, status=Status.HELD)
    services.attendance_record(
        meeting=meeting,
        memberships=[member.memberships.get()],
        officials=[official],
        elected_names=[],
        guest_names=["Gun Gäst"],
        by=coordinator,
    )

    services.attendance_record(
        meeting=meeting,
        memberships=[],
        officials=[official],
        elected_names=[],
        guest_names=[],
        by=coordinator,
    )

    assert _attendance(meeting) == [(Attendance.Kind.OFFICIAL, "Olle Tjänsteperson", official.pk, None)]


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.CANCELLED])
def test_attendance_record_is_refused_unless_held(lagan, member, coordinator, status):
    meeting = make_meeting(lagan, status=status, starts_in=-timedelta(hours=1))

    with refused_with("Närvaron kan registreras först när mötet har markerats som genomfört."):
        services.attendance_record(
            meeting=meeting,
            memberships=[member.memberships.get()],
            officials=[],
            elected_names=[],
            guest_names=[],
            by=coordinator,
        )

    assert _attendance(meeting) == []


def test_attendance_record_is_refused_for_a_member_of_another_group(lagan, other_member, coordinator):
    meeting = make_meeting(lagan, status=Status.HELD)

    with refused_with("Bara gruppens medlemmar kan registreras som representanter."):
        services.attendance_record(
            meeting=meeting,
            memberships=[other_member.memberships.get()],
            officials=[],
            elected_names=[],
            guest_names=[],
            by=coordinator,
        )

    assert _attendance(meeting) == []


# The rules of a meeting's details (the model's, for every service and form) ------------


def _schedule(**overrides) -> dict:
    start = timezone.now() + timedelta(days=40)
    return {
        "kind": Meeting.Kind.GROUP_MEETING,
        "title": "Gruppmöte",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "venue_name": "Bygdegården",
        "venue_address": "",
        "proposal_deadline": start - timedelta(days=14),
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"venue_name": "  "},
            {"venue_name": ["Ett gruppmöte är ett fysiskt möte. Ange en plats i området."]},
        ),
        (
            {"kind": Meeting.Kind.ELECTED_REPRESENTATIVES, "venue_name": ""},
            {"elected_representatives": ["Ange vilka förtroendevalda eller nämnder som deltar."]},
        ),
        (
            {"proposal_deadline": timezone.now() + timedelta(days=40)},
            {"proposal_deadline": ["Sista dag för förslag måste ligga före mötets start."]},
        ),
    ],
    ids=["group meeting without a venue", "elected representatives unnamed", "deadline at the start"],
)
def test_meeting_create_refuses_details_that_break_the_meetings_rules(lagan, coordinator, overrides, errors):
    schedule = _schedule(**overrides)
    if "proposal_deadline" in overrides:
        schedule["proposal_deadline"] = schedule["starts_at"]

    with pytest.raises(ValidationError) as refused:
        services.meeting_create(group=lagan, created_by=coordinator, **schedule)

    assert refused.value.message_dict == errors
    assert Meeting.objects.count() == 0


def test_meeting_create_with_elected_representatives_named_by_committee(lagan, coordinator):
    committee = Committee.objects.get(slug="kommunstyrelsen")

    meeting = services.meeting_create(
        group=lagan,
        created_by=coordinator,
        committees=[committee],
        **_schedule(kind=Meeting.Kind.ELECTED_REPRESENTATIVES, venue_name=""),
    )

    assert list(meeting.committees.all()) == [committee]


def test_meeting_update_keeps_the_rules_with_the_committees_it_has(lagan, coordinator):
    committee = Committee.objects.get(slug="kommunstyrelsen")
    meeting = services.meeting_create(
        group=lagan,
        created_by=coordinator,
        committees=[committee],
        **_schedule(kind=Meeting.Kind.ELECTED_REPRESENTATIVES, venue_name=""),
    )

    services.meeting_update(meeting=meeting, by=coordinator, title="Möte med kommunstyrelsen")
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(meeting=meeting, by=coordinator, committees=[], title="Utan politiker")

    assert refused.value.message_dict == {
        "elected_representatives": ["Ange vilka förtroendevalda eller nämnder som deltar."]
    }
    assert Meeting.objects.get(pk=meeting.pk).title == "Möte med kommunstyrelsen"


def test_round_schedule_refuses_a_meeting_whose_deadline_has_passed(lagan, coordinator):
    meeting_round = services.round_create(
        title="Årets gruppmöten",
        kind=Meeting.Kind.GROUP_MEETING,
        proposal_days_before=14,
        groups=[lagan],
        by=coordinator,
    )
    start = timezone.now() + timedelta(days=10)
    row = {
        "group": lagan,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "venue_name": "Skolan",
        "venue_address": "",
    }

    with pytest.raises(ValidationError) as refused:
        services.round_schedule(meeting_round=meeting_round, rows=[row], by=coordinator)

    assert refused.value.message_dict == {
        "proposal_deadline": [
            "Sista dag för förslag (14 dagar före) skulle redan ha passerat. Välj ett senare datum."
        ]
    }
    assert meeting_round.meetings.count() == 0


def test_round_schedule_sets_each_deadline_the_rounds_days_before(lagan, ryssby, coordinator):
    meeting_round = services.round_create(
        title="Årets gruppmöten",
        kind=Meeting.Kind.GROUP_MEETING,
        proposal_days_before=21,
        groups=[lagan, ryssby],
        by=coordinator,
    )
    start = _at(date(timezone.localdate().year + 1, 4, 7))
    rows = [
        {
            "group": group,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "venue_name": "Skolan",
            "venue_address": "",
        }
        for group in (lagan, ryssby)
    ]

    created = services.round_schedule(meeting_round=meeting_round, rows=rows, by=coordinator)

    assert [(meeting.group, meeting.title, meeting.proposal_deadline) for meeting in created] == [
        (lagan, "Årets gruppmöten", _at(date(timezone.localdate().year + 1, 3, 17))),
        (ryssby, "Årets gruppmöten", _at(date(timezone.localdate().year + 1, 3, 17))),
    ]


# Year overview -------------------------------------------------------------------------


def _at(day: date, clock=time(18, 30)):
    return local_datetime(day, clock)


def _overview(year) -> dict:
    return {
        group.area.slug: (group.planned_count, group.held_count, group.physical_planned, group.physical_held)
        for group in year_overview(year)
    }


def test_year_overview_counts_planned_and_held_meetings_per_group(lagan, ryssby):
    make_meeting(lagan, status=Status.HELD, starts_at=_at(date(2025, 3, 12)))
    make_meeting(lagan, status=Status.DRAFT, starts_at=_at(date(2025, 10, 8)))
    make_meeting(lagan, status=Status.CANCELLED, starts_at=_at(date(2025, 11, 5)))
    make_meeting(lagan, status=Status.HELD, starts_at=_at(date(2024, 3, 13)))
    make_meeting(
        ryssby, status=Status.HELD, kind=Meeting.Kind.SAFETY_DIALOGUE, starts_at=_at(date(2025, 5, 20))
    )

    overview = _overview(2025)

    assert overview["lagan"] == (2, 1, True, True)
    assert overview["ryssby"] == (1, 1, False, False)
    assert overview["lidhult"] == (0, 0, False, False)


def test_year_overview_places_meetings_by_the_local_new_year(lagan):
    make_meeting(lagan, starts_at=_at(date(2025, 12, 31), time(23, 0)), duration=timedelta(minutes=30))
    make_meeting(lagan, starts_at=_at(date(2026, 1, 1), time(0, 30)))

    assert (_overview(2025)["lagan"], _overview(2026)["lagan"]) == ((1, 0, True, False), (1, 0, True, False))


def test_year_overview_counts_the_proposals_waiting_for_curation(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN)
    _propose(meeting, member, title="Parkbänkar")
    _propose(meeting, member, title="Farthinder")
    _decline(_propose(meeting, member, title="Ny motorväg"), coordinator)

    waiting = {group.area.slug: group.waiting_proposals for group in year_overview(meeting.starts_at.year)}

    assert (waiting["lagan"], waiting["ryssby"]) == (2, 0)


def test_changing_the_agenda_in_anchoring_asks_the_officials_again(lagan, official, coordinator):
    meeting = make_meeting(lagan, status=Status.IN_REVIEW, reviewers=[official])
    services.agenda_review_decide(review=pending_review(meeting, official), reviewer=official, approve=True)

    services.agenda_item_add(
        meeting=meeting, by=coordinator, expected_version=_version(meeting), title="En punkt till"
    )

    assert pending_review(meeting, official).verdict == AgendaReview.Verdict.PENDING
    with refused_with(
        "Alla tjänstepersoner har inte godkänt dagordningen (Olle Tjänsteperson). Bekräfta om du vill publicera den ändå."
    ):
        services.meeting_publish(meeting=meeting, by=coordinator)
    assert _status(meeting) == Status.IN_REVIEW


def test_proposal_submit_with_the_same_form_token_stores_one_proposal(lagan, member, coordinator):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    token = uuid.uuid4()

    first, second = (
        services.proposal_submit(meeting=meeting, proposer=member, title="Badplatsen", form_token=token)
        for _ in range(2)
    )

    assert first.pk == second.pk
    assert Proposal.objects.filter(meeting=meeting).count() == 1


def test_proposal_submit_with_another_members_form_token_stores_their_own_proposal(
    lagan, member, coordinator
):
    """A token is the sender's: another member's form with the same token (copied, or crafted)
    is a proposal of its own, not the first member's returned to them."""
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    colleague = make_member(lagan).person
    token = uuid.uuid4()

    mine = services.proposal_submit(meeting=meeting, proposer=member, title="Badplatsen", form_token=token)
    theirs = services.proposal_submit(
        meeting=meeting, proposer=colleague, title="Gatlyktor", form_token=token
    )

    assert mine.pk != theirs.pk
    assert sorted(Proposal.objects.filter(meeting=meeting).values_list("proposer__email", "title")) == sorted(
        [(member.email, "Badplatsen"), (colleague.email, "Gatlyktor")]
    )


@pytest.mark.parametrize("change", ["update", "withdraw"])
def test_proposal_of_a_member_who_has_left_cannot_be_changed(lagan, member, coordinator, change):
    meeting = make_meeting(lagan, status=Status.OPEN, by=coordinator)
    proposal = services.proposal_submit(meeting=meeting, proposer=member, title="Badplatsen")
    for membership in member.memberships.current():
        group_services.membership_end(membership=membership)

    with refused_with("Bara medlemmar i gruppen kan ändra sina förslag.") as error:
        if change == "update":
            services.proposal_update(proposal=proposal, by=member, title="Ändrad")
        else:
            services.proposal_withdraw(proposal=proposal, by=member)

    assert error.value.message == "Bara medlemmar i gruppen kan ändra sina förslag."
    assert Proposal.objects.get(pk=proposal.pk).title == "Badplatsen"
