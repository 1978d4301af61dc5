"""Komentar & Riwayat of one question: its comment thread and its history, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.orgs.permissions import can

from ..access import answer_target, get_cycle_for_user, require
from ..domain.comments import MAX_COMMENT, comment_post
from ..domain.errors import DomainError
from ..models import AnswerStatus, Comment, HistoryEvent, Level

Kind = HistoryEvent.Kind


@dataclass(frozen=True)
class Line:
    at: Any
    who: str
    what: str
    before: str = ""
    after: str = ""
    note: str = ""


def _state(value: Any) -> str:
    return str(AnswerStatus.State(value).label) if value in AnswerStatus.State.values else ""


def _verb(after: dict[str, Any]) -> str:
    verb, level = after.get("verb"), after.get("level")
    if verb == "submit":
        return _("dikirim")
    if verb == "return":
        return _("dikembalikan")
    if verb == "accept":
        return _("diverifikasi") if level == "verifier" else _("diterima")
    return _("status berubah")


def line(e: HistoryEvent) -> Line:
    """One history event in Indonesian: what happened, before → after."""
    b, a = e.before or {}, e.after or {}
    who = (e.actor.get_full_name() or e.actor.username) if e.actor else _("sistem")
    if e.kind == Kind.ANSWER_SAVED:
        level = Level(a["level"]).label if a.get("level") in Level.values else ""
        return Line(
            e.at,
            who,
            _("jawaban %(level)s") % {"level": level},
            b.get("value", ""),
            a.get("value", ""),
        )
    if e.kind == Kind.STATUS_CHANGED:
        return Line(
            e.at, who, _verb(a), _state(b.get("state")), _state(a.get("state")), a.get("note", "")
        )
    if e.kind == Kind.ASSIGNED:
        return Line(e.at, who, _("penugasan indikator"), _due(b), _due(a))
    if e.kind == Kind.COMMENTED:
        return Line(e.at, who, _("komentar"), note=a.get("text", ""))
    if e.kind in (Kind.VALUE_LINKED, Kind.VALUE_UNLINKED, Kind.VALUE_FROZEN):
        # before/after: {"value": "87.16", "source": "SKM MPP …, Tahun 2026"}
        return Line(
            e.at,
            who,
            str(e.get_kind_display()),
            b.get("value", ""),
            a.get("value", ""),
            a.get("source") or b.get("source") or "",
        )
    title = a.get("title") or b.get("title") or ""
    return Line(e.at, who, str(e.get_kind_display()), note=title)


def _due(snapshot: dict[str, Any]) -> str:
    if not snapshot:
        return ""
    return _("tenggat %(due)s") % {"due": snapshot.get("due_date") or "–"}


def _context(request: HttpRequest, pk: int, code: str) -> dict[str, Any]:
    cycle = get_cycle_for_user(request, pk)
    q = cycle.framework.framework().questions.get(code)
    if q is None:
        raise Http404("no such question")
    events = (
        HistoryEvent.objects.filter(cycle=cycle, question_code__in=[code, q.node])
        .select_related("actor")
        .order_by("-at", "-pk")
    )
    return {
        "cycle": cycle,
        "code": code,
        "question": q,
        "target": answer_target(cycle, q.node),
        "comments": Comment.objects.filter(cycle=cycle, question_code=code).select_related(
            "author"
        ),
        "history": [line(e) for e in events],
    }


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context["may_comment"] = can(request.user, "comment", context["target"])
    context["comment_max"] = MAX_COMMENT
    if request.htmx:  # htmx swaps only 2xx answers: an error is shown with a 200
        return render(request, "assessments/_question_activity.html", context)
    return render(request, "assessments/_question_activity_page.html", context, status=status)


@login_required
def question_activity(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return _render(request, _context(request, pk, code))


@login_required
@require_POST
def question_comment(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    context = _context(request, pk, code)
    require(request.user, "comment", context["target"])
    try:
        comment_post(
            cycle=context["cycle"],
            question_code=code,
            text=request.POST.get("text", ""),
            by=request.user,
        )
    except DomainError as error:
        # the text stays in the box to be shortened (bounded: a page is not a bin for megabytes)
        context["comment_error"] = str(error)
        context["comment_text"] = request.POST.get("text", "")[: 10 * MAX_COMMENT]
        return _render(request, context, status=400)
    if not request.htmx:
        return redirect("assessments:question_activity", pk, code)
    return _render(request, _context(request, pk, code))
