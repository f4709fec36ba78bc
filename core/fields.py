"""Limits on what people type, that hold on every path: the form (a Swedish message next to
the field), the model's validation, and the database itself (a CHECK constraint, so that no
update(), bulk_create or raw write stores a million characters)."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.timezones import EARLIEST_YEAR, LATEST_YEAR, validate_year

# A translated message with values, translated only when shown (models are imported before
# the translations are ready).
_interpolate = lazy(lambda message, values: message % values, str)

# Characters. A reason or a list of names; a comment or a description; Markdown written at
# length (minutes, agenda items, proposals, answers).
SHORT_TEXT = 2_000
TEXT = 5_000
LONG_TEXT = 20_000


def bounded_text_field(verbose_name, *, max_length: int, **kwargs) -> models.TextField:
    """A TextField that refuses more than max_length characters in forms and validation.
    Pair it with length_constraint in the model's Meta for the database."""
    return models.TextField(
        verbose_name, max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


def length_constraint(model: str, field: str, limit: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=f"{model}_{field}_at_most_{limit}",
        violation_error_message=_("The text is too long."),
    )


# Swedish numbers (070-123 45 67, 0372-789 00, 08-123 456 78) and international ones
# (+46 70 123 45 67, +358 40 123 4567): digits with spaces, hyphens and brackets, 7 to 15 digits
# (the most a number has, ITU-T E.164), a plus only in front.
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-]+")


def validate_phone(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if not _PHONE_CHARACTERS.fullmatch(value.strip()) or not 7 <= digits <= 15:
        raise ValidationError(
            _("Enter a phone number, for example 070-123 45 67 or +46 70 123 45 67."), code="invalid_phone"
        )


def date_in_range_constraint(model: str, field: str) -> models.CheckConstraint:
    """The database's side of validate_year: a date far outside the years of the app (year 1,
    year 9999) is a typing mistake wherever it comes from."""
    in_range = Q(**{f"{field}__gte": date(EARLIEST_YEAR, 1, 1), f"{field}__lte": date(LATEST_YEAR, 12, 31)})
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | in_range,
        name=f"{model}_{field}_in_range",
        violation_error_message=_interpolate(
            _("Choose a date between the years %(earliest)s and %(latest)s."),
            {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        ),
    )


def validate_date_year(value) -> None:
    """Model validator for dates and datetimes: see core.timezones.validate_year."""
    validate_year(value.date() if isinstance(value, datetime) else value)
