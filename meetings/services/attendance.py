"""Answers (coming or not) and who actually attended."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.rules import elected_representative_of, is_current_member
from meetings.errors import MeetingError
from meetings.models import (
    Attendance,
    MeetingAction,
    Rsvp,
)
from meetings.services._common import _locked, _record


@transaction.atomic
def rsvp_answer(*, meeting, person, answer: str, others: str = "") -> Rsvp:
    if answer not in Rsvp.Answer.values:
        raise MeetingError(_("Choose whether you are coming."), code="no_answer")
    if not is_current_member(person, meeting.group) and not meeting.invites_elected_representative(
        elected_representative_of(person)
    ):
        raise MeetingError(_("Only members of the group can answer."), code="not_a_member")
    if not meeting.accepts_answers:
        raise MeetingError(_("It is no longer possible to answer for this meeting."), code="not_answerable")
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
    if not meeting.is_held:
        raise MeetingError(
            _("Attendance is recorded once the meeting has been marked as held."), code="not_held"
        )
    if any(membership.group_id != meeting.group_id for membership in memberships):
        raise MeetingError(
            _("Only members of the group can be recorded as representatives."), code="not_a_member"
        )
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
    _record(meeting, MeetingAction.ATTENDANCE_RECORDED, by, str(len(rows)))
