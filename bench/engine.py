"""Benchmark the scoring engine: whole rb-2014 assessments with random answers, one core.

    .venv/bin/python bench/engine.py [--seconds 3] [--framework rb-2014]

Prints how long loading and validating the framework takes, then `assessments_per_second=N`
(answers parsed from raw text, every node scored, the index and the grade) as its last line.
"""

from __future__ import annotations

import argparse
import random
import time

from rapor.engine import load_framework, parse_answers, score
from rapor.engine.model import Framework


def random_raw_answers(fw: Framework, rnd: random.Random) -> dict[str, object]:
    raw: dict[str, object] = {}
    for code, q in fw.questions.items():
        if rnd.random() < 0.1:
            continue  # about one in ten unanswered
        if q.scale.kind == "choice":
            raw[code] = rnd.choice([c for c, _ in q.scale.options]).lower()
        else:
            lo, hi = q.scale.min, q.scale.max
            raw[code] = f"{float(lo + (hi - lo) * rnd.random()):.2f}"
    return raw


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--framework", default="rb-2014")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        fw = load_framework(args.framework)
    load_ms = (time.perf_counter() - start) / runs * 1000
    print(f"framework={fw.id} questions={len(fw.questions)} nodes={len(fw.nodes)}")
    print(f"load_and_validate_ms={load_ms:.1f}")

    rnd = random.Random(2024)
    batch = [random_raw_answers(fw, rnd) for _ in range(500)]
    score(fw, parse_answers(fw, batch[0]))  # compile the plan once, as a server would
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for raw in batch:
            score(fw, parse_answers(fw, raw))
        done += len(batch)
    elapsed = time.perf_counter() - start
    print(f"assessments={done} seconds={elapsed:.2f}")
    print(f"assessments_per_second={int(done / elapsed)}")


if __name__ == "__main__":
    main()
