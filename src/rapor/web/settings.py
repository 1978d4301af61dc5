"""Django settings for Rapor.

SQLite under ``var/`` by default; PostgreSQL (or any database) through ``DATABASE_URL``. Every
machine-specific value comes from the environment; no absolute path of any machine is written here.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/rapor
PROJECT_ROOT = BASE_DIR.parent.parent  # the repository (editable install)
VAR_DIR = Path(os.environ.get("RAPOR_VAR_DIR", PROJECT_ROOT / "var"))

DEBUG = os.environ.get("RAPOR_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("RAPOR_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set RAPOR_SECRET_KEY when RAPOR_DEBUG is not 1.")
    SECRET_KEY = "rapor-development-only-not-a-secret"  # noqa: S105 - development default
ALLOWED_HOSTS = [
    h for h in os.environ.get("RAPOR_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rapor.web",
    "rapor.orgs",
    "rapor.assessments",
    "rapor.steering",
    "rapor.notifications",
    "rapor.surveys",
    "rapor.exchange",
    "rapor.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rapor.web.middleware.ChosenLanguageMiddleware",  # LocaleMiddleware without Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "rapor.web.urls"
WSGI_APPLICATION = "rapor.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rapor.web.context.layout",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'rapor.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Thousand separators would also be put into years and ids ("2.024"); scores are formatted by
# the engine (rapor_ui's |num filter) with the locale's decimal mark instead.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

RAPOR_EVIDENCE_MAX_BYTES = int(os.environ.get("RAPOR_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))
# Uploads: the evidence limit is enforced while the file streams in (the first handler drops a
# file as soon as it passes the limit); small files stay in memory, larger ones go to a temporary
# file. Form fields other than files stay under Django's 2.5 MB default.
FILE_UPLOAD_HANDLERS = [
    "rapor.assessments.interfaces.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# A file over 2.5 MB streams into a temporary file here while it arrives; a request that never
# finishes (a killed server) leaves it behind, and `rapor cleanup` removes it.
FILE_UPLOAD_TEMP_DIR = os.environ.get("RAPOR_UPLOAD_TEMP_DIR") or str(VAR_DIR / "uploads")
# (a read-only place: uploads then fail loudly, and the operator sets the variable)
with contextlib.suppress(OSError):
    Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o640
RAPOR_DUE_SOON_DAYS = 7
# Exports, imports and reports of cycles up to this many questions run in the request; larger
# ones run as background tasks with a progress bar (rapor.exchange.domain.jobs).
RAPOR_EXCHANGE_INLINE_QUESTIONS = int(os.environ.get("RAPOR_EXCHANGE_INLINE_QUESTIONS", 400))

# The public SKM survey. Behind a reverse proxy, set RAPOR_TRUSTED_PROXIES to the number of
# proxies in front of the app: the citizen's address is then read that far from the right of
# X-Forwarded-For (rate limits count per address). Public links in QR posters use
# RAPOR_PUBLIC_URL (e.g. https://rapor.example.go.id) when set, else the address of the request.
RAPOR_TRUSTED_PROXIES = int(os.environ.get("RAPOR_TRUSTED_PROXIES", "0"))
RAPOR_PUBLIC_URL = os.environ.get("RAPOR_PUBLIC_URL", "").rstrip("/")

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail (notifications): printed on the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("RAPOR_SMTP_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("RAPOR_SMTP_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("RAPOR_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RAPOR_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("RAPOR_SMTP_TLS", "1") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("RAPOR_EMAIL_FROM", "Rapor <rapor@localhost>")
# The address people open Rapor at, for the links in e-mails (the public address when set).
RAPOR_SITE_URL = os.environ.get("RAPOR_SITE_URL", "") or RAPOR_PUBLIC_URL or "http://127.0.0.1:8000"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
