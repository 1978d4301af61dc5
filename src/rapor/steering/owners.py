"""Who owns an indicator: its assignment's agency, else the framework's typical owner matched to
one of the Pemda's agencies (OPDs), else nobody yet.

A framework may name the agency that usually owns an indicator (the 2023 files do, as a
question's ``owner``: "Bagian Organisasi Setda", "Dinas Komunikasi dan Informatika"); it is a
suggestion, matched to the Pemda's own agencies by name: the full name or the short name, then a
short name standing as a word in the text ("Setda" in "Bagian Hukum Setda"), then a shared
beginning of three words or more. Only the first of alternatives ("Bappeda / Dinas Sosial")
counts. What does not match is shown as text, with no agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapor.assessments.models import Assignment, Cycle
from rapor.orgs.models import Organisation


@dataclass(frozen=True)
class Owner:
    opd_id: int | None
    label: str
    source: str
    """``assignment``, ``framework`` (the typical owner, matched or not) or ``none``."""
    person: Any = None


def typical_owner(framework: Any, indicator_code: str) -> str:
    """The framework's typical owner of an indicator: its first question's ``owner`` (the 2023
    files carry it per indicator), else the nearest ancestor node's, if the file names one."""
    node = framework.nodes[indicator_code]
    for q in node.questions:
        if getattr(q, "owner", ""):
            return str(q.owner)
    code: str | None = indicator_code
    while code is not None:
        text = getattr(framework.nodes[code], "owner", None)
        if text:
            return str(text)
        code = framework.nodes[code].parent
    return ""


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


def match_opd(text: str, opds: list[Organisation]) -> Organisation | None:
    """The agency a typical-owner text names, or None."""
    first = re.split(r"\s+/\s+|\s+atau\s+", text.strip())[0]
    first = re.sub(r"\(.*?\)", " ", first)
    words = _words(first)
    if not words:
        return None
    for o in opds:
        if _words(o.name) == words or (o.short_name and _words(o.short_name) == words):
            return o
    joined = f" {' '.join(words)} "
    hits = [
        o
        for o in opds
        if o.short_name
        and f" {' '.join(_words(o.short_name)[:1])} " in joined
        and len(_words(o.short_name)[0]) >= 4
    ]
    if hits:
        return max(hits, key=lambda o: len(o.short_name))
    for o in opds:
        name = _words(o.name)
        common = 0
        for a, b in zip(name, words, strict=False):
            if a != b:
                break
            common += 1
        if common >= 3:
            return o
    return None


class Owners:
    """Resolve owners of a cycle's indicators with two queries in all."""

    def __init__(self, cycle: Cycle) -> None:
        self.cycle = cycle
        self.framework = cycle.framework.framework()
        self.assignments = {
            a.indicator_code: a
            for a in Assignment.objects.filter(cycle=cycle).select_related("opd", "person")
        }
        self.opds = list(
            Organisation.objects.filter(
                pemda_id=cycle.organisation.pemda_id, kind=Organisation.Kind.OPD
            )
        )

    def __call__(self, indicator_code: str) -> Owner:
        a = self.assignments.get(indicator_code)
        if a is not None:
            return Owner(a.opd_id, a.opd.label, "assignment", a.person)
        text = typical_owner(self.framework, indicator_code)
        if text:
            opd = match_opd(text, self.opds)
            if opd is not None:
                return Owner(opd.pk, opd.label, "framework")
            return Owner(None, text, "framework")
        return Owner(None, "", "none")


def owner_of(cycle: Cycle, indicator_code: str) -> Owner:
    return Owners(cycle)(indicator_code)
