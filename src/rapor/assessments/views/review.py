"""Reviu / Verifikasi: the queue of my level, accept or return (one or in bulk), and Kirim."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.orgs.permissions import can

from ..access import (
    answer_target,
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
    remember_cycle,
    require,
)
from ..domain import review
from ..domain.answers import LATE_STAGE_STATES
from ..domain.errors import DomainError
from ..domain.evidence_rules import evidence_warning
from ..models import AnswerStatus
from ..queries import cycle_data
from ..review_queue import my_levels, queue_groups, returned_by_me
from ..tree import tree
from ..workspace import question_view, working_level


@login_required
def review_queue_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "assessments:review_queue", cycle.pk)


def _level(request: HttpRequest, cycle) -> str:  # type: ignore[no-untyped-def]
    levels = my_levels(request.user, cycle)
    if not levels:
        raise PermissionDenied("review")
    wanted = request.GET.get("level") or request.POST.get("level", "")
    return wanted if wanted in levels else levels[0]


@login_required
def review_queue(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    level = _level(request, cycle)
    remember_cycle(request, cycle)
    data = cycle_data(cycle)
    opd, area = request.GET.get("opd", ""), request.GET.get("area", "")
    tab = request.GET.get("tab", "")
    groups = queue_groups(request.user, data, level, opd=opd, area=area)
    return render(
        request,
        "assessments/review_queue.html",
        {
            "cycle": cycle,
            "framework": cycle.framework,
            "score": data.score,
            "level": level,
            "levels": my_levels(request.user, cycle),
            "stage_open": can(request.user, review.LEVEL_RULES[level].action, cycle),
            "groups": groups,
            "count": sum(len(g.questions) for g in groups),
            "returned": returned_by_me(request.user, data) if tab == "returned" else [],
            "tab": tab,
            "opds": sorted({a.opd for a in data.assignments.values()}, key=lambda o: o.name),
            "areas": tree(data.framework).sections,
            "opd": opd,
            "area": area,
        },
    )


def _back(request: HttpRequest, cycle) -> HttpResponse:  # type: ignore[no-untyped-def]
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
        return redirect(nxt)
    return redirect("assessments:review_queue", cycle.pk)


def _version(request: HttpRequest, name: str = "version") -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return -1


@login_required
@require_POST
def review_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or return one question (from the queue or the workspace)."""
    cycle = get_cycle_for_user(request, pk)
    code, verb = request.POST.get("question", ""), request.POST.get("verb", "")
    level = _level(request, cycle)
    q = cycle.framework.framework().questions.get(code)
    if q is None or verb not in ("accept", "return"):
        raise Http404("no such question or action")
    require(request.user, review.LEVEL_RULES[level].action, answer_target(cycle, q.node))
    context: dict = {"cycle": cycle, "framework": cycle.framework}
    try:
        if verb == "accept":
            review.accept(
                cycle=cycle,
                question_code=code,
                by=request.user,
                expected_version=_version(request),
                level=level,
            )
        else:
            review.return_with_note(
                cycle=cycle,
                question_code=code,
                level=level,
                note=request.POST.get("note", ""),
                by=request.user,
                expected_version=_version(request),
            )
    except (review.StatusConflict, DomainError) as error:
        context["review_error"] = domain_message(error)
        if not request.htmx:
            messages.warning(request, context["review_error"])
            return _back(request, cycle)
    else:
        warning = evidence_warning(cycle, [code]) if verb == "accept" else ""
        if not request.htmx:
            messages.success(request, _done_message(verb, level, [code]))
            if warning:
                messages.warning(request, warning)
            return _back(request, cycle)
        context["review_done"] = _done_message(verb, level, [code])
        context["review_warning"] = warning
    data = cycle_data(cycle)
    context.update(qv=question_view(request.user, data, code, working_level(request.user, data)))
    context.update(score=data.score)
    if request.POST.get("from") == "queue":
        if "review_error" in context:  # still waiting: the item again, with its buttons
            item = _queue_item(request, data, level, code)
            if item is not None:
                context.update(
                    item=item[1],
                    g=item[0],
                    level=level,
                    stage_open=can(request.user, review.LEVEL_RULES[level].action, cycle),
                )
                return render(request, "assessments/review_queue_item.html", context)
        return render(request, "assessments/review_queue_done.html", context)
    return render(request, "assessments/_question.html", context)


def _queue_item(request: HttpRequest, data, level: str, code: str):  # type: ignore[no-untyped-def]
    """(group, item) of a question still waiting for ``level`` in the queue, else None."""
    for g in queue_groups(request.user, data, level):
        for item in g.questions:
            if item.code == code:
                return g, item
    return None


