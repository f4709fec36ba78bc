"""The lifecycle of a meeting: scheduling, opening, anchoring, publishing, holding, cancelling."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.reviews import verdict_record
from meetings import emails, signals
from meetings.errors import MeetingError
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Meeting,
    MeetingAction,
    MeetingOfficial,
    MeetingRound,
    StandingItem,
    not_approved,
)
from meetings.services._common import Status, _locked, _locked_with_meeting, _move, _record

SCHEDULE_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "proposal_deadline",
)


@transaction.atomic
def meeting_create(
    *, group, created_by, committees=(), elected_representatives="", round=None, **fields
) -> Meeting:
    meeting = Meeting(
        group=group, created_by=created_by, round=round, elected_representatives=elected_representatives
    )
    for name in SCHEDULE_FIELDS:
        setattr(meeting, name, fields[name])
    meeting.validate(committees=committees)
    meeting.save()
    meeting.committees.set(committees)
    standing = StandingItem.objects.filter(active=True).order_by("placement", "position", "id")
    start_items = [item for item in standing if item.placement == StandingItem.Placement.START]
    end_items = [item for item in standing if item.placement == StandingItem.Placement.END]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title=item.title,
            description=item.description,
            duration_minutes=item.duration_minutes,
            standing=True,
            closing=item.placement == StandingItem.Placement.END,
            lists_open_issues=item.lists_open_issues,
            position=position,
        )
        for position, item in enumerate([*start_items, *end_items], start=1)
    )
    _record(meeting, MeetingAction.CREATED, created_by)
    return meeting


@transaction.atomic
def round_create(*, title, kind, proposal_days_before, groups, by, token=None) -> MeetingRound:
    """Start a round of meetings. The same form sent again (`token`: a double click, or going
    back and pressing again) continues the round it started instead of making another; until
    one of its meetings is scheduled, the round takes the choices sent last."""
    choices = {"title": title, "kind": kind, "proposal_days_before": proposal_days_before}
    meeting_round = None
    if token is not None:
        meeting_round = MeetingRound.objects.select_for_update().filter(form_token=token).first()
    if meeting_round is None:
        try:
            with transaction.atomic():
                meeting_round = MeetingRound.objects.create(**choices, created_by=by, form_token=token)
        except IntegrityError:  # the same form, sent twice at the same moment
            return MeetingRound.objects.get(form_token=token)
    elif meeting_round.meetings.exists():
        return meeting_round
    else:
        for name, value in choices.items():
            setattr(meeting_round, name, value)
        meeting_round.save()
    meeting_round.groups.set(groups)
    return meeting_round


@transaction.atomic
def round_schedule(*, meeting_round, rows, by) -> list[Meeting]:
    """Create the round's meetings from each group's date and venue, as drafts, with the
    round's kind, title and deadline (MeetingRound.meeting_for). A row that breaks a rule
    (MeetingRound.validate_meeting) raises its ValidationError and schedules nothing."""
    created = []
    scheduled = set(meeting_round.meetings.values_list("group_id", flat=True))
    for row in rows:
        if row["group"].pk in scheduled:
            continue
        meeting = meeting_round.meeting_for(
            row["group"],
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            venue_name=row["venue_name"],
            venue_address=row["venue_address"],
        )
        meeting_round.validate_meeting(meeting)
        created.append(
            meeting_create(
                group=meeting.group,
                created_by=by,
                round=meeting_round,
                **{name: getattr(meeting, name) for name in SCHEDULE_FIELDS},
            )
        )
    return created


@transaction.atomic
def meeting_update(*, meeting, by, committees=None, elected_representatives=None, **fields) -> Meeting:
    """Change the details of a meeting. A new time or place raises the calendar SEQUENCE
    and, once the group knows of the meeting, tells the group."""
    meeting = _locked(meeting)
    if meeting.is_concluded:
        raise MeetingError(
            _("A meeting that has been held or cancelled cannot be changed."), code="concluded"
        )
    before = (meeting.starts_at, meeting.ends_at, meeting.venue_name, meeting.venue_address)
    for name in SCHEDULE_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    if elected_representatives is not None:
        meeting.elected_representatives = elected_representatives
    meeting.validate(committees=meeting.committees.all() if committees is None else committees)
    rescheduled = before != (meeting.starts_at, meeting.ends_at, meeting.venue_name, meeting.venue_address)
    if rescheduled:
        meeting.sequence += 1
    meeting.save()
    if committees is not None:
        meeting.committees.set(committees)
    if rescheduled:
        _record(meeting, MeetingAction.RESCHEDULED, by)
        if meeting.is_announced:
            emails.send_meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_open(*, meeting, by) -> Meeting:
    """Open for agenda proposals: the group's members are invited to propose."""
    meeting = _locked(meeting)
    _move(meeting, Status.OPEN, _("Only a draft meeting can be opened for proposals."))
    if meeting.proposal_deadline <= timezone.now():
        raise MeetingError(
            _("The deadline for proposals has passed. Move the deadline before opening the meeting."),
            code="deadline_passed",
        )
    meeting.status = Status.OPEN
    meeting.announced_at = timezone.now()
    meeting.save(update_fields=["status", "announced_at", "updated_at"])
    _record(meeting, MeetingAction.OPENED, by)
    emails.send_call_for_proposals(meeting)
    return meeting


