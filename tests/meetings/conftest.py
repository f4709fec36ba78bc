"""Meetings built the way a coordinator builds them: created through the service and moved
along by the real transitions, so that a test starts from a state the app can reach."""

from datetime import timedelta

from django.utils import timezone

from meetings import services
from meetings.models import AgendaReview, Meeting, Proposal
from officials.models import Department, Official
from tests.conftest import make_person

Status = Meeting.Status
# Where a meeting is first scheduled when the asked-for times would not let it pass through
# its transitions (meeting_open needs a future deadline): far enough ahead for every state.
_SCHEDULE_AHEAD = timedelta(days=60)


def make_official(
    full_name=None, email=None, *, departments=("park-och-skotselfragor",), in_officials_group=True
):
    person = make_person(full_name, email)
    official = Official.objects.create(
        user=person, title="Handläggare", in_officials_group=in_officials_group
    )
    official.departments.set(Department.objects.filter(slug__in=departments))
    return person


def make_meeting(
    group,
    *,
    status=Status.DRAFT,
    starts_in=None,
    starts_at=None,
    duration=timedelta(hours=2),
    deadline_before=timedelta(days=14),
    by=None,
    reviewers=None,
    kind=Meeting.Kind.GROUP_MEETING,
    title="Gruppmöte",
    venue_name="Bygdegården",
    venue_address="Storgatan 1, Lagan",
    **extra,
):
    """A meeting of `group` in `status`, starting `starts_in` from now (or at `starts_at`):
    by default in 30 days, or yesterday for a held meeting.

    A meeting that must leave the draft state with a deadline already passed (a held meeting,
    say) is scheduled ahead, moved along, and then time is let pass: its times are set to the
    asked-for ones directly, as the clock would, without a reschedule."""
    if starts_in is None:
        starts_in = timedelta(days=-1) if status == Status.HELD else timedelta(days=30)
    starts_at = starts_at or timezone.now() + starts_in
    deadline = starts_at - deadline_before
    needs_future_deadline = status not in {Status.DRAFT, Status.CANCELLED}
    scheduled_at = starts_at
    if needs_future_deadline and deadline <= timezone.now():
        scheduled_at = timezone.now() + _SCHEDULE_AHEAD
    meeting = services.meeting_create(
        group=group,
        created_by=by,
        kind=kind,
        title=title,
        starts_at=scheduled_at,
        ends_at=scheduled_at + duration,
        venue_name=venue_name,
        venue_address=venue_address,
        proposal_deadline=scheduled_at - deadline_before,
        **extra,
    )
    if status == Status.CANCELLED:
        return services.meeting_cancel(meeting=meeting, reason="Lokalen är inte ledig.", by=by)
    if status != Status.DRAFT:
        meeting = services.meeting_open(meeting=meeting, by=by)
    if status in {Status.IN_REVIEW, Status.PUBLISHED, Status.HELD}:
        reviewers = reviewers if reviewers is not None else [make_official()]
        meeting = services.meeting_send_for_review(meeting=meeting, reviewers=reviewers, by=by)
    if status in {Status.PUBLISHED, Status.HELD}:
        for review in meeting.reviews.all():
            services.agenda_review_decide(review=review, reviewer=review.reviewer, approve=True)
        meeting = services.meeting_publish(meeting=meeting, by=by)
    if scheduled_at != starts_at:
        let_time_pass(meeting, starts_at=starts_at, ends_at=starts_at + duration, proposal_deadline=deadline)
    if status == Status.HELD:
        meeting = services.meeting_mark_held(meeting=meeting, by=by)
    return meeting


def let_time_pass(meeting, **times):
    """Set a meeting's times as if the clock had moved on: no reschedule, no new sequence."""
    Meeting.objects.filter(pk=meeting.pk).update(**times)
    meeting.refresh_from_db()
    return meeting


def pending_review(meeting, reviewer) -> AgendaReview:
    return AgendaReview.objects.get(meeting=meeting, reviewer=reviewer)


# Meetings and proposals in every state that matters, moved there by the services -------

