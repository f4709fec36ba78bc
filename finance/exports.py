"""The budget referrals of a budget year (and committee) for the budget preparation, as CSV and
XLSX, one row per referral; texts neutralised against formulas like the yearly report's."""

import csv
import io

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.spreadsheets import neutralise


def headers():
    return [
        _("Budget year"),
        _("Committee"),
        _("Group"),
        _("Issue"),
        _("Estimated amount (SEK)"),
        _("Outcome"),
        _("Amount in the budget (SEK)"),
        _("Note"),
    ]


def rows(referrals):
    return [
        [
            neutralise(cell)
            for cell in (
                referral.budget_year,
                referral.committee.name,
                referral.issue.group.name,
                referral.issue.title,
                referral.estimated_amount,
                capfirst(referral.get_outcome_display()),
                referral.outcome_amount if referral.outcome_amount is not None else "",
                referral.outcome_note,
            )
        ]
        for referral in referrals
    ]


def referrals_csv(referrals) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows(rows(referrals))
    return "\ufeff" + buffer.getvalue()


def referrals_xlsx(referrals, *, title) -> bytes:
    import tablib

    return tablib.Dataset(*[tuple(row) for row in rows(referrals)], headers=headers(), title=title).export(
        "xlsx"
    )
