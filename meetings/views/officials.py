"""The officials' side: their meetings and the agendas they anchor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import services
from meetings.errors import MeetingError
from meetings.forms import (
    ReviewForm,
)
from meetings.models import AgendaReview
from meetings.rules import (
    can_review,
)


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
    return redirect("pages:my_meetings")
