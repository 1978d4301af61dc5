"""The planner: the least-effort set of answer changes that reaches a target, found exactly.

How this works. Each dependency group (groups.py) takes one joint state; a binary variable per
(group, state) and ``sum <= 1`` per group (no variable set: the group stays as it is). The rise of
the total must reach the required rise R. SciPy's ``milp`` (HiGHS) solves it in stages, each
keeping the optimum of the previous one: least effort, then fewest changed questions, then the
largest rise.

Why the answer is exact although HiGHS computes in floats:
* efforts are scaled to integers (times the least common denominator), so every stage objective is
  an integer and HiGHS (``mip_rel_gap`` 0) closes the gap exactly; stage bounds are ``<= E + 1/2``;
* all rises and R are rationals over one common denominator D, so a plan reaches R exactly when its
  rise, times D, reaches the integer N = R·D (or R·D + 1 for a strict bound). The float model asks
  for N/D less a slack (half a lattice step, at least 1e-9): it is a *relaxation*, no exactly
  feasible plan is cut off by rounding, so its optimum is never worse than the exact optimum;
* every solution is re-scored with the engine's exact arithmetic. If it misses the target (a float
  artefact), a no-good cut removes exactly that combination — which is infeasible, so the model
  stays a relaxation — and the stage is solved again. A verified solution of a relaxation that
  attains the relaxation's optimum is optimal for the exact problem.
* rises are linear in the total except where a root rescaled for not-applicable answers is rounded
  (round_points): there the exact total is within half a display step of the linear one per such
  root, so the model asks for that much less (still a relaxation) and the exact re-scoring decides.
  Reachability itself is decided exactly, by scoring every group at its best state.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from ..model import ZERO, Answer, Framework
from ..scoring import ScoreResult, score
from .groups import Group, State, build_groups, contribution, factors
from .types import Change, Efforts, Plan, Target

Choice = tuple[int, ...]
"""Per group, the index of its chosen state in ``group.states``, or -1 for its current state."""

MAX_CUTS = 500


class _Model:
    """The float model of one planning problem, with the rows that the stages add."""

    def __init__(self, groups: Sequence[Group], slack_threshold: float) -> None:
        self.groups = groups
        self.columns: list[tuple[int, int]] = [
            (g, s) for g, group in enumerate(groups) for s in range(len(group.states))
        ]
        states = [groups[g].states[s] for g, s in self.columns]
        scale = math.lcm(*(st.effort.denominator for st in states))
        self.effort = np.array([float(st.effort * scale) for st in states])
        self.changes = np.array([float(st.changes) for st in states])
        self.delta = np.array([float(st.delta) for st in states])
        n = len(self.columns)
        rows: list[np.ndarray] = []
        for g in range(len(groups)):
            row = np.zeros(n)
            row[[i for i, (gg, _) in enumerate(self.columns) if gg == g]] = 1.0
            rows.append(row)
        self.rows: list[np.ndarray] = [*rows, self.delta]
        self.lb: list[float] = [-np.inf] * len(groups) + [slack_threshold]
        self.ub: list[float] = [1.0] * len(groups) + [np.inf]

    def add_row(self, row: np.ndarray, lb: float, ub: float) -> None:
        self.rows.append(row)
        self.lb.append(lb)
        self.ub.append(ub)

    def cut(self, choice: Choice) -> None:
        """Exclude exactly this combination of states (a no-good cut)."""
        chosen = {(g, s) for g, s in enumerate(choice) if s >= 0}
        row = np.array([-1.0 if col in chosen else 1.0 for col in self.columns])
        self.add_row(row, 1.0 - len(chosen), np.inf)

    def solve(self, objective: np.ndarray) -> Choice | None:
        n = len(self.columns)
        matrix = csr_array(np.vstack(self.rows))
        result = milp(
            objective,
            integrality=np.ones(n),
            bounds=Bounds(np.zeros(n), np.ones(n)),
            constraints=LinearConstraint(matrix, np.array(self.lb), np.array(self.ub)),
            options={"mip_rel_gap": 0.0, "presolve": True},
        )
        if result.x is None:
            return None
        picked = [-1] * len(self.groups)
        for i, (g, s) in enumerate(self.columns):
            if result.x[i] > 0.5:
                picked[g] = s
        return tuple(picked)

    def vector(self, choice: Choice) -> np.ndarray:
        chosen = {(g, s) for g, s in enumerate(choice) if s >= 0}
        return np.array([1.0 if col in chosen else 0.0 for col in self.columns])


def _state(group: Group, s: int) -> State:
    return group.current if s < 0 else group.states[s]


def _lexicographic(model: _Model, feasible: Callable[[Choice], bool]) -> Choice | None:
    """Least effort, then fewest changes, then largest rise, among exactly feasible choices."""

    def stage(objective: np.ndarray) -> Choice | None:
        for _ in range(MAX_CUTS):
            choice = model.solve(objective)
            if choice is None or feasible(choice):
                return choice
            model.cut(choice)
        raise RuntimeError("the planner could not find an exactly feasible plan")

    best = stage(model.effort)
    if best is None:
        return None
    effort = float(model.effort @ model.vector(best))
    model.add_row(model.effort, -np.inf, effort + 0.5)
    fewer = stage(model.changes)
    best = fewer if fewer is not None else best
    changes = float(model.changes @ model.vector(best))
    model.add_row(model.changes, -np.inf, changes + 0.5)
    larger = stage(-model.delta)
    return larger if larger is not None else best


def _threshold(groups: Sequence[Group], need: Fraction, strict: bool) -> float:
    """The float threshold of the relaxation (see the module's docstring)."""
    denominator = math.lcm(
        need.denominator, *(s.delta.denominator for g in groups for s in g.states)
    )
    n = need * denominator + (1 if strict else 0)
    slack = max(Fraction(1, 2 * denominator), Fraction(1, 10**9))
    return float(Fraction(n, denominator) - slack)


def _apply(
    groups: Sequence[Group], choice: Choice, answers: Mapping[str, Answer]
) -> dict[str, Answer]:
    out = dict(answers)
    for group, s in zip(groups, choice, strict=True):
        for q, a in zip(group.members, _state(group, s).answers, strict=True):
            if a is None:
                out.pop(q.code, None)
            else:
                out[q.code] = a
    return out


def _linear_total(result: ScoreResult) -> tuple[Fraction, Fraction]:
    """The total as a linear function of the points (rescale without its rounding), and how far
    the exact total can lie above it (half a display step per rounded rescaled root)."""
    fw = result.framework
    total, slack = ZERO, ZERO
    for r in result.roots.values():
        if r.rescaled and fw.round_points:
            slack += Fraction(1, 2 * 10**fw.decimals)
        total += (r.score + r.correction) * r.factor
    return total, slack


def _best(groups: Sequence[Group]) -> Choice:
    """Every group at its state of largest rise."""
    out: list[int] = []
    for g in groups:
        rises = [s.delta for s in g.states]
        out.append(rises.index(max(rises)) if rises else -1)
    return tuple(out)


def plan(
    framework: Framework,
    answers: Mapping[str, Answer],
    target: Target,
    efforts: Efforts | None = None,
) -> Plan:
    """The least-effort changes to ``answers`` that reach ``target`` (see the module docstring)."""
    efforts = efforts or Efforts()
    before = score(framework, answers)
    to_total = framework.max_score / framework.index_scale
    met = target.met_by(before.index)
    factor = factors(framework, before)
    groups = build_groups(framework, answers, efforts, factor) if not met else []
    linear, slack = _linear_total(before)
    best = score(framework, _apply(groups, _best(groups), answers))
    reachable = met or target.met_by(best.index)
    if reachable:

        def feasible(choice: Choice) -> bool:
            return target.met_by(score(framework, _apply(groups, choice, answers)).index)

        threshold = _threshold(groups, target.bound * to_total - linear - slack, target.strict)
    else:
        # the best index any plan reaches (the index, not the total: it is bounded to 0 … scale)

        def feasible(choice: Choice) -> bool:
            return score(framework, _apply(groups, choice, answers)).index >= best.index

        threshold = (
            _threshold(groups, best.index * to_total - linear - slack, False)
            if best.index > 0
            else -math.inf
        )
    choice: Choice = tuple(-1 for _ in groups)
    if groups and not met:
        found = _lexicographic(_Model(groups, threshold), feasible)
        if found is None:  # pragma: no cover - the exact check above says a plan exists
            raise RuntimeError("the solver found no plan although one exists")
        choice = found
    after_answers = _apply(groups, choice, answers)
    after = score(framework, after_answers)
    if reachable and not target.met_by(after.index):  # pragma: no cover - guarded by `feasible`
        raise RuntimeError("the plan does not meet its target")
    changes = _changes(framework, groups, choice, answers, factor)
    if sum((c.gain for c in changes), ZERO) != after.index - before.index:
        changes = _rescored_gains(framework, changes, answers)
    return Plan(
        target=target,
        reachable=reachable,
        effort=sum((c.effort for c in changes), ZERO),
        changes=tuple(sorted(changes, key=_file_order(framework))),
        index_before=before.index,
        index=after.index,
        grade_before=before.grade,
        grade=after.grade,
        answers=after_answers,
    )


def _file_order(framework: Framework) -> Callable[[Change], int]:
    position = {code: i for i, code in enumerate(framework.questions)}
    return lambda c: position[c.question]


def _changes(
    framework: Framework,
    groups: Sequence[Group],
    choice: Choice,
    answers: Mapping[str, Answer],
    factor: Mapping[str, Fraction],
) -> list[Change]:
    """The changed questions, group by group, prerequisites first, each credited with its rise."""
    to_index = framework.index_scale / framework.max_score
    out: list[Change] = []
    for group, s in zip(groups, choice, strict=True):
        if s < 0:
            continue
        state = group.states[s]
        step = list(group.current.answers)
        last = contribution(framework, group.members, tuple(step), factor)
        for i, q in enumerate(group.members):
            after = state.answers[i]
            if after == step[i] or after is None:
                continue
            step[i] = after
            now = contribution(framework, group.members, tuple(step), factor)
            out.append(
                Change(
                    question=q.code,
                    before=answers.get(q.code),
                    after=after,
                    effort=state.efforts[i],
                    gain=(now - last) * to_index,
                )
            )
            last = now
    return out


def _rescored_gains(
    framework: Framework, changes: Sequence[Change], answers: Mapping[str, Answer]
) -> list[Change]:
    """Gains by re-scoring after each change in turn, where the rounding of a rescaled root (or
    the index's upper bound) makes rises not add up: then they add up to the index rise exactly."""
    now = dict(answers)
    last = score(framework, now).index
    out = []
    for c in changes:
        now[c.question] = c.after
        index = score(framework, now).index
        out.append(replace(c, gain=index - last))
        last = index
    return out
