"""The target planner: the least-effort answer changes that reach a score, a grade or a rank.

t = target_for_grade(fw, "B")                 # or target_for_score / target_for_rank
p = plan(fw, answers, t, load_efforts_csv("efforts.csv", fw))
p.reachable, p.effort, p.changes, p.index, p.grade

Pure Python with SciPy's ``milp`` (HiGHS); exact in the engine's rational arithmetic (solve.py says
why). No Django, and the current date is never read.
"""

from .efforts import load_efforts_csv, moves, parse_efforts_rows
from .solve import plan
from .targets import (
    load_peers_csv,
    needed_for_rank,
    rank_of,
    target_for_grade,
    target_for_rank,
    target_for_score,
)
from .types import Change, Efforts, Peer, Plan, PlannerInputError, Target

__all__ = [
    "Change",
    "Efforts",
    "Peer",
    "Plan",
    "PlannerInputError",
    "Target",
    "load_efforts_csv",
    "load_peers_csv",
    "moves",
    "needed_for_rank",
    "parse_efforts_rows",
    "plan",
    "rank_of",
    "target_for_grade",
    "target_for_rank",
    "target_for_score",
]
