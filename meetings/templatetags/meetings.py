"""Meetings shown inside other apps' pages, without those apps knowing about meetings."""

from django import template

from meetings import selectors

register = template.Library()


@register.inclusion_tag("meetings/includes/group_meetings.html", takes_context=True)
def group_meetings(context, group):
    """The group's meetings, latest first: with drafts for the municipality's people."""
    user = context["request"].user
    return {
        "group": group,
        "meetings": selectors.group_meetings(group, user=user),
        "can_manage": user.has_perm("meetings.manage_meeting"),
    }
