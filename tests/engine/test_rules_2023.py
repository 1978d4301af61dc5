"""Table tests of the format's version 1 additions (the 2023 method): ratio numbers, rounding before
summing, not applicable and the rescale of its root, the koefisien, AA from 100 and A-."""

from __future__ import annotations

import textwrap
from fractions import Fraction

import pytest

from rapor.engine import (
    NOT_APPLICABLE,
    AnswersError,
    FrameworkError,
    explain,
    load_framework_text,
    parse_answers,
    score,
)

F = Fraction

HEAD = """
format: rapor.framework/1
id: t2023
version: "1"
name: Test 2023
status: official
max_score: 120
decimals: 2
round_points: {round_points}
scales:
  0-100: {{kind: number, min: 0, max: 100, conversion: ratio}}
  1-5: {{kind: number, min: 1, max: 5, conversion: ratio}}
  1-5 range: {{kind: number, min: 1, max: 5}}
  0-3: {{kind: number, min: 0, max: 3, conversion: ratio}}
  opini: {{kind: choice, options: {{WTP: 1, WDP: 2/3}}, provisional: [WDP]}}
grades:
  compare: above
  round_first: true
  bands:
    - {{code: AA, min: 100, compare: at_least, label: Sangat Memuaskan, provisional: true}}
    - {{code: A, min: 80, label: Memuaskan, below_target: {{code: A-, label: A minus, provisional: true}}}}
    - {{code: BB, min: 70, label: Sangat Baik}}
    - {{code: B, min: 60, label: Baik}}
    - {{code: D, min: 0, label: Kurang}}
corrections:
  - {{code: KOEF, name: Koefisien, root: G, min: -10, max: 1, provisional: true}}
"""

# General 100 = a plan (3, TPN) with its implementation (7, × plan), two external inputs that may be
# not applicable (13.5 and 2), a 1-5 input, an opinion, and the rest; Tematik 20.
NODES = """
nodes:
  - code: G
    name: RB General
    weight: 100
    children:
      - {code: G.1, name: plan, weight: 3, scale: 0-3}
      - {code: G.2, name: implementation, weight: 7, scale: 0-100, depends_on: {question: G.1, multiply: true}}
      - {code: G.3, name: external, weight: 13.5, scale: 0-100, source: external, not_applicable: true, target: 50}
      - {code: G.4, name: small external, weight: 2, scale: 0-100, source: external, not_applicable: true}
      - {code: G.5, name: maturity, weight: 4, scale: 1-5}
      - {code: G.6, name: opinion, weight: 5, scale: opini}
      - {code: G.7, name: rest, weight: 65.5, scale: 0-100}
  - code: T
    name: RB Tematik
    weight: 20
    children:
      - {code: T.1, name: tematik, weight: 20, scale: 0-100}
"""


def fw2023(*, round_points: str = "true", nodes: str = NODES):
    text = textwrap.dedent(HEAD.format(round_points=round_points)) + textwrap.dedent(nodes)
    return load_framework_text(text, source="t2023.yaml")


def scored(fw, raw):
    return score(fw, parse_answers(fw, raw))


# ---- ratio numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "points"), [("1", "0.80"), ("2.63", "2.10"), ("5", "4.00")])
def test_a_ratio_scale_gives_value_over_max_times_the_weight_the_minimum_only_bounds_it(
    value, points
):
    r = scored(fw2023(), {"G.5": value})
    assert r.show(r.nodes["G.5"].score) == points


def test_a_range_scale_still_maps_its_minimum_to_zero():
    nodes = NODES.replace("scale: 1-5}", "scale: 1-5 range}")
    r = scored(fw2023(nodes=nodes), {"G.5": "1"})
    assert r.nodes["G.5"].score == 0


def test_a_ratio_scale_refuses_a_value_below_its_minimum():
    with pytest.raises(AnswersError, match=r"G.5: 0.5 is outside 1 … 5"):
        parse_answers(fw2023(), {"G.5": "0.5"})


# ---- rounding before summing ----------------------------------------------------------------------


def test_each_question_is_rounded_before_the_sums_with_round_points():
    # 1.125 twice: 1.13 + 1.13 = 2.26 (rounded first), against 2.25 (the exact sum)
    raw = {"G.5": "1.40625", "T.1": "5.625"}  # 4 × 1.40625 / 5 and 20 × 5.625 / 100
    r = scored(fw2023(), raw)
    assert r.nodes["G.5"].score == F("1.13") and r.nodes["T.1"].score == F("1.13")
    assert r.total == F("2.26")
    assert scored(fw2023(round_points="false"), raw).total == F("2.25")


