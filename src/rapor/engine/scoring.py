"""Scoring: the one path from answers to every node's score, the index and the grade.

How this works: a framework is compiled once into a plan. Questions are visited in dependency
order, each value an exact Fraction. Each question's contribution to its leaf is a rational
coefficient c = leaf weight × question weight / Σ question weights; all coefficients are brought to
one integer scale when compiling, and per assessment all values to one common denominator, so the
sums over the tree are integer additions. The result is exact, and fast enough to re-score every
local government of the country in well under a second.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .grading import grade_for, index_of
from .model import ZERO, Answer, Framework, GradeBand, Question
from .numbers import format_fixed


@dataclass(frozen=True)
class NodeScore:
    code: str
    score: Fraction
    weight: Fraction

    @property
    def percent(self) -> Fraction:
        return self.score / self.weight * 100 if self.weight else ZERO


@dataclass(frozen=True)
class ScoreResult:
    framework: Framework
    answers: Mapping[str, Answer]
    values: Mapping[str, Fraction]
    """Each question's value in [0, 1] after its dependency."""
    nodes: Mapping[str, NodeScore]
    total: Fraction
    index: Fraction
    grade: GradeBand
    answered: int
    questions: int = field(default=0)

    def show(self, value: Fraction) -> str:
        return format_fixed(value, self.framework.decimals)

    @property
    def index_display(self) -> str:
        return self.show(self.index)

    def missing(self) -> list[str]:
        return [code for code in self.framework.questions if code not in self.answers]


@dataclass(frozen=True)
class _Plan:
    order: tuple[Question, ...]
    leaves: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    inner: tuple[tuple[str, tuple[str, ...]], ...]
    """Inner nodes in post-order with their children's codes."""
    roots: tuple[str, ...]
    scale: int
    """Every coefficient c_q = m_q / scale."""
    coefficients: Mapping[str, int]
    """m_q by question code."""
    prerequisites: frozenset[str]


def _plan(framework: Framework) -> _Plan:
    cached = framework._cache.get("plan")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    order: list[Question] = []
    done: set[str] = set()

    def visit(q: Question) -> None:
        if q.code in done:
            return
        done.add(q.code)
        if q.depends_on is not None:
            visit(framework.questions[q.depends_on.question])
        order.append(q)

    for q in framework.questions.values():
        visit(q)
    coefficients: dict[str, Fraction] = {}
    for node in framework.nodes.values():
        if node.is_leaf:
            total_w = sum((q.weight for q in node.questions), ZERO)
            for q in node.questions:
                coefficients[q.code] = node.weight * q.weight / total_w
    scale = math.lcm(*(c.denominator for c in coefficients.values()))
    leaves = []
    inner = []
    for node in reversed(list(framework.nodes.values())):
        if node.is_leaf:
            terms = tuple((q.code, int(coefficients[q.code] * scale)) for q in node.questions)
            leaves.append((node.code, terms))
        else:
            inner.append((node.code, tuple(c.code for c in node.children)))
    plan = _Plan(
        order=tuple(order),
        leaves=tuple(leaves),
        inner=tuple(inner),
        roots=tuple(r.code for r in framework.roots),
        scale=scale,
        coefficients={code: int(c * scale) for code, c in coefficients.items()},
        prerequisites=frozenset(
            q.depends_on.question for q in framework.questions.values() if q.depends_on
        ),
    )
    framework._cache["plan"] = plan
    return plan


def question_values(framework: Framework, answers: Mapping[str, Answer]) -> dict[str, Fraction]:
    """Each question's value (rule 1 and the dependencies of section 1.2)."""
    values: dict[str, Fraction] = {}
    for q in _plan(framework).order:
        values[q.code] = question_value(q, answers.get(q.code), answers, values)
    return values


def question_value(
    q: Question,
    answer: Answer | None,
    answers: Mapping[str, Answer],
    values: Mapping[str, Fraction],
) -> Fraction:
    """One question's value for ``answer``, given the others' answers and (prerequisite) values."""
    v = ZERO if answer is None else q.scale.value(answer)
    dep = q.depends_on
    if dep is not None and v:
        if dep.multiply:
            v = v * values[dep.question]
        else:
            prerequisite = answers.get(dep.question)
            # an unanswered prerequisite does not trigger zero_if
            if prerequisite is not None and prerequisite in dep.zero_if:
                v = ZERO
    return v


def coefficient(framework: Framework, code: str) -> Fraction:
    """What a value of 1 for question ``code`` adds to the total: leaf weight × its share."""
    plan = _plan(framework)
    return Fraction(plan.coefficients[code], plan.scale)


def prerequisites(framework: Framework) -> frozenset[str]:
    """The questions some other question depends on."""
    return _plan(framework).prerequisites


def score(framework: Framework, answers: Mapping[str, Answer]) -> ScoreResult:
    """Score canonical answers (see answers.parse_answers) exactly."""
    plan = _plan(framework)
    values = question_values(framework, answers)
    common = math.lcm(*(v.denominator for v in values.values()))
    nums = {code: v.numerator * (common // v.denominator) for code, v in values.items()}
    node_num: dict[str, int] = {}
    for code, terms in plan.leaves:
        node_num[code] = sum(m * nums[q] for q, m in terms)
    for code, children in plan.inner:
        node_num[code] = sum(node_num[c] for c in children)
    denominator = plan.scale * common
    nodes = {
        code: NodeScore(code, Fraction(node_num[code], denominator), node.weight)
        for code, node in framework.nodes.items()
    }
    total = Fraction(sum(node_num[r] for r in plan.roots), denominator)
    index = index_of(framework, total)
    return ScoreResult(
        framework=framework,
        answers=dict(answers),
        values=values,
        nodes=nodes,
        total=total,
        index=index,
        grade=grade_for(framework, index),
        answered=sum(1 for code in framework.questions if code in answers),
        questions=len(framework.questions),
    )
