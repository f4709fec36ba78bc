from datetime import UTC, date, datetime, time, timedelta

import pytest

from core.timezones import local_datetime
from meetings import services
from meetings.forms import AttendanceForm, MeetingForm, RoundMeetingForm
from meetings.models import Meeting, MeetingKind, MeetingRound
from officials.models import Committee
from tests.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def _meeting_form(**overrides) -> MeetingForm:
    data = {
        "kind": MeetingKind.GROUP_MEETING,
        "title": "Gruppmöte",
        "date": "2027-04-14",
        "start_time": "18:30",
        "end_time": "20:30",
        "venue_name": "Bygdegården",
        "venue_address": "Storgatan 1, Lagan",
        "deadline_date": "2027-03-31",
        "deadline_time": "23:59",
        "elected_representatives": "",
    }
    return MeetingForm(data={**data, **overrides})


def _round_form(**overrides) -> RoundMeetingForm:
    return RoundMeetingForm(
        data={"venue_name": "Bygdegården", "venue_address": "", **overrides},
        meeting_round=MeetingRound(title="Årets gruppmöten"),
    )


# Meeting form --------------------------------------------------------------------------


def test_meeting_form_combines_date_and_times_in_stockholm():
    form = _meeting_form()

    assert form.is_valid(), form.errors
    assert (
        form.cleaned_data["starts_at"],
        form.cleaned_data["ends_at"],
        form.cleaned_data["proposal_deadline"],
    ) == (
        datetime(2027, 4, 14, 16, 30, tzinfo=UTC),
        datetime(2027, 4, 14, 18, 30, tzinfo=UTC),
        datetime(2027, 3, 31, 21, 59, tzinfo=UTC),
    )


def test_meeting_form_refuses_a_time_that_happens_twice_when_summer_time_ends():
    form = _meeting_form(date="2026-10-25", start_time="02:30", end_time="04:00", deadline_date="2026-10-11")

    assert form.is_valid() is False
    assert form.has_error("start_time", code="ambiguous_time")
    assert list(form.errors) == ["start_time"]
    assert "02:30" in form.errors["start_time"][0]
    assert "2026-10-25" in form.errors["start_time"][0]


def test_meeting_form_refuses_a_time_that_does_not_exist_when_summer_time_starts():
    form = _meeting_form(date="2026-03-29", start_time="02:30", end_time="04:00", deadline_date="2026-03-15")

    assert form.is_valid() is False
    assert form.has_error("start_time", code="nonexistent_time")
    assert list(form.errors) == ["start_time"]


@pytest.mark.parametrize(
    ("day", "code"),
    [("2026-10-25", "ambiguous_time"), ("2026-03-29", "nonexistent_time")],
    ids=["autumn", "spring"],
)
def test_meeting_form_refuses_an_end_in_the_summer_time_switch(day, code):
    form = _meeting_form(date=day, start_time="01:00", end_time="02:15", deadline_date="2026-03-01")

    assert form.is_valid() is False
    assert form.has_error("end_time", code=code)
    assert list(form.errors) == ["end_time"]


def test_meeting_form_refuses_a_deadline_in_the_summer_time_switch():
    form = _meeting_form(date="2026-04-15", deadline_date="2026-03-29", deadline_time="02:30")

    assert form.is_valid() is False
    assert form.has_error("deadline_date", code="nonexistent_time")


@pytest.mark.parametrize(
    ("day", "hours", "utc_start", "utc_end"),
    [
        (
            date(2026, 10, 25),
            4,
            datetime(2026, 10, 24, 23, 0, tzinfo=UTC),
            datetime(2026, 10, 25, 3, 0, tzinfo=UTC),
        ),
        (
            date(2026, 3, 29),
            2,
            datetime(2026, 3, 29, 0, 0, tzinfo=UTC),
            datetime(2026, 3, 29, 2, 0, tzinfo=UTC),
        ),
    ],
    ids=["autumn: an hour longer", "spring: an hour shorter"],
)
def test_meeting_form_across_the_summer_time_switch_lasts_the_real_time(
    lagan, day, hours, utc_start, utc_end
):
    form = _meeting_form(
        kind=MeetingKind.OTHER_DIALOGUE,
        date=day.isoformat(),
        start_time="01:00",
        end_time="04:00",
        deadline_date="2026-03-01",
    )
    assert form.is_valid(), form.errors

    meeting = services.meeting_create(group=lagan, created_by=None, **form.service_arguments())

    meeting.refresh_from_db()
    assert (form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]) == (utc_start, utc_end)
    assert meeting.ends_at - meeting.starts_at == timedelta(hours=hours)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
@pytest.mark.parametrize("field", ["date", "deadline_date"])
def test_meeting_form_refuses_a_year_far_away(field, value):
    form = _meeting_form(**{field: value})

    assert form.is_valid() is False
    assert form.has_error(field, code="year_out_of_range")


def test_meeting_form_refuses_an_end_before_the_start():
    form = _meeting_form(start_time="18:30", end_time="17:00")

    assert form.is_valid() is False
    assert list(form.errors) == ["end_time"]


def test_meeting_form_refuses_an_end_at_the_start():
    form = _meeting_form(start_time="18:30", end_time="18:30")

    assert form.is_valid() is False
    assert list(form.errors) == ["end_time"]


@pytest.mark.parametrize(
    ("deadline_date", "deadline_time"),
    [("2027-04-20", "12:00"), ("2027-04-14", "18:30")],
    ids=["after", "at the start"],
)
def test_meeting_form_refuses_a_deadline_not_before_the_start(deadline_date, deadline_time):
    form = _meeting_form(deadline_date=deadline_date, deadline_time=deadline_time)

    assert form.is_valid() is False
    assert list(form.errors) == ["deadline_date"]


