"""Demo meetings for seed_demo: every state in use, spread over the past and coming year."""

from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from groups.models import Group, Membership
from meetings import services
from meetings.models import AgendaReview, Meeting, MeetingRound
from officials.models import Department

PROPOSALS = [
    (
        "Belysning längs gång- och cykelvägen",
        "Vägen mot skolan är mörk på vintern. Kan kommunen sätta upp belysning?",
        "Ett besked om belysningen och när den kan komma.",
        "gatu-och-trafikfragor",
    ),
    (
        "Badplatsens brygga behöver lagas",
        "Flera brädor är lösa och stegen är trasig.",
        "Att bryggan lagas före sommaren.",
        "friluftsliv-och-fritidsanlaggningar",
    ),
    (
        "Bygdefond för nya lekplatsen",
        "Föreningarna vill söka pengar ur bygdefonden till en lekplats vid bygdegården.",
        "Hjälp att förstå hur ansökan går till.",
        "landsbygdsutveckling",
    ),
    (
        "Kulturkväll i bygdegården",
        "Vi vill ordna en kulturkväll tillsammans med biblioteket.",
        "Att kulturverksamheten är med och planerar.",
        "kulturverksamhet",
    ),
]


def _at(days_from_now: int, hour: int, minute: int = 0):
    day = timezone.localdate() + timedelta(days=days_from_now)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _schedule(group, coordinator, *, title, days, kind=Meeting.Kind.GROUP_MEETING):
    starts_at = _at(days, 18, 30)
    return services.meeting_create(
        group=group,
        created_by=coordinator,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        venue_name=f"Bygdegården i {group.area.name}",
        venue_address=f"Byvägen 1, {group.area.name}",
        proposal_deadline=starts_at - timedelta(days=14),
    )


def _members(group):
    return [m.person for m in Membership.objects.current().filter(group=group).select_related("person")]


def _propose_all(meeting, members):
    proposals = []
    for person, (title, description, hoped, department) in zip(members * 2, PROPOSALS, strict=False):
        proposals.append(
            services.proposal_submit(
                meeting=meeting,
                proposer=person,
                title=title,
                description=description,
                hoped_outcome=hoped,
                departments=Department.objects.filter(slug=department),
            )
        )
    return proposals


def _curate(meeting, proposals, coordinator):
    accepted = services.proposal_accept(
        proposal=proposals[0], by=coordinator, expected_version=_version(meeting)
    )
    services.proposal_accept(proposal=proposals[1], by=coordinator, expected_version=_version(meeting))
    services.proposal_decline(
        proposal=proposals[2],
        by=coordinator,
        reason="Bygdefonden har en egen ansökningsomgång i vår; samordnaren skickar information till alla.",
    )
    services.proposal_merge(
        proposal=proposals[3], into=accepted, by=coordinator, expected_version=_version(meeting)
    )


def _version(meeting) -> int:
    return Meeting.objects.values_list("agenda_version", flat=True).get(pk=meeting.pk)


def _move_to_the_past(meeting, days_ago: int):
    """Demo only: shift a meeting, run through its lifecycle, into the past."""
    shift = timezone.localtime(meeting.starts_at).date() - (timezone.localdate() - timedelta(days=days_ago))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=F("starts_at") - shift,
        ends_at=F("ends_at") - shift,
        proposal_deadline=F("proposal_deadline") - shift,
        published_at=F("published_at") - shift,
    )
    meeting.refresh_from_db()


def _through_review(meeting, officials, coordinator, *, approve_all=True):
    services.meeting_send_for_review(meeting=meeting, reviewers=officials[:2], by=coordinator)
    for index, review in enumerate(AgendaReview.objects.filter(meeting=meeting)):
        if approve_all or index == 0:
            services.agenda_review_decide(review=review, reviewer=review.reviewer, approve=True)
        else:
            services.agenda_review_decide(
                review=review,
                reviewer=review.reviewer,
                approve=False,
                comment="Punkten om belysning behöver mer tid; föreslår 30 minuter.",
            )


