"""An issue's cells in the lists (issues.templatetags.issue_cells): what the included templates
they replace showed, for every combination a row can have."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

ROAD = SimpleNamespace(name="Trafik & gata")
BUILD = SimpleNamespace(name="Bygg <nämnd>")


def _cell(name, issue) -> str:
    return Template("{% load issue_cells %}{{ issue|" + name + " }}").render(Context({"issue": issue}))


@pytest.mark.parametrize(
    ("department", "committee", "shown"),
    [
        (ROAD, None, "Trafik &amp; gata"),
        (None, BUILD, "Bygg &lt;nämnd&gt;"),
        (ROAD, BUILD, "Trafik &amp; gata · Bygg &lt;nämnd&gt;"),
        (None, None, "–"),
    ],
    ids=["department", "committee", "both", "neither"],
)
def test_responsible_names_the_department_and_committee_escaped(department, committee, shown):
    assert _cell("responsible", SimpleNamespace(department=department, committee=committee)) == shown


@pytest.mark.parametrize(
    ("due", "overdue", "shown"),
    [
        (None, False, "–"),
        (date(2026, 3, 9), False, '<time datetime="2026-03-09">2026-03-09</time>'),
        (
            date(2026, 3, 9),
            True,
            '<time datetime="2026-03-09">2026-03-09</time> <span class="badge text-bg-danger">försenad</span>',
        ),
    ],
    ids=["none", "coming", "overdue"],
)
def test_due_date_marks_an_overdue_issue_in_swedish(due, overdue, shown):
    with translation.override("sv"):
        assert _cell("due_date", SimpleNamespace(due_date=due, is_overdue=overdue)) == shown


def test_due_date_of_an_issue_read_without_the_overdue_annotation_is_not_marked():
    assert "badge" not in _cell("due_date", SimpleNamespace(due_date=date(2020, 1, 1)))
