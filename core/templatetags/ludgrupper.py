from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown to sanitised HTML (see core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 (sanitised by nh3 just above)


@register.filter
def datetime_attribute(value) -> str:
    """A date or a moment as the datetime attribute of <time> wants it: whole seconds (HTML
    allows at most three digits of a fraction, and `date:'c'` writes six), in local time with
    its offset, e.g. 2026-03-29T18:30:00+02:00; a date alone as 2026-03-29."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
