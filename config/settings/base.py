"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "ninja",
    "zakupki.core",
    "zakupki.rules",
    "zakupki.accounts",
    "zakupki.documents",
    "zakupki.catalog",
    "zakupki.procedures",
    "zakupki.purchases",
    "zakupki.contracts",
    "zakupki.oversight",
    "zakupki.notifications",
    "zakupki.public_signals",
    "zakupki.interop",
    "zakupki.analytics",
    "zakupki.worker",
    "zakupki.api",
    "zakupki.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zakupki.web.middleware.RegionTimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zakupki.web.context_processors.role",
            ],
            "builtins": ["zakupki.web.templatetags.ru"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"


def database_from_env(default_sqlite: Path) -> dict[str, object]:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Our wrapper registers the Russian collation and sane pragmas on every connection.
        config["ENGINE"] = "zakupki.core.db.sqlite"
        config["CONN_MAX_AGE"] = 0
        # IMMEDIATE: writers queue for the lock instead of failing with "database is locked".
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    else:
        # Only the bid path's precomposed statements use server-side binding (zakupki.core.rawsql.hot_cursor),
        # and those become prepared statements after this many runs on a connection; Django's own
        # cursors bind client-side and never prepare. Set ZAKUPKI_DB_PREPARE_THRESHOLD=none behind a
        # transaction-mode connection pooler that cannot keep prepared statements.
        raw = os.environ.get("ZAKUPKI_DB_PREPARE_THRESHOLD", "2")
        options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
        options["prepare_threshold"] = None if raw.lower() == "none" else int(raw)
        config["OPTIONS"] = options
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "demo.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:index"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "noreply@zakupki.local"
# The platform's address as its users reach it: an e-mail is read outside the site, so its links must be
# absolute (notifications store site-relative paths). The demo's address by default; required in production.
PUBLIC_BASE_URL = os.environ.get("ZAKUPKI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "zakupki": {"level": "INFO"},
        # 4xx answers are the caller's error and routine (a late bid is refused with 422 hundreds of times
        # a second on a hot session): logging each cost ~3% of a refused bid's CPU. 5xx stay logged.
        "django.request": {"level": "ERROR"},
    },
}

# Directory with extra rules files that override/extend the shipped ones (operator patches).
ZAKUPKI_RULES_EXTRA_DIR = os.environ.get("ZAKUPKI_RULES_EXTRA_DIR", "")
