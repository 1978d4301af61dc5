"""The rows of the CSV downloads: a cycle's answers and its evidence list.

Rows are plain values; ``rapor.web.csvexport.csv_response`` streams them and neutralises any
cell a spreadsheet would read as a formula. Numbers go out as Decimals (written as they are).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.assessments.evidence_access import visible_library
from rapor.assessments.models import Cycle, Level
from rapor.assessments.queries import cycle_data
from rapor.assessments.tree import path_label
from rapor.engine import answer_text, format_fixed


def answers_header() -> list[str]:
    levels = dict(Level.choices)
    return [
        _("kode"),
        _("bagian"),
        _("indikator"),
        _("pertanyaan"),
        _("OPD"),
        *[str(levels[lv]) for lv in Level.values],
        _("jawaban yang dinilai"),
        _("nilai"),
        _("status"),
        _("catatan pengembalian"),
        _("bukti dukung"),
    ]


def answers_rows(cycle: Cycle) -> Iterator[list[Any]]:
    data = cycle_data(cycle)
    fw = data.framework
    result = data.score.result
    for code, q in fw.questions.items():
        status = data.statuses.get(code)
        assignment = data.assignments.get(q.node)
        yield [
            code,
            path_label(fw, q.node),
            q.node,
            q.text,
            assignment.opd.label if assignment else "",
            *[_value(data.answers.get((code, lv))) for lv in Level.values],
            _answer(result.answers.get(code)),
            Decimal(format_fixed(result.values[code], 4)),
            status.get_state_display() if status else _("draf"),
            status.return_note if status else "",
            data.evidence_counts.get(code, 0),
        ]


def _answer(answer: Any) -> str:
    return "" if answer is None else answer_text(answer)


def _value(row: Any) -> str:
    return row.value if row is not None else ""


def evidence_header() -> list[str]:
    return [
        _("judul"),
        _("nama berkas"),
        _("jenis"),
        _("ukuran (bita)"),
        _("pemilik"),
        _("tanggal dokumen"),
        _("berlaku sampai"),
        _("diunggah oleh"),
        _("diunggah pada"),
        _("pertanyaan"),
        _("tautan"),
        "sha256",
    ]


def evidence_rows(cycle: Cycle, user: Any) -> Iterator[list[Any]]:
    items, used = visible_library(user, cycle)
    for ev in items:
        yield [
            ev.title,
            ev.original_name,
            ev.content_type or (_("tautan") if ev.url else ""),
            ev.size,
            ev.organisation.label,
            ev.document_date.isoformat() if ev.document_date else "",
            ev.valid_until.isoformat() if ev.valid_until else "",
            (ev.uploaded_by.get_full_name() or ev.uploaded_by.username) if ev.uploaded_by else "",
            timezone.localtime(ev.uploaded_at).strftime("%Y-%m-%d %H:%M"),
            " ".join(used.get(ev.pk, [])),
            ev.url,
            ev.sha256,
        ]


def league_header() -> list[str]:
    return [
        _("peringkat"),
        _("wilayah"),
        _("tahun"),
        _("RB General"),
        _("RB Tematik"),
        _("bobot penyesuaian"),
        _("indeks"),
        _("predikat"),
        _("sumber"),
        _("peringkat tahun lalu"),
        _("indeks tahun lalu"),
    ]


def league_rows(league: Any) -> Iterator[list[Any]]:
    """The rows of a league table (steering's), ranked regions first."""

    def number(value: Any) -> Any:
        return "" if value is None else Decimal(format_fixed(value, 2))

    for row in league.rows:
        f, last = row.figure, row.last
        parts = f.parts if f is not None else None
        yield [
            row.rank or "",
            row.region.name,
            f.year if f is not None else league.year,
            number(parts.general if parts else None),
            number(parts.tematik if parts else None),
            number(parts.adjustment_weight if parts else None),
            number(f.index if f is not None else None),
            f.grade.code if f is not None and f.grade is not None else "",
            f.source_text if f is not None else "",
            row.last_rank or "",
            number(last.index if last is not None else None),
        ]
