"""The project's own template filters."""

import re
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load ludgrupper %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 3, 29, 16, 30, 5, 123456, tzinfo=UTC), "2026-03-29T18:30:05+02:00"),
        (datetime(2026, 1, 15, 17, 0, tzinfo=UTC), "2026-01-15T18:00:00+01:00"),
        (datetime(2026, 10, 25, 2, 30, 0, 999999), "2026-10-25T02:30:00"),
        (date(2026, 3, 29), "2026-03-29"),
        (None, ""),
        ("", ""),
    ],
    ids=["summer-time-with-microseconds", "winter-time", "naive", "date", "none", "empty"],
)
def test_datetime_attribute_writes_whole_seconds_in_local_time(value, expected):
    assert render("{{ value|datetime_attribute }}", value=value) == expected


class _Notes(forms.Form):
    notes = forms.CharField(
        label="Anteckningar",
        required=False,
        widget=forms.Textarea,
        help_text="Vad som <em>diskuterades</em>.",
    )
    title = forms.CharField(label="Titel", max_length=20)


def _normalised(html: str) -> str:
    """The same HTML whatever the indentation: whitespace between tags and around a tag's
    text removed, other runs of whitespace made one space (a textarea's content aside, which
    both render through the same widget)."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


@pytest.mark.parametrize(
    "data", [None, {"notes": "Bra möte.", "title": ""}, {"notes": "x", "title": "för lång titel på fältet"}]
)
@pytest.mark.parametrize("name", ["notes", "title"])
def test_text_field_renders_what_crispy_renders(data, name):
    crispy = Template("{% load crispy_forms_filters %}{{ field|as_crispy_field }}")
    ours = Template("{% load ludgrupper %}{{ field|text_field }}")

    expected = crispy.render(Context({"field": _Notes(data, prefix="form-0")[name]}))
    rendered = ours.render(Context({"field": _Notes(data, prefix="form-0")[name]}))

    assert _normalised(rendered) == _normalised(expected)
