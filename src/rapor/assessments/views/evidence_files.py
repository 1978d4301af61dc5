"""Serve evidence files: a preview (PDF and images, inline) and a download (always an attachment).

Uploaded files are untrusted. They are served only through these views (the media folder is not
published), with the type judged at upload (never the name), ``nosniff`` so the browser cannot
guess HTML, and a Content-Security-Policy that allows no script. Images get ``sandbox`` too. PDFs
do not: Chromium and Safari refuse to run their PDF viewer in a sandboxed document (no sandbox
token re-enables it), and a stored PDF was checked to start with ``%PDF-`` and is served as
``application/pdf``, so the browser can only hand it to its PDF viewer, which runs apart from
the page.
"""

from __future__ import annotations

import os
import re

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from ..evidence_access import get_evidence_for_user
from ..interfaces.uploads import kind_of
from ..models import Evidence

IMAGE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
PDF_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'"
ATTACHMENT_CSP = "sandbox; default-src 'none'"


def safe_filename(ev: Evidence) -> str:
    """The original name's stem (letters, digits, - _ and spaces) with the extension of what the
    file is, whatever it was called when uploaded."""
    kind = kind_of(ev.content_type)
    ext = kind.ext if kind else os.path.splitext(ev.file.name)[1].lower()
    stem = os.path.splitext(ev.original_name or ev.title)[0]
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._-")[:80]
    return (stem or f"bukti-{ev.pk}") + ext


def _response(ev: Evidence, inline: bool, csp: str) -> FileResponse:
    if not ev.file:
        raise Http404("a link has no file")
    try:
        handle = ev.file.open("rb")
    except FileNotFoundError:
        raise Http404("the stored file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=safe_filename(ev),
        content_type=ev.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = csp
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def evidence_preview(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    _cycle, ev = get_evidence_for_user(request, pk, evidence_pk)
    kind = kind_of(ev.content_type)
    if kind is None or not kind.preview:
        return _response(ev, inline=False, csp=ATTACHMENT_CSP)
    return _response(ev, inline=True, csp=PDF_CSP if kind.code == "pdf" else IMAGE_CSP)


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    _cycle, ev = get_evidence_for_user(request, pk, evidence_pk)
    return _response(ev, inline=False, csp=ATTACHMENT_CSP)
