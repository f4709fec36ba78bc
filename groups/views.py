from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User, normalise_email
from core.http import (
    paginate,
    permission_required,
    query_without,
    require_permission,
    safe_next_url,
    submit_form,
)
from core.mail import latest_delivery_status
from core.models import MailDelivery
from groups import emails, selectors, services
from groups.errors import GroupsError
from groups.filters import GroupSearch, InvitationFilter, MembershipFilter, OrganisationFilter
from groups.forms import (
    InvitationAcceptForm,
    InvitationForm,
    MainContactForm,
    MembershipEndForm,
    MembershipForm,
    OrganisationForm,
)
from groups.models import Group, Invitation, Membership, Organisation

coordinator_required = permission_required("groups.manage_groups")

MEMBERS_PER_PAGE = 50
GROUPS_PER_PAGE = 30


def _group_by_slug(slug) -> Group:
    return get_object_or_404(Group.objects.select_related("area"), area__slug=slug)


def _group_for_viewing(request, slug) -> Group:
    return require_permission(request.user, "groups.view_group_page", _group_by_slug(slug))


# The coordinator's and officials' pages ------------------------------------------------


@permission_required("groups.view_all_groups")
def overview(request):
    search = GroupSearch(request.GET, queryset=selectors.groups_overview())
    return render(
        request, "groups/overview.html", {"filter": search, **paginate(request, search.qs, GROUPS_PER_PAGE)}
    )


@login_required
def group_detail(request, slug):
    group = _group_for_viewing(request, slug)
    member_filter = MembershipFilter(request.GET, queryset=selectors.group_memberships(group))
    page = Paginator(member_filter.qs, MEMBERS_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "group": group,
        "filter": member_filter,
        "page": page,
        "query_without_page": query_without(request, "sida"),
        "main_contact": services.current_main_contact(group),
        "history": selectors.main_contact_history(group),
        "pending_invitations": (
            selectors.invitations_for_listing().open().filter(group=group)
            if request.user.has_perm("groups.manage_groups")
            else None
        ),
    }
    return render(request, "groups/group_detail.html", context)


def _redirect_back(request, default):
    """Back to the page the form was on, if it is one of ours."""
    return redirect(safe_next_url(request) or default)


@coordinator_required
def membership_add(request, slug):
    group = _group_by_slug(slug)
    form = MembershipForm(request.POST or None, group=group)
    if submit_form(
        request,
        form,
        lambda data: services.membership_add(group=group, by=request.user, **data),
        lambda membership: _("%(person)s is now a member of the group.") % {"person": membership.person},
    ):
        return redirect(group)
    return render(request, "groups/membership_form.html", {"group": group, "form": form})


@coordinator_required
def membership_end(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("person", "organisation", "group__area"), pk=pk
    )
    form = MembershipEndForm(request.POST or None, membership=membership)
    if not membership.is_current:
        messages.error(request, _("This membership has already ended."))
        return redirect(membership.group)
    if submit_form(
        request,
        form,
        lambda data: services.membership_end(membership=membership, end=data["end"], by=request.user),
        _("The membership of %(person)s has ended.") % {"person": membership.person},
    ):
        return redirect(membership.group)
    return render(request, "groups/membership_end.html", {"membership": membership, "form": form})


@coordinator_required
def main_contact_hand_over(request, slug):
    group = _group_by_slug(slug)
    form = MainContactForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        try:
            services.main_contact_hand_over(
                group=group,
                membership=membership,
                start=form.cleaned_data["start"],
                appointed_by=request.user,
            )
        except GroupsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(person)s is now the main contact person.") % {"person": membership.person}
            )
            if not membership.organisation.suits_main_contact:
                messages.warning(
                    request,
                    _(
                        "%(organisation)s is a %(kind)s. The operational plan prefers a main contact from the "
                        "community association, the parish council or another suitable association."
                    )
                    % {
                        "organisation": membership.organisation,
                        "kind": membership.organisation.get_kind_display(),
                    },
                )
            return redirect(group)
    context = {"group": group, "form": form, "main_contact": services.current_main_contact(group)}
    return render(request, "groups/main_contact_form.html", context)


# Invitations ---------------------------------------------------------------------------


@coordinator_required
def invitation_create(request, slug):
    group = _group_by_slug(slug)
    form = InvitationForm(request.POST or None, group=group)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.invitations_send(
            group=group,
            raw_addresses=form.cleaned_data["addresses"],
            organisation=form.cleaned_data["organisation"],
            invited_by=request.user,
        )
        if result.sent:
            messages.success(
                request,
                _("Invitations sent to %(count)s addresses.") % {"count": len(result.sent)}
                if len(result.sent) > 1
                else _("An invitation was sent to %(address)s.") % {"address": result.sent[0]},
            )
        if not result.needs_attention:
            return redirect(group)
        # Keep only what still needs attention in the box, so the coordinator can correct it.
        form = InvitationForm(
            initial={
                "addresses": "\n".join(text for _line, text in result.invalid),
                "organisation": form.cleaned_data["organisation"],
            },
            group=group,
        )
    return render(request, "groups/invitation_form.html", {"group": group, "form": form, "result": result})


