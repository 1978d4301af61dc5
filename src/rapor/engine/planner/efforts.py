"""The cost of change: which options a question may move up to, and the effort of each.

Defaults: a question moves only up (to an option of higher value); reaching an option costs one
unit per step up the scale's distinct values, counted from the current answer (an unanswered
question stands on its lowest option). An efforts file (CSV ``question,option,effort``) may set the
effort of one step of a question (option empty), the effort to reach one option, or freeze a
question (effort ``fixed``; with an option: only that option is ruled out). A number question and
an external input (``source: external``) do not move unless the file gives a forecast: a row with
an option (for a number question, the forecast value) or, for an external choice input, a step row.
A framework may carry such forecasts itself (``forecasts`` on a question, format version 1,
additions): they are the question's default option rows, and a row of the efforts file for the
same answer overrides its effort. A question answered not applicable does not move.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from ..answers import canonical_answer
from ..model import NOT_APPLICABLE, Answer, Framework, Question
from ..numbers import NumberBoundError, parse_exact, shown
from ..textfiles import csv_rows, read_text
from .types import Efforts, PlannerInputError

COLUMNS = ("question", "option", "effort")


def load_efforts_csv(path: str | Path, framework: Framework) -> Efforts:
    """Read an efforts CSV (row 1 is the header ``question,option,effort``)."""
    p = Path(path)
    text = read_text(p, error=PlannerInputError)
    rows = [row for _n, row in csv_rows(text, source=p.name, error=PlannerInputError)]
    return parse_efforts_rows(rows, framework, source=p.name)


def parse_efforts_rows(
    rows: Sequence[Sequence[str]], framework: Framework, *, source: str = "<efforts>"
) -> Efforts:
    """Check efforts rows (the first one the header) against ``framework``."""
    if not rows:
        raise PlannerInputError(
            source, "row 1", "the file is empty; expected question,option,effort"
        )
    header = [h.strip().casefold() for h in rows[0]]
    for column in COLUMNS:
        if column not in header:
            raise PlannerInputError(
                source, "row 1", f"missing column '{column}' (header: question,option,effort)"
            )
    at = {c: header.index(c) for c in COLUMNS}
    step: dict[str, Fraction] = {}
    option: dict[tuple[str, Answer], Fraction] = {}
    fixed: set[str] = set()
    excluded: set[tuple[str, Answer]] = set()
    seen: dict[tuple[str, Answer | None], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, *[""] * (len(header) - len(row))]
        code, raw_option, raw_effort = (cells[at[c]].strip() for c in COLUMNS)

        def fail(column: str, message: str, number: int = number) -> PlannerInputError:
            return PlannerInputError(source, f"row {number}, column {column}", message)

        question = framework.questions.get(code)
        if question is None:
            raise fail("question", f"{shown(code)} is not a question of {framework.id}")
        answer: Answer | None = None
        if raw_option:
            try:
                answer = canonical_answer(question.scale, raw_option)
            except ValueError as exc:
                raise fail("option", f"{code}: {exc}") from None
        key = (code, answer)
        if key in seen:
            raise fail("question", f"{code} {raw_option} is already listed in row {seen[key]}")
        seen[key] = number
        if raw_effort.casefold() == "fixed":
            if answer is None:
                fixed.add(code)
            else:
                excluded.add((code, answer))
            continue
        try:
            effort = parse_exact(raw_effort, decimal_comma=True)
        except NumberBoundError as exc:
            raise fail("effort", str(exc)) from None
        except ValueError:
            raise fail("effort", f"{shown(raw_effort)} is neither a number nor 'fixed'") from None
        if effort < 0:
            raise fail("effort", f"{shown(raw_effort)} is negative")
        if answer is not None:
            option[(code, answer)] = effort
        elif question.scale.kind == "number":
            raise fail(
                "option",
                f"{code} is a number question: give the forecast value in the option column",
            )
        else:
            step[code] = effort
    return Efforts(
        step=step,
        option=option,
        fixed=frozenset(fixed),
        excluded=frozenset(excluded),
        source=source,
    )


def moves(
    question: Question, current: Answer | None, efforts: Efforts
) -> list[tuple[Answer, Fraction]]:
    """The answers ``question`` may move up to from ``current``, each with its effort."""
    code = question.code
    if code in efforts.fixed or current == NOT_APPLICABLE:
        return []
    scale = question.scale
    explicit = dict(question.forecasts)  # the framework's defaults, then the file's rows
    explicit.update({a: e for (q, a), e in efforts.option.items() if q == code})
    if scale.kind == "number":
        now = scale.value(current) if current is not None else Fraction(0)
        return sorted(
            (
                (a, e)
                for a, e in explicit.items()
                if scale.value(a) > now and (code, a) not in efforts.excluded
            ),
            key=lambda item: item[0],
        )
    if question.source == "external" and code not in efforts.step and not explicit:
        return []  # an external input moves only with a forecast
    levels = sorted({v for _, v in scale.options})
    now_level = levels.index(scale.value(current)) if current is not None else 0
    per_step = efforts.step.get(code, Fraction(1))
    out: list[tuple[Answer, Fraction]] = []
    for option, value in scale.ordered_options():
        level = levels.index(value)
        if current is not None and level <= now_level:
            continue  # only moves up (an unanswered question may also take its lowest option)
        if (code, option) in efforts.excluded:
            continue
        if option in explicit:
            out.append((option, explicit[option]))
        elif question.source == "self" or code in efforts.step:
            out.append((option, per_step * (level - now_level)))
    return out
