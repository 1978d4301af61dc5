"""Sessions end when idle (``RAPOR_SESSION_IDLE``) and, whatever the activity, a fixed time after
sign-in (``RAPOR_SESSION_MAX``).

How this works: at sign-in the session gets the time it started and the time it was last seen.
Each request compares both with now; a session past either limit is ended and the user is sent
to the login page with a message (an htmx request gets ``HX-Redirect``, so the page moves
instead of a form being replaced by the login page). "Last seen" is written back at most once a
minute, so a busy user does not cost a session write per request; the cookie's own age
(``SESSION_COOKIE_AGE``, the idle limit) is renewed with it. At the same tick a session of a user
who has since turned on the second factor, but did not verify it, is ended too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

STARTED, SEEN = "rapor_started", "rapor_seen"
REFRESH_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="rapor-session-times")
def _mark_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[SEEN] = now


class SessionExpiryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            ended = self._check(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        session, now = request.session, int(time.time())
        started, seen = session.get(STARTED), session.get(SEEN)
        if started is None or seen is None:  # a session from before this rule: start counting
            session[STARTED] = session[SEEN] = now
            return None
        idle = settings.RAPOR_SESSION_IDLE.total_seconds()
        if now - started > settings.RAPOR_SESSION_MAX.total_seconds() or now - seen > idle:
            return self._end(request, _("Sesi Anda sudah berakhir. Silakan masuk lagi."))
        if now - seen >= REFRESH_SECONDS:
            from .domain.twofactor import has_second_factor

            if not request.user.is_verified() and has_second_factor(request.user):  # type: ignore[union-attr]
                return self._end(
                    request, _("Verifikasi dua langkah kini aktif. Silakan masuk lagi.")
                )
            session[SEEN] = now
        return None

    def _end(self, request: HttpRequest, message: str) -> HttpResponse:
        logout(request)
        messages.info(request, message)
        target = reverse("login")
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
