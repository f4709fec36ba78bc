from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import permission_required, submit_form
from issues.models import Issue
from meetings.models import Meeting
from reports import exports, measures, services
from reports.charts import Chart
from reports.forms import ReportSendForm
from reports.models import ReportDispatch
from reports.pdf import render_report_pdf

GROUPS_PER_PAGE = 50
EARLIEST_YEAR = 2000
# The columns of the per-group table on the page (every measure is in the exports).
GROUP_COLUMNS = (
    measures.MEETINGS_HELD,
    measures.PHYSICAL_MEETING_HELD,
    measures.ATTENDANCE_MEMBERS,
    measures.PROPOSALS_RECEIVED,
    measures.ISSUES_RAISED,
    measures.ANSWER_DAYS_MEDIAN,
    measures.ANSWER_DAYS_P90,
    measures.ISSUES_OVERDUE,
)


def _checked_year(year: int) -> int:
    """A year that has begun: a year to come has no figures (404), nor one before the app."""
    if not EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise Http404(_("There is no report for that year."))
    return year


def _chart(chart_id, title, year, rows, keys):
    by_key = {row["measure"].key: row for row in rows}
    return Chart(
        id=chart_id,
        title=title,
        year=year,
        rows=[
            (str(by_key[key]["measure"].label), by_key[key]["value"], by_key[key]["previous"])
            for key in keys
            if key in by_key
        ],
    )


def report_context(year: int, quarter: int | None = None) -> dict:
    """The report's figures for the page and the PDF; with a quarter, the quarterly digest
    (that quarter beside the same quarter of the year before)."""
    if quarter:
        report = measures.build_report(year, period=measures.quarter_bounds(year, quarter))
        previous = measures.build_report(year - 1, period=measures.quarter_bounds(year - 1, quarter))
    else:
        report = measures.build_report(year)
        previous = measures.build_report(year - 1)
    rows = measures.comparison(report, previous)
    charts = [
        _chart(
            "chart-meetings",
            _("Meetings held by kind, %(year)s and %(previous)s") % {"year": year, "previous": year - 1},
            year,
            rows,
            [measures.meetings_kind_key(kind) for kind in Meeting.Kind],
        ),
        _chart(
            "chart-proposals",
            _("Proposals, %(year)s and %(previous)s") % {"year": year, "previous": year - 1},
            year,
            rows,
            [measures.PROPOSALS_RECEIVED, *(measures.proposals_key(s) for s in measures.PROPOSAL_OUTCOMES)],
        ),
        _chart(
            "chart-issues",
            _("Issues raised by status now, %(year)s and %(previous)s")
            % {"year": year, "previous": year - 1},
            year,
            rows,
            [measures.ISSUES_RAISED, *(measures.issues_status_key(s) for s in Issue.Status)],
        ),
    ]
    by_key = {measure.key: measure for measure in report.measures}
    columns = [by_key[key] for key in GROUP_COLUMNS]
    return {
        "year": year,
        "quarter": quarter,
        "report": report,
        "comparison": rows,
        "charts": charts,
        "columns": columns,
        "has_data": report.has_data,
        "has_previous_data": previous.has_data,
    }


@permission_required("reports.view_report")
def latest(request):
    """The last full year."""
    return redirect("reports:report", year=timezone.localdate().year - 1)


def _pdf_of(dispatch) -> bytes:
    return render_report_pdf(report_context(dispatch.year, dispatch.quarter))


@permission_required("reports.send_report")
def report_send(request, year):
    year = _checked_year(year)
    form = ReportSendForm(request.POST or None, initial={"year": year})
    if submit_form(
        request,
        form,
        lambda data: services.report_send(by=request.user, pdf_for=_pdf_of, year=year, **data),
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
        previous_year=year - 1,
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
