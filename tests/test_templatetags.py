"""The project's own template filters."""

from datetime import UTC, date, datetime

import pytest
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
