"""Explanations: for every node, what its score is made of and how much is still to gain.

For a question, ``gain`` is how much the framework's total would rise if that question alone were
moved to its best option, the other answers unchanged, dependencies included (answering a
prerequisite "Ya" lifts the questions it had zeroed), rounding and the rescale of its root included
(format version 1, additions). A question answered not applicable has nothing to gain. This feeds
the planner and the workspace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .model import NOT_APPLICABLE, ONE, ZERO, Answer, Framework, Question
from .scoring import ScoreResult, prerequisites, question_points, question_value, score


@dataclass(frozen=True)
class QuestionExplanation:
    code: str
    answer: Answer | None
    value: Fraction
    contribution: Fraction
    """What this question adds to its leaf's score now."""
    gain: Fraction
    """How much the total would rise with this question at its best option."""
    best: Answer

    @property
    def missing(self) -> bool:
        return self.answer is None


@dataclass(frozen=True)
class NodeExplanation:
    code: str
    name: str
    score: Fraction
    weight: Fraction
    percent: Fraction
    questions: tuple[str, ...]
    missing: tuple[str, ...]
    gain: Fraction
    """How much the total could still rise from this node's questions, each alone at its best."""


def best_answer(question: Question) -> Answer:
    scale = question.scale
    if scale.kind == "number":
        return scale.max
    return scale.ordered_options()[-1][0]


def explain(
    framework: Framework, answers: Mapping[str, Answer], result: ScoreResult | None = None
) -> tuple[dict[str, NodeExplanation], dict[str, QuestionExplanation]]:
    """Explain every node and question of a scored assessment."""
    result = result or score(framework, answers)
    # a root rescaled for not-applicable questions multiplies every rise under it; rounded after
    # the rescale (round_points), a rise is only known by scoring the whole
    factor: dict[str, Fraction] = {}
    whole: set[str] = set()
    for r in result.roots.values():
        factor[r.code] = r.factor
        if r.rescaled and framework.round_points:
            whole.add(r.code)
    per_question: dict[str, QuestionExplanation] = {}
    for code, q in framework.questions.items():
        best = best_answer(q)
        value = result.values[code]
        answer = answers.get(code)
        root = framework.root_of(code)
        if answer in (best, NOT_APPLICABLE):
            gain = ZERO
        elif code in prerequisites(framework) or root in whole:
            # moving a prerequisite moves the questions that depend on it: score it whole
            gain = score(framework, {**answers, code: best}).total - result.total
        else:
            raised = question_value(q, best, answers, result.values)
            rise = question_points(framework, code, raised) - question_points(
                framework, code, value
            )
            gain = rise * factor.get(root, ONE)
        per_question[code] = QuestionExplanation(
            code=code,
            answer=answer,
            value=value,
            contribution=question_points(framework, code, value),
            gain=max(gain, ZERO),
            best=best,
        )
    per_node: dict[str, NodeExplanation] = {}
    for code, node in framework.nodes.items():
        qs = tuple(q.code for q in framework.questions_under(code))
        ns = result.nodes[code]
        per_node[code] = NodeExplanation(
            code=code,
            name=node.name,
            score=ns.score,
            weight=ns.weight,
            percent=ns.percent,
            questions=qs,
            missing=tuple(c for c in qs if c not in answers),
            gain=sum((per_question[c].gain for c in qs), ZERO),
        )
    return per_node, per_question
