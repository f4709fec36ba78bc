"""Reads that pages share, with their joins and prefetches done once."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from groups.models import Group, Invitation, MainContactPeriod, Membership


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


def current_main_contact_prefetch():
    return Prefetch(
        "main_contact_periods",
        queryset=MainContactPeriod.objects.current().select_related(
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
            pending_invitation_count=_count_per_group(Invitation.objects.open()),
        )
        .prefetch_related(current_main_contact_prefetch())
        .order_by("area__name", "pk")
    )


def group_memberships(group):
    return Membership.objects.filter(group=group).select_related("person", "organisation")


def main_contact_history(group):
    return MainContactPeriod.objects.filter(group=group).select_related(
        "membership__person", "membership__organisation", "appointed_by"
    )


def invitations_for_listing():
    return Invitation.objects.select_related("group__area", "organisation", "invited_by")
