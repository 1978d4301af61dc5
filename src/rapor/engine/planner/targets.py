"""Targets: a displayed score, a grade, or a rank among peers, each turned into a raw index bound.

The display rounds half up to the framework's ``decimals``; grades follow the framework's own
``compare`` and ``round_first``; a rank counts only the peers strictly above us as displayed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from ..grading import band, display_threshold, index_threshold
from ..model import Framework
from ..numbers import NumberBoundError, format_exact, format_fixed, parse_exact, round_half_up
from ..numbers import shown as quoted
from ..textfiles import csv_rows, read_text
from ..texts import text_problem
from .types import Peer, PlannerInputError, Target


def _shown(framework: Framework, value: Fraction) -> Fraction:
    return round_half_up(value, framework.decimals)


def target_for_score(framework: Framework, displayed: Fraction) -> Target:
    """Displayed index >= ``displayed``."""
    bound = display_threshold(framework, displayed)
    shown = _shown(framework, bound)
    return Target(
        kind="score",
        bound=bound,
        strict=False,
        shown=shown,
        label=f"score {format_exact(displayed)}",
    )


def target_for_grade(framework: Framework, code: str) -> Target:
    """The least index that earns grade ``code`` (or a better one) under the framework's rules."""
    try:
        b = band(framework, code)
    except KeyError:
        codes = ", ".join(x.code for x in framework.grading.bands)
        raise PlannerInputError(
            "--grade", code, f"not a grade of {framework.id}; its grades are {codes}"
        ) from None
    bound, strict = index_threshold(framework, b.code)
    return Target(
        kind="grade",
        bound=bound,
        strict=strict,
        shown=_shown(framework, bound),
        label=f"grade {b.code}",
    )


def needed_for_rank(
    framework: Framework, rank: int, peers: Sequence[Peer], margin: Fraction = Fraction(0)
) -> Fraction:
    """The least displayed index that ranks ``rank`` or better (plus ``margin``, displayed units).

    rank = 1 + the number of peers whose displayed index is strictly higher, so rank <= K holds
    exactly when our displayed index is at least the K-th highest displayed peer index (a tie with
    a peer is fine). With fewer than K peers any index will do.
    """
    if rank < 1:
        raise PlannerInputError("--rank", str(rank), "the rank must be 1 or more")
    if margin < 0:
        raise PlannerInputError("--margin", format_exact(margin), "the margin must not be negative")
    shown = sorted((_shown(framework, p.index) for p in peers), reverse=True)
    if len(shown) < rank:
        return Fraction(0) + margin
    return shown[rank - 1] + margin


def target_for_rank(
    framework: Framework, rank: int, peers: Sequence[Peer], margin: Fraction = Fraction(0)
) -> Target:
    needed = needed_for_rank(framework, rank, peers, margin)
    bound = display_threshold(framework, needed)
    label = f"rank <= {rank} of {len(peers) + 1}"
    if margin:
        label += f" (margin {format_fixed(margin, framework.decimals)})"
    return Target(
        kind="rank", bound=bound, strict=False, shown=_shown(framework, bound), label=label
    )


def rank_of(framework: Framework, index: Fraction, peers: Iterable[Peer]) -> int:
    """1 + the number of peers whose displayed index is strictly higher than ours."""
    ours = _shown(framework, index)
    return 1 + sum(1 for p in peers if _shown(framework, p.index) > ours)


def load_peers_csv(path: str | Path) -> tuple[Peer, ...]:
    """Read a peers CSV with columns ``name,index`` (row 1 is the header)."""
    p = Path(path)
    text = read_text(p, error=PlannerInputError)
    rows = [row for _n, row in csv_rows(text, source=p.name, error=PlannerInputError)]
    if not rows:
        raise PlannerInputError(p.name, "row 1", "the file is empty; expected a header name,index")
    header = [h.strip().casefold() for h in rows[0]]
    for column in ("name", "index"):
        if column not in header:
            raise PlannerInputError(
                p.name, "row 1", f"missing column '{column}' (header: name,index)"
            )
    i_name, i_index = header.index("name"), header.index("index")
    peers: list[Peer] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        name = cells[i_name].strip()
        if not name:
            raise PlannerInputError(p.name, f"row {number}, column name", "the name is empty")
        if (problem := text_problem(name, max_length=200)) is not None:
            raise PlannerInputError(
                p.name, f"row {number}, column name", f"the name has {problem.english()}"
            )
        raw = cells[i_index]
        try:
            value = parse_exact(raw, decimal_comma=True)
        except NumberBoundError as exc:
            raise PlannerInputError(p.name, f"row {number}, column index", str(exc)) from None
        except ValueError:
            raise PlannerInputError(
                p.name, f"row {number}, column index", f"{quoted(raw.strip())} is not a number"
            ) from None
        if value < 0:
            raise PlannerInputError(
                p.name, f"row {number}, column index", f"{quoted(raw.strip())} is negative"
            )
        peers.append(Peer(name=name, index=value))
    return tuple(peers)
