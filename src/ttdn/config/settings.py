"""Settings read from the environment (see README's table); SQLite in var/ unless DATABASE_URL.

One module for every deployment: TTDN_DEBUG=1 for a developer machine, otherwise production
defaults (HTTPS-only cookies, HSTS) that pass `ttdn check --deploy` without warnings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TTDN_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key(debug: bool) -> str:
    key = os.environ.get("TTDN_SECRET_KEY", "")
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured(
            "Thiếu biến môi trường TTDN_SECRET_KEY (bắt buộc khi TTDN_DEBUG không bật)."
        )
    # A developer machine keeps one random key in var/ so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


DEBUG = env_bool("TTDN_DEBUG")
SECRET_KEY = _secret_key(DEBUG)
ALLOWED_HOSTS = env_list("TTDN_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("TTDN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ttdn.core",
    "ttdn.units",
    "ttdn.documents",
    "ttdn.plans",
    "ttdn.reporting",
    "ttdn.notifications",
    "ttdn.press",
    "ttdn.activities",
    "ttdn.monitoring",
    "ttdn.library",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ttdn.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ttdn.core.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "ttdn.config.urls"
WSGI_APPLICATION = "ttdn.config.wsgi.application"
ASGI_APPLICATION = "ttdn.config.asgi.application"

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
                "ttdn.core.context_processors.navigation",
            ],
        },
    }
]


def _databases() -> dict[str, dict[str, object]]:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("TEST", {})["NAME"] = os.environ.get("TTDN_TEST_DB_NAME", "test_ttdn")
        return {"default": dict(config)}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "ttdn.sqlite3",
            "OPTIONS": {
                # WAL lets readers proceed while the worker writes; IMMEDIATE avoids
                # "database is locked" on lock upgrades between the web and task processes.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    INSTALLED_APPS.append("django_rq")
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "units.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ttdn.config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers stay on everywhere; HTTPS-only parts are relaxed only with TTDN_DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("TTDN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("TTDN_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

EMAIL_BACKEND = os.environ.get(
    "TTDN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("TTDN_DEFAULT_FROM_EMAIL", "ttdn@localhost")

TTDN_PROVINCE = os.environ.get("TTDN_PROVINCE", "Quảng Trị")
# Address of the site as users reach it, for links in e-mails.
TTDN_SITE_URL = os.environ.get("TTDN_SITE_URL", "http://127.0.0.1:8000")
# Reminders (đôn đốc): days before a due date or report deadline, comma-separated.
TTDN_REMINDER_DAYS = [
    int(day) for day in os.environ.get("TTDN_REMINDER_DAYS", "7,1").split(",") if day.strip()
]
# Evidence files: largest accepted upload, in megabytes.
TTDN_EVIDENCE_MAX_MB = int(os.environ.get("TTDN_EVIDENCE_MAX_MB", "20"))
TTDN_HOLIDAYS_FILE = os.environ.get("TTDN_HOLIDAYS_FILE", "")  # extra holiday announcements (JSON)

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TTDN_LOG_LEVEL", "INFO")},
}
# CSDL TTĐN: portal languages (the first is the source language) and the largest image upload.
TTDN_LIBRARY_LANGUAGES = env_list("TTDN_LIBRARY_LANGUAGES", "vi,en,fr,zh,lo,km")
TTDN_LIBRARY_MEDIA_MAX_MB = int(os.environ.get("TTDN_LIBRARY_MEDIA_MAX_MB", "20"))
TTDN_LIBRARY_ATTACHMENT_MAX_MB = int(os.environ.get("TTDN_LIBRARY_ATTACHMENT_MAX_MB", "100"))
