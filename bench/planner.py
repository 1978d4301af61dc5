"""Benchmark the target planner on full shipped assessments with random answers.

Run: .venv/bin/python bench/planner.py [--seed N] [--forecasts]

For rb-2014 and rb-2020-pemda, random answers (seeded) are planned to the grades A, BB and B; one
line per case, then a summary. External inputs are fixed unless ``--forecasts`` gives each of them
a forecast of its best value for an effort of 3. Then the demo story on rb-2023-kabkota:
Pangkalpinang's real 2023 values planned to B, BB and third place among the six kabupaten, with
the framework's own forecasts and with the example efforts file. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction
from pathlib import Path

from rapor.engine import (
    Answer,
    Framework,
    format_exact,
    format_fixed,
    load_answers_file,
    load_framework,
)
from rapor.engine.planner import (
    Efforts,
    Plan,
    Target,
    load_efforts_csv,
    load_peers_csv,
    plan,
    target_for_grade,
    target_for_rank,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "rapor" / "demo" / "data"

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


def story() -> list[tuple[str, Framework, dict[str, Answer], Target, Efforts | None]]:
    fw = load_framework("rb-2023-kabkota")
    answers = load_answers_file(DATA / "pangkalpinang-rb-2023.answers.json", fw)
    peers = load_peers_csv(DATA / "babel-kabupaten-2023-peers.csv")
    example = load_efforts_csv(DATA / "pangkalpinang-2024-efforts.csv", fw)
    cases = []
    for efforts, label in ((None, "defaults"), (example, "example-efforts")):
        for target in (target_for_grade(fw, "B"), target_for_grade(fw, "BB")):
            cases.append((label, fw, answers, target, efforts))
        cases.append((label, fw, answers, target_for_rank(fw, 3, peers), efforts))
    return cases


def line(fid: str, target: str, seconds: float, p: Plan, fw: Framework) -> str:
    return (
        f"framework={fid} target={target} seconds={seconds:.3f} reachable={p.reachable} "
        f"effort={format_exact(p.effort)} changes={len(p.changes)} "
        f"index={format_fixed(p.index_before, fw.decimals)}->{format_fixed(p.index, fw.decimals)} "
        f"grade={p.grade.code} questions={len(fw.questions)}"
    )


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
            print(line(fid, grade, seconds, p, fw))
    for label, fw, answers, target, efforts in story():
        start = time.perf_counter()
        p = plan(fw, answers, target, efforts)
        seconds = time.perf_counter() - start
        worst, total, count = max(worst, seconds), total + seconds, count + 1
        name = target.label.replace(" ", "")
        print(line(f"{fw.id}({label})", name, seconds, p, fw))
    print(
        f"summary: cases={count} total_seconds={total:.3f} worst_seconds={worst:.3f} target=1.000"
    )


if __name__ == "__main__":
    main()
