"""Scoring and planning agree on the 2023 additions: the planner finds the brute-force optimum on
random small frameworks with ratio numbers, rounding before summing, not-applicable answers and
their rescale, a koefisien and forecasts carried by the framework; and on the shipped rb-2023
frameworks with real-range answers, every plan re-scored meets its target at the least effort."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapor.engine import (
    NOT_APPLICABLE,
    Answer,
    explain,
    load_framework,
    load_framework_text,
    score,
)
from rapor.engine.numbers import format_exact
from rapor.engine.planner import (
    Efforts,
    Peer,
    plan,
    target_for_grade,
    target_for_rank,
    target_for_score,
)
from tests.engine.test_planner_properties import Case, brute_force

SCALES = {
    "1-5": "{kind: number, min: 1, max: 5, conversion: ratio}",
    "0-3": "{kind: number, min: 0, max: 3, conversion: ratio}",
    "A/B/C": "{kind: choice, options: {A: 1, B: 0.5, C: 0}}",
}
VALUES = {
    "1-5": [Fraction(1), Fraction("2.63"), Fraction(4), Fraction(5)],
    "0-3": [Fraction(0), Fraction("1.5"), Fraction("2.9"), Fraction(3)],
}
WEIGHTS = ["1", "2.5", "0.4", "7", "1/3", "13.5"]
EFFORTS = [Fraction(0), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(3)]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(1, 5))
    keys = draw(st.lists(st.sampled_from(sorted(SCALES)), min_size=n, max_size=n))
    in_t = [bool(i) and draw(st.booleans()) for i in range(n)]  # Q0 is always under G
    lines: dict[bool, list[str]] = {False: [], True: []}
    sums = {False: Fraction(0), True: Fraction(0)}
    for i, key in enumerate(keys):
        weight = draw(st.sampled_from(WEIGHTS))
        item = f"{{code: Q{i}, name: q{i}, weight: {weight}, scale: {key}"
        if draw(st.integers(0, 3)) == 0:
            item += ", source: external"
        if not in_t[i] and draw(st.booleans()):
            item += ", not_applicable: true"
        if key != "A/B/C" and draw(st.booleans()):
            picks = draw(st.lists(st.sampled_from(VALUES[key]), max_size=2, unique=True))
            if picks:
                pairs = ", ".join(
                    f"{format_exact(v)}: {format_exact(draw(st.sampled_from(EFFORTS)))}"
                    for v in picks
                )
                item += f", forecasts: {{{pairs}}}"
        if i and draw(st.integers(0, 2)) == 0:
            j = draw(st.integers(0, i - 1))
            if in_t[j] == in_t[i]:
                item += f", depends_on: {{question: Q{j}, multiply: true}}"
        lines[in_t[i]].append(f"      - {item}}}")
        sums[in_t[i]] += Fraction(weight)
    nodes = []
    for is_t, code in ((False, "G"), (True, "T")):
        if lines[is_t]:
            nodes.append(
                f"  - code: {code}\n    name: {code}\n    weight: {format_exact(sums[is_t])}\n"
                "    children:\n" + "\n".join(lines[is_t])
            )
    max_score = sums[False] + sums[True]
    decimals = draw(st.integers(1, 2))
    round_points = draw(st.booleans())
    text = (
        "format: rapor.framework/1\nid: p\nversion: '1'\nname: P\n"
        f"max_score: {format_exact(max_score)}\ndecimals: {decimals}\n"
        f"round_points: {str(round_points).lower()}\n"
        "scales:\n"
        + "".join(f"  {k}: {v}\n" for k, v in SCALES.items())
        + "grades:\n  compare: above\n  round_first: true\n  bands:\n"
        + f"    - {{code: A, min: {format_exact(max_score * Fraction(3, 4))}, compare: at_least, label: a}}\n"
        + f"    - {{code: B, min: {format_exact(max_score / 2)}, label: b}}\n"
        + "    - {code: C, min: 0, label: c}\n"
        + "corrections:\n  - {code: K, name: k, root: G, min: -2, max: 1}\n"
        + "nodes:\n"
        + "\n".join(nodes)
        + "\n"
    )
    fw = load_framework_text(text, source="p.yaml")
    answers: dict[str, Answer] = {}
    option: dict[tuple[str, Answer], Fraction] = {}
    fixed: set[str] = set()
    for code, q in fw.questions.items():
        pick = draw(st.integers(0, 4))
        if pick == 0 and q.not_applicable:
            answers[code] = NOT_APPLICABLE
        elif pick >= 2:
            if q.scale.kind == "choice":
                answers[code] = draw(st.sampled_from(["A", "B", "C"]))
            else:
                answers[code] = draw(st.sampled_from(VALUES[q.scale.key]))
        if draw(st.integers(0, 5)) == 0:
            fixed.add(code)
        elif q.scale.kind == "number" and draw(st.booleans()):
            option[(code, draw(st.sampled_from(VALUES[q.scale.key])))] = draw(
                st.sampled_from(EFFORTS)
            )
    if draw(st.booleans()):
        answers["K"] = draw(st.sampled_from([Fraction(-2), Fraction("-0.5"), Fraction(1)]))
    efforts = Efforts(option=option, fixed=frozenset(fixed))
    top = max_score
    kind = draw(st.sampled_from(["score", "grade", "rank"]))
    if kind == "score":
        x = Fraction(draw(st.integers(100, 1000)), 1000) * top
        target = target_for_score(fw, Fraction(round(x * 100), 100))
    elif kind == "grade":
        target = target_for_grade(fw, draw(st.sampled_from(["A", "B", "C"])))
    else:
        values = draw(st.lists(st.integers(100, 1000), max_size=4))
        peers = [Peer(f"p{i}", Fraction(v, 1000) * top) for i, v in enumerate(values)]
        target = target_for_rank(fw, draw(st.integers(1, 3)), peers)
    return Case(fw, answers, target, efforts, text)


def assert_optimal(case: Case) -> None:
    """The plan has the brute force's reachability, effort, number of changes and index."""
    p = plan(case.framework, case.answers, case.target, case.efforts)
    best = brute_force(case)
    found = (p.reachable, p.effort, len(p.changes), p.index)
    assert found == (best.reachable, best.effort, best.changes, best.index), case.text


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cases())
def test_the_plan_has_the_brute_force_optimum_with_the_2023_rules(case: Case) -> None:
    assert_optimal(case)


