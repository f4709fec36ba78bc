from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import personal_data as registry
from core.http import permission_required, require_permission, submit_form
from groups.models import Membership
from meetings.models import Meeting
from privacy import forms, records, services
from privacy.models import AuditEntry

User = get_user_model()


@permission_required("privacy.download_own_data")
def my_data(request):
    """What the site holds of the person, the download, leaving a group and closing the account."""
    context = {
        "parts": [export.title for export in registry.exports()],
        "memberships": Membership.objects.current()
        .filter(person=request.user)
        .select_related("group", "organisation"),
        "close_refusal": services.account_close_refusal(request.user),
    }
    return render(request, "privacy/my_data.html", context)


@permission_required("privacy.download_own_data")
def my_data_download(request):
    archive = services.my_data_zip(request.user)
    return FileResponse(
        archive, as_attachment=True, filename="mina-uppgifter.zip", content_type="application/zip"
    )


@login_required
def leave_group(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("group", "organisation"), pk=pk, person=request.user
    )
    require_permission(request.user, "privacy.leave_group", membership)
    form = forms.LeaveGroupForm(request.POST if request.method == "POST" else None)
    done = submit_form(
        request,
        form,
        lambda data: services.membership_leave(membership=membership, person=request.user),
        _("You have left %(group)s.") % {"group": membership.group},
    )
    if done:
        return redirect("privacy:my_data")
    return render(request, "privacy/leave_group.html", {"membership": membership, "form": form})


@permission_required("privacy.close_own_account")
def close_own_account(request):
    form = forms.CloseOwnAccountForm(request.POST if request.method == "POST" else None)
    refusal = services.account_close_refusal(request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.account_close(person=request.user, by=request.user),
        _("Your account is closed. Thank you for taking part."),
    )
    if done:
        logout(request)
        messages.success(request, _("Your account is closed. Thank you for taking part."))
        return redirect("pages:home")
    return render(request, "privacy/close_own_account.html", {"form": form, "refusal": refusal})


@permission_required("privacy.close_account_of")
def close_account_of(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = forms.CloseAccountForm(request.POST if request.method == "POST" else None)
    refusal = services.account_close_refusal(person)
    done = submit_form(
        request,
        form,
        lambda data: services.account_close(person=person, by=request.user, reason=data["reason"]),
        _("The account is closed."),
    )
    if done:
        if person.pk == request.user.pk:
            logout(request)
            return redirect("pages:home")
        return redirect("privacy:audit_log")
    return render(
        request, "privacy/close_account_of.html", {"form": form, "person": person, "refusal": refusal}
    )


@permission_required("privacy.view_audit_log")
def audit_log(request):
    entries = AuditEntry.objects.select_related("actor", "subject")
    page = Paginator(entries, 50).get_page(request.GET.get("sida"))
    return render(
        request, "privacy/audit_log.html", {"page": page, "days": settings.RETENTION_DAYS["audit_log"]}
    )


def privacy_notice(request):
    retentions = [
        {"description": retention.description, "days": retention.days} for retention in registry.retentions()
    ]
    context = {
        "parts": [export.title for export in registry.exports()],
        "retentions": retentions,
        "controller": settings.PRIVACY_CONTROLLER,
        "controller_email": settings.PRIVACY_CONTROLLER_EMAIL,
        "controller_address": settings.PRIVACY_CONTROLLER_ADDRESS,
        "dpo_email": settings.PRIVACY_DPO_EMAIL,
    }
    return render(request, "privacy/privacy_notice.html", context)


def accessibility(request):
    context = {
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
    }
    return render(request, "privacy/accessibility.html", context)


@permission_required("privacy.export_public_records")
def public_records(request, pk):
    """The coordinator puts together a meeting's complete file for a request for public records."""
    meeting = get_object_or_404(Meeting.objects.select_related("group__area"), pk=pk)
    form = forms.PublicRecordsForm(request.POST if request.method == "POST" else None)
    refusal = records.refusal(meeting)
    if request.method == "POST" and form.is_valid() and not refusal:
        content = records.public_records_zip(
            meeting=meeting,
            by=request.user,
            include_contact_details=form.cleaned_data["include_contact_details"],
        )
        response = HttpResponse(content, content_type="application/zip")
        filename = f"allmanna-handlingar-mote-{meeting.pk}-{meeting.starts_at:%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request, "privacy/public_records.html", {"meeting": meeting, "form": form, "refusal": refusal}
    )
