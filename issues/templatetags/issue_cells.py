"""An issue's cells in a list, written in Python: as included templates they were rendered
once per row, and the register shows fifty rows a page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from core.templatetags.ludgrupper import datetime_attribute

register = template.Library()


@register.filter
def responsible(issue) -> str:
    """Who answers the issue: its department, its committee, both, or a dash."""
    names = [unit.name for unit in (issue.department, issue.committee) if unit is not None]
    return " · ".join(names) if names else "–"


@register.filter
def due_date(issue) -> str:
    """The date an answer is due, marked when it has passed (`is_overdue`, from the selector)."""
    if not issue.due_date:
        return "–"
    cell = format_html(
        '<time datetime="{}">{}</time>', datetime_attribute(issue.due_date), issue.due_date.isoformat()
    )
    if getattr(issue, "is_overdue", False):
        cell = format_html('{} <span class="badge text-bg-danger">{}</span>', cell, gettext("overdue"))
    return cell