DRAFT, OPEN, OPEN_LATE, IN_REVIEW, PUBLISHED, STARTED, HELD = (
    "draft",
    "open",
    "open, deadline passed",
    "in anchoring",
    "published",
    "published, started",
    "held",
)
CANCELLED_DRAFT, CANCELLED_OPEN, CANCELLED_PUBLISHED = (
    "cancelled as a draft",
    "cancelled when open",
    "cancelled when published",
)
STATES = [
    DRAFT,
    OPEN,
    OPEN_LATE,
    IN_REVIEW,
    PUBLISHED,
    STARTED,
    HELD,
    CANCELLED_DRAFT,
    CANCELLED_OPEN,
    CANCELLED_PUBLISHED,
]


def meeting_in(state, group, *, by, reviewer) -> Meeting:
    """A meeting of `group` in `state`, moved there by the services."""
    status = {
        DRAFT: Status.DRAFT,
        OPEN: Status.OPEN,
        OPEN_LATE: Status.OPEN,
        IN_REVIEW: Status.IN_REVIEW,
        PUBLISHED: Status.PUBLISHED,
        STARTED: Status.PUBLISHED,
        HELD: Status.HELD,
        CANCELLED_DRAFT: Status.CANCELLED,
        CANCELLED_OPEN: Status.OPEN,
        CANCELLED_PUBLISHED: Status.PUBLISHED,
    }[state]
    starts_in = timedelta(hours=-1) if state == STARTED else None
    meeting = make_meeting(group, status=status, starts_in=starts_in, by=by, reviewers=[reviewer])
    if state == OPEN_LATE:
        let_time_pass(meeting, proposal_deadline=timezone.now() - timedelta(minutes=1))
    if state in {CANCELLED_OPEN, CANCELLED_PUBLISHED}:
        meeting = services.meeting_cancel(meeting=meeting, reason="Lokalen är inte ledig.", by=by)
    return Meeting.objects.select_related("group").get(pk=meeting.pk)


WAITING, WAITING_IN_ANCHORING, LEFT_OUT, ACCEPTED, MERGED, DECLINED, WITHDRAWN, RETURNED = (
    "waiting",
    "waiting, agenda in anchoring",
    "waiting, agenda published without it",
    "accepted",
    "merged",
    "declined",
    "withdrawn",
    "accepted, then its item removed",
)
PROPOSAL_STATES = [WAITING, WAITING_IN_ANCHORING, LEFT_OUT, ACCEPTED, MERGED, DECLINED, WITHDRAWN, RETURNED]


def _version(meeting) -> int:
    return Meeting.objects.get(pk=meeting.pk).agenda_version


def proposals_in(state, group, proposers, *, by, reviewer) -> list[Proposal]:
    """A proposal by each of `proposers` to one open meeting, all moved to `state`."""
    meeting = make_meeting(group, status=Status.OPEN, by=by)
    proposals = [
        services.proposal_submit(meeting=meeting, proposer=person, title=f"Förslag av {person}")
        for person in proposers
    ]
    for proposal in proposals:
        if state in {ACCEPTED, RETURNED}:
            item = services.proposal_accept(proposal=proposal, by=by, expected_version=_version(meeting))
            if state == RETURNED:
                services.agenda_item_remove(item=item, by=by, expected_version=_version(meeting))
        elif state == MERGED:
            into = meeting.items.order_by("position").first()
            services.proposal_merge(proposal=proposal, into=into, by=by, expected_version=_version(meeting))
        elif state == DECLINED:
            services.proposal_decline(proposal=proposal, by=by, reason="Hör till Trafikverket.")
        elif state == WITHDRAWN:
            services.proposal_withdraw(proposal=proposal, by=proposal.proposer)
    if state in {WAITING_IN_ANCHORING, LEFT_OUT}:
        services.meeting_send_for_review(meeting=meeting, reviewers=[reviewer], by=by)
    if state == LEFT_OUT:
        services.meeting_publish(meeting=meeting, by=by, confirm_without_all_approvals=True)
    return [Proposal.objects.select_related("meeting__group").get(pk=proposal.pk) for proposal in proposals]
