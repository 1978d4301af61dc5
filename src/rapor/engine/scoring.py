"""Scoring: the one path from answers to every node's score, the index and the grade.

How this works: a framework is compiled once into a plan. Questions are visited in dependency
order, each value an exact Fraction. Each question's contribution to its leaf is a rational
coefficient c = leaf weight × question weight / Σ question weights; all coefficients are brought to
one integer scale when compiling, and per assessment all values to one common denominator, so the
sums over the tree are integer additions. The result is exact, and fast enough to re-score every
local government of the country in well under a second.

Format version 1, additions (docs/engine.md): with ``round_points`` each question's points
(coefficient × value) are rounded half up to ``decimals`` first and the tree sums those; a question
answered NOT_APPLICABLE scores 0 and its coefficient is "excluded" from its nodes; each root is then
corrected and rescaled (roots.py), and the total is the sum of the adjusted roots.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .grading import grade_for, index_of
from .model import NOT_APPLICABLE, ZERO, Answer, Framework, GradeBand, Question
from .numbers import format_fixed, round_half_up
from .roots import ProvisionalPart, RootScore, provisional_parts, root_scores


@dataclass(frozen=True)
class NodeScore:
    code: str
    score: Fraction
    weight: Fraction
    excluded: Fraction = ZERO
    """The weight of its questions answered not applicable (it leaves the root)."""

    @property
    def applicable_weight(self) -> Fraction:
        return self.weight - self.excluded

    @property
    def percent(self) -> Fraction:
        weight = self.weight - self.excluded
        return self.score / weight * 100 if weight else ZERO


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
    roots: Mapping[str, RootScore] = field(default_factory=dict)
    """Per root: its score, not-applicable weight, correction and adjusted score (roots.py)."""
    below_target: tuple[str, ...] = ()
    """Questions below their optional target (they turn A into its below-target variant)."""
    provisional: tuple[ProvisionalPart, ...] = ()
    """What in this result rests on provisional rules (a grade, a correction, an option value)."""

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
    targets: tuple[Question, ...] = ()
    """The questions that carry a target."""
    fractions: Mapping[str, Fraction] = field(default_factory=dict)
    """c_q as a Fraction by question code (for rounding each question's points)."""


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
        targets=tuple(q for q in framework.questions.values() if q.target is not None),
        fractions=coefficients,
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
    """One question's value for ``answer``, given the others' answers and (prerequisite) values.

    Not applicable scores 0 (its weight leaves the root instead); a factor that does not apply is
    1: multiplying by a prerequisite answered not applicable leaves the value as it is.
    """
    if answer is None or (isinstance(answer, str) and answer == NOT_APPLICABLE):
        return ZERO
    v = q.scale.value(answer)
    dep = q.depends_on
    if dep is not None and v:
        if dep.multiply:
            factor = answers.get(dep.question)
            if not (isinstance(factor, str) and factor == NOT_APPLICABLE):
                v = v * values[dep.question]
        else:
            prerequisite = answers.get(dep.question)
            # an unanswered prerequisite does not trigger zero_if
            if prerequisite is not None and prerequisite in dep.zero_if:
                v = ZERO
    return v


def coefficient(framework: Framework, code: str) -> Fraction:
    """What a value of 1 for question ``code`` adds to the total: leaf weight × its share."""
    return _plan(framework).fractions[code]


def question_points(framework: Framework, code: str, value: Fraction) -> Fraction:
    """What question ``code`` adds to its leaf at ``value``: rounded first with round_points."""
    points = coefficient(framework, code) * value
    return round_half_up(points, framework.decimals) if framework.round_points else points


def prerequisites(framework: Framework) -> frozenset[str]:
    """The questions some other question depends on."""
    return _plan(framework).prerequisites


def score(framework: Framework, answers: Mapping[str, Answer]) -> ScoreResult:
    """Score canonical answers (see answers.parse_answers) exactly."""
    plan = _plan(framework)
    values = question_values(framework, answers)
    node_num: dict[str, int] = {}
    if framework.round_points:
        # every question's points rounded to the display step first, then summed (2023 rule 3):
        # the sums are integers in units of that step
        denominator = 10**framework.decimals
        coef = plan.fractions
        units = {c: _units(coef[c], v, denominator) for c, v in values.items()}
        for code, terms in plan.leaves:
            node_num[code] = sum(units[q] for q, _ in terms)
    else:
        common = math.lcm(*(v.denominator for v in values.values()))
        nums = {code: v.numerator * (common // v.denominator) for code, v in values.items()}
        denominator = plan.scale * common
        for code, terms in plan.leaves:
            node_num[code] = sum(m * nums[q] for q, m in terms)
    for code, children in plan.inner:
        node_num[code] = sum(node_num[c] for c in children)
    excluded = _excluded(framework, answers)
    nodes = {
        code: NodeScore(
            code, Fraction(node_num[code], denominator), node.weight, excluded.get(code, ZERO)
        )
        for code, node in framework.nodes.items()
    }
    roots = root_scores(framework, nodes, answers)
    total = sum((r.adjusted for r in roots.values()), ZERO)
    index = min(max(index_of(framework, total), ZERO), framework.index_scale)
    below = tuple(q.code for q in plan.targets if _below_target(q, answers.get(q.code)))
    grade = grade_for(framework, index, below_target=bool(below))
    return ScoreResult(
        framework=framework,
        answers=dict(answers),
        values=values,
        nodes=nodes,
        total=total,
        index=index,
        grade=grade,
        answered=sum(1 for code in framework.questions if code in answers),
        questions=len(framework.questions),
        roots=roots,
        below_target=below,
        provisional=provisional_parts(framework, answers, grade),
    )


def _units(c: Fraction, v: Fraction, step: int) -> int:
    """c × v in units of 1/step, rounded half up (both are >= 0): round_half_up in integers."""
    x, y = c.numerator * v.numerator * step, c.denominator * v.denominator
    q, r = divmod(x, y)
    return q + 1 if 2 * r >= y else q


def _excluded(framework: Framework, answers: Mapping[str, Answer]) -> dict[str, Fraction]:
    """Per node, the coefficients of its questions answered not applicable."""
    out: dict[str, Fraction] = {}
    for code, answer in answers.items():
        if isinstance(answer, str) and answer == NOT_APPLICABLE and code in framework.questions:
            c = coefficient(framework, code)
            # an indicator that is its own question counts itself, then its leaf up to the root
            own = (code,) if code in framework.nodes else ()
            for node in own + framework.ancestors(code):
                out[node] = out.get(node, ZERO) + c
    return out


def _below_target(q: Question, answer: Answer | None) -> bool:
    """Unanswered is below (it scores 0); not applicable is not."""
    if answer == NOT_APPLICABLE:
        return False
    if answer is None:
        return True
    assert q.target is not None
    return q.scale.value(answer) < q.scale.value(q.target)
