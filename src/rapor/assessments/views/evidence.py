"""Bukti Dukung: the library of a cycle, and adding, linking and unlinking evidence of a question.

A question's evidence block (``_question_evidence.html``) is swapped as a whole by htmx; without
JavaScript the same forms post normally and come back to the workspace or the library.
"""

from __future__ import annotations

import os
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import (
    answer_target,
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
    remember_cycle,
    require,
)
from ..domain.errors import DomainError
from ..domain.evidence import DuplicateEvidence, evidence_add_link, evidence_link, evidence_unlink
from ..domain.evidence import evidence_upload as upload
from ..evidence_access import get_evidence_for_user, uploader_organisation, visible_library
from ..evidence_library import evidence_library as library_of
from ..interfaces.evidence_forms import EvidenceFileForm, EvidenceUrlForm
from ..interfaces.uploads import (
    ACCEPTED,
    UploadRefused,
    check_upload,
    human_size,
    max_bytes,
    too_large_message,
)
from ..models import Cycle
from ..queries import cycle_data
from ..workspace import question_view


def _question(cycle: Cycle, request: HttpRequest, code: str) -> Any:
    """The question ``code`` if the user may add evidence to it (404 / 403 otherwise)."""
    q = cycle.framework.framework().questions.get(code)
    if q is None:
        raise Http404("no such question")
    require(request.user, "upload_evidence", answer_target(cycle, q.node))
    return q


def _node_id(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)  # as rapor_ui's |node_id


def _auto_id(code: str) -> str:
    return f"ev-{_node_id(code)}-%s"


def _forms(code: str, data: Any = None, files: Any = None, kind: str = "") -> dict[str, Any]:
    initial = {"question": code}
    auto_id = _auto_id(code or "lib")
    return {
        # Only the form that was sent is bound: a refused link must not mark the upload form's
        # fields as missing (request.FILES is never None, so passing it bound the file form).
        "file_form": EvidenceFileForm(
            data if kind == "file" else None,
            files if kind == "file" else None,
            initial=initial,
            auto_id=auto_id,
        ),
        "url_form": EvidenceUrlForm(
            data if kind == "url" else None, initial=initial, auto_id=auto_id.replace("%s", "u-%s")
        ),
        "max_size": human_size(max_bytes()),
        "accepted": ACCEPTED,
    }


def _panel(request: HttpRequest, cycle: Cycle, code: str, **extra: Any) -> dict[str, Any]:
    items, used = visible_library(request.user, cycle)
    linked_here = {pk for pk, codes in used.items() if code in codes}
    return {
        "cycle": cycle,
        "code": code,
        "candidates": [ev for ev in items if ev.pk not in linked_here],
        **_forms(code),
        **extra,
    }


def _block(
    request: HttpRequest, cycle: Cycle, code: str, status: int = 200, flash: str = "", **panel: Any
) -> Any:
    """The question's evidence block (htmx), or back to the workspace / an error page."""
    q = cycle.framework.framework().questions[code]
    if not request.htmx:
        if status == 200:
            if flash:
                messages.success(request, flash)
            return redirect(
                reverse("assessments:workspace", args=[cycle.pk])
                + f"?indicator={q.node}#q-{_node_id(code)}"
            )
        context = _panel(request, cycle, code, **panel)
        return render(request, "assessments/evidence_panel_page.html", context, status=status)
    context: dict[str, Any] = {
        "cycle": cycle,
        "qv": question_view(request.user, cycle_data(cycle), code),
        "flash": flash,
    }
    if panel:
        context.update(show_panel=True, **_panel(request, cycle, code, **panel))
    return render(request, "assessments/_question_evidence.html", context)


@login_required
def evidence_library_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "assessments:evidence_library", cycle.pk)


@login_required
def evidence_library(request: HttpRequest, pk: int, status: int = 200, **extra: Any) -> Any:
    cycle = get_cycle_for_user(request, pk)
    remember_cycle(request, cycle)
    context = {
        "cycle": cycle,
        "library": library_of(request.user, cycle, request.GET),
        "filters": request.GET,
        "may_upload": uploader_organisation(request.user, cycle) is not None,
        **_forms(""),
        **extra,
    }
    return render(request, "assessments/evidence_library.html", context, status=status)


