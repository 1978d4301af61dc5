"""Answers: read raw answers (JSON file, workbook cells, form input) into canonical answers.

A choice answer becomes its option code (matched ignoring case and stray spaces, aliases included);
a number answer becomes an exact Fraction (a decimal comma is accepted); "tidak berlaku" (n/a)
becomes NOT_APPLICABLE where the question allows it; a correction (koefisien) is a signed exact
number in its range. Anything else is refused with a message that names the question and the bad
value, and nothing is half-loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from .errors import AnswersError
from .model import (
    NOT_APPLICABLE,
    NOT_APPLICABLE_SPELLINGS,
    Answer,
    Correction,
    Framework,
    Question,
    Scale,
    loose_text,
    normalise_text,
)
from .numbers import format_exact, parse_exact

ANSWERS_FORMAT = "rapor.answers/1"
# an option letter followed by its explanation, as pasted from the options column
_LEADING_OPTION = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+\S")


def canonical_answer(scale: Scale, raw: Any) -> Answer:
    """Return the canonical form of one raw answer on ``scale``; raise ValueError if it does not fit."""
    if scale.kind == "choice":
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise ValueError(f"{raw!r} is not one of {', '.join(c for c, _ in scale.options)}")
        text = str(raw)
        code = scale.lookup.get(normalise_text(text)) or scale.lookup.get(loose_text(text))
        if code is None and (lead := _LEADING_OPTION.match(text)):
            code = scale.lookup.get(lead.group(1).casefold())  # "b. Sebagian besar …" -> B
        if code is None:
            raise ValueError(f"{raw!r} is not one of {', '.join(c for c, _ in scale.options)}")
        return code
    return number_in_range(raw, scale.min, scale.max)


def number_in_range(raw: Any, low: Fraction, high: Fraction) -> Fraction:
    """An exact number (a decimal comma is accepted) within low … high; ValueError otherwise."""
    if isinstance(raw, float):
        # JSON numbers arrive as floats; their shortest repr is the number the author wrote
        raw = repr(raw)
    try:
        value = parse_exact(raw, decimal_comma=True)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None
    if not low <= value <= high:
        raise ValueError(
            f"{format_exact(value)} is outside {format_exact(low)} … {format_exact(high)}"
        )
    return value


def is_not_applicable_text(raw: Any) -> bool:
    """Is ``raw`` one of the ways people write "not applicable" (n/a, tidak berlaku …)?"""
    return isinstance(raw, str) and normalise_text(raw) in NOT_APPLICABLE_SPELLINGS


def canonical_question_answer(question: Question, raw: Any) -> Answer:
    """The canonical answer of ``question``: its scale's, or NOT_APPLICABLE where allowed."""
    if is_not_applicable_text(raw):
        if not question.not_applicable:
            raise ValueError("this question cannot be answered 'not applicable'")
        return NOT_APPLICABLE
    return canonical_answer(question.scale, raw)


def canonical_correction(correction: Correction, raw: Any) -> Fraction:
    """A correction's exact value in its range (a signed number, decimal comma accepted)."""
    return number_in_range(raw, correction.min, correction.max)


def parse_answers(
    framework: Framework,
    raw: Mapping[str, Any],
    *,
    source: str = "",
    where: Mapping[str, str] | None = None,
) -> dict[str, Answer]:
    """Check and canonicalise raw answers {code: value}; empty values (None, "") are unanswered.

    ``where`` optionally maps a code to the place it came from (a workbook cell) for messages.
    """
    out: dict[str, Answer] = {}
    for code, value in raw.items():
        place = (where or {}).get(code, "")
        key = code.strip() if isinstance(code, str) else code
        question = framework.questions.get(key)
        correction = framework.corrections.get(key)
        if question is None and correction is None:
            raise AnswersError(source, place or str(code), f"not a question of {framework.id}")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            out[key] = (
                canonical_question_answer(question, value)
                if question is not None
                else canonical_correction(correction, value)  # type: ignore[arg-type]
            )
        except ValueError as exc:
            label = f"{key} ({place})" if place else key
            raise AnswersError(source, label, str(exc)) from None
    return out


def load_answers_file(path: str | Path, framework: Framework) -> dict[str, Answer]:
    """Read a ``rapor.answers/1`` JSON file and check it against ``framework``."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise AnswersError(p.name, "", f"cannot read the file: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = f"line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise AnswersError(p.name, line, f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise AnswersError(p.name, "", "must be a JSON object with format, framework, answers")
    # a file without "format" is read as the current format; a different format is refused
    if data.get("format", ANSWERS_FORMAT) != ANSWERS_FORMAT:
        raise AnswersError(
            p.name, "format", f"must be {ANSWERS_FORMAT!r}, found {data.get('format')!r}"
        )
    fid = data.get("framework")
    if fid is not None and fid != framework.id:
        raise AnswersError(
            p.name, "framework", f"the answers are for {fid!r}, not {framework.id!r}"
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersError(p.name, "answers", "must be an object {question code: answer}")
    return parse_answers(framework, answers, source=p.name)


def answer_text(answer: Answer) -> str:
    """Write a canonical answer back as text (option code, or the exact number)."""
    return format_exact(answer) if isinstance(answer, Fraction) else answer
