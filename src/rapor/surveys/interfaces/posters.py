"""The QR poster of a counter or a service: an A4 page to print and put on the counter.

The QR code is drawn by segno as inline SVG (vector: sharp at any size, no image file) and the
page is made by rapor.web.pdf.render_pdf, so the poster needs no network either.
"""

from __future__ import annotations

from typing import Any

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from rapor.web.pdf import render_pdf

from ..models import Mpp
from ..pages.catalogue import public_url


def qr_svg(url: str) -> SafeString:
    """A QR code of ``url`` as an SVG element sized by its container (error correction M)."""
    code = segno.make(url, error="m")
    # segno writes only its own path data; nothing from the URL appears as markup
    return mark_safe(code.svg_inline(omitsize=True, border=2, dark="#000"))  # noqa: S308


def poster_pdf(request: HttpRequest, mpp: Mpp, kind: str, target: Any) -> bytes:
    if kind == "counter":
        path = reverse("surveys:counter_form", args=[target.token])
        title, detail, services = (
            target.name,
            target.agency.name,
            list(target.services.filter(active=True)),
        )
    else:
        path = reverse("surveys:service_form", args=[target.token])
        title, detail, services = (
            target.name,
            f"{target.counter.name} · {target.counter.agency.name}",
            [],
        )
    url = public_url(request, path)
    return render_pdf(
        "surveys/print/poster.html",
        {
            "mpp": mpp,
            "title": title,
            "detail": detail,
            "services": services,
            "example": getattr(target, "is_example", False),
            "url": url,
            "qr": qr_svg(url),
            "organisation_name": mpp.name,
            "printed_on": timezone.localdate(),
            "document_title": title,
        },
    )
