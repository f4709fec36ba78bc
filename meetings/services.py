"""Every write that matters for meetings: the lifecycle, proposals, curation, anchoring,
officials, answers and attendance. Each checks the current state and raises MeetingError."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Membership
from groups.rules import is_current_member
from meetings import emails
from meetings.errors import AgendaConflict, MeetingError
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Attendance,
    Meeting,
    MeetingEvent,
    MeetingOfficial,
    MeetingRound,
    Proposal,
    Rsvp,
    StandingItem,
)

Status = Meeting.Status


def _record(meeting, action, actor, detail=""):
    MeetingEvent.objects.create(meeting=meeting, action=action, actor=actor, detail=detail)


def _locked(meeting) -> Meeting:
    """The meeting row, locked for this transaction, so that two transitions queue up."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_status(meeting, allowed, message):
    if meeting.status not in allowed:
        raise MeetingError(message)


def _on_commit(function, *args, **kwargs):
    transaction.on_commit(lambda: function(*args, **kwargs))


# Scheduling ----------------------------------------------------------------------------

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
    meeting.full_clean()
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
            position=position,
        )
        for position, item in enumerate([*start_items, *end_items], start=1)
    )
    _record(meeting, MeetingEvent.Action.CREATED, created_by)
    return meeting


@transaction.atomic
def round_create(*, title, kind, proposal_days_before, groups, by) -> MeetingRound:
    meeting_round = MeetingRound.objects.create(
        title=title, kind=kind, proposal_days_before=proposal_days_before, created_by=by
    )
    meeting_round.groups.set(groups)
    return meeting_round


@transaction.atomic
def round_schedule(*, meeting_round, rows, by) -> list[Meeting]:
    """Create the round's meetings from each group's date and venue, as drafts."""
    created = []
    scheduled = set(meeting_round.meetings.values_list("group_id", flat=True))
    for row in rows:
        if row["group"].pk in scheduled:
            continue
        created.append(
            meeting_create(
                group=row["group"],
                created_by=by,
                round=meeting_round,
                kind=meeting_round.kind,
                title=meeting_round.title,
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                venue_name=row["venue_name"],
                venue_address=row["venue_address"],
                proposal_deadline=row["proposal_deadline"],
            )
        )
    return created


@transaction.atomic
def meeting_update(*, meeting, by, committees=None, elected_representatives=None, **fields) -> Meeting:
    """Change the details of a meeting. A new time or place raises the calendar SEQUENCE
    and, once the group knows of the meeting, tells the group."""
    meeting = _locked(meeting)
    _require_status(
        meeting,
        Meeting.CANCELLABLE_STATES,
        _("A meeting that has been held or cancelled cannot be changed."),
    )
    before = (meeting.starts_at, meeting.ends_at, meeting.venue_name, meeting.venue_address)
    for name in SCHEDULE_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    if elected_representatives is not None:
        meeting.elected_representatives = elected_representatives
    meeting.full_clean()
    rescheduled = before != (meeting.starts_at, meeting.ends_at, meeting.venue_name, meeting.venue_address)
    if rescheduled:
        meeting.sequence += 1
    meeting.save()
    if committees is not None:
        meeting.committees.set(committees)
    if rescheduled:
        _record(meeting, MeetingEvent.Action.RESCHEDULED, by)
        if meeting.is_announced:
            _on_commit(emails.send_meeting_changed, meeting)
    return meeting


@transaction.atomic
def meeting_open(*, meeting, by) -> Meeting:
    """Open for agenda proposals: the group's members are invited to propose."""
    meeting = _locked(meeting)
    _require_status(meeting, {Status.DRAFT}, _("Only a draft meeting can be opened for proposals."))
    if meeting.proposal_deadline <= timezone.now():
        raise MeetingError(
            _("The deadline for proposals has passed. Move the deadline before opening the meeting.")
        )
    meeting.status = Status.OPEN
    meeting.announced_at = timezone.now()
    meeting.save(update_fields=["status", "announced_at", "updated_at"])
    _record(meeting, MeetingEvent.Action.OPENED, by)
    _on_commit(emails.send_call_for_proposals, meeting)
    return meeting


