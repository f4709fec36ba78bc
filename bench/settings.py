"""The app's own settings (production when DEBUG=false), plus the reference pages of
bench/pages.py: a URL configuration that exists only here."""

from ludgrupper.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
# The query counts are read with Django's test client, whose host is "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
