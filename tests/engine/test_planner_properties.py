"""Properties of the planner on random small frameworks: it finds the brute-force optimum.

The frameworks are written as YAML text with random weights, scales, sources and dependencies;
the brute force tries every combination of upward moves.
"""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapor.engine import Answer, Framework, load_framework_text, score
from rapor.engine.numbers import format_exact
from rapor.engine.planner import (
    Efforts,
    Peer,
    Target,
    moves,
    plan,
    target_for_grade,
    target_for_rank,
    target_for_score,
)

SCALES = {
    "Y/T": "{kind: choice, options: {Ya: 1, Tidak: 0}}",
    "A/B/C": "{kind: choice, options: {A: 1, B: 0.5, C: 0}}",
    "A/B/C/D": "{kind: choice, options: {A: 1, B: 0.67, C: 0.33, D: 0}}",
    "H/M/L": "{kind: choice, options: {H: 1, M: 2/3, L: 1/3}}",  # lowest option above 0
    "TIE": "{kind: choice, options: {P: 1, Q: 1/2, R: 1/2, S: 0}}",  # two options of one value
    "0-4": "{kind: number, min: 0, max: 4}",
}
NUMBERS = [Fraction(0), Fraction(1), Fraction("2.5"), Fraction("3.31"), Fraction(4)]
WEIGHTS = ["1", "2", "3", "1.5", "1/3", "0.67", "7"]
EFFORTS = [Fraction(0), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(3), Fraction(5, 3)]


@dataclass(frozen=True)
class Case:
    framework: Framework
    answers: dict[str, Answer]
    target: Target
    efforts: Efforts
    text: str


@st.composite
def cases(draw: st.DrawFn, *, max_questions: int = 5) -> Case:
    n = draw(st.integers(1, max_questions))
    scale_keys = draw(st.lists(st.sampled_from(sorted(SCALES)), min_size=n, max_size=n))
    leaves = draw(st.integers(1, min(3, n)))
    leaf_of = [
        min(i, leaves - 1) if i < leaves else draw(st.integers(0, leaves - 1)) for i in range(n)
    ]
    leaf_weights = [draw(st.sampled_from(WEIGHTS)) for _ in range(leaves)]
    in_root = [draw(st.integers(0, 1)) if i else 0 for i in range(leaves)]
    questions: list[list[str]] = [[] for _ in range(leaves)]
    options: dict[str, list[str]] = {
        k: [o.split(":")[0].strip() for o in v.split("{")[2].split("}")[0].split(",")]
        for k, v in SCALES.items()
        if "choice" in v
    }
    for i in range(n):
        code = f"Q{i}"
        key = scale_keys[i]
        item = f"{{code: {code}, text: q{i}, scale: {key}"
        if draw(st.booleans()):
            item += f", weight: {draw(st.sampled_from(['1', '2', '1/2']))}"
        if draw(st.integers(0, 4)) == 0:
            item += ", source: external"
        if i and draw(st.integers(0, 2)) == 0:
            j = draw(st.integers(0, i - 1))
            if scale_keys[j] in options and draw(st.booleans()):
                bad = draw(st.sampled_from(options[scale_keys[j]]))
                item += f", depends_on: {{question: Q{j}, zero_if: [{bad}]}}"
            else:
                item += f", depends_on: {{question: Q{j}, multiply: true}}"
        questions[leaf_of[i]].append(item + "}")
    roots: dict[int, list[str]] = {0: [], 1: []}
    sums = {0: Fraction(0), 1: Fraction(0)}
    for leaf in range(leaves):
        body = "\n".join(f"    - {q}" for q in questions[leaf])
        roots[in_root[leaf]].append(
            f"- code: L{leaf}\n  name: leaf {leaf}\n  weight: {leaf_weights[leaf]}\n  questions:\n{body}"
        )
        sums[in_root[leaf]] += Fraction(leaf_weights[leaf])
    nodes = []
    for r in (0, 1):
        if roots[r]:
            kids = textwrap.indent("\n".join(roots[r]), "    ")
            nodes.append(
                f"- code: R{r}\n  name: root {r}\n  weight: {format_exact(sums[r])}\n  area: A{r}\n  children:\n{kids}"
            )
    max_score = sums[0] + sums[1]
    index_scale = draw(st.sampled_from(["100", "5", format_exact(max_score)]))
    decimals = draw(st.integers(0, 2))
    compare = draw(st.sampled_from(["above", "at_least"]))
    round_first = draw(st.booleans())
    top = draw(st.sampled_from(["80", "75.5", "59.999", "60"]))
    low = draw(st.sampled_from(["40", "33.333", "50.005"]))
    scale_factor = Fraction(index_scale) / 100
    bands = (
        f"    - {{code: A, min: {format_exact(Fraction(top) * scale_factor)}, label: a}}\n"
        f"    - {{code: B, min: {format_exact(Fraction(low) * scale_factor)}, label: b}}\n"
        "    - {code: C, min: 0, label: c}\n"
    )
    text = (
        "format: rapor.framework/1\nid: prop\nversion: '1'\nname: Prop\n"
        f"max_score: {format_exact(max_score)}\nindex_scale: {index_scale}\ndecimals: {decimals}\n"
        "scales:\n"
        + "".join(f"  {k}: {v}\n" for k, v in SCALES.items())
        + f"grades:\n  compare: {compare}\n  round_first: {str(round_first).lower()}\n  bands:\n{bands}"
        + "nodes:\n"
        + textwrap.indent("\n".join(nodes), "  ")
        + "\n"
    )
    fw = load_framework_text(text, source="prop.yaml")
    answers: dict[str, Answer] = {}
    step: dict[str, Fraction] = {}
    option: dict[tuple[str, Answer], Fraction] = {}
    fixed: set[str] = set()
    excluded: set[tuple[str, Answer]] = set()
    for code, q in fw.questions.items():
        if q.scale.kind == "choice":
            codes = [c for c, _ in q.scale.options]
            if draw(st.integers(0, 3)):
                answers[code] = draw(st.sampled_from(codes))
            kind = draw(st.integers(0, 6))
            if kind == 1:
                fixed.add(code)
            elif kind == 2:
                step[code] = draw(st.sampled_from(EFFORTS))
            elif kind == 3:
                option[(code, draw(st.sampled_from(codes)))] = draw(st.sampled_from(EFFORTS))
            elif kind == 4:
                excluded.add((code, draw(st.sampled_from(codes))))
        else:
            if draw(st.integers(0, 3)):
                answers[code] = draw(st.sampled_from(NUMBERS))
            for value in draw(st.lists(st.sampled_from(NUMBERS), max_size=2, unique=True)):
                option[(code, value)] = draw(st.sampled_from(EFFORTS))
    efforts = Efforts(
        step=step, option=option, fixed=frozenset(fixed), excluded=frozenset(excluded)
    )
    kind = draw(st.sampled_from(["score", "grade", "rank"]))
    top_index = Fraction(index_scale)
    if kind == "score":
        x = Fraction(draw(st.integers(300, 1000)), 1000) * top_index
        target = target_for_score(fw, Fraction(round(x * 1000), 1000))
    elif kind == "grade":
        target = target_for_grade(fw, draw(st.sampled_from(["A", "B", "C"])))
    else:
        values = draw(st.lists(st.integers(200, 1000), max_size=5))
        peers = [Peer(f"p{i}", Fraction(v, 1000) * top_index) for i, v in enumerate(values)]
        margin = draw(st.sampled_from([Fraction(0), Fraction(0), Fraction(1, 100), Fraction(1)]))
        target = target_for_rank(fw, draw(st.integers(1, 4)), peers, margin)
    return Case(fw, answers, target, efforts, text)


