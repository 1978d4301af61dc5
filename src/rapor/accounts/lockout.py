"""Login throttling: a lock-out per user name and, with a higher limit, per address.

How this works: django-axes records each failed sign-in (user name, address) and its backend,
first in ``AUTHENTICATION_BACKENDS``, refuses a locked-out attempt before any other backend hashes
the password (so a refused try costs a query, not an Argon2 hash). Axes has one failure limit
for all its lock-out parameters; an office signs in from one address behind its router, so an
address gets ``RAPOR_LOGIN_FAILURES_PER_ADDRESS`` failures and a user name only
``AXES_FAILURE_LIMIT``. ``LockoutHandler.get_failures`` folds both into the one number axes
compares with its limit: locked ⇔ user failures ≥ U or address failures ≥ A
⇔ max(user failures, address failures − (A − U)) ≥ U.

The address is ``rapor.web.clients.client_address`` (behind the proxy, its X-Forwarded-For).
A lock-out lasts ``AXES_COOLOFF_TIME`` from the last counted failure; tries while locked out are
not counted, so the time shown ("coba lagi pukul …") holds. ``lockout_response`` shows the login
page with that time (status 429).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

log = logging.getLogger("rapor.accounts")


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_user, by_address = (
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        )
        slack = settings.RAPOR_LOGIN_FAILURES_PER_ADDRESS - settings.AXES_FAILURE_LIMIT
        return max(by_user, by_address - slack)

    def locked_until(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> dt.datetime:
        last = max(
            (
                qs.aggregate(t=Max("attempt_time"))["t"]
                for qs in self.get_user_attempts(request, credentials)
            ),
            key=lambda t: t or dt.datetime.min.replace(tzinfo=dt.UTC),
        )
        return (last or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The login page again, saying until when sign-in is refused."""
    until = LockoutHandler().locked_until(request, credentials)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    username = get_client_username(request, credentials) or ""
    log.warning(
        "sign-in refused: locked out",
        extra={"username": username[:150], "address": getattr(request, "axes_ip_address", "")},
    )
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_until": until, "locked_minutes": minutes}
    return render(request, "registration/login.html", context, status=429)
