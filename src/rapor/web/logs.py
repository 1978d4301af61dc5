"""Structured logs: one JSON object per line on standard error, each with the request's id.

How this works: ``RequestIdMiddleware`` (first in ``MIDDLEWARE``) takes the id the proxy sent in
``X-Request-ID`` when it is a plain token, or makes one, keeps it in a context variable for the
request's thread and returns it in the response's ``X-Request-ID`` header, so a user who reports
an error page can quote it (the 500 page shows it) and the operator finds the log line. Django
logs every response of 400 and above through ``django.request`` (and refused CSRF tokens or host
names through ``django.security``); ``JsonFormatter`` writes those, gunicorn's own messages and
Rapor's as one line each, traceback included.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("rapor_request_id", default="")

# What a proxy may hand us as an id: short and harmless in a log line and a header.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


# Attributes every LogRecord has; anything else was passed as ``extra`` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", "") or request_id.get()
        if rid:
            entry["request_id"] = rid
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"] = request.method
            entry["path"] = request.path
            # only a user already read: resolving request.user would query the database,
            # which may be what just failed
            user = getattr(request, "_cached_user", None)
            if user is not None and user.is_authenticated:
                entry["user_id"] = user.pk
            entry.setdefault("request_id", getattr(request, "request_id", ""))
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in ("request", "request_id"):
                entry[key] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def config(level: str = "INFO") -> dict[str, Any]:
    """The LOGGING setting: everything to standard error as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            # every response of 400 and above (4xx as warnings, 5xx as errors with traceback)
            "django.request": {"level": "WARNING"},
            "django.security": {"level": "WARNING"},
            "rapor": {"level": level},
            "django_tasks": {"level": level},
            "django_tasks_db": {"level": level},
            # axes says the same thing as django.request's 429 and our lock-out line, in prose
            "axes": {"level": "ERROR"},
        },
    }
