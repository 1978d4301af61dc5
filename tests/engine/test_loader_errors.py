"""A framework file that breaks a rule is refused with a message naming the node and the numbers."""

from __future__ import annotations

import pytest

from rapor.engine import AnswersError, FrameworkError, load_framework_text, parse_answers
from tests.engine.fixtures import WORKED, framework, framework_text

BAD_SUM = """
- code: P
  name: P
  weight: 60
  children:
    - {code: P1, name: a, weight: 25, questions: [{code: P1.a, text: a, scale: Y/T}]}
    - {code: P2, name: b, weight: 30, questions: [{code: P2.a, text: a, scale: Y/T}]}
- code: H
  name: H
  weight: 40
  scale: 0-100
"""


def test_children_weights_that_do_not_add_up_name_the_node_and_both_numbers():
    with pytest.raises(FrameworkError) as err:
        framework(BAD_SUM)
    message = str(err.value)
    assert "test.yaml" in message and "P:" in message
    assert "55" in message and "60" in message


def test_root_weights_must_add_up_to_max_score():
    with pytest.raises(FrameworkError, match=r"root weights add up to 100, but max_score is 90"):
        framework(WORKED, max_score="90")


def test_fractional_weights_add_up_exactly():
    nodes = """
- code: P
  name: P
  weight: 5
  children:
    - {code: P1, name: a, weight: 5/3, questions: [{code: P1.a, text: a, scale: Y/T}]}
    - {code: P2, name: b, weight: 10/3, questions: [{code: P2.a, text: a, scale: Y/T}]}
"""
    assert framework(nodes, max_score="5").nodes["P1"].weight * 3 == 5
    with pytest.raises(
        FrameworkError, match=r"add up to 1499/300 \(≈ 4\.9967\), but its weight is 5"
    ):
        framework(nodes.replace("10/3", "3.33"), max_score="5")


CYCLE = """
- code: P
  name: P
  weight: 100
  questions:
    - {code: P.a, text: a, scale: A/B/C, depends_on: {question: P.c, multiply: true}}
    - {code: P.b, text: b, scale: A/B/C, depends_on: {question: P.a, multiply: true}}
    - {code: P.c, text: c, scale: A/B/C, depends_on: {question: P.b, multiply: true}}
"""


def test_a_dependency_cycle_is_refused_naming_the_questions():
    with pytest.raises(FrameworkError, match=r"dependency cycle: P\.a -> P\.c -> P\.b -> P\.a"):
        framework(CYCLE)


def q(extra: str) -> str:
    return f"""
- code: P
  name: P
  weight: 100
  questions:
    - {{code: P.a, text: a, scale: Y/T}}
    - {{code: P.b, text: b, {extra}}}
"""


@pytest.mark.parametrize(
    ("nodes", "match"),
    [
        (
            q("scale: Y/T, depends_on: {question: P.z, zero_if: [Tidak]}"),
            r"P\.b: depends on 'P\.z'",
        ),
        (q("scale: Y/T, depends_on: {question: P.b, multiply: true}"), "cannot depend on itself"),
        (
            q("scale: Y/T, depends_on: {question: P.a, zero_if: [Mungkin]}"),
            r"P\.b: zero_if answer 'Mungkin'",
        ),
        (
            q("scale: Y/T, depends_on: {question: P.a, zero_if: [Tidak], multiply: true}"),
            "exactly one of",
        ),
        (q("scale: X/Y"), r"P\.b: scale 'X/Y' is not defined"),
        (q("scale: Y/T, weight: 0"), "weight must be greater than 0"),
        (q("scale: Y/T, source: bps"), "'source' must be self or external"),
        (q("scale: Y/T, code: P.a"), "P.a: this code is used twice"),
    ],
)
def test_question_rules(nodes, match):
    nodes = nodes.replace(
        "{code: P.b, text: b, scale: Y/T, code: P.a}", "{code: P.a, text: b, scale: Y/T}"
    )
    with pytest.raises(FrameworkError, match=match):
        framework(nodes)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (
            ("format: rapor.framework/1", "format: rapor.framework/2"),
            "must be exactly 'rapor.framework/1'",
        ),
        (("id: test", "id: Test_1"), r"id: 'Test_1' must match"),
        (
            (
                "Y/T: {kind: choice, options: {Ya: 1, Tidak: 0}",
                "Y/T: {kind: choice, options: {Ya: 2, Tidak: 0}",
            ),
            "outside 0",
        ),
        (
            ("{code: D, min: 0, label: Sangat Kurang}", "{code: D, min: 10, label: Sangat Kurang}"),
            "last band must have min 0",
        ),
        (
            ("{code: A, min: 80, label: Memuaskan}", "{code: A, min: 95, label: Memuaskan}"),
            "highest first",
        ),
        (("compare: above", "compare: over"), "'compare' must be above or at_least"),
        (("max: 4}", "max: 0}"), "must exceed min"),
    ],
)
def test_file_rules(change, match):
    text = framework_text(WORKED)
    assert change[0] in text
    with pytest.raises(FrameworkError, match=match):
        load_framework_text(text.replace(*change), source="test.yaml")


def test_a_node_needs_exactly_one_kind():
    with pytest.raises(
        FrameworkError, match="X: a node needs exactly one of children, questions or scale"
    ):
        framework(
            WORKED.replace(
                "  questions:\n    - {code: X.a, text: x, scale: Y/T}",
                "  scale: Y/T\n  questions:\n    - {code: X.a, text: x, scale: Y/T}",
            )
        )


def test_not_yaml_is_refused():
    with pytest.raises(FrameworkError, match="not valid YAML"):
        load_framework_text("nodes: [", source="broken.yaml")


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ({"P9": "A"}, "P9: not a question of test"),
        ({"P1.a": "E"}, r"P1\.a: 'E' is not one of A, B, C, D"),
        ({"H": "4.01"}, r"H: 4\.01 is outside 0 … 4"),
        ({"H": "banyak"}, r"H: 'banyak' is not a number"),
        ({"H": True}, r"H: True is not a number"),
    ],
)
def test_bad_answers_name_the_code_and_the_value(raw, match):
    with pytest.raises(AnswersError, match=match):
        parse_answers(framework(WORKED), raw, source="a.json")
