"""The issue register as a spreadsheet (CSV or XLSX, with tablib): the rows of the list with
its current filters. A cell that a spreadsheet program would read as a formula (=, +, -, @,
a tab or a carriage return first) gets a leading apostrophe, so an issue's title can never run
as a formula on the coordinator's computer (CSV/formula injection)."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The register of one municipality is a few thousand issues: the export is bounded all the same.
MAX_ROWS = 10_000


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _date(value) -> str:
    return value.isoformat() if value else ""


def issue_dataset(issues) -> tablib.Dataset:
    """issues: selectors.with_latest_update(issues_for_listing()), filtered."""
    dataset = tablib.Dataset(
        headers=[
            _("Number"),
            _("Title"),
            _("Group"),
            _("Responsible department"),
            _("Responsible committee"),
            _("Status"),
            _("Due date"),
            _("Overdue"),
            _("Raised at"),
            _("Created"),
            _("Latest update"),
            _("Latest update published"),
        ],
        title=_("Issues")[:31],
    )
    for issue in issues[:MAX_ROWS]:
        dataset.append(
            [
                issue.pk,
                neutralise(issue.title),
                neutralise(issue.group.name),
                neutralise(issue.department.name if issue.department else ""),
                neutralise(issue.committee.name if issue.committee else ""),
                neutralise(issue.get_status_display()),
                _date(issue.due_date),
                _("yes") if issue.is_overdue else "",
                neutralise(issue.meeting.title if issue.meeting else ""),
                _date(timezone.localdate(issue.created_at)),
                neutralise(issue.latest_update_text or ""),
                _date(timezone.localtime(issue.latest_update_at)) if issue.latest_update_at else "",
            ]
        )
    return dataset


def export(issues, file_format: str) -> bytes:
    exported = issue_dataset(issues).export(file_format)
    return exported.encode("utf-8-sig") if isinstance(exported, str) else exported