@transaction.atomic
def meeting_send_for_review(*, meeting, reviewers, by) -> Meeting:
    """Send the draft agenda to officials for anchoring (förankring)."""
    meeting = _locked(meeting)
    _require_status(
        meeting, {Status.DRAFT, Status.OPEN}, _("Only a draft or open meeting can be sent for anchoring.")
    )
    reviewers = list(reviewers)
    if not reviewers:
        raise MeetingError(_("Choose at least one official to anchor the agenda with."))
    if not meeting.items.exists():
        raise MeetingError(_("The agenda is empty."))
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
    _record(meeting, MeetingEvent.Action.SENT_FOR_REVIEW, by, ", ".join(str(person) for person in reviewers))
    _on_commit(emails.send_review_requested, meeting, [review.reviewer for review in new_reviews])
    return meeting


@transaction.atomic
def agenda_review_decide(*, review, reviewer, approve: bool, comment: str = "") -> AgendaReview:
    review = AgendaReview.objects.select_related("meeting").select_for_update().get(pk=review.pk)
    if review.reviewer_id != reviewer.pk:
        raise MeetingError(_("Only the official who was asked can give this verdict."))
    _require_status(review.meeting, {Status.IN_REVIEW}, _("The agenda is no longer in anchoring."))
    comment = comment.strip()
    if not approve and not comment:
        raise MeetingError(_("Write a comment, or approve the agenda."))
    review.verdict = AgendaReview.Verdict.APPROVED if approve else AgendaReview.Verdict.COMMENTED
    review.comment = comment
    review.decided_at = timezone.now()
    review.save()
    _record(review.meeting, MeetingEvent.Action.REVIEWED, reviewer, review.get_verdict_display())
    return review


@transaction.atomic
def meeting_publish(*, meeting, by, confirm_without_all_approvals: bool = False) -> Meeting:
    """Publish the anchored agenda: the group is told, the public page shows it."""
    meeting = _locked(meeting)
    _require_status(meeting, {Status.IN_REVIEW}, _("Only an agenda in anchoring can be published."))
    missing = [
        str(review.reviewer)
        for review in meeting.reviews.select_related("reviewer")
        if review.verdict != AgendaReview.Verdict.APPROVED
    ]
    if missing and not confirm_without_all_approvals:
        raise MeetingError(
            _("Not every official has approved the agenda (%(names)s). Confirm to publish anyway.")
            % {"names": ", ".join(missing)}
        )
    meeting.status = Status.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.announced_at = meeting.announced_at or meeting.published_at
    meeting.save(update_fields=["status", "published_at", "announced_at", "updated_at"])
    if missing:
        _record(meeting, MeetingEvent.Action.PUBLISHED_WITHOUT_APPROVALS, by, ", ".join(missing))
    else:
        _record(meeting, MeetingEvent.Action.PUBLISHED, by)
    _on_commit(emails.send_agenda_published, meeting)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting, by) -> Meeting:
    meeting = _locked(meeting)
    _require_status(
        meeting, {Status.PUBLISHED}, _("Only a meeting with a published agenda can be marked as held.")
    )
    if not meeting.has_started:
        raise MeetingError(_("The meeting has not started yet."))
    meeting.status = Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    _record(meeting, MeetingEvent.Action.HELD, by)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason: str, by) -> Meeting:
    meeting = _locked(meeting)
    _require_status(
        meeting,
        Meeting.CANCELLABLE_STATES,
        _("A meeting that has been held or cancelled cannot be cancelled."),
    )
    reason = reason.strip()
    if not reason:
        raise MeetingError(_("Give a reason for cancelling; the group will see it."))
    was_announced = meeting.is_announced
    meeting.status = Status.CANCELLED
    meeting.cancellation_reason = reason
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    _record(meeting, MeetingEvent.Action.CANCELLED, by, reason)
    if was_announced:
        _on_commit(emails.send_meeting_cancelled, meeting)
    return meeting


# Proposals -----------------------------------------------------------------------------


def _membership_for(person, group):
    return (
        Membership.objects.current().filter(person=person, group=group).select_related("organisation").first()
    )


@transaction.atomic
def proposal_submit(
    *, meeting, proposer, title, description="", hoped_outcome="", departments=()
) -> Proposal:
    membership = _membership_for(proposer, meeting.group)
    if membership is None:
        raise MeetingError(_("Only members of the group can propose agenda items."))
    if meeting.status != Status.OPEN:
        raise MeetingError(_("The meeting is not open for proposals."))
    if timezone.now() >= meeting.proposal_deadline:
        raise MeetingError(_("The deadline for proposals has passed."))
    proposal = Proposal.objects.create(
        meeting=meeting,
        proposer=proposer,
        organisation=membership.organisation,
        title=title,
        description=description,
        hoped_outcome=hoped_outcome,
    )
    proposal.departments.set(departments)
    return proposal


