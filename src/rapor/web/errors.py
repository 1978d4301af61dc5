"""The product's own error pages: 400, 403, 404, a refused form (CSRF) and 500.

They say what happened and what to do next, in the user's language, and never why in technical
terms (no exception text, no path of the server). 400 to 404 and the CSRF page use the normal
layout (menu included for a signed-in user). The 500 page is rendered without a request context,
so no context processor runs and nothing queries the database: it shows even when the database
is down. Every page carries the request id that is in the log line (``logs.py``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# status → (title, what happened and what to do). Data, not branches.
PAGES: dict[str, tuple[int, Any, Any]] = {
    "400": (
        400,
        _("Permintaan tidak dapat diproses"),
        _("Alamat atau isian yang dikirim tidak dapat dibaca. Periksa alamatnya, lalu coba lagi."),
    ),
    "403": (
        403,
        _("Akses ditolak"),
        _(
            "Anda tidak memiliki izin untuk membuka halaman ini atau melakukan tindakan ini. "
            "Bila menurut Anda ini keliru, hubungi Tim RB atau admin Pemda Anda."
        ),
    ),
    "404": (
        404,
        _("Halaman tidak ditemukan"),
        _(
            "Halaman ini tidak ada, sudah dipindahkan, atau tidak dapat Anda buka. "
            "Periksa alamatnya atau kembali ke Beranda."
        ),
    ),
    "csrf": (
        403,
        _("Formulir kedaluwarsa"),
        _(
            "Formulir ini tidak dapat diterima karena halamannya sudah terlalu lama terbuka, "
            "Anda sudah keluar, atau browser menolak cookie. Muat ulang halaman, lalu kirim lagi."
        ),
    ),
}


def _page(request: HttpRequest, which: str) -> HttpResponse:
    status, title, message = PAGES[which]
    context = {
        "status": status,
        "title": title,
        "message": message,
        "request_id": getattr(request, "request_id", ""),
    }
    return render(request, "errors/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "404")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, "csrf")


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context: no context processor, no query, no session."""
    html = render_to_string("errors/500.html", {"request_id": getattr(request, "request_id", "")})
    return HttpResponse(html, status=500)
