"""The public survey: anonymous by design, no account and no session.

Pages are in Indonesian unless ``?lang=en`` (or the form's ``lang`` field, or the language cookie)
says otherwise. The submission endpoint is exempt from CSRF on purpose: there is no signed-in user
whose authority a forged request could borrow, and the form's signed ticket, the honeypot, the
minimum fill time and the rate limits are its guards (domain/submit.py). It answers a browser with
a redirect to the thank-you page (or the form again, answers kept, saying what went wrong) and the
kiosk's script with JSON: 201 accepted, 200 already stored, 429 try later, 400 refused.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from rapor.web.clients import client_address

from ..domain.guards import count_rejection
from ..domain.submit import DEVICE_COOKIE, DEVICE_ID, submission_receive
from ..models import Rejection
from ..pages.public import (
    SurveyPage,
    page_again,
    page_for_counter,
    page_for_kiosk,
    page_for_service,
)

LANGUAGES = {code for code, _name in settings.LANGUAGES}
DEVICE_MAX_AGE = 365 * 86400
# A filled form is a few kilobytes (the ticket, nine answers, 1,000 characters of suggestion); a
# body larger than this is refused before it is parsed.
MAX_BODY = 32 * 1024


def public_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Activate the language the respondent chose (``lang``), else the cookie's, else Indonesian."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        chosen = request.POST.get("lang") or request.GET.get("lang") or ""
        if chosen not in LANGUAGES:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            response["Content-Language"] = language
            return response

    return wrapped


def _form(request: HttpRequest, page: SurveyPage | None, status: int = 200) -> HttpResponse:
    if page is None:
        return render(request, "surveys/public/unknown.html", status=404)
    response = render(
        request,
        "surveys/public/form.html",
        {"page": page, "lang": request.LANGUAGE_CODE},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # each form carries its own ticket and id
    if page.retry_after:
        response["Retry-After"] = str(page.retry_after)
    if not DEVICE_ID.match(request.COOKIES.get(DEVICE_COOKIE, "")):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(16),
            max_age=DEVICE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_GET
@public_language
def service_form(request: HttpRequest, token: str) -> HttpResponse:
    return _form(request, page_for_service(token, request.path))


@require_GET
@public_language
def counter_form(request: HttpRequest, token: str) -> HttpResponse:
    return _form(request, page_for_counter(token, request.path))


@require_GET
@public_language
def kiosk_form(request: HttpRequest, token: str) -> HttpResponse:
    return _form(request, page_for_kiosk(token, request.path))


def _origin(request: HttpRequest) -> str:
    origin = request.POST.get("asal", "")
    return origin if origin.startswith("/skm/") and len(origin) < 120 else ""


@csrf_exempt
@require_POST
@public_language
def submit(request: HttpRequest) -> HttpResponse:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY + 1
    if length > MAX_BODY:
        count_rejection(mpp_id=0, reason=Rejection.Reason.INVALID, now=timezone.now())
        return render(request, "surveys/public/unknown.html", {"too_large": True}, status=413)
    outcome = submission_receive(
        data=request.POST,
        address=client_address(request),
        device=request.COOKIES.get(DEVICE_COOKIE, ""),
        now=timezone.now(),
        language=request.LANGUAGE_CODE,
    )
    if "application/json" in request.headers.get("Accept", ""):
        return _json(outcome)
    if outcome.stored:
        query = {"lang": request.LANGUAGE_CODE, "asal": _origin(request)}
        if outcome.status == "duplicate":
            query["ulang"] = "1"
        if outcome.ticket and outcome.ticket.kiosk:
            query["kios"] = "1"
        return redirect(reverse("surveys:thanks") + "?" + urlencode(query), permanent=False)
    status = 429 if outcome.reason == "rate_limited" else 400
    if outcome.ticket is None:  # the ticket itself was refused: no form to show again
        return render(request, "surveys/public/unknown.html", status=status)
    page = page_again(outcome.ticket, request.POST["t"], request.POST, outcome, _origin(request))
    return _form(request, page, status)


def _json(outcome: Any) -> JsonResponse:
    body: dict[str, Any] = {"status": outcome.status, "reason": outcome.reason}
    if outcome.status == "accepted":
        return JsonResponse(body, status=201)
    if outcome.status == "duplicate":
        return JsonResponse(body, status=200)
    body["errors"] = outcome.errors
    if outcome.reason == "rate_limited":
        body["retry_after"] = outcome.retry_after
        response = JsonResponse(body, status=429)
        response["Retry-After"] = str(outcome.retry_after)
        return response
    return JsonResponse(body, status=400)


@require_GET
@public_language
def thanks(request: HttpRequest) -> HttpResponse:
    origin = request.GET.get("asal", "")
    origin = origin if origin.startswith("/skm/") and len(origin) < 120 else ""
    return render(
        request,
        "surveys/public/thanks.html",
        {
            "again": request.GET.get("ulang") == "1",
            "kiosk": request.GET.get("kios") == "1" and origin,
            "origin": origin,
            "lang": request.LANGUAGE_CODE,
        },
    )