def _held_meeting(group, coordinator, officials, members, *, title, days_ago):
    meeting = _schedule(group, coordinator, title=title, days=30)
    meeting = services.meeting_open(meeting=meeting, by=coordinator)
    _curate(meeting, _propose_all(meeting, members), coordinator)
    services.meeting_set_officials(meeting=meeting, officials=officials[:2], by=coordinator)
    _through_review(meeting, officials, coordinator)
    for person, answer in zip(members, ["yes", "yes", "maybe", "no"], strict=False):
        services.rsvp_answer(meeting=meeting, person=person, answer=answer)
    services.meeting_publish(meeting=meeting, by=coordinator)
    _move_to_the_past(meeting, days_ago)
    services.meeting_mark_held(meeting=meeting, by=coordinator)
    memberships = list(
        Membership.objects.current().filter(group=group).select_related("person", "organisation")
    )
    services.attendance_record(
        meeting=meeting,
        memberships=memberships[:3],
        officials=officials[:2],
        elected_names=["Kerstin Ledamot (samhällsbyggnadsutskottet)"],
        guest_names=["Besökare från grannbyn"],
        by=coordinator,
    )
    return meeting


def seed_past_meetings(coordinator, officials) -> None:
    """Each group's meetings of the past year, held (their minutes and issues come next)."""
    for group in Group.objects.filter(active=True).select_related("area"):
        if group.meetings.exists():
            continue
        members = _members(group)
        _held_meeting(group, coordinator, officials, members, title="Årsmöte med kommunen", days_ago=400)
        if group.area.slug == "ryssby":
            _held_meeting(group, coordinator, officials, members, title="Vårmöte med kommunen", days_ago=40)


def seed_coming_meetings(coordinator, officials) -> None:
    """Each group at a different step of its next meeting. After the issues are seeded, so that
    a published agenda's follow-up item records the group's open issues."""
    for group in Group.objects.filter(active=True).select_related("area"):
        if (
            group.meetings.filter(starts_at__gt=timezone.now()).exists()
            or group.meetings.filter(status=Meeting.Status.DRAFT).exists()
        ):
            continue
        members = _members(group)
        slug = group.area.slug
        if slug == "lagan":
            meeting = _schedule(group, coordinator, title="Höstmöte med kommunen", days=24)
            meeting = services.meeting_open(meeting=meeting, by=coordinator)
            proposals = _propose_all(meeting, members)
            services.proposal_accept(
                proposal=proposals[0], by=coordinator, expected_version=_version(meeting)
            )
        elif slug == "hamneda":
            meeting = _schedule(group, coordinator, title="Höstmöte med kommunen", days=20)
            meeting = services.meeting_open(meeting=meeting, by=coordinator)
            _curate(meeting, _propose_all(meeting, members), coordinator)
            _through_review(meeting, officials, coordinator, approve_all=False)
        elif slug == "agunnaryd":
            meeting = _schedule(group, coordinator, title="Höstmöte med kommunen", days=21)
            meeting = services.meeting_open(meeting=meeting, by=coordinator)
            _curate(meeting, _propose_all(meeting, members), coordinator)
            services.meeting_set_officials(meeting=meeting, officials=officials[:3], by=coordinator)
            _through_review(meeting, officials, coordinator)
            services.meeting_publish(meeting=meeting, by=coordinator)
            for person, answer in zip(members, ["yes", "maybe"], strict=False):
                services.rsvp_answer(meeting=meeting, person=person, answer=answer)
        elif slug == "lidhult":
            _schedule(group, coordinator, title="Trygghetsdialog", days=60, kind=Meeting.Kind.SAFETY_DIALOGUE)
        elif slug == "bolmens-ostra-strand":
            meeting = _schedule(group, coordinator, title="Sommarmöte vid sjön", days=45)
            meeting = services.meeting_open(meeting=meeting, by=coordinator)
            services.meeting_cancel(
                meeting=meeting, reason="Bygdegården är upptagen; ett nytt datum kommer.", by=coordinator
            )
    if not MeetingRound.objects.exists():
        # A round of next spring's yearly meetings, planned but not yet scheduled group by group.
        services.round_create(
            title="Årsmöten våren",
            kind=Meeting.Kind.GROUP_MEETING,
            proposal_days_before=14,
            groups=Group.objects.filter(active=True),
            by=coordinator,
        )
