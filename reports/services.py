from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import activity
from core.mail import queue_mail
from reports.errors import ReportError
from reports.models import ReportAction, ReportDispatch


def pdf_filename(dispatch) -> str:
    if dispatch.quarter:
        return f"kvartalsrapport-{dispatch.year}-q{dispatch.quarter}.pdf"
    return f"arsrapport-{dispatch.year}.pdf"


@transaction.atomic
def report_send(
    *, kind, year, committees, case_number, by, pdf_for, quarter=None, today=None
) -> ReportDispatch:
    """Send the yearly report, or the quarterly digest, to the committees chosen: the PDF
    (made by pdf_for(dispatch)) attached and a link to the report's page; the dispatch is
    recorded with the case number. A year or quarter that has not begun is refused, and so is a
    committee without an address (the coordinator adds it in the admin)."""
    today = today or timezone.localdate()
    case_number = case_number.strip()
    if not case_number:
        raise ReportError(_("Give the case number (diarienummer)."), code="no_case_number")
    if not committees:
        raise ReportError(_("Choose at least one committee."), code="no_committee")
    without_address = [committee.name for committee in committees if not committee.email]
    if without_address:
        raise ReportError(
            _("These committees have no email address yet (add it under Committees in the admin): %(names)s.")
            % {"names": ", ".join(without_address)},
            code="no_address",
        )
    is_quarterly = kind == ReportDispatch.Kind.QUARTERLY
    if is_quarterly and quarter not in {1, 2, 3, 4}:
        raise ReportError(_("Choose the quarter."), code="no_quarter")
    first_month = 3 * (quarter - 1) + 1 if is_quarterly else 1
    if (year, first_month) > (today.year, today.month):
        raise ReportError(_("That period has not begun yet."), code="future")
    dispatch = ReportDispatch.objects.create(
        kind=kind, year=year, quarter=quarter if is_quarterly else None, case_number=case_number, sent_by=by
    )
    dispatch.committees.set(committees)
    report_url = settings.SITE_URL + reverse("reports:report", kwargs={"year": year})
    with translation.override(settings.LANGUAGE_CODE):
        queue_mail(
            to=[committee.email for committee in committees],
            template="report_sent",
            about=f"reports.dispatch:{dispatch.pk}",
            context={"dispatch": dispatch, "report_url": report_url, "sender": by},
            attachments=[(pdf_filename(dispatch), pdf_for(dispatch), "application/pdf")],
        )
    activity.record(dispatch, ReportAction.SENT, by, f"{dispatch} → {', '.join(c.name for c in committees)}")
    return dispatch
