"""The Content-Security-Policy of every page, and the headers Django's SecurityMiddleware lacks.

Pages load scripts, styles, fonts and images from Rapor itself only; no inline script, no inline
style, no ``eval`` (htmx is told not to inject its indicator style nor to evaluate code:
``base.html``'s ``htmx-config``; the few behaviours live in ``static/rapor/rapor.js``). Images may
also be ``data:`` URIs, which Bootstrap's stylesheet uses for its form controls. Nothing may frame
a page, and forms post only to Rapor. A response that sets its own policy keeps it (evidence
previews: ``assessments/views/evidence_files.py``). Templates are checked for inline scripts and
styles by ``tests/web/test_security_headers.py``. Pages are answers, scores and names: no shared
cache may keep them, and the browser asks again before showing a kept copy (``private,
no-cache``, unless the view said otherwise; static files never come through here).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
