"""The pages that combine apps: what a visitor, a member or an official sees of several at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import paginate, permission_required, require_permission, submit_form
from core.reviews import verdict_page
from finance import selectors as finance_selectors
from groups.filters import GroupSearch
from groups.forms import FollowedAreasForm
from groups.models import Area
from issues.selectors import follow_up_issues, issues_referred_to
from meetings import selectors as meeting_selectors
from meetings import services as meeting_services
from meetings.errors import MeetingError
from meetings.forms import ReviewForm, RsvpForm
from meetings.models import AgendaReview, Rsvp
from minutes import selectors as minutes_selectors
from pages import selectors
from participation import selectors as participation_selectors

# Cards on the start page: a multiple of the two- and three-column layouts.
AREAS_PER_PAGE = 24
# The meetings an official attends, and the issues referred to an elected representative's
# committees: a page at a time, the newest first.
ROWS_PER_PAGE = 20


@login_required
def start(request):
    """Where a login lands: an elected representative on their own page, the municipality's
    people on the overview, representatives on their groups."""
    if request.user.has_perm("groups.follow_areas"):
        return redirect("pages:elected_representative")
    if request.user.has_perm("groups.view_all_groups"):
        return redirect("groups:overview")
    return redirect("pages:my_groups")


def home(request):
    search = GroupSearch(request.GET, queryset=selectors.public_groups_with_next_meeting())
    return render(
        request, "pages/home.html", {"filter": search, **paginate(request, search.qs, AREAS_PER_PAGE)}
    )


def area(request, slug):
    area = get_object_or_404(Area, slug=slug)
    group = get_object_or_404(selectors.public_groups(with_past_meetings=True), area=area)
    context = {
        "area": area,
        "group": group,
        "granted_projects": finance_selectors.granted_projects(area),
        **participation_selectors.area_participation(area),
    }
    return render(request, "pages/area.html", context)


@login_required
def my_groups(request):
    context = {
        "groups": selectors.groups_of_member(request.user),
        "sign_offs": minutes_selectors.pending_sign_offs_of(request.user),
    }
    return render(request, "pages/my_groups.html", context)


@permission_required("meetings.view_own_meetings")
def my_meetings(request):
    context = {
        "minutes_reviews": minutes_selectors.pending_reviews_of(request.user),
        "reviews": meeting_selectors.pending_reviews_of(request.user),
        **paginate(request, meeting_selectors.meetings_of_official(request.user), ROWS_PER_PAGE),
    }
    return render(request, "pages/my_meetings.html", context)


@permission_required("groups.follow_areas")
def elected_representative(request):
    """An elected representative's own page: the meetings they are invited to, the issues
    referred to their committees, and the areas they follow (what they may change)."""
    representative = request.user.elected_representative
    form = FollowedAreasForm(request.POST or None, instance=representative)
    if submit_form(request, form, lambda data: form.save(), _("The areas you follow are saved.")):
        return redirect("pages:elected_representative")
    context = {
        "representative": representative,
        "form": form,
        "meetings": meeting_selectors.meetings_inviting(request.user),
        "committees": list(representative.committees.all()),
        **paginate(request, issues_referred_to(representative), ROWS_PER_PAGE),
    }
    return render(request, "pages/elected_representative.html", context)


def meeting(request, pk):
    return _meeting_page(request, meeting_selectors.meeting_visible_to(request.user, pk))


def _meeting_page(request, meeting, *, rsvp_form=None):
    """The meeting's page; with rsvp_form, the answer form as it was sent, with its errors."""
    user = request.user
    context = {
        "meeting": meeting,
        "items": meeting_selectors.agenda_with_times(meeting),
        "follow_up_issues": (
            follow_up_issues(meeting) if user.has_perm("meetings.view_follow_up_issues", meeting) else None
        ),
        "release": minutes_selectors.latest_release(meeting),
        "committees": list(meeting.committees.all()),
    }
    if user.has_perm("meetings.rsvp_meeting", meeting):
        rsvp = Rsvp.objects.filter(meeting=meeting, person=user).first()
        context["rsvp"] = rsvp
        context["rsvp_form"] = rsvp_form or RsvpForm(instance=rsvp)
    if user.has_perm("meetings.take_part_in_meeting", meeting):
        context["my_proposals"] = meeting.proposals.filter(proposer=user).select_related("agenda_item")
    return render(request, "pages/meeting.html", context)


@require_POST
@login_required
def rsvp(request, pk):
    meeting = meeting_selectors.meeting_visible_to(request.user, pk)
    # A member is told why an answer is refused (the meeting has started): the service says it.
    require_permission(request.user, "meetings.rsvp_meeting", meeting)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        # The page again, with what is wrong next to the field and the names typed kept.
        return _meeting_page(request, meeting, rsvp_form=form)
    try:
        meeting_services.rsvp_answer(meeting=meeting, person=request.user, **form.cleaned_data)
    except MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect(meeting)


@login_required
def agenda_review(request, pk):
    """The agenda as the official asked to anchor it sees it, with the group's open issues,
    and the verdict form."""
    review = get_object_or_404(AgendaReview.objects.select_related("meeting__group__area"), pk=pk)
    require_permission(request.user, "meetings.review_agenda", review)
    meeting = review.meeting
    return verdict_page(
        request,
        form=ReviewForm(request.POST or None),
        decide=lambda form: meeting_services.agenda_review_decide(
            review=review, reviewer=request.user, approve=form.approves, comment=form.cleaned_data["comment"]
        ),
        template="pages/agenda_review.html",
        context={
            "review": review,
            "meeting": meeting,
            "follow_up_issues": follow_up_issues(meeting),
            "committees": list(meeting.committees.all()),
            "items": meeting_selectors.agenda_with_times(meeting),
        },
        done_url=reverse("pages:my_meetings"),
        done_message=_("Thank you, your verdict was sent to the coordinator."),
    )
