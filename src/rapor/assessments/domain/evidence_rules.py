"""Evidence at each step of the review chain.

A question sent, accepted or verified with no evidence linked goes ahead with a warning (the
screens say which ones); a framework may require evidence (``evidence_required``, on the file or
on a question), and then the move is refused until evidence is linked.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..models import Cycle, EvidenceLink
from .errors import DomainError


class EvidenceRequired(DomainError):
    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(
            _("Bukti dukung wajib untuk %(codes)s: tautkan bukti dulu.")
            % {"codes": ", ".join(codes)}
        )


def without_evidence(cycle: Cycle, codes: Iterable[str]) -> list[str]:
    """The questions among ``codes`` with no evidence linked in the cycle (one query)."""
    wanted = list(dict.fromkeys(codes))
    linked = set(
        EvidenceLink.objects.filter(cycle=cycle, question_code__in=wanted).values_list(
            "question_code", flat=True
        )
    )
    return [c for c in wanted if c not in linked]


def require_evidence(cycle: Cycle, codes: Iterable[str]) -> None:
    """Refuse the move when a question that requires evidence has none."""
    fw = cycle.framework.framework()
    required = [c for c in codes if c in fw.questions and fw.questions[c].evidence_required]
    if not required:
        return
    missing = without_evidence(cycle, required)
    if missing:
        raise EvidenceRequired(missing)


def evidence_warning(cycle: Cycle, codes: Iterable[str]) -> str:
    """The warning for questions that went ahead without evidence ("" when all have some)."""
    missing = without_evidence(cycle, codes)
    if not missing:
        return ""
    return _("Tanpa bukti dukung: %(codes)s. Lengkapi sebelum dinilai.") % {
        "codes": ", ".join(missing)
    }
