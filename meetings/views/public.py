"""Pages anyone may see once a meeting is public: the meeting, its calendar files."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.rules import is_staff_member
from groups.models import Group
from groups.rules import is_current_member
from issues.selectors import follow_up_issues
from meetings import selectors
from meetings.forms import (
    RsvpForm,
)
from meetings.ics import ICS_MIMETYPE, calendar_for
from meetings.models import Rsvp
from meetings.rules import (
    can_manage_meetings,
)
from meetings.views._common import (
    _agenda_with_times,
    _meeting_for_viewing,
)
from minutes.selectors import latest_release


def meeting_detail(request, pk):
    return render_meeting_page(request, _meeting_for_viewing(request, pk))


def render_meeting_page(request, meeting, *, rsvp_form=None):
    """The meeting's page; with rsvp_form, the answer form as it was sent, with its errors."""
    user = request.user
    is_member = is_current_member(user, meeting.group)
    context = {
        "meeting": meeting,
        "items": _agenda_with_times(meeting),
        # The group's open issues are for the group and the municipality, not the public page.
        "follow_up_issues": follow_up_issues(meeting) if is_member or is_staff_member(user) else None,
        "release": latest_release(meeting),
        "committees": list(meeting.committees.all()),
        "can_manage": can_manage_meetings(user),
        "can_propose": is_member and meeting.accepts_proposals,
        "is_member": is_member,
    }
    if is_member:
        rsvp = Rsvp.objects.filter(meeting=meeting, person=user).first()
        context["rsvp"] = rsvp
        context["rsvp_form"] = rsvp_form or RsvpForm(instance=rsvp)
        context["my_proposals"] = meeting.proposals.filter(proposer=user).select_related("agenda_item")
    return render(request, "meetings/meeting_detail.html", context)


def meeting_ics(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    response = HttpResponse(
        calendar_for([meeting], name=meeting.title), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response


def group_feed_ics(request, slug):
    group = get_object_or_404(Group.objects.select_related("area"), area__slug=slug, active=True)
    meetings = selectors.public_meetings().filter(group=group).order_by("starts_at")
    response = HttpResponse(
        calendar_for(meetings, name=group.name), content_type=f"{ICS_MIMETYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    return response