@pytest.mark.parametrize("venue_name", ["", "   "])
def test_meeting_form_refuses_a_group_meeting_without_a_venue(venue_name):
    form = _meeting_form(venue_name=venue_name)

    assert form.is_valid() is False
    assert list(form.errors) == ["venue_name"]


def test_meeting_form_allows_another_dialogue_without_a_venue():
    form = _meeting_form(kind=MeetingKind.OTHER_DIALOGUE, venue_name="", venue_address="")

    assert form.is_valid(), form.errors


def test_meeting_form_refuses_elected_representatives_without_names_or_committees():
    form = _meeting_form(kind=MeetingKind.ELECTED_REPRESENTATIVES, elected_representatives="  \n ")

    assert form.is_valid() is False
    assert list(form.errors) == ["elected_representatives"]


def test_meeting_form_allows_elected_representatives_by_name():
    form = _meeting_form(
        kind=MeetingKind.ELECTED_REPRESENTATIVES, elected_representatives="Kent Kommunalråd (S)"
    )

    assert form.is_valid(), form.errors


def test_meeting_form_allows_elected_representatives_by_committee():
    committee = Committee.objects.get(slug="kommunstyrelsen")

    form = _meeting_form(kind=MeetingKind.ELECTED_REPRESENTATIVES, committees=[committee.pk])

    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["committees"]) == [committee]


def test_meeting_form_shows_a_meeting_in_local_time(lagan):
    scheduled = _meeting_form()
    assert scheduled.is_valid(), scheduled.errors
    meeting = services.meeting_create(group=lagan, created_by=None, **scheduled.service_arguments())
    meeting.refresh_from_db()

    form = MeetingForm(instance=meeting)

    assert (form.initial["date"], form.initial["start_time"], form.initial["end_time"]) == (
        date(2027, 4, 14),
        time(18, 30),
        time(20, 30),
    )


# Round form ----------------------------------------------------------------------------


def test_round_meeting_form_skips_a_row_without_date(lagan):
    form = _round_form(group=lagan.pk, date="", start_time="18:30", end_time="20:30")

    assert form.is_valid(), form.errors
    assert "starts_at" not in form.cleaned_data


def test_round_meeting_form_sets_the_deadline_days_before_at_the_same_local_time(lagan):
    form = RoundMeetingForm(
        data={
            "group": lagan.pk,
            "date": "2027-04-07",
            "start_time": "18:30",
            "end_time": "20:30",
            "venue_name": "Skolan",
        },
        meeting_round=MeetingRound(title="Årets gruppmöten", proposal_days_before=14),
    )

    assert form.is_valid(), form.errors
    assert (
        form.cleaned_data["starts_at"],
        form.cleaned_data["ends_at"],
        form.cleaned_data["proposal_deadline"],
    ) == (
        local_datetime(date(2027, 4, 7), time(18, 30)),
        local_datetime(date(2027, 4, 7), time(20, 30)),
        local_datetime(date(2027, 3, 24), time(18, 30)),
    )


@pytest.mark.parametrize(
    ("day", "code"),
    [("2026-10-25", "ambiguous_time"), ("2026-03-29", "nonexistent_time")],
    ids=["autumn", "spring"],
)
def test_round_meeting_form_refuses_a_start_in_the_summer_time_switch(lagan, day, code):
    form = _round_form(group=lagan.pk, date=day, start_time="02:30", end_time="04:00")

    assert form.is_valid() is False
    assert form.has_error("start_time", code=code)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_round_meeting_form_refuses_a_year_far_away(lagan, value):
    form = _round_form(group=lagan.pk, date=value, start_time="18:30", end_time="20:30")

    assert form.is_valid() is False
    assert form.has_error("date", code="year_out_of_range")


def test_round_meeting_form_needs_the_times_once_dated(lagan):
    form = _round_form(group=lagan.pk, date="2027-04-07", start_time="", end_time="")

    assert form.is_valid() is False
    assert sorted(form.errors) == ["end_time", "start_time"]


def test_round_meeting_form_refuses_an_end_before_the_start(lagan):
    form = _round_form(group=lagan.pk, date="2027-04-07", start_time="18:30", end_time="17:00")

    assert form.is_valid() is False
    assert list(form.errors) == ["end_time"]


def test_round_meeting_form_refuses_a_group_meeting_without_a_venue(lagan):
    form = _round_form(group=lagan.pk, date="2027-04-07", start_time="18:30", end_time="20:30", venue_name="")

    assert form.is_valid() is False
    assert list(form.errors) == ["venue_name"]


def test_round_meeting_form_allows_a_dialogue_without_a_venue(lagan):
    form = RoundMeetingForm(
        data={"group": lagan.pk, "date": "2027-04-07", "start_time": "18:30", "end_time": "20:30"},
        meeting_round=MeetingRound(title="Trygghetsvandringar", kind=Meeting.Kind.SAFETY_DIALOGUE),
    )

    assert form.is_valid(), form.errors


def test_attendance_name_longer_than_the_limit_is_a_field_error(lagan):
    meeting = make_meeting(lagan, status=Meeting.Status.HELD)

    form = AttendanceForm({"guests": "Gäst\n" + "G" * 201, "elected": ""}, meeting=meeting)

    assert not form.is_valid()
    assert list(form.errors) == ["guests"]