def test_a_multiplied_question_is_rounded_once_after_its_multiplier():
    # 7 × 63.63/100 × (2/3) = 2.9694 -> 2.97 (the multiplier's value is not rounded first)
    r = scored(fw2023(), {"G.1": "2", "G.2": "63.63"})
    assert r.nodes["G.2"].score == F("2.97")


# ---- not applicable and the rescale -------------------------------------------------------------


def test_not_applicable_takes_its_weight_out_and_general_is_rescaled_to_100():
    # the real case of method-2023.md: 61.89 / 86.5 × 100 = 71.55
    fw = fw2023()
    r = scored(fw, {"G.3": "tidak berlaku", "G.7": "94.49"})  # 65.5 × 0.9449 = 61.89
    g = r.roots["G"]
    assert (g.score, g.excluded, g.adjustment_weight) == (F("61.89"), F("13.5"), F("86.5"))
    assert g.adjusted == F("71.55") and g.rescaled
    assert r.index == F("71.55") and r.grade.code == "BB"
    assert r.answers["G.3"] == NOT_APPLICABLE
    # the indicator that is its own question: nothing of it applies
    assert r.nodes["G.3"].excluded == F("13.5") and r.nodes["G.3"].applicable_weight == 0


@pytest.mark.parametrize("spelling", ["n/a", "N/A", " Tidak  Berlaku ", "not applicable", "NA"])
def test_not_applicable_is_read_in_the_ways_people_write_it(spelling):
    assert parse_answers(fw2023(), {"G.4": spelling}) == {"G.4": NOT_APPLICABLE}


def test_not_applicable_is_refused_where_the_framework_does_not_allow_it():
    with pytest.raises(
        AnswersError, match="G.7: this question cannot be answered 'not applicable'"
    ):
        parse_answers(fw2023(), {"G.7": "n/a"})


def test_the_adjustment_weight_is_100_minus_the_weights_marked_not_applicable():
    r = scored(fw2023(), {"G.3": "n/a", "G.4": "n/a", "G.7": "50"})
    assert r.roots["G"].adjustment_weight == F("84.5")
    assert r.roots["G"].adjusted == F("38.76")  # 32.75 / 84.5 × 100 = 38.757…
    assert r.roots["T"].adjusted == r.roots["T"].score == 0
    assert r.nodes["G"].percent == F("32.75") / F("84.5") * 100


def test_without_not_applicable_answers_nothing_is_rescaled():
    r = scored(fw2023(), {"G.3": "40", "G.7": "50"})
    assert not r.roots["G"].rescaled and r.roots["G"].adjusted == r.roots["G"].score


def test_a_multiplier_that_is_not_applicable_leaves_the_product_as_it_is():
    nodes = NODES.replace("weight: 3, scale: 0-3}", "weight: 3, scale: 0-3, not_applicable: true}")
    r = scored(fw2023(nodes=nodes), {"G.1": "n/a", "G.2": "50"})
    assert r.nodes["G.2"].score == F("3.5")


def test_a_question_answered_not_applicable_has_nothing_to_gain_and_others_gain_rescaled():
    fw = fw2023()
    answers = parse_answers(fw, {"G.3": "n/a", "G.7": "50"})
    result = score(fw, answers)
    _, questions = explain(fw, answers, result)
    assert questions["G.3"].gain == 0 and questions["G.3"].contribution == 0
    for code in ("G.1", "G.4", "G.5", "G.7", "T.1"):
        best = {**answers, code: questions[code].best}
        assert questions[code].gain == score(fw, best).total - result.total, code


# ---- the koefisien -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("koef", "general"),
    [
        ("-1", "31.75"),  # 32.75 - 1
        ("0,5", "33.25"),  # a decimal comma
        ("1", "33.75"),
    ],
)
def test_the_koefisien_is_added_to_general(koef, general):
    r = scored(fw2023(), {"G.7": "50", "KOEF": koef})
    assert r.roots["G"].score == F("32.75") and r.roots["G"].adjusted == F(general)
    assert [p.code for p in r.provisional] == ["KOEF"]


def test_the_koefisien_is_added_before_the_adjustment():
    r = scored(fw2023(), {"G.3": "n/a", "G.7": "50", "KOEF": "-2"})
    assert r.roots["G"].adjusted == F("35.55")  # (32.75 - 2) / 86.5 × 100 = 35.549…


@pytest.mark.parametrize("koef", ["-10.01", "1.5", "banyak"])
def test_a_koefisien_outside_minus_10_to_plus_1_is_refused(koef):
    with pytest.raises(AnswersError, match="KOEF"):
        parse_answers(fw2023(), {"KOEF": koef})


