"""An assessment as an LKE workbook: the framework's tree in the official layout, the answers
and notes of one or two evaluations, and live formulas that recompute Rapor's numbers.

How this works: ``framework_rows`` walks the framework's tree in file order. A root is a
component row (``A.``, ``B.`` …), a node whose children are leaves is an area (``I.`` …), a node
between the two a group (``A.1``), a leaf an indicator (``1``, ``2`` …) with its questions
(``a.``, ``b.`` …) or, when it is answerable itself, an input row. For rb-2014 this is exactly
the official 2015 layout. Each row carries its code in column A, so every framework reads back
by code, whatever the depth of its tree.

The formulas follow ``framework-format.md`` section 2: a question's value (K) maps its answer
(J) to the option's value or to (x - min) / (max - min), then applies its dependency
(``IF(OR(J7="Tidak"),0,…)`` for zero-if, ``…*K7`` for multiply); an indicator's score is its
weight times the weighted mean of its questions' values; a node's score is the sum of its
children's; the index is the total times index_scale / max_score; the grade is the first band
that the (rounded) index passes. Excel and LibreOffice compute in binary floating point, and
both show 15 significant digits, so the numbers they show equal Rapor's exact ones
(tests/lke/test_export_recalc.py recomputes an export in LibreOffice and compares every cell).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import IO

from rapor.engine import Answer, Framework, Node, Question, Scale, answer_text, format_exact
from rapor.lke import layout as L
from rapor.lke.writer import FIRST_ROW, LkeBlock, LkeRow, SummaryRow, write_lke_workbook

_NUMERIC = re.compile(r"^\s*-?\d")
TOTAL_LABEL = "JUMLAH NILAI"
INDEX_LABEL = "INDEKS"
GRADE_LABEL = "PREDIKAT"


@dataclass(frozen=True)
class ExportBlock:
    """One evaluation to write: its heading, answers (canonical or raw text) and notes."""

    heading: str
    answers: Mapping[str, Answer | str] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


class NotExportable(ValueError):
    """The framework uses a rule that the LKE layout's formulas cannot express."""


def literal(value: Fraction) -> str:
    """An exact number as an Excel literal: ``0.67``, or ``(5/6)`` without a finite decimal."""
    text = format_exact(value)
    if "/" in text or "≈" in text:
        return f"({value.numerator}/{value.denominator})"
    return text


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def type_label(scale: Scale) -> str:
    """What the answer-type column shows: ``A/B/C/D``, ``Y/T``, ``0-100``, ``Opini BPK``."""
    if scale.kind == "number":
        return f"{format_exact(scale.min)}-{format_exact(scale.max)}"
    codes = [code for code, _ in scale.options]
    if scale.key == "opini-bpk" or "WTP" in codes:
        return "Opini BPK"
    if all(len(c) == 1 for c in codes) or codes in (["Ya", "Tidak"], ["Tidak", "Ya"]):
        return "/".join("Y" if c == "Ya" else "T" if c == "Tidak" else c for c in codes)
    return scale.key


def options_text(q: Question) -> str | None:
    if q.options_text:
        return "\n".join(
            f"{code.lower() if len(code) == 1 else code}. {q.options_text[code]}"
            for code, _ in q.scale.options
            if code in q.options_text
        )
    return q.guidance or None


