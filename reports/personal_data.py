"""What the reports app holds of a person: the reports they sent to the committees (a record
of the municipality's, kept under the anonymised name when the account is closed)."""

from django.utils.translation import gettext_lazy as _

from core import personal_data
from reports.models import ReportDispatch


def _dispatches(user) -> list[dict]:
    return personal_data.rows(
        ReportDispatch.objects.filter(sent_by=user).order_by("sent_at", "id"),
        "kind",
        "year",
        "quarter",
        "case_number",
        "sent_at",
    )


def register() -> None:
    personal_data.register_export(
        "reports.dispatches", _("Reports you sent"), _dispatches, covers=["reports.ReportDispatch"]
    )
