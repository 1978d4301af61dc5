"""A block read from a workbook, checked against a framework: canonical answers, and a problem
(sheet, cell, why) for every answer that does not fit, so that nothing half-fitting is used.

Checks, per answered row: the code is a question of the framework; the workbook's answer-type
column (I) is a type Rapor knows and the one the framework gives the question (a workbook of
another instrument, or rows shifted by a missing one, shows up here); the answer is one of the
scale's options or a number in its range (the engine's own check, with the cell named).
"""

from __future__ import annotations

import re

from rapor.engine import Answer, AnswersError, Framework, Scale, parse_answers, parse_exact
from rapor.engine.model import loose_text
from rapor.lke import reasons as R
from rapor.lke.cells import split_ref
from rapor.lke.model import LkeProblem, LkeRead

_RANGE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[-–]\s*(-?\d+(?:[.,]\d+)?)\s*$")
KNOWN_TYPES = "Y/T, A/B/C, A/B/C/D, A/B/C/D/E, 0-100, 0-5, 0-4 …, Opini BPK"


def type_kind(text: str) -> tuple[str, object] | None:
    """What an answer-type cell says: ("letters", "ABCD"), ("yt", None), ("range", (0, 100)),
    ("bpk", None), or None when it is not a type Rapor knows."""
    loose = loose_text(text)
    if loose in ("yt", "yatidak", "ya/tidak"):
        return ("yt", None)
    if "bpk" in loose or "opini" in loose:
        return ("bpk", None)
    m = _RANGE.match(text)
    if m:
        low, high = (parse_exact(g, decimal_comma=True) for g in m.groups())
        return ("range", (low, high))
    if loose.isalpha() and len(loose) >= 2 and loose == "abcdefghij"[: len(loose)]:
        return ("letters", loose.upper())
    return None


def type_fits(kind: tuple[str, object], scale: Scale) -> bool:
    what, arg = kind
    codes = [c for c, _ in scale.options]
    if scale.kind == "number":
        return what == "range" and arg == (scale.min, scale.max)
    if what == "yt":
        return {c.casefold() for c in codes} == {"ya", "tidak"}
    if what == "bpk":
        return "WTP" in codes
    if what == "letters":
        return "".join(codes).upper() == arg
    return False


def _scale_text(scale: Scale) -> str:
    from rapor.lke.export import type_label  # the writer's own label (imports openpyxl lazily)

    return type_label(scale)


def workbook_answers(
    fw: Framework, read: LkeRead, *, source: str = "workbook"
) -> tuple[dict[str, Answer], list[LkeProblem]]:
    """The block's answers that fit ``fw`` (canonical), and a problem for each that does not."""
    problems = list(read.problems)
    typed: dict[str, str] = {}
    for code, text in read.answers.items():
        q = fw.questions.get(code)
        if q is None and code in getattr(fw, "corrections", {}):
            q = None  # a correction (the koefisien): checked against its range below
        elif q is None:
            sheet, cell = _split(read.cells[code])
            problems.append(
                LkeProblem(sheet, cell, R.NOT_IN_FRAMEWORK, {"code": code, "framework": fw.id})
            )
            continue
        found = read.answer_types.get(code)
        if q is not None and found is not None and loose_text(found) != loose_text(q.scale.key):
            kind = type_kind(found)
            tsheet, tcell = _split(read.types_at[code])
            if kind is None:
                problems.append(
                    LkeProblem(
                        tsheet,
                        tcell,
                        R.UNKNOWN_TYPE,
                        {"code": code, "found": found, "known": KNOWN_TYPES, "value": found},
                    )
                )
                continue
            if not type_fits(kind, q.scale):
                expected = _scale_text(q.scale)
                problems.append(
                    LkeProblem(
                        tsheet,
                        tcell,
                        R.TYPE_MISMATCH,
                        {"code": code, "found": found, "expected": expected, "value": found},
                    )
                )
                continue
        typed[code] = text
    try:  # usually every answer fits: one pass
        return parse_answers(fw, typed, source=source, where=read.cells), problems
    except AnswersError:
        pass
    fitting: dict[str, str] = {}
    for code, text in typed.items():  # find each one that does not
        try:
            parse_answers(fw, {code: text}, source=source)
        except AnswersError as exc:
            sheet, cell = _split(read.cells[code])
            problems.append(
                LkeProblem(
                    sheet, cell, R.BAD_ANSWER, {"code": code, "why": exc.message, "value": text}
                )
            )
            continue
        fitting[code] = text
    return parse_answers(fw, fitting, source=source, where=read.cells), problems


def _split(where: str) -> tuple[str, str]:
    """``"'LKE RB'!J12"`` -> ("LKE RB", "J12")."""
    sheet, _, cell = where.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    split_ref(cell)  # a well-formed reference, or ValueError
    return sheet, cell
