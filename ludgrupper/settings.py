"""Settings for ludgrupper, read from the environment.

Development needs no variables at all (SQLite file, debug on, console email).
Production differs only by environment variables; see README.md for the table.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "ludgrupper",
    "core",
    "accounts",
    "officials",
    "groups",
    "meetings",
    "issues",
    "minutes",
    "alerts",
    "finance",
    "reports",
    "participation",
    "pages",
    "privacy",
    "simple_history",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ludgrupper.middleware.SwedishFirstLocaleMiddleware",
    "core.middleware.AdminRejectsNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionRefreshMiddleware",
    "core.middleware.PrivatePagesNotCachedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ludgrupper.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the history of agendas, minutes and issues.
    "simple_history.middleware.HistoryRequestMiddleware",
]

if not DEBUG:
    # Static files from the app server itself, compressed and cached for ever by hash.
    # In development, runserver serves them from static/.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "ludgrupper.urls"
WSGI_APPLICATION = "ludgrupper.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ludgrupper.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands through DATABASE_URL.
# Persistent connections with health checks: a new connection per request halves throughput
# on PostgreSQL (measured), and the health check keeps a dropped connection from failing a request.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 600)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A SQLite file serves one process; persistent connections buy nothing there.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA foreign_keys = ON;"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Object permissions (each app's rules.py) first, then the model permissions of the admin.
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "groups.backends.UserWithRolesBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:start"
LOGOUT_REDIRECT_URL = "pages:home"

# Failed logins within the window: at most LOGIN_FAILURE_LIMIT for one account from one client
# (so that an attacker elsewhere cannot lock the owner out), and LOGIN_FAILURE_LIMIT_PER_CLIENT
# from one client over all accounts (guessing many accounts).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
LOGIN_FAILURE_LIMIT_PER_CLIENT = env_int("LOGIN_FAILURE_LIMIT_PER_CLIENT", 30)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 5 * 60)
# Password reset mails per hour: per address (nobody's inbox is flooded) and per client.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("PASSWORD_RESET_LIMIT_PER_CLIENT", 10)
# Subscription requests per hour (alerts): per address (nobody's inbox is flooded with
# confirmation mails) and per client.
SUBSCRIBE_LIMIT_PER_ADDRESS = env_int("SUBSCRIBE_LIMIT_PER_ADDRESS", 3)
SUBSCRIBE_LIMIT_PER_CLIENT = env_int("SUBSCRIBE_LIMIT_PER_CLIENT", 10)
# Behind a proxy: the request header (META name) that carries the client's address,
# e.g. HTTP_X_FORWARDED_FOR. Without it every client shares the proxy's address.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")

INVITATION_VALID_DAYS = 14

# Who the public sees as the author of an issue's update: "department" (the department's name
# only, never the person) or "name" (the person's name as well).
PUBLIC_UPDATE_AUTHOR = env_str("PUBLIC_UPDATE_AUTHOR", "department")
if PUBLIC_UPDATE_AUTHOR not in {"department", "name"}:
    raise ImproperlyConfigured('PUBLIC_UPDATE_AUTHOR must be "department" or "name".')

# How long personal data is kept, in days, per kind (core.personal_data; `manage.py purge`
# removes what is older). Each app registers the kinds it holds; the README lists them.
RETENTION_DAYS = {
    "unconfirmed_subscriptions": env_int("RETENTION_UNCONFIRMED_SUBSCRIPTIONS_DAYS", 7),
    "expired_invitations": env_int("RETENTION_EXPIRED_INVITATIONS_DAYS", 90),
    "login_attempts": env_int("RETENTION_LOGIN_ATTEMPTS_DAYS", 30),
    "suggestion_reply_addresses": env_int("RETENTION_SUGGESTION_REPLY_ADDRESSES_DAYS", 365),
    "former_members_contact_details": env_int("RETENTION_FORMER_MEMBERS_DAYS", 2 * 365),
    "hidden_suggestions": env_int("RETENTION_HIDDEN_SUGGESTIONS_DAYS", 2 * 365),
    "audit_log": env_int("RETENTION_AUDIT_LOG_DAYS", 2 * 365),
}

# Internationalisation: Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email (Django 6.1 mailers): console by default; SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": env_int("EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    MAILERS = {
        "default": {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
    }
del EMAIL_HOST
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ludgrupper <noreply@localhost>")
# Seconds to wait before each new try of a mail the mail server refused; then it is failed.
try:
    MAIL_RETRY_DELAYS_SECONDS = [
        int(seconds) for seconds in env_list("MAIL_RETRY_DELAYS_SECONDS", ["60", "600", "3600"])
    ]
except ValueError:
    raise ImproperlyConfigured(
        "MAIL_RETRY_DELAYS_SECONDS must be whole seconds separated by commas"
    ) from None

# Background work (mail, digests) through Django's tasks framework. "database": tasks are rows
# in the database, run by `manage.py db_worker` beside the web server (production; no other
# server needed). "immediate": run at once in the request (development and tests).
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The base of absolute links in emails, e.g. https://ludgrupper.ljungby.se
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Where the public pages send someone who wants to take part: the coordinator's address.
CONTACT_EMAIL = env_str("CONTACT_EMAIL").strip()
if CONTACT_EMAIL and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", CONTACT_EMAIL):
    raise ImproperlyConfigured(f"CONTACT_EMAIL must be an email address, not {CONTACT_EMAIL!r}")

# Branding: another municipality sets its own name, logo and colour.
MUNICIPALITY_NAME = env_str("MUNICIPALITY_NAME", "Ljungby kommun")
MUNICIPALITY_LOGO = env_str("MUNICIPALITY_LOGO", "img/logo.svg")
PRIMARY_COLOR = env_str("PRIMARY_COLOR", "#0b5a7a")

# The privacy notice (/integritet/): who is responsible for the personal data (the controller,
# personuppgiftsansvarig) and its data protection officer (dataskyddsombud).
PRIVACY_CONTROLLER = env_str("PRIVACY_CONTROLLER", "Kommunstyrelsen, Ljungby kommun")
PRIVACY_CONTROLLER_EMAIL = env_str("PRIVACY_CONTROLLER_EMAIL", "kommun@ljungby.se")
PRIVACY_CONTROLLER_ADDRESS = env_str("PRIVACY_CONTROLLER_ADDRESS", "Ljungby kommun, 341 83 Ljungby")
PRIVACY_DPO_EMAIL = env_str("PRIVACY_DPO_EMAIL", "dataskyddsombud@ljungby.se")
# The accessibility statement (/tillganglighet/): where a problem with the site is reported, and
# the date the statement was last reviewed.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "kommun@ljungby.se")
ACCESSIBILITY_STATEMENT_DATE = env_str("ACCESSIBILITY_STATEMENT_DATE", "2026-11-30")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", PRIMARY_COLOR):
    raise ImproperlyConfigured(f"PRIMARY_COLOR must be a colour like #0b5a7a, not {PRIMARY_COLOR!r}")

# Security. The Content Security Policy holds in development too, so that an inline
# script or style shows up at once rather than in production.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# A form whose security token no longer matches gets a Swedish page that explains what to do.
CSRF_FAILURE_VIEW = "ludgrupper.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A working day of inactivity ends a logged-in person's session; a request pushes the end
# forward, writing the session again once its last write is five minutes old (or a quarter of
# a shorter session's age: core.middleware.SessionRefreshMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 9 * 60 * 60)
SESSION_REFRESH_SECONDS = min(5 * 60, SESSION_COOKIE_AGE // 4)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading is a one-way decision (browsers ship the list for months): the municipality opts
    # in with SECURE_HSTS_PRELOAD=true, so `check --deploy` does not nag about the default.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # __Host- cookies are bound to this exact host over HTTPS, path /.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_NAME = "__Host-language"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        # Every task's start and end at INFO: useful from the worker, noise when tasks run in
        # the request (the immediate backend).
        "django.tasks": {"level": "INFO" if TASKS_BACKEND == "database" else "WARNING"},
    },
}
