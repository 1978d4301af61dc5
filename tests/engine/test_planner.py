"""Table tests of the target planner: each target kind at its boundaries, efforts, dependencies."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rapor.engine import load_framework, parse_answers, score, shipped_framework_ids
from rapor.engine.planner import (
    Efforts,
    Peer,
    PlannerInputError,
    load_efforts_csv,
    load_peers_csv,
    moves,
    needed_for_rank,
    parse_efforts_rows,
    plan,
    rank_of,
    target_for_grade,
    target_for_rank,
    target_for_score,
)
from rapor.engine.planner import solve as solve_module
from tests.engine.fixtures import framework

F = Fraction


def grades(compare: str, round_first: bool) -> str:
    return f"""
grades:
  compare: {compare}
  round_first: {str(round_first).lower()}
  bands:
    - {{code: A, min: 80, label: a}}
    - {{code: B, min: 60, label: b}}
    - {{code: C, min: 0, label: c}}
"""


def edge(small: str, *, base: str = "60", compare: str = "above", round_first: bool = True):
    """A base leaf (answered Ya), a small leaf of weight ``small`` (unanswered), and filler."""
    rest = F(100) - F(base) - F(small)
    nodes = f"""
- {{code: BASE, name: base, weight: {base}, questions: [{{code: BASE.a, text: base, scale: Y/T}}]}}
- {{code: SMALL, name: small, weight: {small}, questions: [{{code: SMALL.a, text: small, scale: Y/T}}]}}
- {{code: REST, name: rest, weight: {rest}, questions: [{{code: REST.a, text: rest, scale: Y/T}}]}}
"""
    fw = framework(nodes, grades=grades(compare, round_first))
    efforts = Efforts(fixed=frozenset({"REST.a"}))
    return fw, {"BASE.a": "Ya"}, efforts


# ---- grade targets at the rounding boundary ----------------------------------------------------


def test_grade_b_above_round_first_needs_a_raw_index_of_60_005():
    fw, answers, efforts = edge("0.005")
    target = target_for_grade(fw, "B")
    assert (target.bound, target.strict, target.shown) == (F("60.005"), False, F("60.01"))
    p = plan(fw, answers, target, efforts)
    assert p.reachable and p.effort == 1 and p.grade.code == "B"
    assert [c.question for c in p.changes] == ["SMALL.a"]


def test_grade_b_above_round_first_is_out_of_reach_at_60_004():
    fw, answers, efforts = edge("0.004")
    p = plan(fw, answers, target_for_grade(fw, "B"), efforts)
    assert not p.reachable
    assert p.index == F("60.004") and p.grade.code == "C" and p.effort == 1


def test_grade_b_at_least_round_first_is_earned_by_59_995():
    fw, answers, efforts = edge("0.005", base="59.99", compare="at_least")
    target = target_for_grade(fw, "B")
    assert (target.bound, target.shown) == (F("59.995"), F("60"))
    p = plan(fw, answers, target, efforts)
    assert p.reachable and p.grade.code == "B" and p.index == F("59.995")


@pytest.mark.parametrize(("compare", "reachable"), [("above", False), ("at_least", True)])
def test_without_round_first_exactly_60_earns_b_only_with_at_least(compare, reachable):
    fw, answers, efforts = edge("1", base="59", compare=compare, round_first=False)
    target = target_for_grade(fw, "B")
    assert target.strict == (compare == "above")
    p = plan(fw, answers, target, efforts)
    assert p.reachable is reachable
    assert p.index == 60


def test_without_round_first_above_60_by_any_amount_earns_b():
    fw, answers, efforts = edge("0.0001", compare="above", round_first=False)
    p = plan(fw, answers, target_for_grade(fw, "B"), efforts)
    assert p.reachable and p.grade.code == "B" and p.index == F("60.0001")


def test_an_unknown_grade_is_refused_with_the_grades_listed():
    fw, _, _ = edge("1")
    with pytest.raises(PlannerInputError, match="A, B, C"):
        target_for_grade(fw, "Z")


def test_a_score_target_is_a_displayed_index():
    fw, answers, efforts = edge("0.005")
    target = target_for_score(fw, F("60.01"))
    assert target.bound == F("60.005")
    assert plan(fw, answers, target, efforts).reachable


# ---- rank targets ------------------------------------------------------------------------------

PEERS = [Peer("a", F("70.004")), Peer("b", F("70")), Peer("c", F("65")), Peer("d", F("80.001"))]


@pytest.mark.parametrize(
    ("rank", "needed"),
    [(1, F("80")), (2, F("70")), (3, F("70")), (4, F("65")), (5, F(0)), (9, F(0))],
)
def test_rank_needs_the_kth_highest_displayed_peer_index_ties_allowed(rank, needed):
    fw, _, _ = edge("1")
    assert needed_for_rank(fw, rank, PEERS) == needed


def test_rank_counts_only_peers_strictly_above_as_displayed():
    fw, _, _ = edge("1")
    assert rank_of(fw, F("69.995"), PEERS) == 2  # shown 70.00: ties with a and b
    assert rank_of(fw, F("69.994"), PEERS) == 4


def test_rank_margin_is_added_in_displayed_units():
    fw, _, _ = edge("1")
    target = target_for_rank(fw, 2, PEERS, F("0.5"))
    assert target.shown == F("70.5") and target.bound == F("70.495")


def test_a_rank_plan_may_tie_with_a_peer():
    fw, answers, efforts = edge("0.005", base="59.99")
    peers = [Peer("x", F("60")), Peer("y", F("60.004"))]  # both shown 60.00
    target = target_for_rank(fw, 1, peers)
    p = plan(fw, answers, target, efforts)
    assert p.reachable and p.index == F("59.995") and rank_of(fw, p.index, peers) == 1


# ---- efforts -----------------------------------------------------------------------------------

SIX = """
- code: P
  name: P
  weight: 100
  questions:
    - {code: a, text: a, scale: A/B/C/D}
    - {code: b, text: b, scale: A/B/C/D}
    - {code: c, text: c, scale: Y/T}
    - {code: d, text: d, scale: 0-100, source: external}
    - {code: e, text: e, scale: opini, source: external}
    - {code: f, text: f, scale: Y/T}
