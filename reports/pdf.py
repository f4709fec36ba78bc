"""The yearly report as an archival PDF: PDF/A-2a, tagged, in Swedish, with the same
vendored fonts as the minutes (minutes.pdf renders both)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from minutes.pdf import render_archival_pdf


def report_pdf_html(context: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "reports/pdf.html",
            {
                **context,
                "municipality_name": settings.MUNICIPALITY_NAME,
                "primary_color": settings.PRIMARY_COLOR,
            },
        )


def render_report_pdf(context: dict) -> bytes:
    """The report's figures (reports.views.report_context) as PDF/A-2a."""
    return render_archival_pdf(report_pdf_html(context))