class _Formulas:
    """Formula templates for one framework, given the row of every code."""

    def __init__(
        self, fw: Framework, rows: Mapping[str, int], *, inputs_show_score: bool = True
    ) -> None:
        self.fw, self.rows = fw, rows
        self.inputs_show_score = inputs_show_score
        """An input row's K holds its score (the 2014 layout), not its value."""

    def spellings(self, scale: Scale, code: str) -> list[str]:
        """An option's code and its aliases: Excel compares text ignoring case."""
        return [code, *sorted(a for a, target in scale.aliases.items() if target == code)]

    def equals_any(self, cell: str, scale: Scale, codes: Sequence[str]) -> str:
        spellings = [s for c in codes for s in self.spellings(scale, c)]
        if any(_NUMERIC.match(s) for s in spellings):
            cell += '&""'  # a typed 1 is a number: compare it as the text "1"
        tests = [f"{cell}={_quote(s)}" for s in spellings]
        return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"

    def own(self, q: Question) -> str:
        """The value of the question's own answer, before its dependency."""
        cell = f"{{J}}{self.rows[q.code]}"
        scale = q.scale
        if scale.kind == "number":
            if getattr(scale, "conversion", "range") == "ratio":  # the 2023 method: x / max
                return cell if scale.max == 1 else f"{cell}/{literal(scale.max)}"
            span = scale.max - scale.min
            shifted = cell if scale.min == 0 else f"({cell}-{literal(scale.min)})"
            return shifted if span == 1 else f"{shifted}/{literal(span)}"
        expr = "0"
        for code, value in reversed(scale.options):
            if value != 0:
                expr = f"IF({self.equals_any(cell, scale, [code])},{literal(value)},{expr})"
        return expr

    def value_ref(self, code: str) -> str:
        """A reference to a question's value (after its dependency)."""
        row = self.rows[code]
        node = self.fw.nodes.get(code)
        if node is not None and node.answerable and self.inputs_show_score:
            # an input row shows its score: divide back
            if node.weight == 0:
                return self.value(self.fw.questions[code])
            return f"({{K}}{row}/{{G}}{row})"
        return f"{{K}}{row}"

    def value(self, q: Question) -> str:
        expr = self.own(q)
        dep = q.depends_on
        if dep is None:
            return expr
        prerequisite = self.fw.questions[dep.question]
        if dep.multiply:
            return f"({expr})*{self.value_ref(dep.question)}"
        cell = f"{{J}}{self.rows[dep.question]}"
        codes = sorted(str(a) for a in dep.zero_if)
        if prerequisite.scale.kind == "number":
            test = f"OR({','.join(f'{cell}={literal(Fraction(c))}' for c in codes)})"
        else:
            test = self.equals_any(cell, prerequisite.scale, codes)
        return f"IF({test},0,{expr})"

    def leaf(self, node: Node) -> str:
        row = self.rows[node.code]
        if node.answerable:
            return f"{{G}}{row}*{self.value(self.fw.questions[node.code])}"
        qs = node.questions
        total = sum((q.weight for q in qs), Fraction(0))
        rows = [self.rows[q.code] for q in qs]
        if all(q.weight == 1 for q in qs) and rows == list(range(rows[0], rows[0] + len(rows))):
            mean = f"SUM({{K}}{rows[0]}:{{K}}{rows[-1]})/{len(rows)}"
        else:
            terms = "+".join(f"{literal(q.weight)}*{{K}}{self.rows[q.code]}" for q in qs)
            mean = f"({terms})/{literal(total)}"
        return f"{{G}}{row}*{mean}"

    def inner(self, node: Node) -> str:
        return "SUM(" + ",".join(f"{{K}}{self.rows[c.code]}" for c in node.children) + ")"

    @staticmethod
    def percent(row: int) -> str:
        return f"IF({{G}}{row}=0,0,{{K}}{row}/{{G}}{row}*100)"


def _kind(fw: Framework, node: Node) -> str:
    if node.parent is None:
        return "component"
    if node.is_leaf:
        return "input" if node.answerable else "indicator"
    if any(child.is_leaf for child in node.children):
        return "area"
    return "group"


def _marker(fw: Framework, node: Node, kind: str) -> object:
    siblings = fw.roots if node.parent is None else fw.nodes[node.parent].children
    index = next(i for i, s in enumerate(siblings, start=1) if s.code == node.code)
    if kind == "component":
        return chr(64 + index) + "." if index <= 26 else f"{index}."
    if kind == "area":
        return L.to_roman(index) + "." if index < 50 else f"{index}."
    if kind == "group":
        parent = _marker(fw, fw.nodes[node.parent or ""], _kind(fw, fw.nodes[node.parent or ""]))
        return f"{str(parent).rstrip('.')}.{index}"
    return index


def _order(fw: Framework) -> list[tuple[str, Node | Question]]:
    """Every row's code and item in workbook order: nodes in pre-order, questions after their
    leaf (an answerable leaf is its own single row)."""
    order: list[tuple[str, Node | Question]] = []
    for node in fw.nodes.values():
        order.append((node.code, node))
        if node.is_leaf and not node.answerable:
            order.extend((q.code, q) for q in node.questions)
    return order


def row_numbers(fw: Framework) -> dict[str, int]:
    """The sheet row of every node and question code."""
    return {code: number for number, (code, _) in enumerate(_order(fw), start=FIRST_ROW)}


def framework_rows(fw: Framework) -> list[LkeRow]:
    """The framework's tree as workbook rows, with the formulas of columns K and L."""
    _check(fw)
    order = _order(fw)
    rows = row_numbers(fw)
    f = _Formulas(fw, rows)
    out: list[LkeRow] = []
    for code, item in order:
        row = rows[code]
        if isinstance(item, Question):
            out.append(_answer_row(item, "question", item.text, None, f.value(item), None, f))
            out[-1] = _with(out[-1], marker=chr(96 + item_index(fw, item)) + ".")
            continue
        kind = _kind(fw, item)
        formula = f.leaf(item) if item.is_leaf else f.inner(item)
        if kind == "input":
            q = fw.questions[item.code]
            new = _answer_row(q, "input", item.name, item.weight, formula, f.percent(row), f)
        else:
            new = LkeRow(kind, code, item.name, value=formula, percent=f.percent(row))
        out.append(_with(new, marker=_marker(fw, item, kind), weight=_weight(item.weight)))
    return out


