"""CONTACT_EMAIL: the coordinator's address that the public pages offer, read from the environment."""

from tests.test_settings import _manage, _run_python

READ_SETTING = (
    "import django; django.setup(); from django.conf import settings; print(repr(settings.CONTACT_EMAIL))"
)


def test_contact_email_is_read_from_the_environment():
    result = _run_python(
        READ_SETTING, DJANGO_SETTINGS_MODULE="ludgrupper.settings", CONTACT_EMAIL=" samordnare@ljungby.se "
    )

    assert result.stdout == "'samordnare@ljungby.se'\n"


def test_contact_email_may_be_left_empty():
    result = _run_python(READ_SETTING, DJANGO_SETTINGS_MODULE="ludgrupper.settings", CONTACT_EMAIL="")

    assert result.stdout == "''\n"


def test_a_contact_email_that_is_not_an_address_is_rejected_loudly():
    result = _manage("check", CONTACT_EMAIL="samordnaren på kommunen")

    assert result.returncode != 0
    assert "CONTACT_EMAIL must be an email address, not 'samordnaren på kommunen'" in result.stderr
