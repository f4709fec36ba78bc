from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import permission_required, submit_form
from reports import exports, measures, services
from reports.context import dispatch_pdf, report_context
from reports.forms import ReportSendForm
from reports.models import ReportDispatch
from reports.pdf import render_report_pdf

GROUPS_PER_PAGE = 50
EARLIEST_YEAR = 2000


def _checked_year(year: int) -> int:
    """A year that has begun: a year to come has no figures (404), nor one before the app."""
    if not EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("There is no report for that year."))
    return year


@permission_required("reports.view_report")
def latest(request):
    """The last full year."""
    return redirect("reports:report", year=timezone.localdate().year - 1)


@permission_required("reports.send_report")
def report_send(request, year):
    year = _checked_year(year)
    form = ReportSendForm(request.POST or None, initial={"year": year})
    if submit_form(
        request,
        form,
        lambda data: services.report_send(by=request.user, pdf_for=dispatch_pdf, year=year, **data),
        _("The report was sent."),
    ):
        return redirect("reports:report", year=year)
    return render(request, "reports/send.html", {"form": form, "year": year})


@permission_required("reports.view_report")
def report(request, year):
    context = report_context(_checked_year(year))
    context["dispatches"] = (
        ReportDispatch.objects.filter(year=year).select_related("sent_by").prefetch_related("committees")[:20]
    )
    page = Paginator(context["report"].groups, GROUPS_PER_PAGE).get_page(request.GET.get("sida"))
    context.update(
        page=page,
        group_rows=[
            (entry.group, list(zip(context["columns"], entry.values(context["columns"]), strict=True)))
            for entry in page.object_list
        ],
        # Earlier years stay reachable by address; the link leads back only while there is
        # something to compare, not through empty years to the earliest one.
        previous_year=year - 1 if context["has_previous_data"] else None,
        next_year=year + 1 if year < timezone.localdate().year else None,
    )
    return render(request, "reports/report.html", context)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("reports.view_report")
def report_pdf(request, year):
    context = report_context(_checked_year(year))
    return _download(render_report_pdf(context), "application/pdf", f"rapport-{year}.pdf")


@permission_required("reports.view_report")
def report_csv(request, year):
    report = measures.build_report(_checked_year(year))
    return _download(exports.report_csv(report), "text/csv; charset=utf-8", f"rapport-{year}.csv")


@permission_required("reports.view_report")
def report_xlsx(request, year):
    report = measures.build_report(_checked_year(year))
    return _download(
        exports.report_xlsx(report),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"rapport-{year}.xlsx",
    )