def item_index(fw: Framework, q: Question) -> int:
    return next(i for i, x in enumerate(fw.nodes[q.node].questions, start=1) if x.code == q.code)


def _weight(weight: Fraction) -> str:
    text = format_exact(weight)
    return f"{weight.numerator}/{weight.denominator}" if "/" in text or "≈" in text else text


def _with(row: LkeRow, **changes: object) -> LkeRow:
    from dataclasses import replace

    return replace(row, **changes)  # type: ignore[arg-type]


def _answer_row(
    q: Question,
    kind: str,
    name: str,
    weight: Fraction | None,
    value: str,
    percent: str | None,
    f: _Formulas,
) -> LkeRow:
    scale = q.scale
    return LkeRow(
        kind=kind,
        code=q.code,
        name=name,
        weight=None if weight is None else _weight(weight),
        answer_type=type_label(scale),
        options=options_text(q),
        value=value,
        percent=percent,
        choices=tuple(code for code, _ in scale.options) if scale.kind == "choice" else (),
        bounds=(literal(scale.min), literal(scale.max)) if scale.kind == "number" else None,
    )


def summary_rows(fw: Framework) -> list[SummaryRow]:
    """Total, index and grade rows under the tree, as formula templates."""
    rows = row_numbers(fw)
    roots = ",".join(f"{{K}}{rows[r.code]}" for r in fw.roots)
    first = FIRST_ROW + len(rows) + 1
    total = f"SUM({roots})"
    index = f"{{K}}{first}" + (
        "" if fw.index_scale == fw.max_score else f"*{literal(fw.index_scale / fw.max_score)}"
    )
    shown = (
        f"ROUND({{K}}{first + 1},{fw.decimals})" if fw.grading.round_first else f"{{K}}{first + 1}"
    )
    op = ">" if fw.grading.compare == "above" else ">="
    grade = _quote(fw.grading.bands[-1].code)
    for band in reversed(fw.grading.bands[:-1]):
        grade = f"IF({shown}{op}{literal(band.min)},{_quote(band.code)},{grade})"
    return [
        SummaryRow(TOTAL_LABEL, total),
        SummaryRow(INDEX_LABEL, index),
        SummaryRow(GRADE_LABEL, grade, "@"),
    ]


def _check(fw: Framework) -> None:
    """Refuse frameworks whose rules the 2014 layout's formulas do not cover (the 2023 method's
    rounded points and corrections: those get a workbook of their own)."""
    rules = [
        name
        for name in ("round_points", "corrections")
        if getattr(fw, name, None) or name in fw.extra
    ]
    if rules:
        raise NotExportable(
            f"{fw.id}: its rules ({', '.join(rules)}) are not those of the LKE 2014 layout"
        )


def export_lke(
    target: str | os.PathLike[str] | IO[bytes],
    fw: Framework,
    blocks: Sequence[ExportBlock],
    *,
    subtitle: str | None = None,
) -> None:
    """Write ``blocks`` (this evaluation first, then the previous one) as an LKE workbook.

    Answers whose code is not a question of ``fw`` are left out (a previous cycle may have used
    another version of the framework); the caller can find them with ``unknown_codes``. A
    framework of the 2023 method (rounded points, not applicable, koefisien) gets the workbook of
    that method (``export2023``).
    """
    if needs_2023_layout(fw):
        from rapor.lke.export2023 import export_2023

        export_2023(target, fw, blocks, subtitle=subtitle)
        return
    rows = framework_rows(fw)
    answerable = set(fw.questions)
    written = [
        LkeBlock(
            heading=b.heading,
            answers={
                c: _answer_cell(fw, c, v)
                for c, v in b.answers.items()
                if c in answerable and v is not None and v != ""
            },
            notes={c: n for c, n in b.notes.items() if c in fw.questions or c in fw.nodes},
        )
        for b in blocks
    ]
    write_lke_workbook(
        target,
        framework_rows=rows,
        blocks=written,
        title=f"LEMBAR KERJA EVALUASI · {fw.name}",
        subtitle=subtitle,
        codes=True,
        summary=summary_rows(fw),
    )


def needs_2023_layout(fw: Framework) -> bool:
    """Rules the 2014 layout cannot express: points rounded before the sums, not applicable
    answers with the rescale of their root, corrections (the koefisien)."""
    return bool(getattr(fw, "round_points", False) or getattr(fw, "has_adjustments", False))


def unknown_codes(fw: Framework, answers: Mapping[str, object]) -> list[str]:
    return sorted(c for c in answers if c not in fw.questions)


def _answer_cell(fw: Framework, code: str, value: Answer | str) -> str:
    """The canonical text of an answer (an option code, or a plain decimal number)."""
    if isinstance(value, Fraction):
        return answer_text(value)
    return str(value)
