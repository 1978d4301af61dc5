"""Table-driven tests of each scoring rule of framework-format.md sections 1-2."""

from __future__ import annotations

from fractions import Fraction

import pytest

from rapor.engine import format_fixed, parse_answers, round_half_up, score
from tests.engine.fixtures import WORKED, framework


def scored(fw, raw):
    return score(fw, parse_answers(fw, raw))


def test_the_worked_indicator_scores_0_78():
    fw = framework(WORKED)
    r = scored(fw, {"P1.a": "A", "P1.b": "B", "P1.c": "B"})
    assert r.nodes["P1"].score == Fraction(78, 100)
    assert r.show(r.nodes["P1"].score) == "0.78"


def test_the_worked_input_of_weight_7_answered_3_31_scores_5_7925():
    fw = framework(WORKED)
    r = scored(fw, {"H": "3.31"})
    assert r.nodes["H"].score == Fraction("5.7925")
    assert r.show(r.nodes["H"].score) == "5.79"


def test_numbers_in_the_file_are_exact_not_binary_floats():
    fw = framework(WORKED)
    assert dict(fw.scales["A/B/C/D"].options)["B"] == Fraction(67, 100)
    assert dict(fw.scales["opini"].options)["WTP-DPP"] == Fraction(5, 6)


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (Fraction("0.005"), 2, "0.01"),
        (Fraction("0.004999"), 2, "0.00"),
        (Fraction("60.005"), 2, "60.01"),
        (Fraction("60.0049999"), 2, "60.00"),
        (Fraction("2.5"), 0, "3"),
        (Fraction("-0.005"), 2, "-0.01"),
        (Fraction(2, 3), 4, "0.6667"),
        (Fraction(100), 2, "100.00"),
    ],
)
def test_display_rounds_half_up(value, decimals, shown):
    assert format_fixed(value, decimals) == shown


def test_rounding_is_exact_at_a_half_cent_that_floats_get_wrong():
    # 1.005 is 1.00499999999999989... as a binary float; exactly it rounds up.
    assert round_half_up(Fraction("1.005"), 2) == Fraction("1.01")


ZERO_IF = """
- code: P
  name: P
  weight: 100
  questions:
    - {code: P.b, text: b, scale: A/B/C, depends_on: {question: P.a, zero_if: [Tidak]}}
    - {code: P.a, text: a, scale: Y/T}
"""


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"P.a": "Ya", "P.b": "A"}, "100.00"),
        ({"P.a": "Tidak", "P.b": "A"}, "0.00"),
        ({"P.a": "tidak ", "P.b": "A"}, "0.00"),
        ({"P.b": "A"}, "50.00"),  # an unanswered prerequisite does not trigger zero_if
        ({"P.a": "Ya"}, "50.00"),
    ],
)
def test_zero_if_depends_on_the_prerequisite_answer(answers, expected):
    r = scored(framework(ZERO_IF), answers)
    assert r.show(r.total) == expected


CHAIN = """
- code: P
  name: P
  weight: 100
  questions:
    - {code: P.d, text: d, scale: A/B/C/D, depends_on: {question: P.c, multiply: true}}
    - {code: P.c, text: c, scale: A/B/C, depends_on: {question: P.b, multiply: true}}
    - {code: P.b, text: b, scale: A/B/C, depends_on: {question: P.a, zero_if: [Tidak]}}
    - {code: P.a, text: a, scale: Y/T}
"""


def test_a_dependency_chain_declared_backwards_resolves_in_order():
    fw = framework(CHAIN)
    r = scored(fw, {"P.a": "Ya", "P.b": "B", "P.c": "B", "P.d": "B"})
    assert r.values["P.b"] == Fraction(1, 2)
    assert r.values["P.c"] == Fraction(1, 4)
    assert r.values["P.d"] == Fraction(67, 100) * Fraction(1, 4)
    r = scored(fw, {"P.a": "Tidak", "P.b": "A", "P.c": "A", "P.d": "A"})
    assert (r.values["P.b"], r.values["P.c"], r.values["P.d"]) == (0, 0, 0)


def test_multiply_by_an_unanswered_question_gives_zero():
    r = scored(framework(CHAIN), {"P.a": "Ya", "P.c": "A", "P.d": "A"})
    assert r.values["P.c"] == 0 and r.values["P.d"] == 0


def grades(compare: str, round_first: str) -> str:
    return f"""
grades:
  compare: {compare}
  round_first: {round_first}
  bands:
    - {{code: BB, min: 70, label: Sangat Baik}}
    - {{code: B, min: 60, label: Baik}}
    - {{code: D, min: 0, label: Kurang}}
"""


INPUT = """
- code: H
  name: H
  weight: 100
  scale: 0-100
"""


@pytest.mark.parametrize(
    ("compare", "round_first", "value", "grade"),
    [
        ("above", "true", "70", "B"),
        ("above", "true", "70.01", "BB"),
        ("above", "true", "70.004", "B"),  # shown as 70.00, not above 70
        ("above", "true", "70.005", "BB"),  # shown as 70.01
        ("above", "false", "70.004", "BB"),  # the exact index is above 70
        ("above", "false", "70", "B"),
        ("at_least", "true", "70", "BB"),
        ("at_least", "true", "69.995", "BB"),  # shown as 70.00
        ("at_least", "true", "69.994", "B"),
        ("at_least", "false", "69.995", "B"),
        ("above", "true", "0", "D"),  # the last band matches 0 even with `above`
        ("at_least", "true", "0", "D"),
    ],
)
def test_grading_modes(compare, round_first, value, grade):
    fw = framework(INPUT, grades=grades(compare, round_first))
    assert scored(fw, {"H": value}).grade.code == grade


def test_index_scale_reports_the_index_on_its_own_scale():
    fw = framework(INPUT, extra="index_scale: 5")
    r = scored(fw, {"H": "70"})
    assert r.index == Fraction(7, 2)
    assert r.index_display == "3.50"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ({"X.a": " ya "}, "Ya"),
        ({"X.a": "Y"}, "Ya"),
        ({"X.a": "TIDAK"}, "Tidak"),
        ({"P1.a": "a"}, "A"),
        ({"P1.a": "b."}, "B"),
        ({"P1.a": " c )"}, "C"),
        ({"X.a": "Ya."}, "Ya"),
        ({"P1.a": "b. Sebagian besar tugas telah dilaksanakan"}, "B"),
    ],
)
def test_choice_answers_match_in_any_case_with_stray_spaces(raw, canonical):
    fw = framework(WORKED)
    assert list(parse_answers(fw, raw).values()) == [canonical]


def test_aliases_and_the_decimal_comma():
    fw = framework(WORKED)
    assert parse_answers(fw, {"H": "3,31"}) == {"H": Fraction("3.31")}
    assert parse_answers(fw, {"H": 3.31}) == {"H": Fraction("3.31")}
    assert parse_answers(fw, {"H": 4}) == {"H": 4}


def test_percentages_and_children_sums():
    fw = framework(WORKED)
    r = scored(fw, {"P1.a": "A", "P1.b": "B", "P1.c": "C", "H": "2", "X.a": "Ya"})
    assert r.nodes["P"].score == r.nodes["P1"].score
    assert r.nodes["P1"].percent == Fraction(200, 3)
    assert r.total == r.nodes["P"].score + r.nodes["H"].score + r.nodes["X"].score
    assert r.answered == 5 and r.questions == 5
