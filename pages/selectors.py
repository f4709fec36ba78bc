"""Reads for the pages that combine apps, with their joins and prefetches done once."""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from groups.models import Group, Membership
from groups.selectors import current_main_contact_prefetch
from issues.models import Issue
from issues.selectors import with_latest_update
from meetings.models import Meeting
from minutes.models import MinutesRelease


def _public_meetings_prefetch(*, upcoming: bool, to_attr: str, limit: int | None = None):
    """Each group's published meetings: the coming ones soonest first, or the past ones latest first."""
    # A published meeting that was then cancelled stays listed, marked as cancelled.
    meetings = Meeting.objects.filter(published_at__isnull=False)
    now = timezone.now()
    if upcoming:
        meetings = meetings.filter(ends_at__gte=now).order_by("starts_at")
    else:
        meetings = (
            meetings.filter(ends_at__lt=now)
            .annotate(has_minutes=Exists(MinutesRelease.objects.filter(minutes__meeting=OuterRef("pk"))))
            .order_by("-starts_at")
        )
    # A sliced prefetch reads at most `limit` meetings per group (a window function).
    return Prefetch("meetings", queryset=meetings[:limit] if limit else meetings, to_attr=to_attr)


def public_groups(*, with_past_meetings=False):
    prefetches = [
        current_main_contact_prefetch(),
        _public_meetings_prefetch(upcoming=True, to_attr="upcoming_meetings"),
    ]
    if with_past_meetings:
        prefetches.append(_public_meetings_prefetch(upcoming=False, to_attr="past_meetings"))
    return Group.objects.filter(active=True).select_related("area").prefetch_related(*prefetches)


def public_groups_with_next_meeting():
    """The start page: each active group with its next published meeting only."""
    return (
        Group.objects.filter(active=True)
        .select_related("area")
        .prefetch_related(
            current_main_contact_prefetch(),
            _public_meetings_prefetch(upcoming=True, to_attr="upcoming_meetings", limit=1),
        )
        .order_by("area__name", "pk")
    )


# The open issues a group's card on *Mina grupper* lists (the newest), with their latest update.
MY_GROUP_ISSUES = 10


def groups_of_member(user):
    """The groups a person is a current member of, with fellow members, main contact, the
    coming meetings and the open issues with their latest published update."""
    return (
        Group.objects.filter(pk__in=Membership.objects.current().filter(person=user).values("group"))
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("person", "organisation"),
                to_attr="current_memberships",
            ),
            current_main_contact_prefetch(),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(announced_at__isnull=False)
                .filter(ends_at__gte=timezone.now())
                .order_by("starts_at"),
                to_attr="coming_meetings",
            ),
            Prefetch(
                "issues",
                queryset=with_latest_update(
                    Issue.objects.followed_up()
                    .select_related("department", "committee")
                    .order_by("-created_at", "-id")
                )[:MY_GROUP_ISSUES],
                to_attr="open_issues",
            ),
        )
    )