@coordinator_required
def invitation_list(request):
    invitation_filter = InvitationFilter(request.GET, queryset=selectors.invitations_for_listing())
    page = Paginator(invitation_filter.qs, 50).get_page(request.GET.get("sida"))
    # How the latest mail of each invitation on the page went: a refused one says so.
    statuses = latest_delivery_status(emails.about(invitation) for invitation in page.object_list)
    for invitation in page.object_list:
        status = statuses.get(emails.about(invitation))
        invitation.mail_failed = status == MailDelivery.Status.FAILED
        invitation.mail_waiting = status == MailDelivery.Status.QUEUED
    return render(
        request,
        "groups/invitation_list.html",
        {"filter": invitation_filter, "page": page, "query_without_page": query_without(request, "sida")},
    )


@require_POST
@coordinator_required
def invitation_resend(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_resend(invitation=invitation, by=request.user)
    except GroupsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new link was sent to %(address)s.") % {"address": invitation.email})
    return _redirect_back(request, "groups:invitations")


@require_POST
@coordinator_required
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, revoked_by=request.user)
    except GroupsError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The invitation to %(address)s was revoked.") % {"address": invitation.email}
        )
    return _redirect_back(request, "groups:invitations")


def invitation_accept(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(
            request, "groups/invitation_invalid.html", {"reason": _("This link is not valid.")}, status=404
        )
    # Someone who followed the link and then logged in (accepting at login) lands in the group.
    accepted_by_this_person = (
        invitation.is_accepted
        and request.user.is_authenticated
        and normalise_email(request.user.email) == invitation.email
    )
    if accepted_by_this_person:
        return redirect(invitation.group)
    try:
        services.invitation_check_open(invitation)
    except GroupsError as error:
        return render(request, "groups/invitation_invalid.html", {"reason": error.message}, status=410)

    has_account = User.objects.filter(email=invitation.email).exists()
    if has_account and not request.user.is_authenticated:
        messages.info(
            request,
            _("There is already an account for %(email)s. Log in to accept the invitation.")
            % {"email": invitation.email},
        )
        return redirect_to_login(request.get_full_path())
    if request.user.is_authenticated and normalise_email(request.user.email) != invitation.email:
        return render(
            request,
            "groups/invitation_invalid.html",
            {
                "reason": _("This invitation was sent to %(email)s. Log out and open the link again.")
                % {"email": invitation.email}
            },
            status=403,
        )

    form = InvitationAcceptForm(request.POST or None, invitation=invitation, new_person=not has_account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if has_account:
                services.invitation_accept_choosing_organisation(
                    invitation=invitation,
                    person=request.user,
                    organisation=data["organisation"],
                    proposed_organisation_name=data["proposed_organisation_name"],
                    proposed_organisation_kind=data["proposed_organisation_kind"],
                )
            else:
                membership = services.invitation_accept_as_new_person(
                    invitation=invitation,
                    full_name=data["full_name"],
                    phone=data["phone"],
                    password=data["password1"],
                    organisation=data["organisation"],
                    proposed_organisation_name=data["proposed_organisation_name"],
                    proposed_organisation_kind=data["proposed_organisation_kind"],
                )
                login(request, membership.person, backend="groups.backends.UserWithRolesBackend")
        except GroupsError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Welcome! You are now a member of %(group)s.") % {"group": invitation.group}
            )
            return redirect(invitation.group)
    return render(request, "groups/invitation_accept.html", {"invitation": invitation, "form": form})


# Organisations -------------------------------------------------------------------------


@coordinator_required
def organisation_list(request):
    organisation_filter = OrganisationFilter(
        request.GET, queryset=Organisation.objects.prefetch_related("areas").order_by("confirmed", "name")
    )
    page = Paginator(organisation_filter.qs, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "groups/organisation_list.html",
        {"filter": organisation_filter, "page": page, "query_without_page": query_without(request, "sida")},
    )


@coordinator_required
def organisation_edit(request, pk=None):
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("The organisation %(name)s was saved.") % {"name": organisation.name})
        return redirect("groups:organisations")
    return render(request, "groups/organisation_form.html", {"form": form, "organisation": organisation})


@require_POST
@coordinator_required
def organisation_confirm(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    try:
        services.organisation_confirm(organisation=organisation)
    except GroupsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is confirmed.") % {"name": organisation.name})
    return redirect("groups:organisations")