"""


def test_default_effort_counts_steps_up_from_the_current_answer():
    fw = framework(SIX)
    q = fw.questions["a"]
    assert moves(q, "C", Efforts()) == [("B", 1), ("A", 2)]
    assert moves(q, None, Efforts()) == [("D", 0), ("C", 1), ("B", 2), ("A", 3)]
    assert moves(q, "A", Efforts()) == []


def test_an_efforts_file_sets_steps_options_and_fixed(tmp_path):
    fw = framework(SIX)
    path = tmp_path / "efforts.csv"
    path.write_text("question,option,effort\na,,2.5\na,A,4\nb,,fixed\nc,Ya,fixed\nd,75,2\n")
    efforts = load_efforts_csv(path, fw)
    assert moves(fw.questions["a"], "D", efforts) == [("C", F("2.5")), ("B", 5), ("A", 4)]
    assert moves(fw.questions["b"], "D", efforts) == []
    assert moves(fw.questions["c"], "Tidak", efforts) == []
    assert moves(fw.questions["d"], F(50), efforts) == [(F(75), 2)]
    assert moves(fw.questions["d"], F(80), efforts) == []  # never down


def test_external_inputs_move_only_with_a_forecast():
    fw = framework(SIX)
    assert moves(fw.questions["d"], F(50), Efforts()) == []
    assert moves(fw.questions["e"], "WDP", Efforts()) == []
    forecast = parse_efforts_rows([["question", "option", "effort"], ["e", "WTP", "3"]], fw)
    assert moves(fw.questions["e"], "WDP", forecast) == [("WTP", 3)]
    steps = parse_efforts_rows([["question", "option", "effort"], ["e", "", "1"]], fw)
    assert moves(fw.questions["e"], "WDP", steps) == [("WTP-DPP", 1), ("WTP", 2)]


def test_a_plan_uses_an_external_forecast_only_when_given():
    fw = framework(SIX)
    answers = {"a": "A", "b": "A", "c": "Ya", "d": F(0), "e": "WTP", "f": "Ya"}
    target = target_for_score(fw, F(90))
    assert not plan(fw, answers, target).reachable
    forecast = parse_efforts_rows([["question", "option", "effort"], ["d", "60", "7"]], fw)
    p = plan(fw, answers, target, forecast)
    assert p.reachable and p.effort == 7
    assert [(c.question, c.before, c.after) for c in p.changes] == [("d", F(0), F(60))]


def test_a_fixed_question_forces_a_dearer_plan():
    fw = framework(SIX)
    answers = {"a": "B", "b": "C", "c": "Tidak", "d": F(100), "e": "WTP", "f": "Ya"}
    target = target_for_score(fw, score(fw, answers).index + F(10))
    assert plan(fw, answers, target).effort == 1  # c: Tidak -> Ya lifts 16.67
    fixed = Efforts(fixed=frozenset({"c"}))
    p = plan(fw, answers, target, fixed)
    # b: C -> A (two steps, 11.17) beats a: B -> A with b: C -> B (the same effort, two changes)
    assert p.effort == 2 and [(c.question, c.after) for c in p.changes] == [("b", "A")]


@pytest.mark.parametrize(
    ("row", "where"),
    [
        (["zz", "", "1"], "row 2, column question"),
        (["a", "Z", "1"], "row 2, column option"),
        (["a", "", "lots"], "row 2, column effort"),
        (["a", "", "-1"], "row 2, column effort"),
        (["d", "", "1"], "row 2, column option"),
        (["d", "101", "1"], "row 2, column option"),
    ],
)
def test_bad_efforts_rows_name_the_row_and_column(row, where):
    fw = framework(SIX)
    with pytest.raises(PlannerInputError, match=where):
        parse_efforts_rows([["question", "option", "effort"], row], fw, source="e.csv")


def test_an_efforts_file_without_its_columns_is_refused():
    fw = framework(SIX)
    with pytest.raises(PlannerInputError, match="missing column 'effort'"):
        parse_efforts_rows([["question", "option"], ["a", ""]], fw)
    with pytest.raises(PlannerInputError, match="already listed in row 2"):
        parse_efforts_rows([["question", "option", "effort"], ["a", "", "1"], ["a", "", "2"]], fw)


def test_peers_csv_errors_name_the_row_and_column(tmp_path):
    path = tmp_path / "peers.csv"
    path.write_text("name,index\nx,70,5\ny,abc\n")
    with pytest.raises(PlannerInputError, match=r"peers.csv: row 3, column index"):
        load_peers_csv(path)
    path.write_text("name,score\nx,70\n")
    with pytest.raises(PlannerInputError, match="missing column 'index'"):
        load_peers_csv(path)
    path.write_text('name,index\nx,"70,5"\n')
    assert load_peers_csv(path) == (Peer("x", F("70.5")),)


# ---- dependencies ------------------------------------------------------------------------------

CHAIN = """
- code: P
  name: P
  weight: 60
  questions:
    - {code: a, text: a, scale: Y/T}
    - {code: b, text: b, scale: A/B/C, depends_on: {question: a, zero_if: [Tidak]}}
    - {code: c, text: c, scale: A/B/C/D, depends_on: {question: b, multiply: true}}