@SETTINGS
@given(cases())
def test_a_plan_re_scored_has_its_index_and_its_gains_add_up(case: Case) -> None:
    p = plan(case.framework, case.answers, case.target, case.efforts)
    result = score(case.framework, p.answers)
    assert result.index == p.index
    assert case.target.met_by(result.index) == p.reachable
    assert sum((c.gain for c in p.changes), Fraction(0)) == p.index - p.index_before
    assert sum((c.effort for c in p.changes), Fraction(0)) == p.effort
    for code, answer in case.answers.items():
        if answer == NOT_APPLICABLE:
            assert p.answers[code] == NOT_APPLICABLE


# ---- the shipped frameworks ------------------------------------------------------------------------

SHIPPED = {fid: load_framework(fid) for fid in ("rb-2023-kabkota", "rb-2023-provinsi")}


@st.composite
def shipped_cases(draw: st.DrawFn) -> Case:
    """Real-range answers on a shipped tree; up to 5 questions may move (the rest are fixed)."""
    fw = SHIPPED[draw(st.sampled_from(sorted(SHIPPED)))]
    answers: dict[str, Answer] = {}
    for code, q in fw.questions.items():
        pick = draw(st.integers(0, 9))
        if pick == 0 and q.not_applicable:
            answers[code] = NOT_APPLICABLE
        elif pick >= 3:
            if q.scale.kind == "choice":
                answers[code] = draw(st.sampled_from([c for c, _ in q.scale.options]))
            else:
                share = Fraction(draw(st.integers(0, 100)), 100)
                answers[code] = q.scale.min + (q.scale.max - q.scale.min) * share
    if draw(st.booleans()):
        answers["KOEF"] = Fraction(draw(st.integers(-1000, 100)), 100)
    movable = draw(st.lists(st.sampled_from(sorted(fw.questions)), max_size=5, unique=True))
    option: dict[tuple[str, Answer], Fraction] = {}
    for code in movable:
        q = fw.questions[code]
        if q.scale.kind == "number":
            share = Fraction(draw(st.integers(1, 100)), 100)
            value = q.scale.min + (q.scale.max - q.scale.min) * share
            option[(code, value)] = draw(st.sampled_from(EFFORTS))
    efforts = Efforts(option=option, fixed=frozenset(set(fw.questions) - set(movable)))
    kind = draw(st.sampled_from(["grade", "score"]))
    if kind == "grade":
        target = target_for_grade(fw, draw(st.sampled_from(["BB", "B", "CC"])))
    else:
        target = target_for_score(fw, Fraction(draw(st.integers(3000, 9000)), 100))
    return Case(fw, answers, target, efforts, f"{fw.id} {answers} {efforts} {target}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shipped_cases())
def test_on_the_shipped_2023_frameworks_the_plan_is_optimal_and_meets_its_target(
    case: Case,
) -> None:
    assert_optimal(case)
    p = plan(case.framework, case.answers, case.target, case.efforts)
    assert score(case.framework, p.answers).index == p.index
    assert sum((c.gain for c in p.changes), Fraction(0)) == p.index - p.index_before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shipped_cases())
def test_on_the_shipped_2023_frameworks_each_gain_is_the_rise_of_scoring_it_whole(
    case: Case,
) -> None:
    fw, answers = case.framework, case.answers
    result = score(fw, answers)
    _, questions = explain(fw, answers, result)
    for code, q in questions.items():
        if answers.get(code) == NOT_APPLICABLE:
            assert q.gain == 0
            continue
        raised = score(fw, {**answers, code: q.best}).total - result.total
        assert q.gain == max(raised, Fraction(0)), code