def _require_editable_by_proposer(proposal, person):
    if proposal.proposer_id != person.pk:
        raise MeetingError(_("Only the person who proposed the item can change it."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise MeetingError(
            _("The coordinator has already handled the proposal; it can no longer be changed.")
        )
    if not proposal.meeting.agenda_is_curatable:
        raise MeetingError(_("The agenda is already published."))


@transaction.atomic
def proposal_update(*, proposal, by, title, description="", hoped_outcome="", departments=()) -> Proposal:
    proposal = Proposal.objects.select_related("meeting").select_for_update().get(pk=proposal.pk)
    _require_editable_by_proposer(proposal, by)
    proposal.title, proposal.description, proposal.hoped_outcome = title, description, hoped_outcome
    proposal.save()
    proposal.departments.set(departments)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal, by) -> Proposal:
    proposal = Proposal.objects.select_related("meeting").select_for_update().get(pk=proposal.pk)
    _require_editable_by_proposer(proposal, by)
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


# Curation ------------------------------------------------------------------------------


def _change_agenda(meeting, expected_version: int) -> Meeting:
    """Claim the next agenda version, or refuse: someone else changed the agenda since the
    form was loaded. Every change to the agenda goes through here."""
    if not meeting.agenda_is_curatable:
        raise MeetingError(_("The agenda is published and can no longer be changed."))
    claimed = Meeting.objects.filter(pk=meeting.pk, agenda_version=expected_version).update(
        agenda_version=F("agenda_version") + 1
    )
    if not claimed:
        raise AgendaConflict(
            _(
                "Someone else changed the agenda while you were working on it. Nothing was changed: "
                "here is the current agenda, make your change again."
            )
        )
    meeting.agenda_version = expected_version + 1
    return meeting


def _append_before_closing(meeting, item: AgendaItem) -> None:
    """Place a new item after the others but before the standing items that close the meeting."""
    items = list(meeting.items.exclude(pk=item.pk).order_by("position", "id"))
    index = len(items)
    while index > 0 and items[index - 1].closing:
        index -= 1
    items.insert(index, item)
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


def _require_waiting(proposal):
    if proposal.status != Proposal.Status.SUBMITTED:
        raise MeetingError(_("The proposal has already been handled."))


@transaction.atomic
def agenda_item_add(
    *, meeting, by, expected_version, title, description="", duration_minutes=15, departments=()
):
    meeting = _change_agenda(_locked(meeting), expected_version)
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        description=description,
        duration_minutes=duration_minutes,
        created_by=by,
    )
    item.departments.set(departments)
    _append_before_closing(meeting, item)
    return item


@transaction.atomic
def agenda_item_update(
    *, item, by, expected_version, title, description="", duration_minutes=15, departments=()
):
    _change_agenda(_locked(item.meeting), expected_version)
    item.title, item.description, item.duration_minutes = title, description, duration_minutes
    item.save()
    item.departments.set(departments)
    return item


