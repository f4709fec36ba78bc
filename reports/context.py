"""What the report's page and its PDF show: the figures, the comparison with the year
before and the charts."""

from django.utils.translation import gettext as _

from issues.models import Issue
from meetings.models import Meeting
from participation.models import Channel, Response
from reports import measures
from reports.charts import Chart
from reports.pdf import render_report_pdf

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
    measures.SUGGESTIONS_RECEIVED,
)


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
        _chart(
            "chart-residents",
            _("Suggestions and survey answers by channel, %(year)s and %(previous)s")
            % {"year": year, "previous": year - 1},
            year,
            rows,
            [
                measures.SUGGESTIONS_RECEIVED,
                *(measures.suggestions_key(channel) for channel in Channel),
                *(measures.survey_answers_key(source) for source in Response.Source),
            ],
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


def dispatch_pdf(dispatch) -> bytes:
    """The PDF sent with a dispatch: the yearly report, or the quarterly digest."""
    return render_report_pdf(report_context(dispatch.year, dispatch.quarter))