def _done_message(verb: str, level: str, codes: list[str]) -> str:
    what = ", ".join(codes)
    if verb == "return":
        return _("Dikembalikan ke OPD dengan catatan: %(codes)s.") % {"codes": what}
    if level == "verifier":
        return _("Diverifikasi: %(codes)s.") % {"codes": what}
    return _("Diterima: %(codes)s.") % {"codes": what}


@login_required
@require_POST
def review_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or return the ticked questions with one note; each item is applied on its own."""
    cycle = get_cycle_for_user(request, pk)
    level = _level(request, cycle)
    verb = request.POST.get("verb", "")
    fw = cycle.framework.framework()
    items = []
    for raw in request.POST.getlist("items"):
        code, _sep, version = raw.rpartition(":")
        if code not in fw.questions or not version.isdigit():
            raise Http404("no such question")
        items.append((code, int(version)))
    targets = {a.indicator_code: a for a in cycle.assignments.select_related("opd")}
    for code, _v in items:
        node = fw.questions[code].node
        target = targets.get(node) or cycle
        if target is not cycle:
            target.cycle = cycle
        require(request.user, review.LEVEL_RULES[level].action, target)
    if not items:
        messages.warning(request, _("Pilih dulu pertanyaan yang akan diproses."))
        return _back(request, cycle)
    try:
        result = review.review_bulk(
            cycle=cycle,
            verb=verb,
            level=level,
            items=items,
            by=request.user,
            note=request.POST.get("note", ""),
        )
    except DomainError as error:
        messages.error(request, domain_message(error))
        return _back(request, cycle)
    if result.done:
        messages.success(request, _done_message(verb, level, result.done))
        if verb == "accept" and (warning := evidence_warning(cycle, result.done)):
            messages.warning(request, warning)
    for code, why in result.skipped.items():
        conflict = next((c for c in result.conflicts if c.question_code == code), None)
        messages.warning(request, domain_message(conflict) if conflict else f"{code}: {why}")
    return _back(request, cycle)


@login_required
@require_POST
def submit_indicator(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Kirim: submit an indicator's draft and returned questions (or the selected ones)."""
    cycle = get_cycle_for_user(request, pk)
    fw = cycle.framework.framework()
    node = fw.nodes.get(code)
    if node is None or not node.questions:
        raise Http404("no such indicator")
    require(request.user, "submit_answers", answer_target(cycle, code))
    chosen = set(request.POST.getlist("questions"))
    states = dict(
        AnswerStatus.objects.filter(
            cycle=cycle, question_code__in=[q.code for q in node.questions]
        ).values_list("question_code", "state")
    )
    open_states = LATE_STAGE_STATES.get(cycle.stage, frozenset({"draft", "returned"}))
    codes = [
        q.code
        for q in node.questions
        if (not chosen or q.code in chosen) and states.get(q.code, "draft") in open_states
    ]
    url = reverse("assessments:workspace", args=[cycle.pk]) + f"?indicator={code}"
    if not codes:
        messages.info(request, _("Semua pertanyaan indikator ini sudah dikirim."))
        return redirect(url)
    try:
        review.submit(cycle=cycle, question_codes=codes, by=request.user)
    except DomainError as error:
        messages.error(request, domain_message(error))
    else:
        messages.success(
            request,
            _("Terkirim ke tahap berikutnya: %(n)s pertanyaan dari %(code)s.")
            % {"n": len(codes), "code": code},
        )
        if warning := evidence_warning(cycle, codes):
            messages.warning(request, warning)
    return redirect(url)


def domain_message(error: Exception) -> str:
    """The user's message (Indonesian) for an error of the review chain."""
    if isinstance(error, review.StatusConflict):
        who = error.theirs.updated_by
        return _(
            "%(code)s baru saja diubah oleh %(who)s (status sekarang: %(state)s). "
            "Tidak ada yang ditimpa; periksa lagi lalu ulangi bila perlu."
        ) % {
            "code": error.question_code,
            "who": (who.get_full_name() or who.username) if who else "-",
            "state": error.theirs.get_state_display(),
        }
    if isinstance(error, review.MissingAnswers):
        return _("Belum bisa dikirim: pertanyaan %(codes)s belum dijawab.") % {
            "codes": ", ".join(error.codes)
        }
    if isinstance(error, review.OwnWork):
        return f"{error.code}: {error}"
    if isinstance(error, review.NoteRequired):
        return _("Tulis catatan untuk OPD: pengembalian memerlukan catatan.")
    if isinstance(error, review.WrongState):
        return _("%(code)s tidak dapat diproses sekarang: statusnya %(state)s.") % {
            "code": error.code,
            "state": AnswerStatus.State(error.state).label,
        }
    return str(error)
