"""Dependency groups and their joint states.

Questions tied by ``depends_on`` (``zero_if``, ``multiply``) cannot be priced one by one: raising a
prerequisite lifts its dependents. The planner therefore works on groups (connected components of
the dependency graph, taken undirected) and lets each group take one of its joint states: every
combination of its members' reachable answers (the current one or a move up). Each state carries
its exact effort, the number of questions it changes, and its exact rise of the total. A state that
another state of the group beats or equals on all three counts is dropped; no optimal plan needs it.

Rises are in the framework's total: each question's points (rounded first with ``round_points``)
times the factor of its root (weight / adjustment weight when not-applicable answers rescale it;
those answers never move, so the factors are constants of one planning problem).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..model import ONE, ZERO, Answer, Framework, Question
from ..scoring import ScoreResult, question_points, question_value, question_values
from .efforts import moves
from .types import Efforts

MAX_STATES = 100_000
"""A guard against a pathological group; the shipped frameworks have at most 32 joint states."""


@dataclass(frozen=True)
class State:
    answers: tuple[Answer | None, ...]
    """One answer per member (None: unanswered and left so)."""
    efforts: tuple[Fraction, ...]
    effort: Fraction
    changes: int
    delta: Fraction
    """The rise of the framework's total (not the index) over the current answers."""


@dataclass(frozen=True)
class Group:
    members: tuple[Question, ...]
    """Prerequisites before their dependents."""
    current: State
    states: tuple[State, ...]
    """The states other than the current one, after dropping dominated ones."""

    @property
    def best(self) -> Fraction:
        return max((s.delta for s in self.states), default=ZERO)


def factors(framework: Framework, result: ScoreResult) -> dict[str, Fraction]:
    """Per question, what a rise of its points is worth in the total: its root's rescale."""
    by_root = {r.code: r.factor for r in result.roots.values()}
    return {code: by_root.get(framework.root_of(code), ONE) for code in framework.questions}


def _components(framework: Framework) -> list[list[Question]]:
    parent = {code: code for code in framework.questions}

    def find(code: str) -> str:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    for q in framework.questions.values():
        if q.depends_on is not None:
            parent[find(q.code)] = find(q.depends_on.question)
    groups: dict[str, list[Question]] = {}
    for q in framework.questions.values():
        groups.setdefault(find(q.code), []).append(q)
    return list(groups.values())


def _depth(framework: Framework, q: Question) -> int:
    depth = 0
    while q.depends_on is not None:
        q = framework.questions[q.depends_on.question]
        depth += 1
    return depth


def contribution(
    framework: Framework,
    members: tuple[Question, ...],
    answers: tuple[Answer | None, ...],
    factor: Mapping[str, Fraction],
) -> Fraction:
    """The group's exact part of the total with its members answered so (engine rules)."""
    if len(members) == 1:  # a group of one has no dependency
        q, a = members[0], answers[0]
        value = question_value(q, a, {}, {})
        return question_points(framework, q.code, value) * factor[q.code]
    given = {q.code: a for q, a in zip(members, answers, strict=True) if a is not None}
    values = question_values(framework, given)  # the members depend only on each other
    return sum(
        (question_points(framework, q.code, values[q.code]) * factor[q.code] for q in members),
        ZERO,
    )


def build_groups(
    framework: Framework,
    answers: Mapping[str, Answer],
    efforts: Efforts,
    factor: Mapping[str, Fraction],
) -> list[Group]:
    """The groups that can move at all, each with its non-dominated joint states."""
    out: list[Group] = []
    for component in _components(framework):
        members = tuple(sorted(component, key=lambda q: _depth(framework, q)))  # stable: file order
        options = [
            [(answers.get(q.code), ZERO), *moves(q, answers.get(q.code), efforts)] for q in members
        ]
        if all(len(o) == 1 for o in options):
            continue
        count = 1
        for o in options:
            count *= len(o)
        if count > MAX_STATES:
            raise ValueError(
                f"the dependency group of {members[0].code} has {count} joint states, "
                f"more than the planner enumerates ({MAX_STATES})"
            )
        now = tuple(answers.get(q.code) for q in members)
        base = contribution(framework, members, now, factor)
        states: list[State] = []
        for combo in itertools.product(*options):
            chosen = tuple(a for a, _ in combo)
            costs = tuple(e for _, e in combo)
            states.append(
                State(
                    answers=chosen,
                    efforts=costs,
                    effort=sum(costs, ZERO),
                    changes=sum(1 for a, b in zip(chosen, now, strict=True) if a != b),
                    delta=contribution(framework, members, chosen, factor) - base,
                )
            )
        current, *rest = states
        kept = _non_dominated([current, *rest])
        out.append(Group(members=members, current=current, states=tuple(kept[1:])))
    return [g for g in out if g.states]


def _non_dominated(states: list[State]) -> list[State]:
    """Drop every state that an earlier-kept state matches or beats on effort, changes and rise.

    The current state (effort 0, no change, rise 0) sorts first and is always kept first.
    """
    ordered = sorted(states, key=lambda s: (s.effort, s.changes, -s.delta))
    kept: list[State] = []
    for s in ordered:
        if not any(
            k.effort <= s.effort and k.changes <= s.changes and k.delta >= s.delta for k in kept
        ):
            kept.append(s)
    return kept