@login_required
def evidence_panel(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The add / link panel of one question (htmx), or the same as a page."""
    cycle = get_cycle_for_user(request, pk)
    _question(cycle, request, code)
    template = "_question_evidence_panel" if request.htmx else "evidence_panel_page"
    return render(request, f"assessments/{template}.html", _panel(request, cycle, code))


def _add(request: HttpRequest, pk: int, kind: str) -> Any:
    """Upload a file (``kind`` file) or keep a link (url), for the library or a question."""
    cycle = get_cycle_for_user(request, pk)
    code = request.POST.get("question", "")
    if code:
        _question(cycle, request, code)
    owner = uploader_organisation(request.user, cycle)
    if owner is None:
        raise PermissionDenied("upload_evidence")
    forms = _forms(code, request.POST, request.FILES, kind)
    form = forms[f"{kind}_form"]
    oversized = getattr(request, "rapor_oversized", [])
    result: dict[str, Any] = dict(forms)
    if oversized:
        result["error"] = too_large_message(oversized[0])
    elif form.is_valid():
        result.update(_store(request, cycle, owner, kind, form.cleaned_data, code))
    if "saved" in result:
        if code:
            return _block(request, cycle, code, flash=result["saved"])
        messages.success(request, result["saved"])
        return redirect("assessments:evidence_library", cycle.pk)
    if code:
        return _block(request, cycle, code, 200 if request.htmx else 400, **result)
    return evidence_library(request, pk, status=400, **result)


def _store(request: HttpRequest, cycle: Cycle, owner: Any, kind: str, data: dict, code: str) -> Any:
    common = {
        "cycle": cycle,
        "organisation": owner,
        "document_date": data["document_date"],
        "valid_until": data["valid_until"],
        "by": request.user,
        "duplicates_among": visible_library(request.user, cycle)[0],
        "link_to": code,
    }
    note = ""
    try:
        if kind == "file":
            checked = check_upload(data["file"])
            note = checked.note
            title = data["title"] or os.path.splitext(checked.file.original_name)[0]
            ev = upload(file=checked.file, title=title, **common)
        else:
            ev = evidence_add_link(url=data["url"], title=data["title"], **common)
    except DuplicateEvidence as dup:
        return {"duplicate": dup.existing}
    except (UploadRefused, DomainError) as error:
        return {"error": str(error)}
    return {"saved": " ".join(x for x in (_("Tersimpan: %s.") % ev.title, note) if x)}


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> Any:
    return _add(request, pk, "file")


@login_required
@require_POST
def evidence_add_url(request: HttpRequest, pk: int) -> Any:
    return _add(request, pk, "url")


@login_required
@require_POST
def evidence_link_view(request: HttpRequest, pk: int, code: str) -> Any:
    """Link an item of the library (``evidence`` in the form) to the question ``code``."""
    cycle = get_cycle_for_user(request, pk)
    _question(cycle, request, code)
    try:
        evidence_pk = int(request.POST.get("evidence", ""))
    except ValueError:
        raise Http404("no such evidence") from None
    _cycle, ev = get_evidence_for_user(request, pk, evidence_pk)
    try:
        evidence_link(evidence=ev, cycle=cycle, question_code=code, by=request.user)
    except DomainError as error:
        return _block(request, cycle, code, 400, error=str(error))
    return _block(request, cycle, code)


@login_required
@require_POST
def evidence_unlink_view(request: HttpRequest, pk: int, code: str, evidence_pk: int) -> Any:
    cycle = get_cycle_for_user(request, pk)
    _question(cycle, request, code)
    _cycle, ev = get_evidence_for_user(request, pk, evidence_pk)
    evidence_unlink(evidence=ev, cycle=cycle, question_code=code, by=request.user)
    return _block(request, cycle, code)
