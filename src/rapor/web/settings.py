"""Django settings for Rapor.

SQLite under ``var/`` by default; PostgreSQL (or any database) through ``DATABASE_URL``. Every
machine-specific value comes from the environment (``docs/deploy.md`` lists every variable, and
``deployment.py`` reads them); no absolute path of any machine is written here. Debug is off
unless a developer sets ``RAPOR_DEBUG=1``: the demo and production run the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from . import deployment, logs
from .deployment import flag, number

BASE_DIR = Path(__file__).resolve().parent.parent  # src/rapor
PROJECT_ROOT = BASE_DIR.parent.parent  # the repository (editable install)
VAR_DIR = Path(os.environ.get("RAPOR_VAR_DIR", PROJECT_ROOT / "var"))

DEBUG = flag("RAPOR_DEBUG")
SECRET_KEY = deployment.secret_key(VAR_DIR)
# A demo installation: `rapor demo` may create the demo logins, and the login page lists them.
RAPOR_DEMO = flag("RAPOR_DEMO")
ALLOWED_HOSTS = [
    h for h in os.environ.get("RAPOR_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rapor.web",
    "rapor.accounts",
    "rapor.orgs",
    "rapor.assessments",
    "rapor.steering",
    "rapor.notifications",
    "rapor.surveys",
    "rapor.exchange",
    "rapor.reports",
]

MIDDLEWARE = [
    "rapor.web.middleware.HeadWithoutBodyMiddleware",
    "rapor.web.logs.RequestIdMiddleware",  # early: every log line of a request carries its id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rapor.web.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rapor.web.middleware.ChosenLanguageMiddleware",  # LocaleMiddleware without Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rapor.accounts.middleware.SessionExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
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

DATABASES = {"default": deployment.database(VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (docs/accounts.md): Argon2 (older hashes are upgraded at the next sign-in), lock-out
# per user name and per address, sessions that end when idle and after a working day.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters (long passphrases welcome: no upper limit below 4096)
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # first: a locked-out name or address is refused before any password is hashed
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:home"
LOGOUT_REDIRECT_URL = "login"
AXES_HANDLER = "rapor.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own (see lockout.py)
AXES_FAILURE_LIMIT = number("RAPOR_LOGIN_FAILURES_PER_USER", 5)
RAPOR_LOGIN_FAILURES_PER_ADDRESS = number("RAPOR_LOGIN_FAILURES_PER_ADDRESS", 30)
AXES_COOLOFF_TIME = dt.timedelta(minutes=number("RAPOR_LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time shown on the page holds
AXES_LOCKOUT_CALLABLE = "rapor.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "rapor.web.clients.client_address"
AXES_VERBOSE = False  # our own log lines say what happened, once
RAPOR_SESSION_IDLE = dt.timedelta(minutes=number("RAPOR_SESSION_IDLE_MINUTES", 60))
RAPOR_SESSION_MAX = dt.timedelta(hours=number("RAPOR_SESSION_MAX_HOURS", 12))
SESSION_COOKIE_AGE = int(RAPOR_SESSION_IDLE.total_seconds())
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # a reset link works for two hours
OTP_TOTP_ISSUER = "Rapor"
OTP_TOTP_THROTTLE_FACTOR = 1

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
STATIC_ROOT = VAR_DIR / "static"  # `rapor serve` collects the static files here
deployment.ensure_directory(STATIC_ROOT)  # whitenoise reads it at start, collected or not
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = deployment.storages()

RAPOR_EVIDENCE_MAX_BYTES = number("RAPOR_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
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
RAPOR_EXCHANGE_INLINE_QUESTIONS = number("RAPOR_EXCHANGE_INLINE_QUESTIONS", 400)

# Background work runs in `rapor worker`, a process of its own (tests use the immediate backend).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# HTTPS and the proxy (docs/deploy.md). RAPOR_HTTPS=1 when users reach Rapor over HTTPS:
# redirect plain HTTP, cookies only over HTTPS, HSTS. RAPOR_TRUSTED_PROXIES: the number of
# reverse proxies in front of the app (usually 1, nginx): Rapor then trusts their
# X-Forwarded-Proto (is the request HTTPS?), and reads the client's address that far from the
# right of X-Forwarded-For (rapor.web.clients: the lock-out and the SKM rate limits count per
# address), the part the proxies wrote, which a client cannot forge.
RAPOR_HTTPS = flag("RAPOR_HTTPS")
RAPOR_TRUSTED_PROXIES = number("RAPOR_TRUSTED_PROXIES", 0)
if RAPOR_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = RAPOR_HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = RAPOR_HTTPS
SECURE_HSTS_SECONDS = number("RAPOR_HSTS_SECONDS", 365 * 24 * 3600) if RAPOR_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading needs the registrable domain (a Pemda's go.id name), never the application's own
# host name: `check --deploy`'s reminder about it does not apply.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Public links in QR posters of the SKM survey use RAPOR_PUBLIC_URL (e.g.
# https://rapor.example.go.id) when set, else the address of the request.
RAPOR_PUBLIC_URL = os.environ.get("RAPOR_PUBLIC_URL", "").rstrip("/")

# E-mail (notifications): printed on the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("RAPOR_SMTP_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = number("RAPOR_SMTP_PORT", 587)
EMAIL_HOST_USER = os.environ.get("RAPOR_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RAPOR_SMTP_PASSWORD", "")
EMAIL_USE_TLS = flag("RAPOR_SMTP_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("RAPOR_EMAIL_FROM", "Rapor <rapor@localhost>")
# The address people open Rapor at, for the links in e-mails (the public address when set).
RAPOR_SITE_URL = os.environ.get("RAPOR_SITE_URL", "") or RAPOR_PUBLIC_URL or "http://127.0.0.1:8000"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_FAILURE_VIEW = "rapor.web.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"

LOGGING = logs.config(level=os.environ.get("RAPOR_LOG_LEVEL", "INFO"))
