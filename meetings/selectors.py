"""Reads that meeting pages share, with joins and prefetches done once."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.conditions import through
from groups.models import Group
from meetings.models import (
    AgendaReview,
    Attendance,
    Meeting,
    MeetingOfficial,
    MeetingRound,
    Proposal,
    Rsvp,
    in_anchoring,
)
from officials.rules import is_staff_member

User = get_user_model()


def agenda_items(meeting):
    return meeting.items.prefetch_related("departments").order_by("position", "id")


def agenda_with_times(meeting):
    """The agenda items with the clock time each starts, from the meeting's start."""
    items = list(agenda_items(meeting))
    clock = timezone.localtime(meeting.starts_at)
    for item in items:
        item.starts_at = clock
        clock = clock + timedelta(minutes=item.duration_minutes)
    return items


def meeting_visible_to(user, pk) -> Meeting:
    """The meeting, or a 404 for someone who may not see it: unpublished meetings do not exist
    for those who may not see them."""
    meeting = get_object_or_404(Meeting.objects.select_related("group__area"), pk=pk)
    if not user.has_perm("meetings.see_meeting", meeting):
        raise Http404
    return meeting


def suggested_officials(meeting):
    """Officials of the officials' group whose departments the agenda items are tagged with."""
    return (
        User.objects.filter(
            official__in_officials_group=True,
            official__departments__agenda_items__meeting=meeting,
            is_active=True,
        )
        .select_related("official")
        .distinct()
        .order_by("full_name")
    )


def all_officials():
    return (
        User.objects.filter(official__isnull=False, is_active=True)
        .select_related("official")
        .order_by("full_name")
    )


def public_meetings():
    return Meeting.objects.filter(published_at__isnull=False).select_related("group__area")


# What a group's calendar feed holds: the last twelve months and the coming year.
FEED_WINDOW = timedelta(days=365)


def group_feed_meetings(group):
    now = timezone.now()
    return (
        public_meetings()
        .filter(group=group, starts_at__gte=now - FEED_WINDOW, starts_at__lt=now + FEED_WINDOW)
        .order_by("starts_at")
    )


def feed_version(meetings) -> str:
    """Changes whenever the feed would: a meeting enters or leaves the window, or any of them is
    changed (every change a calendar sees raises the meeting's SEQUENCE)."""
    numbers = meetings.order_by().aggregate(
        count=Count("pk"), sequences=Sum("sequence"), changed=Max("updated_at")
    )
    changed = numbers["changed"].timestamp() if numbers["changed"] else 0
    return f"{numbers['count']}-{numbers['sequences'] or 0}-{changed:.6f}"


def upcoming_public_meetings_prefetch():
    """For lists of groups: each group's coming published meetings, soonest first."""
    return Prefetch(
        "meetings",
        queryset=public_meetings().published().filter(ends_at__gte=timezone.now()).order_by("starts_at"),
        to_attr="upcoming_meetings",
    )


def proposals_for_curation(meeting):
    return meeting.proposals.select_related("proposer", "organisation", "agenda_item").prefetch_related(
        "departments"
    )


def reviews(meeting):
    return meeting.reviews.select_related("reviewer__official")


def rsvps(meeting):
    return (
        Rsvp.objects.filter(meeting=meeting).select_related("person").order_by("answer", "person__full_name")
    )


def attendances(meeting):
    return Attendance.objects.filter(meeting=meeting).select_related("organisation").order_by("kind", "name")


def officials_attending(meeting):
    return MeetingOfficial.objects.filter(meeting=meeting).select_related("official__official")


def meetings_of_official(user):
    return (
        Meeting.objects.filter(official_attendances__official=user)
        .not_cancelled()
        .select_related("group__area")
        .order_by("-starts_at")
    )


def pending_reviews_of(user):
    return (
        AgendaReview.objects.filter(through("meeting", in_anchoring()), reviewer=user)
        .select_related("meeting__group__area")
        .order_by("meeting__starts_at")
    )


def _year_bounds(year: int):
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(datetime(year, 1, 1), time.min, tzinfo=zone),
        datetime.combine(datetime(year + 1, 1, 1), time.min, tzinfo=zone),
    )


def _count(queryset, group_field="group"):
    """A correlated COUNT per group (the queryset is filtered on OuterRef("pk"))."""
    counts = queryset.order_by().values(group_field).annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def year_overview(year: int):
    """Per group and year: meetings planned, held and never marked as held, whether the yearly
    physical meeting is planned, held or not marked as held, the next proposal deadline and
    proposals waiting for curation."""
    start, end = _year_bounds(year)
    in_year = Meeting.objects.filter(group=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end)
    physical = in_year.filter(kind=Meeting.Kind.GROUP_MEETING)
    return (
        Group.objects.filter(active=True)
        .select_related("area")
        .annotate(
            planned_count=_count(in_year.planned()),
            held_count=_count(in_year.held()),
            not_marked_held_count=_count(in_year.not_marked_held()),
            physical_planned=Exists(physical.planned()),
            physical_held=Exists(physical.held()),
            physical_not_marked_held=Exists(physical.not_marked_held()),
            next_deadline=Subquery(
                Meeting.objects.accepting_proposals()
                .filter(group=OuterRef("pk"))
                .order_by()
                .values("group")
                .annotate(first=Min("proposal_deadline"))
                .values("first")
            ),
            waiting_proposals=_count(
                Proposal.objects.awaiting_curation().filter(meeting__group=OuterRef("pk")),
                group_field="meeting__group",
            ),
        )
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end).order_by(
                    "starts_at"
                ),
                to_attr="meetings_in_year",
            )
        )
        .order_by("area__name", "pk")
    )


def rounds():
    """Rounds of meetings, newest first, with their groups and how many of their meetings are
    scheduled."""
    return (
        MeetingRound.objects.annotate(scheduled_count=Count("meetings", distinct=True))
        .order_by("-created_at", "-id")
        .prefetch_related(
            Prefetch("groups", queryset=Group.objects.select_related("area").order_by("area__name"))
        )
    )


def group_meetings(group, *, user):
    """The meetings on a group's page, latest first; drafts only for the municipality's people."""
    meetings = Meeting.objects.filter(group=group).order_by("-starts_at")
    if not is_staff_member(user):
        meetings = meetings.filter(announced_at__isnull=False)
    return meetings[:20]


# The coming meetings an elected representative's page lists: more than a year of meetings
# with elected representatives in the areas one follows.
INVITATIONS_LISTED = 20


def meetings_inviting(user):
    """The coming meetings with elected representatives of the areas the person follows, once
    announced, soonest first, each with their own answer (`my_answers`: none or one)."""
    return (
        Meeting.objects.filter(
            kind=Meeting.Kind.ELECTED_REPRESENTATIVES,
            group__area__elected_representatives__user=user,
            group__area__elected_representatives__active=True,
            announced_at__isnull=False,
            ends_at__gte=timezone.now(),
        )
        .not_cancelled()
        .select_related("group__area")
        .prefetch_related(Prefetch("rsvps", queryset=Rsvp.objects.filter(person=user), to_attr="my_answers"))
        .order_by("starts_at", "pk")[:INVITATIONS_LISTED]
    )