@transaction.atomic
def agenda_item_remove(*, item, by, expected_version) -> None:
    """Take an item off the agenda; proposals behind it wait for curation again."""
    meeting = _change_agenda(_locked(item.meeting), expected_version)
    item.proposals.update(
        status=Proposal.Status.SUBMITTED, agenda_item=None, decided_by=None, decided_at=None
    )
    item.delete()
    items = list(meeting.items.order_by("position", "id"))
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def agenda_item_move(*, item, by, expected_version, offset: int) -> None:
    """Move an item up (-1) or down (+1): the keyboard-friendly way to order the agenda."""
    meeting = _change_agenda(_locked(item.meeting), expected_version)
    items = list(meeting.items.order_by("position", "id"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        raise MeetingError(_("The item is already at the edge of the agenda."))
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items, start=1):
        each.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def proposal_accept(*, proposal, by, expected_version) -> AgendaItem:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_waiting(proposal)
    item = agenda_item_add(
        meeting=proposal.meeting,
        by=by,
        expected_version=expected_version,
        title=proposal.title,
        description=proposal.description,
        departments=proposal.departments.all(),
    )
    _decide(proposal, Proposal.Status.ACCEPTED, by, agenda_item=item)
    return item


@transaction.atomic
def proposal_merge(*, proposal, into: AgendaItem, by, expected_version) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_waiting(proposal)
    if into.meeting_id != proposal.meeting_id:
        raise MeetingError(_("A proposal can only be merged into an item of the same meeting."))
    _change_agenda(_locked(proposal.meeting), expected_version)
    into.departments.add(*proposal.departments.all())
    return _decide(proposal, Proposal.Status.MERGED, by, agenda_item=into)


@transaction.atomic
def proposal_decline(*, proposal, by, reason: str) -> Proposal:
    proposal = Proposal.objects.select_related("meeting").select_for_update().get(pk=proposal.pk)
    _require_waiting(proposal)
    if not proposal.meeting.agenda_is_curatable:
        raise MeetingError(_("The agenda is published and can no longer be changed."))
    reason = reason.strip()
    if not reason:
        raise MeetingError(_("Give a reason; the proposer will see it."))
    return _decide(proposal, Proposal.Status.DECLINED, by, decline_reason=reason)


def _decide(proposal, status, by, **fields) -> Proposal:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save()
    _on_commit(emails.send_proposal_decided, proposal)
    return proposal


# Officials -----------------------------------------------------------------------------


@transaction.atomic
def meeting_set_officials(*, meeting, officials, by) -> list:
    """Confirm which officials attend; the newly confirmed are told."""
    meeting = _locked(meeting)
    _require_status(
        meeting, Meeting.CANCELLABLE_STATES, _("A meeting that has been held or cancelled cannot be changed.")
    )
    wanted = {official.pk: official for official in officials}
    current = set(meeting.official_attendances.values_list("official_id", flat=True))
    meeting.official_attendances.exclude(official_id__in=wanted).delete()
    added = [official for pk, official in wanted.items() if pk not in current]
    MeetingOfficial.objects.bulk_create(
        MeetingOfficial(meeting=meeting, official=official, confirmed_by=by) for official in added
    )
    _record(meeting, MeetingEvent.Action.OFFICIALS_CONFIRMED, by, ", ".join(str(o) for o in wanted.values()))
    if added:
        _on_commit(emails.send_officials_invited, meeting, added)
    return added


# Answers and attendance ----------------------------------------------------------------


@transaction.atomic
def rsvp_answer(*, meeting, person, answer: str, others: str = "") -> Rsvp:
    if answer not in Rsvp.Answer.values:
        raise MeetingError(_("Choose whether you are coming."))
    if not is_current_member(person, meeting.group):
        raise MeetingError(_("Only members of the group can answer."))
    if not meeting.accepts_answers:
        raise MeetingError(_("It is no longer possible to answer for this meeting."))
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"answer": answer, "others": others.strip(), "answered_at": timezone.now()},
    )
    return rsvp


@transaction.atomic
def attendance_record(*, meeting, memberships, officials, elected_names, guest_names, by) -> None:
    """Record who was there; recording again replaces the earlier record."""
    meeting = _locked(meeting)
    _require_status(
        meeting, {Status.HELD}, _("Attendance is recorded once the meeting has been marked as held.")
    )
    if any(membership.group_id != meeting.group_id for membership in memberships):
        raise MeetingError(_("Only members of the group can be recorded as representatives."))
    meeting.attendances.all().delete()
    rows = [
        Attendance(
            meeting=meeting,
            kind=Attendance.Kind.MEMBER,
            person=membership.person,
            membership=membership,
            organisation=membership.organisation,
            name=membership.person.full_name,
        )
        for membership in memberships
    ]
    rows += [
        Attendance(meeting=meeting, kind=Attendance.Kind.OFFICIAL, person=o, name=o.full_name)
        for o in officials
    ]
    rows += [Attendance(meeting=meeting, kind=Attendance.Kind.ELECTED, name=name) for name in elected_names]
    rows += [Attendance(meeting=meeting, kind=Attendance.Kind.GUEST, name=name) for name in guest_names]
    Attendance.objects.bulk_create(rows)
    _record(meeting, MeetingEvent.Action.ATTENDANCE_RECORDED, by, str(len(rows)))
