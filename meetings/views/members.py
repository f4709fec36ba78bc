"""The representatives' side: proposing agenda items and answering whether they come."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import require_permission, submit_form
from meetings import services
from meetings.errors import MeetingError
from meetings.forms import (
    ProposalForm,
)
from meetings.models import Proposal
from meetings.views._common import (
    _meeting_for_viewing,
)


@login_required
def proposal_create(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    # A member is told why a proposal is refused (the deadline passed): the service says it.
    require_permission(request.user, "meetings.take_part_in_meeting", meeting)
    form = ProposalForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.proposal_submit(meeting=meeting, proposer=request.user, **data),
        _("Thank you! Your proposal has been sent to the coordinator."),
    ):
        return redirect(meeting)
    if request.method == "GET" and not request.user.has_perm("meetings.propose_item", meeting):
        messages.error(request, _("The meeting does not take proposals now."))
        return redirect(meeting)
    return render(request, "meetings/proposal_form.html", {"meeting": meeting, "form": form})


def _own_proposal(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("meeting__group__area"), pk=pk)
    return require_permission(request.user, "meetings.change_own_proposal", proposal)


@login_required
def proposal_edit(request, pk):
    proposal = _own_proposal(request, pk)
    if not request.user.has_perm("meetings.edit_proposal", proposal):
        # Why not, in the service's words.
        try:
            services.proposal_check_changeable(proposal=proposal, by=request.user)
        except MeetingError as error:
            messages.error(request, error.message)
            return redirect(proposal.meeting)
    form = ProposalForm(request.POST or None, instance=proposal)
    if submit_form(
        request,
        form,
        lambda data: services.proposal_update(proposal=proposal, by=request.user, **data),
        _("Your proposal was saved."),
    ):
        return redirect(proposal.meeting)
    return render(
        request,
        "meetings/proposal_form.html",
        {"meeting": proposal.meeting, "form": form, "proposal": proposal},
    )


@require_POST
@login_required
def proposal_withdraw(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.proposal_withdraw(proposal=proposal, by=request.user)
    except MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your proposal was withdrawn."))
    return redirect(proposal.meeting)
