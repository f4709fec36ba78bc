import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "ludgrupper.example.se",
    "EMAIL_HOST": "smtp.example.se",
    "DATABASE_URL": "postgres://ludgrupper@db.example.se:5432/ludgrupper",
}


def _python(*args, **env):
    """Run Python in a fresh process, so that settings are read from this environment."""
    # The browser tests allow async-unsafe database access in this process; production never does.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def _run_python(code, **env):
    return _python("-c", code, **env)


def _manage(*args, **env):
    return _python("manage.py", *args, **env)


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_use_persistent_checked_postgres_connections_and_host_cookies():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ludgrupper.settings'; "
        "from django.conf import settings as s; d=s.DATABASES['default']; "
        "print(d['ENGINE'], d['CONN_MAX_AGE'] > 0, d['CONN_HEALTH_CHECKS'], s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_AGE, s.SESSION_REFRESH_SECONDS)"
    )
    result = _run_python(code, **PRODUCTION_ENV)

    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        str(9 * 60 * 60),
        str(5 * 60),
    ]


def test_a_short_session_is_refreshed_well_before_it_ends():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ludgrupper.settings'; "
        "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_REFRESH_SECONDS)"
    )
    result = _run_python(code, **PRODUCTION_ENV, SESSION_COOKIE_AGE="600")

    assert result.stdout.split() == ["600", "150"]


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = _manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"), [("DEBUG", "kanske"), ("PRIMARY_COLOR", "blue"), ("DATABASE_CONN_MAX_AGE", "x")]
)
def test_bad_environment_values_are_rejected_loudly(name, value):
    result = _manage("check", **{name: value})

    assert result.returncode != 0
    assert name in result.stderr


def test_seed_demo_refuses_to_run_without_debug():
    result = _manage("seed_demo", **PRODUCTION_ENV)

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("pages:home"))

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert "style=" not in response.content.decode()


@pytest.mark.django_db
def test_brand_colour_is_served_as_a_stylesheet(client, settings):
    settings.PRIMARY_COLOR = "#aa0000"

    response = client.get(reverse("brand_css"))

    assert response.headers["Content-Type"].startswith("text/css")
    assert "--lg-primary: #aa0000;" in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_changes_the_page_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    content = client.get(reverse("pages:home")).content.decode()

    assert 'lang="en"' in content
    assert "Local development groups" in content


@pytest.mark.django_db
def test_swedish_is_shown_even_to_an_english_browser(client):
    content = client.get(reverse("pages:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()

    assert 'lang="sv"' in content
    assert "Lokala utvecklingsgrupper" in content


def test_hsts_preload_is_off_unless_the_municipality_opts_in():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ludgrupper.settings'; "
        "from django.conf import settings as s; print(s.SECURE_HSTS_PRELOAD)"
    )

    default = _run_python(code, **PRODUCTION_ENV)
    opted_in = _run_python(code, **PRODUCTION_ENV, SECURE_HSTS_PRELOAD="true")

    assert (default.stdout.strip(), opted_in.stdout.strip()) == ("False", "True")