- code: X
  name: X
  weight: 40
  questions:
    - {code: x, text: x, scale: A/B/C/D}
"""


def test_a_zero_if_prerequisite_is_raised_to_lift_its_dependents():
    fw = framework(CHAIN)
    answers = {"a": "Tidak", "b": "A", "c": "A", "x": "D"}
    assert score(fw, answers).index == 0  # b zeroed by a, and c multiplied by b
    p = plan(fw, answers, target_for_score(fw, F(60)))
    assert p.effort == 1 and [(c.question, c.after) for c in p.changes] == [("a", "Ya")]
    assert p.changes[0].gain == 60


def test_a_multiply_chain_moves_together():
    fw = framework(CHAIN)
    answers = {"a": "Ya", "b": "C", "c": "A", "x": "A"}
    # b at C makes c worth nothing; raising b to A lifts both
    p = plan(fw, answers, target_for_score(fw, F(100)))
    assert p.reachable and p.effort == 2 and p.index == 100
    assert [(c.question, c.after, c.gain) for c in p.changes] == [("b", "A", 40)]


def test_an_unreachable_target_reports_the_best_index_grade_and_effort():
    fw = framework(CHAIN)
    answers = {"a": "Ya", "b": "B", "c": "C", "x": "A"}
    fixed = Efforts(fixed=frozenset({"c"}))
    p = plan(fw, answers, target_for_grade(fw, "AA"), fixed)
    assert not p.reachable
    assert p.index == F("86.6") and p.grade.code == "A"
    assert p.effort == 1 and [(c.question, c.after) for c in p.changes] == [("b", "A")]


# ---- tie-breaks and exactness ------------------------------------------------------------------

TIES = """
- code: P
  name: P
  weight: 100
  questions:
    - {code: a, text: a, scale: Y/T, weight: 2}
    - {code: b, text: b, scale: Y/T}
    - {code: c, text: c, scale: Y/T}
    - {code: d, text: d, scale: Y/T, weight: 3}
