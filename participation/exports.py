"""The CSV export of a survey's results: every answer as a row, safe to open in a spreadsheet."""

import csv
import io

from django.utils.translation import gettext as _

from participation.models import Answer, Response

# A cell starting with one of these is read by spreadsheets as a formula (=HYPERLINK(...)
# leaks data or runs a command): it gets a leading apostrophe, shown as text (OWASP, "CSV
# injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def results_csv(survey) -> str:
    """One row per answer: response, source, class level, question, option or value, count."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Response"), _("From"), _("Class level"), _("Question"), _("Answer"), _("Count")])
    sources = dict(Response.Source.choices)
    answers = (
        Answer.objects.filter(response__survey=survey)
        .select_related("response", "question", "option")
        .order_by("response_id", "question__position", "id")
    )
    for answer in answers.iterator(chunk_size=2000):
        value = answer.option.label if answer.option_id else (answer.scale if answer.scale else answer.text)
        writer.writerow(
            [
                neutralised(value)
                for value in (
                    answer.response_id,
                    sources.get(answer.response.source, ""),
                    answer.response.get_class_level_display(),
                    answer.question.text,
                    value,
                    answer.count,
                )
            ]
        )
    return out.getvalue()
