"""The planner on the format's version 1 additions: forecasts carried by the framework, questions
answered not applicable, rounding before summing, the rescale of a root and the koefisien."""

from __future__ import annotations

import textwrap
from fractions import Fraction

import pytest

from rapor.engine import load_framework_text, parse_answers, score
from rapor.engine.planner import (
    Efforts,
    moves,
    parse_efforts_rows,
    plan,
    target_for_grade,
    target_for_score,
)

F = Fraction

TEXT = """
format: rapor.framework/1
id: p2023
version: "1"
name: Planner 2023
max_score: 120
decimals: 2
round_points: true
scales:
  0-100: {kind: number, min: 0, max: 100, conversion: ratio}
  0-3: {kind: number, min: 0, max: 3, conversion: ratio}
grades:
  compare: above
  round_first: true
  bands:
    - {code: B, min: 60, label: Baik}
    - {code: CC, min: 50, label: Cukup}
    - {code: D, min: 0, label: Kurang}
corrections:
  - {code: KOEF, name: Koefisien, root: G, min: -10, max: 1}
nodes:
  - code: G
    name: RB General
    weight: 100
    children:
      - {code: G.1, name: plan, weight: 3, scale: 0-3, forecasts: {2: 1, 3: 2}}
      - {code: G.2, name: implementation, weight: 7, scale: 0-100, depends_on: {question: G.1, multiply: true}, forecasts: {50: 2, 100: 6}}
      - {code: G.3, name: external, weight: 13.5, scale: 0-100, source: external, not_applicable: true}
      - {code: G.4, name: tiny, weight: 0.01, scale: 0-100, forecasts: {40: 1, 50: 1}}
      - {code: G.5, name: rest, weight: 76.49, scale: 0-100, source: external}
  - code: T
    name: RB Tematik
    weight: 20
    children:
      - {code: T.1, name: tematik, weight: 20, scale: 0-100, forecasts: {50: 5}}
"""


@pytest.fixture
def fw():
    return load_framework_text(textwrap.dedent(TEXT), source="p2023.yaml")


def rows(fw, *lines):
    return parse_efforts_rows([["question", "option", "effort"], *lines], fw)


def test_the_frameworks_forecasts_are_a_questions_default_moves(fw):
    assert moves(fw.questions["G.1"], None, Efforts()) == [(2, 1), (3, 2)]
    assert moves(fw.questions["G.1"], F(2), Efforts()) == [(3, 2)]  # never down or sideways
    assert moves(fw.questions["G.5"], F(50), Efforts()) == []  # external: no forecast, no move


def test_an_efforts_row_overrides_a_forecast_adds_values_or_rules_one_out(fw):
    efforts = rows(fw, ["G.1", "3", "5"], ["G.1", "2.5", "1"], ["G.2", "50", "fixed"])
    assert moves(fw.questions["G.1"], None, efforts) == [(2, 1), (F("2.5"), 1), (3, 5)]
    assert moves(fw.questions["G.2"], None, efforts) == [(100, 6)]
    assert moves(fw.questions["G.1"], None, rows(fw, ["G.1", "", "fixed"])) == []


def test_a_question_answered_not_applicable_does_not_move(fw):
    efforts = rows(fw, ["G.3", "90", "1"])
    assert moves(fw.questions["G.3"], "n/a", efforts) == []
    assert moves(fw.questions["G.3"], F(10), efforts) == [(90, 1)]


def test_the_plan_counts_points_rounded_before_summing(fw):
    # G.4 at 40 gives 0.004 -> 0.00 and at 50 gives 0.005 -> 0.01, for the same effort: only 50
    # lifts the index from 50.00 to 50.01
    answers = parse_answers(fw, {"G.5": "65.37", "T.1": "0"})
    before = score(fw, answers)
    assert before.show(before.index) == "50.00"
    p = plan(fw, answers, target_for_score(fw, F("50.01")), rows(fw, ["G.1", "", "fixed"]))
    assert [(c.question, c.after) for c in p.changes] == [("G.4", 50)]
    assert p.index == F("50.01")


def test_the_plan_rises_through_the_rescale_of_its_root_exactly(fw):
    # G.3 is not applicable: General counts × 100 / 86.5, rounded after the rescale
    answers = parse_answers(fw, {"G.3": "n/a", "G.5": "64", "KOEF": "-1"})
    before = score(fw, answers)
    assert before.roots["G"].adjusted == F("55.43")  # (48.95 - 1) / 86.5 × 100 = 55.433…
    p = plan(fw, answers, target_for_grade(fw, "B"))
    after = score(fw, p.answers)
    assert after.index == p.index > 60 and p.grade.code == "B"
    # +4.33 points are +5.01 in the index: (52.28 / 86.5 × 100 = 60.44)
    assert [(c.question, c.after) for c in p.changes] == [("G.1", 2), ("G.2", 50)]
    assert p.index == F("60.44") and p.effort == 3
    assert sum(c.gain for c in p.changes) == p.index - p.index_before
    assert p.answers["G.3"] == "n/a" and p.answers["KOEF"] == -1


def test_an_unreachable_target_is_known_exactly_with_the_rescale(fw):
    answers = parse_answers(fw, {"G.3": "n/a", "G.5": "10"})
    p = plan(fw, answers, target_for_grade(fw, "B"))
    best = score(fw, p.answers)
    assert not p.reachable and best.index == p.index < 60
    # every own-work forecast at its top: nothing better exists
    assert {c.question: c.after for c in p.changes} == {
        "G.1": 3,
        "G.2": 100,
        "G.4": 50,
        "T.1": 50,
    }