"""


def test_equal_effort_prefers_fewer_changes_then_the_larger_index():
    fw = framework(TIES)
    answers = {q: "Tidak" for q in "abcd"}
    efforts = Efforts(step={"a": F(2), "d": F(2)})
    # 28.57 needs weight 2 of 7: a alone (effort 2) or b + c (effort 2, two changes)
    p = plan(fw, answers, target_for_score(fw, F("28.57")), efforts)
    assert p.effort == 2 and [c.question for c in p.changes] == ["d"]


def test_the_float_relaxation_is_repaired_by_exact_cuts(monkeypatch):
    """Even a far too loose float threshold ends in the exact optimum (the no-good cuts)."""
    fw = framework(TIES)
    answers = {q: "Tidak" for q in "abcd"}
    loose = solve_module._threshold
    monkeypatch.setattr(
        solve_module, "_threshold", lambda g, need, strict: loose(g, need, strict) - 30.0
    )
    p = plan(fw, answers, target_for_score(fw, F(50)))
    assert p.reachable and p.effort == 2 and p.index >= 50


def test_a_target_already_met_needs_no_change():
    fw = framework(TIES)
    p = plan(fw, {q: "Ya" for q in "abcd"}, target_for_grade(fw, "AA"))
    assert p.reachable and p.effort == 0 and p.changes == ()


@pytest.mark.parametrize("fid", ["rb-2014", "rb-2020-pemda"])
def test_shipped_frameworks_plan_to_grade_b_and_the_plan_meets_it(fid):
    if fid not in shipped_framework_ids():
        pytest.skip(f"{fid} is not shipped")
    fw = load_framework(fid)
    # self-assessed questions at their lowest option, external inputs at their best (fixed)
    raw = {
        code: q.scale.ordered_options()[0 if q.source == "self" else -1][0]
        if q.scale.kind == "choice"
        else str(q.scale.max)
        for code, q in fw.questions.items()
    }
    answers = parse_answers(fw, raw)
    target = target_for_grade(fw, "B")
    p = plan(fw, answers, target)
    assert p.reachable and target.met_by(score(fw, p.answers).index)
