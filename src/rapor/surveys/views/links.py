"""Link a framework input of an RB cycle to an SKM period's IKM, or remove the link.

Who may: whoever may answer the question now (its OPD, or the Tim RB; the stage window applies),
and only with an MPP of the cycle's Pemda that they may see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rapor.assessments.access import answer_target, get_cycle_for_user, require
from rapor.assessments.domain.errors import DomainError

from ..domain.links import link_create, link_remove
from ..interfaces.forms import LinkForm
from ..pages.links import link_page


def _question(request: HttpRequest, pk: int, code: str):  # type: ignore[no-untyped-def]
    cycle = get_cycle_for_user(request, pk)
    question = cycle.framework.framework().questions.get(code)
    if question is None:
        raise Http404("no such question")
    require(request.user, "answer", answer_target(cycle, question.node))
    return cycle, question


def _back(cycle_pk: int, node: str) -> str:
    return reverse("assessments:workspace", args=[cycle_pk]) + f"?indicator={node}"


@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    cycle, question = _question(request, pk, code)
    page = link_page(request.user, cycle, code)
    initial = {}
    if page.link:
        unit_id = page.link.unit_id or 0
        initial = {
            "target": f"{page.link.mpp_id}:{page.link.unit}:{unit_id}",
            "period": page.link.period,
        }
    form = LinkForm(request.POST or None, mpps=page.mpps, initial=initial)
    if request.method == "POST" and form.is_valid() and not page.problem:
        mpp_id, unit, unit_id = form.cleaned_target()
        mpp = next(m for m in page.mpps if m.pk == mpp_id)
        try:
            link_create(
                cycle=cycle,
                question_code=code,
                mpp=mpp,
                period=form.cleaned_data["period"],
                unit=unit,
                unit_id=unit_id,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(code)s sekarang mengikuti IKM SKM.") % {"code": code})
            return redirect(_back(cycle.pk, question.node))
    return render(
        request,
        "surveys/link.html",
        {"page": page, "form": form, "back": _back(cycle.pk, question.node)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def unlink(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    cycle, question = _question(request, pk, code)
    try:
        link_remove(cycle=cycle, question_code=code, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Tautan %(code)s ke SKM dilepas.") % {"code": code})
    return redirect(_back(cycle.pk, question.node))
