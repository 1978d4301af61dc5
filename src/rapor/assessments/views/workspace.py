"""Lembar Kerja: the area → indicator → questions tree; answers save as you go (htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..access import (
    answer_target,
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
    remember_cycle,
    require,
)
from ..domain.answers import answer_save
from ..domain.errors import Conflict, DomainError
from ..models import Level
from ..queries import cycle_data
from ..tree import tree
from ..workspace import (
    LEVEL_ACTIONS,
    indicator_view,
    pick_section,
    question_view,
    section_nav,
    working_level,
)


@login_required
def workspace_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "assessments:workspace", cycle.pk)


@login_required
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    remember_cycle(request, cycle)
    data = cycle_data(cycle)
    section = pick_section(
        data, request.GET.get("section", ""), request.GET.get("indicator", ""), request.user
    )
    answered = data.answered
    return render(
        request,
        "assessments/workspace.html",
        {
            "cycle": cycle,
            "framework": cycle.framework,
            "data": data,
            "score": data.score,
            "nav": section_nav(data),
            "section": section,
            "indicators": [indicator_view(request.user, data, c, answered) for c in section.leaves],
        },
    )


def _question_or_404(data, code: str):  # type: ignore[no-untyped-def]
    if code not in data.framework.questions:
        raise Http404("no such question")
    return data.framework.questions[code]


@login_required
def question_partial(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One question as stored now (used to drop a conflicting edit and take the stored one)."""
    cycle = get_cycle_for_user(request, pk)
    data = cycle_data(cycle)
    _question_or_404(data, code)
    return render(
        request,
        "assessments/_question.html",
        {
            "cycle": cycle,
            "qv": question_view(request.user, data, code, working_level(request.user, data)),
            "framework": cycle.framework,
            "score": data.score,
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    code = request.POST.get("question", "")
    q = cycle.framework.framework().questions.get(code)
    level = request.POST.get("level", Level.SELF)
    if q is None or level not in LEVEL_ACTIONS:
        raise Http404("no such question or level")
    require(request.user, LEVEL_ACTIONS[level], answer_target(cycle, q.node))
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = -1
    context: dict[str, Any] = {"cycle": cycle, "framework": cycle.framework}
    status = 200
    try:
        answer_save(
            cycle=cycle,
            question_code=code,
            value=request.POST.get("value", ""),
            level=level,
            by=request.user,
            expected_version=version,
        )
    except Conflict as conflict:
        context["conflict"], status = conflict, 409
    except DomainError as error:
        context["error"], status = str(error), 400
    else:
        if not request.htmx:
            return redirect(
                reverse("assessments:workspace", args=[cycle.pk]) + f"?indicator={q.node}"
            )
    data = cycle_data(cycle)  # read and score once after the save: the one scoring path
    context.update(qv=question_view(request.user, data, code, level), score=data.score)
    if status != 200 and request.htmx:  # htmx swaps only 2xx responses
        return render(request, "assessments/_question.html", context)
    if status != 200:  # a plain form post: a whole page with both versions and the choice
        return render(request, "assessments/answer_conflict.html", context, status=status)
    section_code = tree(data.framework).section_of[q.node]
    context.update(
        saved=True,
        indicator=indicator_view(request.user, data, q.node, data.answered),
        nav_row=next(row for row in section_nav(data) if row[0].code == section_code),
    )
    return render(request, "assessments/_answer_saved.html", context)
