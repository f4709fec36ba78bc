import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_organisation_number(value: str) -> str:
    """'802000-1234', '802000 1234' and '8020001234' are the same number: keep the digits."""
    return re.sub(r"[\s-]", "", value or "")


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, character in enumerate(reversed(digits)):
        digit = int(character)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def validate_organisation_number(value: str) -> None:
    digits = normalise_organisation_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("An organisation number has 10 digits, for example 802000-1234."),
            code="organisation_number_format",
        )
    if not luhn_is_valid(digits):
        raise ValidationError(
            _("The organisation number %(value)s is not valid: its check digit does not match."),
            code="organisation_number_checksum",
            params={"value": f"{digits[:6]}-{digits[6:]}"},
        )
