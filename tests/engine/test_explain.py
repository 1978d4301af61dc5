"""Explanations: what each node is made of and how much each missing or low answer could add."""

from __future__ import annotations

from fractions import Fraction

from rapor.engine import explain, parse_answers, score
from tests.engine.fixtures import WORKED, framework
from tests.engine.test_rules import CHAIN, ZERO_IF


def test_every_node_lists_its_questions_the_missing_ones_and_its_numbers():
    fw = framework(WORKED)
    answers = parse_answers(fw, {"P1.a": "A", "P1.b": "B", "H": "2"})
    nodes, questions = explain(fw, answers)
    p1 = nodes["P1"]
    assert p1.questions == ("P1.a", "P1.b", "P1.c")
    assert p1.missing == ("P1.c",)
    assert (p1.score, p1.weight) == (Fraction(167, 300), 1)
    assert p1.percent == Fraction(167, 3)
    assert nodes["P"].missing == ("P1.c",)
    # a missing A/B/C/D question of a weight-1 leaf of three can still add 1/3
    assert questions["P1.c"].missing and questions["P1.c"].gain == Fraction(1, 3)
    # a low answer (B = 0.67) can still add (1 - 0.67) / 3
    assert questions["P1.b"].gain == Fraction(33, 300)
    assert questions["P1.a"].gain == 0 and questions["P1.a"].best == "A"
    # the external input answered 2 of 4 can still add 7 × 2/4
    assert questions["H"].gain == Fraction(7, 2) and questions["H"].best == 4
    assert nodes["P1"].gain == Fraction(1, 3) + Fraction(33, 300)


def test_the_gain_of_a_prerequisite_includes_the_questions_it_zeroes():
    fw = framework(ZERO_IF)
    answers = parse_answers(fw, {"P.a": "Tidak", "P.b": "A"})
    _, questions = explain(fw, answers)
    # Ya lifts P.a itself (50) and releases P.b's A (50)
    assert questions["P.a"].gain == 100
    assert questions["P.b"].gain == 0  # already at its best; zeroed until P.a changes


def test_the_gain_of_a_multiplier_includes_the_chain():
    fw = framework(CHAIN)
    answers = parse_answers(fw, {"P.a": "Ya", "P.b": "B", "P.c": "A", "P.d": "A"})
    result = score(fw, answers)
    _, questions = explain(fw, answers, result)
    raised = score(fw, {**answers, "P.b": "A"})
    assert questions["P.b"].gain == raised.total - result.total
    assert questions["P.b"].gain > Fraction(25)  # more than its own quarter of the leaf
