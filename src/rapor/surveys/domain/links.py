"""Feed a period's IKM into a framework input of an RB cycle (``G.C.S.3`` of the 2023 frameworks,
``H.KPP.1`` of ``rb-2020-pemda``, or any number input whose scale admits 25–100).

How this works (decision, see docs/surveys.md): the link is an overlay, not an answer. The scoring
path (assessments/domain/scoring.py) asks ``linked_values_for_cycles`` for the cycles' linked
questions and lays their values over the stored answers, so the value follows the survey: a new
response moves the IKM, the workspace and every score at once, with nothing to copy. The IKM enters
rounded half up to 2 decimals, as it is published. When the cycle is submitted the value is frozen
(signals.py): what was submitted stays. The cycle's history records the link, its removal and the
freeze, each with the value and where it came from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.history import history_record
from rapor.assessments.domain.scoring import Linked, LinkedValue, LinkOffer
from rapor.assessments.models import Cycle, HistoryEvent
from rapor.engine import Question, format_fixed
from rapor.engine.skm import SkmResult

from ..models import Agency, Counter, Mpp, Service, ValueLink
from ..periods import parse_period
from ..queries import period_totals

IKM_RANGE = (Fraction(25), Fraction(100))
UNIT_MODELS: dict[str, Any] = {"agency": Agency, "counter": Counter, "service": Service}
# Questions whose name says they are the survey's index are offered the link in the workspace;
# any other admitting question can be linked from the MPP's results page.
SUGGESTED = re.compile(r"kepuasan|\bSKM\b|\bIKM\b", re.IGNORECASE)


def admits_ikm(question: Question) -> bool:
    """A number input whose range holds every IKM (25 to 100)."""
    scale = question.scale
    return scale.kind == "number" and scale.min <= IKM_RANGE[0] and scale.max >= IKM_RANGE[1]


def is_suggested(question: Question) -> bool:
    return admits_ikm(question) and bool(SUGGESTED.search(f"{question.text} {question.node}"))


@dataclass(frozen=True)
class LinkReading:
    value: str
    """The IKM rounded to 2 decimals ("87.16"), or "" when the period has no result yet."""
    ikm: Fraction | None
    respondents: int
    problem: str
    """Why there is no value (no respondent yet, an unsur nobody answered)."""


def unit_label(link: ValueLink, names: dict[tuple[str, int], str] | None = None) -> str:
    if link.unit == ValueLink.Unit.MPP or link.unit_id is None:
        return _("seluruh MPP")
    key = (link.unit, link.unit_id)
    if names and key in names:
        return names[key]
    obj = UNIT_MODELS[link.unit].objects.filter(pk=link.unit_id).first()
    return str(obj) if obj else "?"


def link_reading(link: ValueLink, *, until: Any = None) -> LinkReading:
    unit = None if link.unit == ValueLink.Unit.MPP else (link.unit, int(link.unit_id or 0))
    totals = period_totals(link.mpp, parse_period(link.period), unit, until=until)
    result = totals.score(link.mpp.weighting)
    if isinstance(result, SkmResult):
        return LinkReading(format_fixed(result.ikm, 2), result.ikm, result.respondents, "")
    if totals.respondents == 0:
        return LinkReading("", None, 0, _("belum ada responden"))
    return LinkReading("", None, totals.respondents, _("unsur belum dijawab: %s") % result.where)


def source_text(link: ValueLink, reading: LinkReading, unit: str) -> str:
    from rapor.web.templatetags.rapor_ui import num

    where = f"SKM {link.mpp.name} · {parse_period(link.period).label} · {unit}"
    if reading.ikm is None:
        return f"{where} · {reading.problem}"
    return _("%(where)s · IKM %(ikm)s (%(n)s responden)") % {
        "where": where,
        "ikm": num(reading.ikm, 2),
        "n": reading.respondents,
    }


def linked_values_for_cycles(cycles: Sequence[Cycle]) -> dict[int, Linked]:
    """The scoring path's provider: each cycle's linked questions and their values now.

    Read for all the cycles at once: one query for the links, one for the Pemdas that have an
    MPP (the offers), and one aggregate per distinct (MPP, period, unit) linked.
    """
    if not cycles:
        return {}
    links: dict[int, list[ValueLink]] = defaultdict(list)
    for link in ValueLink.objects.filter(cycle__in=list(cycles)).select_related("mpp"):
        links[link.cycle_id].append(link)
    readings: dict[tuple[Any, ...], tuple[LinkReading, str]] = {}
    frameworks = {c.pk: c.framework.framework() for c in cycles}
    offerable = _pemdas_with_an_mpp(cycles, frameworks, links)
    out: dict[int, Linked] = {}
    for cycle in cycles:
        fw = frameworks[cycle.pk]
        values: dict[str, LinkedValue] = {}
        for link in links[cycle.pk]:
            if link.question_code not in fw.questions:
                continue  # the framework lost the question: the link waits, unused
            url = reverse("surveys:results", args=[link.mpp_id]) + f"?periode={link.period}"
            if link.frozen_at is not None:
                reading = LinkReading(link.frozen_value, None, 0, "")
                text = _("%(source)s (dibekukan saat penilaian dikirim: %(value)s)") % {
                    "source": f"SKM {link.mpp.name} · {parse_period(link.period).label}",
                    "value": link.frozen_value or "–",
                }
            else:
                key = (link.mpp_id, link.period, link.unit, link.unit_id)
                if key not in readings:
                    fresh = link_reading(link)
                    readings[key] = (fresh, source_text(link, fresh, unit_label(link)))
                reading, text = readings[key]
            values[link.question_code] = LinkedValue(
                reading.value,
                text,
                url,
                reverse("surveys:link", args=[cycle.pk, link.question_code]),
                frozen=link.frozen_at is not None,
            )
        offers = _offers(cycle, fw, set(values)) if cycle.organisation.pemda_id in offerable else {}
        out[cycle.pk] = Linked(values, offers)
    return out


def _suggested_unlinked(fw: Any, linked: set[str]) -> list[str]:
    return [c for c, q in fw.questions.items() if c not in linked and is_suggested(q)]


def _pemdas_with_an_mpp(
    cycles: Sequence[Cycle], frameworks: dict[int, Any], links: dict[int, list[ValueLink]]
) -> set[int]:
    """The Pemdas (of cycles with a question that could be offered the link) that have an MPP."""
    wanted = {
        c.organisation.pemda_id
        for c in cycles
        if _suggested_unlinked(frameworks[c.pk], {link.question_code for link in links[c.pk]})
    }
    if not wanted:
        return set()
    return set(Mpp.objects.filter(pemda_id__in=wanted).values_list("pemda_id", flat=True))


def _offers(cycle: Cycle, fw: Any, linked: set[str]) -> dict[str, LinkOffer]:
    label = _("Ambil dari SKM MPP")
    return {
        c: LinkOffer(label, reverse("surveys:link", args=[cycle.pk, c]))
        for c in _suggested_unlinked(fw, linked)
    }


def _check(cycle: Cycle, question_code: str, mpp: Mpp) -> None:
    question = cycle.framework.framework().questions.get(question_code)
    if question is None:
        raise DomainError(_("%(code)s bukan pertanyaan kerangka ini.") % {"code": question_code})
    if not admits_ikm(question):
        raise DomainError(
            _("%(code)s tidak dapat menampung IKM (perlu isian angka dengan rentang 25–100).")
            % {"code": question_code}
        )
    if mpp.pemda_id != cycle.organisation.pemda_id:
        raise DomainError(_("MPP dan penilaian harus dari Pemda yang sama."))
    if not cycle.is_open:
        raise DomainError(_("Penilaian sudah dikirim; tautan tidak dapat diubah."))


@transaction.atomic
def link_create(
    *,
    cycle: Cycle,
    question_code: str,
    mpp: Mpp,
    period: str,
    unit: str = ValueLink.Unit.MPP,
    unit_id: int | None = None,
    by: Any,
) -> ValueLink:
    """Link (or re-link) a question of ``cycle`` to a period's IKM; record it in the history."""
    _check(cycle, question_code, mpp)
    key = parse_period(period).key
    if unit not in ValueLink.Unit.values:
        raise DomainError(_("Cakupan tidak dikenal."))
    if unit != ValueLink.Unit.MPP and not _unit_in_mpp(mpp, unit, unit_id):
        raise DomainError(_("Unit layanan tidak ada di MPP ini."))
    old = ValueLink.objects.filter(cycle=cycle, question_code=question_code).first()
    before = _described(old) if old else None
    link, _created = ValueLink.objects.update_or_create(
        cycle=cycle,
        question_code=question_code,
        defaults={
            "mpp": mpp,
            "period": key,
            "unit": unit,
            "unit_id": unit_id if unit != ValueLink.Unit.MPP else None,
            "frozen_value": "",
            "frozen_at": None,
            "created_by": by,
        },
    )
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.VALUE_LINKED,
        by=by,
        question_code=question_code,
        before=before,
        after=_described(link),
    )
    return link


