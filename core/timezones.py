"""Local wall-clock times (Europe/Stockholm) to aware datetimes, refusing the times that
do not exist or happen twice when summer time starts or ends."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Far outside this range a date is a typing mistake (year 1 or 9999), not a meeting.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def validate_year(day: date) -> None:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationError(
            _("Choose a date between the years %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            code="year_out_of_range",
        )


def local_datetime(day: date, clock: time) -> datetime:
    """The aware datetime for a local date and time, or a ValidationError that explains why
    the time is not usable on that day."""
    validate_year(day)
    zone = ZoneInfo(settings.TIME_ZONE)
    naive = datetime.combine(day, clock)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    values = {"time": clock.strftime("%H:%M"), "date": day.isoformat()}
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _(
                "%(time)s does not exist on %(date)s: the clocks go forward from 02:00 to 03:00 "
                "that night, when summer time starts. Choose another time."
            )
            % values,
            code="nonexistent_time",
        )
    raise ValidationError(
        _(
            "%(time)s happens twice on %(date)s: the clocks go back from 03:00 to 02:00 that night, "
            "when summer time ends. Choose a time outside 02:00–03:00."
        )
        % values,
        code="ambiguous_time",
    )
