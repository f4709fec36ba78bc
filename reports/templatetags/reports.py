from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def report_value(value, measure, *, per_group=False):
    """A figure as the report shows it: a dash for none (no answer to take a median of), yes
    or no for a group's flag, decimals with the language's mark."""
    if value is None:
        return "–"
    if per_group and measure.kind == "flag":
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        return number_format(value, decimal_pos=0 if value.is_integer() else 1)
    return number_format(value)


@register.filter
def signed(value):
    if value is None:
        return "–"
    return f"+{number_format(value)}" if value > 0 else ("±0" if value == 0 else f"−{number_format(-value)}")


@register.filter
def figure(figures, measure):
    """One group's figure of one measure."""
    return figures.value(measure)