def _unit_in_mpp(mpp: Mpp, unit: str, unit_id: int | None) -> bool:
    if unit_id is None:
        return False
    if unit == "service":
        return Service.objects.filter(pk=unit_id, counter__mpp=mpp).exists()
    return bool(UNIT_MODELS[unit].objects.filter(pk=unit_id, mpp=mpp).exists())


def _described(link: ValueLink) -> dict[str, Any]:
    reading = link_reading(link)
    return {
        "value": reading.value,
        "source": source_text(link, reading, unit_label(link)),
        "mpp": link.mpp_id,
        "period": link.period,
        "unit": link.unit,
        "unit_id": link.unit_id,
    }


@transaction.atomic
def link_remove(*, cycle: Cycle, question_code: str, by: Any) -> None:
    if not cycle.is_open:
        raise DomainError(_("Penilaian sudah dikirim; tautan tidak dapat diubah."))
    link = ValueLink.objects.filter(cycle=cycle, question_code=question_code).first()
    if link is None:
        return
    before = _described(link)
    link.delete()
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.VALUE_UNLINKED,
        by=by,
        question_code=question_code,
        before=before,
        after=None,
    )


def links_freeze(cycle: Cycle, *, by: Any = None) -> None:
    """Freeze (cycle submitted or closed) or thaw (reopened) the cycle's linked values."""
    for link in ValueLink.objects.filter(cycle=cycle).select_related("mpp"):
        if not cycle.is_open and link.frozen_at is None:
            described = _described(link)
            link.frozen_value, link.frozen_at = described["value"], timezone.now()
            link.save(update_fields=["frozen_value", "frozen_at"])
            after = {**described, "frozen": True}
        elif cycle.is_open and link.frozen_at is not None:
            before = {"value": link.frozen_value, "frozen": True}
            link.frozen_value, link.frozen_at = "", None
            link.save(update_fields=["frozen_value", "frozen_at"])
            history_record(
                cycle=cycle,
                kind=HistoryEvent.Kind.VALUE_LINKED,
                by=by,
                question_code=link.question_code,
                before=before,
                after=_described(link),
            )
            continue
        else:
            continue
        history_record(
            cycle=cycle,
            kind=HistoryEvent.Kind.VALUE_FROZEN,
            by=by,
            question_code=link.question_code,
            after=after,
        )