def test_the_index_stays_at_most_120():
    best = {"G.1": "3", "G.2": "100", "G.3": "100", "G.4": "100", "G.5": "5", "G.6": "WTP"}
    r = scored(fw2023(), {**best, "G.7": "100", "T.1": "100", "KOEF": "1"})
    assert r.total == 121 and r.index == 120 and r.grade.code == "AA"


# ---- AA from 100 and A- -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rest", "index", "grade"),
    [
        ("100", "100.00", "AA"),  # AA at 100 (at least), while the other bands are "above"
        ("99.99", "99.99", "A"),
        ("69.47", "80.00", "BB"),  # 80.00 is not above 80
    ],
)
def test_aa_starts_at_100_and_the_other_bands_above_their_minimum(rest, index, grade):
    answers = {"G.1": "3", "G.2": "100", "G.3": "100", "G.4": "100", "G.5": "5", "G.6": "WTP"}
    answers = {**answers, "G.7": rest, "T.1": "0"}
    r = scored(fw2023(), answers)
    assert (r.show(r.index), r.grade.code) == (index, grade)


@pytest.mark.parametrize(
    ("g3", "g7", "grade", "below"),
    [
        ("50", "80", "A", ()),  # on the target: 80.15
        ("49.99", "80", "A-", ("G.3",)),
        (None, "100", "A-", ("G.3",)),  # unanswered is below its target
        ("n/a", "90", "A", ()),  # not applicable is not: 92.43
    ],
)
def test_a_minus_is_shown_instead_of_a_below_a_target(g3, g7, grade, below):
    answers = {"G.1": "3", "G.2": "100", "G.4": "100", "G.5": "5", "G.6": "WTP", "G.7": g7}
    if g3 is not None:
        answers["G.3"] = g3
    r = scored(fw2023(), answers)
    assert 80 < r.index < 100
    assert (r.grade.code, r.below_target) == (grade, below)
    assert r.grade.provisional == (grade == "A-")


def test_an_opinion_other_than_wtp_is_a_provisional_part_of_the_result():
    r = scored(fw2023(), {"G.6": "WDP"})
    assert [(p.kind, p.code, p.detail) for p in r.provisional] == [("option", "G.6", "WDP")]
    assert scored(fw2023(), {"G.6": "WTP"}).provisional == ()


def test_the_framework_names_its_provisional_parts_and_its_adjustments():
    fw = fw2023()
    assert fw.provisional_parts == ("AA", "A-", "KOEF", "opini")
    assert fw.has_adjustments and not fw.provisional


# ---- the file ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("min: 1, max: 5, conversion: ratio", "min: -1, max: 5, conversion: ratio"), "min >= 0"),
        (("conversion: ratio}}\n  1-5:", "conversion: rate}}\n  1-5:"), "range or ratio"),
        (("root: G,", "root: G.1,"), "the code of a root node"),
        (("min: -10, max: 1", "min: 1, max: -10"), "must exceed min"),
        (("provisional: [WDP]", "provisional: [WTP-DPP]"), "option codes"),
        (
            ("below_target: {{code: A-, label: A minus, provisional: true}}", "below_target: A-"),
            "below_target",
        ),
        (("compare: at_least, label", "compare: sometimes, label"), "above or at_least"),
    ],
)
def test_a_file_that_breaks_an_addition_is_refused_naming_where(change, message):
    head = HEAD.replace(*change)
    if head == HEAD:
        raise AssertionError(change)
    text = textwrap.dedent(head.format(round_points="true")) + textwrap.dedent(NODES)
    with pytest.raises(FrameworkError, match=message):
        load_framework_text(text, source="t.yaml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("target: 500}", "G.3: 'target': 500 is outside 0 … 100"),
        ("target: 50, forecasts: {50: -1}}", "G.3: 'forecasts' 50: the effort must not be neg"),
        ("target: 50, forecasts: {500: 1}}", "G.3: 'forecasts': 500 is outside 0 … 100"),
    ],
)
def test_a_question_with_a_bad_target_or_forecast_is_refused(change, message):
    nodes = NODES.replace("target: 50}", change)
    with pytest.raises(FrameworkError, match=message):
        fw2023(nodes=nodes)


def test_a_scale_with_an_option_that_reads_not_applicable_cannot_allow_it():
    nodes = NODES.replace(
        "weight: 5, scale: opini}", "weight: 5, scale: opini, not_applicable: true}"
    )
    head = HEAD.replace("{{WTP: 1, WDP: 2/3}}", "{{WTP: 1, WDP: 2/3, N/A: 0}}")
    text = textwrap.dedent(head.format(round_points="true")) + textwrap.dedent(nodes)
    with pytest.raises(FrameworkError, match="reads as 'not applicable'"):
        load_framework_text(text, source="t.yaml")
