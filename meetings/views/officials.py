"""The officials' side: their meetings and the agendas they anchor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from issues.selectors import follow_up_issues
from ludgrupper.http import user_passes
from meetings import selectors, services
from meetings.errors import MeetingError
from meetings.forms import (
    ReviewForm,
)
from meetings.models import AgendaReview
from meetings.rules import (
    can_review,
    can_see_own_meetings,
)
from meetings.views._common import (
    _agenda_with_times,
)
from minutes import selectors as minutes_selectors


@user_passes(can_see_own_meetings)
def my_meetings(request):
    context = {
        "minutes_reviews": minutes_selectors.pending_reviews_of(request.user),
        "reviews": selectors.pending_reviews_of(request.user),
        "meetings": selectors.meetings_of_official(request.user),
    }
    return render(request, "meetings/my_meetings.html", context)


@require_POST
@login_required
def review_decide(request, pk):
    review = get_object_or_404(AgendaReview.objects.select_related("meeting"), pk=pk)
    if not can_review(request.user, review):
        raise PermissionDenied
    form = ReviewForm(request.POST, prefix=f"review-{review.pk}")
    if form.is_valid():
        try:
            services.agenda_review_decide(
                review=review,
                reviewer=request.user,
                approve=form.approves,
                comment=form.cleaned_data["comment"],
            )
        except MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your verdict was sent to the coordinator."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("meetings:my_meetings")


@login_required
def review_agenda(request, pk):
    """The agenda as the reviewer sees it, with the verdict form."""
    review = get_object_or_404(AgendaReview.objects.select_related("meeting__group__area"), pk=pk)
    if not can_review(request.user, review):
        raise PermissionDenied
    meeting = review.meeting
    context = {
        "review": review,
        "meeting": meeting,
        "follow_up_issues": follow_up_issues(meeting),
        "committees": list(meeting.committees.all()),
        "items": _agenda_with_times(meeting),
        "form": ReviewForm(prefix=f"review-{review.pk}"),
    }
    return render(request, "meetings/review.html", context)
