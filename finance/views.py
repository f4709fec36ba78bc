from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import paginate, permission_required, require_permission, submit_form
from finance import exports, selectors, services
from finance.forms import (
    BudgetExportForm,
    BudgetOutcomeForm,
    BudgetReferralForm,
    FundApplicationForm,
    FundDecisionForm,
    FundReportForm,
)
from finance.models import BudgetReferral, FundApplication, FundAttachment, VillageFund
from issues.models import Issue
from officials.models import Committee


def _issue(request, pk):
    issue = get_object_or_404(Issue.objects.select_related("group__area", "committee"), pk=pk)
    require_permission(request.user, "issues.view_issue_page", issue)
    return require_permission(request.user, "finance.manage_budget_referral", issue)


@permission_required("finance.view_budget_referrals")
def referral_set(request, pk):
    issue = _issue(request, pk)
    referral = BudgetReferral.objects.filter(issue=issue).first()
    form = BudgetReferralForm(request.POST or None, referral=referral, issue=issue)
    if submit_form(
        request,
        form,
        lambda data: services.budget_referral_set(issue=issue, by=request.user, **data),
        _("The budget referral was saved."),
    ):
        return redirect(issue)
    return render(request, "finance/referral_form.html", {"issue": issue, "form": form, "referral": referral})


@permission_required("finance.view_budget_referrals")
def referral_decide(request, pk):
    issue = _issue(request, pk)
    referral = get_object_or_404(BudgetReferral, issue=issue)
    form = BudgetOutcomeForm(request.POST or None)
    if submit_form(
        request,
        form,
        lambda data: services.budget_referral_decide(referral=referral, by=request.user, **data),
        _("The outcome was saved."),
    ):
        return redirect(issue)
    return render(request, "finance/outcome_form.html", {"issue": issue, "form": form, "referral": referral})


def _referrals(year, committee):
    referrals = BudgetReferral.objects.filter(budget_year=year).select_related(
        "committee", "issue__group__area"
    )
    return referrals.filter(committee=committee) if committee else referrals


@permission_required("finance.view_budget_referrals")
def referral_export(request):
    form = BudgetExportForm(request.GET or None)
    return render(request, "finance/export.html", {"form": form})


def _export_scope(request, year):
    committee = None
    if request.GET.get("namnd"):
        committee = get_object_or_404(Committee, slug=request.GET["namnd"])
    if not 2000 <= year <= 2100:
        raise Http404
    return _referrals(year, committee), committee


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("finance.view_budget_referrals")
def referral_csv(request, year):
    referrals, committee = _export_scope(request, year)
    suffix = f"-{committee.slug}" if committee else ""
    return _download(
        exports.referrals_csv(referrals), "text/csv; charset=utf-8", f"budget-{year}{suffix}.csv"
    )


@permission_required("finance.view_budget_referrals")
def referral_xlsx(request, year):
    referrals, committee = _export_scope(request, year)
    suffix = f"-{committee.slug}" if committee else ""
    return _download(
        exports.referrals_xlsx(referrals, title=str(year)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"budget-{year}{suffix}.xlsx",
    )


# Village funds -------------------------------------------------------------------------------

APPLICATIONS_PER_PAGE = 20


@permission_required("finance.view_funds")
def fund_list(request):
    year = timezone.localdate().year
    context = {
        "funds": selectors.funds_open_to(request.user, year),
        "year": year,
        **paginate(request, selectors.applications_for(request.user), APPLICATIONS_PER_PAGE),
    }
    return render(request, "finance/fund_list.html", context)


@permission_required("finance.view_funds")
def fund_apply(request, pk):
    fund = get_object_or_404(VillageFund, pk=pk, active=True)
    organisations = selectors.organisations_applying_for(request.user, fund)
    if not organisations.exists():
        raise PermissionDenied
    form = FundApplicationForm(request.POST or None, request.FILES or None, organisations=organisations)
    application = submit_form(
        request,
        form,
        lambda data: services.fund_application_submit(fund=fund, applicant=request.user, **data),
        _("Thank you! The application was sent to the coordinator."),
    )
    if application:
        return redirect(application)
    return render(request, "finance/fund_apply.html", {"fund": fund, "form": form})


@login_required
def application_detail(request, pk):
    application = get_object_or_404(
        FundApplication.objects.select_related("fund", "organisation", "applicant", "decided_by"), pk=pk
    )
    require_permission(request.user, "finance.view_application", application)
    decide_form = report_form = None
    if request.user.has_perm("finance.decide_application", application):
        decide_form = FundDecisionForm(request.POST if "decide" in request.POST else None)
        if submit_form(
            request,
            decide_form,
            lambda data: services.fund_application_decide(application=application, by=request.user, **data),
            _("The decision was recorded."),
        ):
            return redirect(application)
    if request.user.has_perm("finance.report_application", application):
        report_form = FundReportForm(
            request.POST if "report" in request.POST else None,
            request.FILES if "report" in request.POST else None,
        )
        if submit_form(
            request,
            report_form,
            lambda data: services.fund_application_report(application=application, by=request.user, **data),
            _("Thank you! The report was sent."),
        ):
            return redirect(application)
    context = {
        "application": application,
        "attachments": application.attachments.defer("content"),
        "decide_form": decide_form,
        "report_form": report_form,
    }
    return render(request, "finance/application_detail.html", context)


@login_required
def attachment(request, pk):
    stored = get_object_or_404(FundAttachment.objects.select_related("application"), pk=pk)
    require_permission(request.user, "finance.view_application", stored.application)
    response = HttpResponse(bytes(stored.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bilaga-{stored.pk}.pdf"'
    return response
