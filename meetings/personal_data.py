"""What the meetings app holds of a person: proposals, answers (RSVPs), attendance, the
agendas they reviewed (anchoring), the meetings they attend as an official and what they
created as the coordinator."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import personal_data as registry
from meetings.models import (
    AgendaItem,
    AgendaReview,
    Attendance,
    Meeting,
    MeetingOfficial,
    MeetingRound,
    Proposal,
    Rsvp,
)


def _proposals(user) -> list[dict]:
    return registry.rows(
        Proposal.objects.filter(Q(proposer=user) | Q(decided_by=user)).order_by("created_at", "id"),
        "meeting__title",
        "meeting__starts_at",
        "title",
        "description",
        "hoped_outcome",
        "organisation__name",
        "status",
        "decline_reason",
        "proposer__full_name",
        "decided_by__full_name",
        "decided_at",
        "created_at",
    )


def _rsvps(user) -> list[dict]:
    return registry.rows(
        Rsvp.objects.filter(person=user).order_by("answered_at", "id"),
        "meeting__title",
        "meeting__starts_at",
        "answer",
        "others",
        "answered_at",
    )


def _attendance(user) -> list[dict]:
    return registry.rows(
        Attendance.objects.filter(person=user).order_by("meeting__starts_at", "id"),
        "meeting__title",
        "meeting__starts_at",
        "kind",
        "name",
        "organisation__name",
    )


def _agenda_reviews(user) -> list[dict]:
    return registry.rows(
        AgendaReview.objects.filter(reviewer=user).order_by("requested_at", "id"),
        "meeting__title",
        "verdict",
        "comment",
        "requested_at",
        "decided_at",
    )


def _official_attendances(user) -> list[dict]:
    return registry.rows(
        MeetingOfficial.objects.filter(Q(official=user) | Q(confirmed_by=user)).order_by(
            "confirmed_at", "id"
        ),
        "meeting__title",
        "meeting__starts_at",
        "official__full_name",
        "confirmed_at",
    )


def _created(user) -> list[dict]:
    rounds = registry.rows(MeetingRound.objects.filter(created_by=user).order_by("id"), "title")
    meetings = registry.rows(
        Meeting.objects.filter(created_by=user).order_by("id"), "title", "starts_at", "created_at"
    )
    items = registry.rows(
        AgendaItem.objects.filter(created_by=user).order_by("id"), "meeting__title", "title"
    )
    return (
        [{"kind": "round", **row} for row in rounds]
        + [{"kind": "meeting", **row} for row in meetings]
        + [{"kind": "agenda item", **row} for row in items]
    )


def _erase(user) -> int:
    """Answers go (they are not records); the name written on an attendance row becomes the
    anonymised one. Proposals and reviews stay: they are public records, shown under the
    anonymised name."""
    deleted, _per_model = Rsvp.objects.filter(person=user).delete()
    renamed = Attendance.objects.filter(person=user).update(name=registry.ANONYMOUS_NAME)
    return deleted + renamed


def register() -> None:
    registry.register_export(
        "meetings.proposals", _("Agenda item proposals"), _proposals, covers=["meetings.Proposal"]
    )
    registry.register_export(
        "meetings.rsvps", _("Answers to meeting invitations"), _rsvps, covers=["meetings.Rsvp"]
    )
    registry.register_export(
        "meetings.attendance", _("Attendance at meetings"), _attendance, covers=["meetings.Attendance"]
    )
    registry.register_export(
        "meetings.agenda_reviews",
        _("Agenda reviews (anchoring)"),
        _agenda_reviews,
        covers=["meetings.AgendaReview"],
    )
    registry.register_export(
        "meetings.officials",
        _("Meetings attended as an official"),
        _official_attendances,
        covers=["meetings.MeetingOfficial"],
    )
    registry.register_export(
        "meetings.created",
        _("Meetings, rounds and agenda items you created"),
        _created,
        covers=["meetings.MeetingRound", "meetings.Meeting", "meetings.AgendaItem"],
    )
    registry.register_erasure("meetings.rsvps", _erase)
