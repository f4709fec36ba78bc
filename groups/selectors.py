"""Reads that pages share, with their joins and prefetches done once."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from groups.models import Group, Invitation, MainContactPeriod, Membership
from meetings.models import Meeting
from minutes.models import MinutesRelease


def _count_per_group(queryset, counted="pk", distinct=False):
    """A correlated COUNT per group, so that counting one relation does not multiply another."""
    counts = (
        queryset.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(total=Count(counted, distinct=distinct))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _current_main_contact_prefetch():
    return Prefetch(
        "main_contact_periods",
        queryset=MainContactPeriod.objects.filter(end__isnull=True).select_related(
            "membership__person", "membership__organisation"
        ),
        to_attr="current_main_contact_periods",
    )


def groups_overview():
    """Every group with its numbers and current main contact, in three queries."""
    current = Membership.objects.current()
    return (
        Group.objects.select_related("area")
        .annotate(
            member_count=_count_per_group(current),
            organisation_count=_count_per_group(current, counted="organisation", distinct=True),
            pending_invitation_count=_count_per_group(
                Invitation.objects.filter(status=Invitation.Status.PENDING, expires_at__gt=timezone.now())
            ),
        )
        .prefetch_related(_current_main_contact_prefetch())
    )


def _public_meetings_prefetch(*, upcoming: bool, to_attr: str):
    """Each group's published meetings: the coming ones soonest first, or the past ones latest first."""
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
    return Prefetch("meetings", queryset=meetings, to_attr=to_attr)


def public_groups(*, with_past_meetings=False):
    prefetches = [
        _current_main_contact_prefetch(),
        _public_meetings_prefetch(upcoming=True, to_attr="upcoming_meetings"),
    ]
    if with_past_meetings:
        prefetches.append(_public_meetings_prefetch(upcoming=False, to_attr="past_meetings"))
    return Group.objects.filter(active=True).select_related("area").prefetch_related(*prefetches)


def group_meetings(group, *, include_drafts: bool):
    """The meetings on a group's page, latest first."""
    meetings = Meeting.objects.filter(group=group).order_by("-starts_at")
    if not include_drafts:
        meetings = meetings.filter(announced_at__isnull=False)
    return meetings[:20]


def group_memberships(group):
    return Membership.objects.filter(group=group).select_related("person", "organisation")


def main_contact_history(group):
    return MainContactPeriod.objects.filter(group=group).select_related(
        "membership__person", "membership__organisation", "appointed_by"
    )


def groups_of_member(user):
    """The groups a person is a current member of, with fellow members and main contact."""
    return (
        Group.objects.filter(memberships__person=user, memberships__end__isnull=True)
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("person", "organisation"),
                to_attr="current_memberships",
            ),
            _current_main_contact_prefetch(),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(announced_at__isnull=False)
                .filter(ends_at__gte=timezone.now())
                .order_by("starts_at"),
                to_attr="coming_meetings",
            ),
        )
        .distinct()
    )


def invitations_for_listing():
    return Invitation.objects.select_related("group__area", "organisation", "invited_by")
