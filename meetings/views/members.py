"""The representatives' side: proposing agenda items and answering whether they come."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.rules import is_current_member
from meetings import services
from meetings.errors import MeetingError
from meetings.forms import (
    ProposalForm,
)
from meetings.models import Proposal
from meetings.rules import (
    can_edit_proposal,
)
from meetings.views._common import (
    _meeting_for_viewing,
    _submit,
)


@login_required
def proposal_create(request, pk):
    meeting = _meeting_for_viewing(request, pk)
    if not is_current_member(request.user, meeting.group):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: services.proposal_submit(meeting=meeting, proposer=request.user, **data),
        _("Thank you! Your proposal has been sent to the coordinator."),
    ):
        return redirect(meeting)
    if request.method == "GET" and not meeting.accepts_proposals:
        messages.error(request, _("The meeting does not take proposals now."))
        return redirect(meeting)
    return render(request, "meetings/proposal_form.html", {"meeting": meeting, "form": form})


def _own_proposal(request, pk) -> Proposal:
    """The person's own proposal, while they are a member: the right ends with the membership."""
    proposal = get_object_or_404(Proposal.objects.select_related("meeting__group__area"), pk=pk)
    if proposal.proposer_id != request.user.pk or not is_current_member(request.user, proposal.meeting.group):
        raise PermissionDenied
    return proposal


@login_required
def proposal_edit(request, pk):
    proposal = _own_proposal(request, pk)
    if not can_edit_proposal(request.user, proposal):
        messages.error(
            request, _("The coordinator has already handled the proposal; it can no longer be changed.")
        )
        return redirect(proposal.meeting)
    form = ProposalForm(request.POST or None, instance=proposal)
    if _submit(
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
