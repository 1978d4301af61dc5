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
from .numbers import NumberBoundError, format_exact, parse_exact, shown
from .textfiles import read_text
from .texts import text_problem

ANSWERS_FORMAT = "rapor.answers/1"
MAX_ANSWER_CHARS = 1000
"""The longest raw answer read (an option pasted with its explanation); canonical ones are short."""
# an option letter followed by its explanation, as pasted from the options column
_LEADING_OPTION = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+\S")


def canonical_answer(scale: Scale, raw: Any) -> Answer:
    """Return the canonical form of one raw answer on ``scale``; raise ValueError if it does not fit."""
    if isinstance(raw, str):
        # line breaks and tabs come with answers pasted from a cell; other controls never do
        problem = text_problem(raw, multiline=True, max_length=MAX_ANSWER_CHARS)
        if problem is not None:
            raise ValueError(f"{shown(raw)} has {problem.english()}")
    if scale.kind == "choice":
        options = ", ".join(c for c, _ in scale.options)
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise ValueError(f"{shown(raw)} is not one of {options}")
        text = raw if isinstance(raw, str) else _int_text(raw)
        code = scale.lookup.get(normalise_text(text)) or scale.lookup.get(loose_text(text))
        if code is None and (lead := _LEADING_OPTION.match(text)):
            code = scale.lookup.get(lead.group(1).casefold())  # "b. Sebagian besar …" -> B
        if code is None:
            raise ValueError(f"{shown(raw)} is not one of {options}")
        return code
    return number_in_range(raw, scale.min, scale.max)


def number_in_range(raw: Any, low: Fraction, high: Fraction) -> Fraction:
    """An exact number (a decimal comma is accepted) within low … high; ValueError otherwise."""
    if isinstance(raw, float):
        # JSON numbers arrive as floats; their shortest repr is the number the author wrote
        raw = repr(raw)
    try:
        value = parse_exact(raw, decimal_comma=True)
    except NumberBoundError:
        raise
    except ValueError:
        raise ValueError(f"{shown(raw)} is not a number") from None
    if not low <= value <= high:
        raise ValueError(
            f"{format_exact(value)} is outside {format_exact(low)} … {format_exact(high)}"
        )
    return value


def _int_text(value: int) -> str:
    """An int as text, refusing one too long to be an option code (str() of a huge int is slow)."""
    if abs(value) >= 10**MAX_ANSWER_CHARS:
        raise ValueError(f"a whole number of more than {MAX_ANSWER_CHARS} digits is not an option")
    return str(value)


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
            raise AnswersError(
                source, place or shown(code, 60, quote=False), f"not a question of {framework.id}"
            )
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
    text = read_text(p, error=AnswersError)
    try:
        # Numbers stay the text the author wrote (exact, and bounded later by parse_exact): a
        # 5,000-digit integer or 1e999999 never becomes a Python int or float here.
        data = json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise AnswersError(p.name, where, f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise AnswersError(p.name, "", "not valid JSON: nested too deeply") from None
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
