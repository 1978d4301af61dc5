"""Benchmark the target planner on full shipped assessments with random answers.

Run: .venv/bin/python bench/planner.py [--seed N] [--forecasts]

For rb-2014 and rb-2020-pemda, random answers (seeded) are planned to the grades A, BB and B; one
line per case, then a summary. External inputs are fixed unless ``--forecasts`` gives each of them
a forecast of its best value for an effort of 3. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

from rapor.engine import Answer, Framework, format_exact, format_fixed, load_framework
from rapor.engine.planner import Efforts, plan, target_for_grade

FRAMEWORKS = ("rb-2014", "rb-2020-pemda")
TARGETS = ("A", "BB", "B")


def random_answers(framework: Framework, rnd: random.Random) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for code, q in framework.questions.items():
        if rnd.random() < 0.05:
            continue  # a few unanswered questions
        if q.scale.kind == "choice":
            answers[code] = rnd.choice(q.scale.options)[0]
        else:
            span = q.scale.max - q.scale.min
            answers[code] = q.scale.min + span * Fraction(rnd.randint(0, 100), 100)
    return answers


def forecasts(framework: Framework) -> Efforts:
    option: dict[tuple[str, Answer], Fraction] = {}
    for code, q in framework.questions.items():
        if q.source == "external":
            best = q.scale.max if q.scale.kind == "number" else q.scale.ordered_options()[-1][0]
            option[(code, best)] = Fraction(3)
    return Efforts(option=option)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--forecasts", action="store_true")
    args = parser.parse_args()
    worst = 0.0
    total = 0.0
    count = 0
    for fid in FRAMEWORKS:
        fw = load_framework(fid)
        answers = random_answers(fw, random.Random(f"{args.seed}-{fid}"))
        efforts = forecasts(fw) if args.forecasts else None
        for grade in TARGETS:
            start = time.perf_counter()
            p = plan(fw, answers, target_for_grade(fw, grade), efforts)
            seconds = time.perf_counter() - start
            worst, total, count = max(worst, seconds), total + seconds, count + 1
            print(
                f"framework={fid} target={grade} seconds={seconds:.3f} reachable={p.reachable} "
                f"effort={format_exact(p.effort)} changes={len(p.changes)} "
                f"index={format_fixed(p.index_before, fw.decimals)}->{format_fixed(p.index, fw.decimals)} "
                f"grade={p.grade.code} questions={len(fw.questions)}"
            )
    print(
        f"summary: cases={count} total_seconds={total:.3f} worst_seconds={worst:.3f} target=1.000"
    )


if __name__ == "__main__":
    main()
