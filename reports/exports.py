"""The report as a table for spreadsheets: one row per group and measure (and the total), as
CSV and XLSX. A text that a spreadsheet would take for a formula (it starts with = + - @, a tab
or a carriage return) gets a leading apostrophe, so opening the file never runs anything."""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheets import neutralise
from reports.measures import Report


def _number(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def headers() -> list[str]:
    return [_("Year"), _("Group"), _("Area"), _("Measure"), _("Value")]


def rows(report: Report) -> list[list]:
    table = []
    for entry in report.groups:
        for measure, value in zip(report.measures, entry.values(report.measures), strict=True):
            table.append(
                [report.year, entry.group.name, entry.group.area.name, str(measure.label), _number(value)]
            )
    for measure, value in zip(report.measures, report.total_values(), strict=True):
        table.append([report.year, _("Total"), "", str(measure.label), _number(value)])
    return [[neutralise(cell) for cell in row] for row in table]


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    # Semicolons: what a Swedish spreadsheet opens without asking (the decimal mark is a comma).
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows(rows(report))
    # A byte order mark tells Excel the file is UTF-8 (å, ä, ö).
    return "\ufeff" + buffer.getvalue()


def report_xlsx(report: Report) -> bytes:
    import tablib

    dataset = tablib.Dataset(*[tuple(row) for row in rows(report)], headers=headers(), title=str(report.year))
    return dataset.export("xlsx")
