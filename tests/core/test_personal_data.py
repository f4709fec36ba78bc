from datetime import datetime

import pytest

from core import personal_data


def test_a_retention_needs_a_period_in_the_settings():
    with pytest.raises(ValueError, match="settings.RETENTION_DAYS has no period for 'nothing_like_it'"):
        personal_data.register_retention("nothing_like_it", "", lambda cutoff: None)


def test_the_same_key_cannot_mean_two_things():
    def first(user):
        return []

    def second(user):
        return []

    personal_data.register_export("test_twice", "Twice", first)
    with pytest.raises(ValueError, match="'test_twice' is registered twice"):
        personal_data.register_export("test_twice", "Twice", second)
    personal_data._exports.pop("test_twice")


def test_a_retention_reads_its_period_from_the_settings(settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "login_attempts": 12}
    entry = personal_data.Retention("login_attempts", "", lambda cutoff: datetime.now())
    assert entry.days == 12