@dataclass(frozen=True)
class BruteForce:
    reachable: bool
    effort: Fraction
    changes: int
    index: Fraction


def brute_force(case: Case) -> BruteForce:
    """Try every combination of upward moves; the best by (effort, changes, -index)."""
    fw, answers = case.framework, case.answers
    per_question = []
    for code, q in fw.questions.items():
        now = answers.get(code)
        per_question.append(
            [(code, now, Fraction(0))] + [(code, a, e) for a, e in moves(q, now, case.efforts)]
        )
    best_ok: tuple[Fraction, int, Fraction] | None = None
    best_any: tuple[Fraction, Fraction, int] | None = None  # (-index, effort, changes)
    for combo in itertools.product(*per_question):
        trial = {c: a for c, a in answers.items() if c not in fw.questions}  # corrections stay
        trial.update({code: a for code, a, _ in combo if a is not None})
        index = score(fw, trial).index
        effort = sum((e for _, _, e in combo), Fraction(0))
        changes = sum(1 for code, a, _ in combo if a != answers.get(code))
        if case.target.met_by(index):
            key = (effort, changes, -index)
            if best_ok is None or key < best_ok:
                best_ok = key
        key2 = (-index, effort, changes)
        if best_any is None or key2 < best_any:
            best_any = key2
    if best_ok is not None:
        return BruteForce(True, best_ok[0], best_ok[1], -best_ok[2])
    assert best_any is not None
    return BruteForce(False, best_any[1], best_any[2], -best_any[0])


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_the_plan_has_the_brute_force_optimum_and_its_tie_breaks(case: Case) -> None:
    p = plan(case.framework, case.answers, case.target, case.efforts)
    best = brute_force(case)
    assert p.reachable == best.reachable, case.text
    assert p.effort == best.effort, case.text
    assert len(p.changes) == best.changes, case.text
    assert p.index == best.index, case.text


@SETTINGS
@given(cases())
def test_every_plan_applied_and_re_scored_meets_its_target(case: Case) -> None:
    p = plan(case.framework, case.answers, case.target, case.efforts)
    result = score(case.framework, p.answers)
    assert result.index == p.index
    if p.reachable:
        assert case.target.met_by(result.index)
    else:
        assert not case.target.met_by(result.index)
    assert sum((c.effort for c in p.changes), Fraction(0)) == p.effort
    assert sum((c.gain for c in p.changes), Fraction(0)) == p.index - p.index_before
    for c in p.changes:
        assert p.answers[c.question] == c.after
        assert case.answers.get(c.question) == c.before != c.after
    untouched = set(case.framework.questions) - {c.question for c in p.changes}
    for code in untouched:
        assert p.answers.get(code) == case.answers.get(code)