@transaction.atomic
def meeting_send_for_review(*, meeting, reviewers, by) -> Meeting:
    """Send the draft agenda to officials for anchoring (förankring)."""
    meeting = _locked(meeting)
    _move(meeting, Status.IN_REVIEW, _("Only a draft or open meeting can be sent for anchoring."))
    reviewers = list(reviewers)
    if not reviewers:
        raise MeetingError(_("Choose at least one official to anchor the agenda with."), code="no_reviewers")
    if not meeting.items.exists():
        raise MeetingError(_("The agenda is empty."), code="empty_agenda")
    meeting.status = Status.IN_REVIEW
    meeting.save(update_fields=["status", "updated_at"])
    new_reviews = []
    for reviewer in reviewers:
        review, created = AgendaReview.objects.get_or_create(meeting=meeting, reviewer=reviewer)
        if not created:
            review.verdict, review.comment, review.decided_at = AgendaReview.Verdict.PENDING, "", None
            review.requested_at = timezone.now()
            review.save()
        new_reviews.append(review)
    _record(meeting, MeetingAction.SENT_FOR_REVIEW, by, ", ".join(str(person) for person in reviewers))
    emails.send_review_requested(meeting, [review.reviewer for review in new_reviews])
    return meeting


@transaction.atomic
def agenda_review_decide(*, review, reviewer, approve: bool, comment: str = "") -> AgendaReview:
    meeting, review = _locked_with_meeting(AgendaReview, review.pk)
    if review.reviewer_id == reviewer.pk and not meeting.is_in_anchoring:
        raise MeetingError(_("The agenda is no longer in anchoring."), code="not_in_anchoring")
    verdict_record(
        review,
        by=reviewer,
        approve=approve,
        comment=comment,
        not_asked_message=_("Only the official who was asked can give this verdict."),
        error_class=MeetingError,
        missing_comment_message=_("Write a comment, or approve the agenda."),
    )
    _record(meeting, MeetingAction.REVIEWED, reviewer, review.get_verdict_display())
    return review


@transaction.atomic
def meeting_publish(*, meeting, by, confirm_without_all_approvals: bool = False) -> Meeting:
    """Publish the anchored agenda: the group is told, the public page shows it."""
    meeting = _locked(meeting)
    _move(meeting, Status.PUBLISHED, _("Only an agenda in anchoring can be published."))
    missing = [str(review.reviewer) for review in not_approved(meeting.reviews.select_related("reviewer"))]
    if missing and not confirm_without_all_approvals:
        raise MeetingError(
            _("Not every official has approved the agenda (%(names)s). Confirm to publish anyway.")
            % {"names": ", ".join(missing)},
            code="not_approved",
        )
    meeting.status = Status.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.announced_at = meeting.announced_at or meeting.published_at
    meeting.save(update_fields=["status", "published_at", "announced_at", "updated_at"])
    signals.agenda_published.send(sender=Meeting, meeting=meeting)
    if missing:
        _record(meeting, MeetingAction.PUBLISHED_WITHOUT_APPROVALS, by, ", ".join(missing))
    else:
        _record(meeting, MeetingAction.PUBLISHED, by)
    emails.send_agenda_published(meeting)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting, by) -> Meeting:
    meeting = _locked(meeting)
    _move(meeting, Status.HELD, _("Only a meeting with a published agenda can be marked as held."))
    if not meeting.has_started:
        raise MeetingError(_("The meeting has not started yet."), code="not_started")
    meeting.status = Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    _record(meeting, MeetingAction.HELD, by)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason: str, by) -> Meeting:
    meeting = _locked(meeting)
    _move(meeting, Status.CANCELLED, _("A meeting that has been held or cancelled cannot be cancelled."))
    reason = reason.strip()
    if not reason:
        raise MeetingError(_("Give a reason for cancelling; the group will see it."), code="reason_missing")
    was_announced = meeting.is_announced
    meeting.status = Status.CANCELLED
    meeting.cancellation_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    _record(meeting, MeetingAction.CANCELLED, by, reason)
    if was_announced:
        emails.send_meeting_cancelled(meeting)
    return meeting


@transaction.atomic
def meeting_set_officials(*, meeting, officials, by) -> list:
    """Confirm which officials attend; the newly confirmed are told."""
    meeting = _locked(meeting)
    if meeting.is_concluded:
        raise MeetingError(
            _("A meeting that has been held or cancelled cannot be changed."), code="concluded"
        )
    wanted = {official.pk: official for official in officials}
    current = set(meeting.official_attendances.values_list("official_id", flat=True))
    meeting.official_attendances.exclude(official_id__in=wanted).delete()
    added = [official for pk, official in wanted.items() if pk not in current]
    MeetingOfficial.objects.bulk_create(
        MeetingOfficial(meeting=meeting, official=official, confirmed_by=by) for official in added
    )
    _record(meeting, MeetingAction.OFFICIALS_CONFIRMED, by, ", ".join(str(o) for o in wanted.values()))
    if added:
        emails.send_officials_invited(meeting, added)
    return added
