"""Meetings built the way a coordinator builds them: created through the service and moved
along by the real transitions, so that a test starts from a state the app can reach."""

from datetime import timedelta

from django.utils import timezone

from meetings import services
from meetings.models import AgendaReview, Meeting
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
