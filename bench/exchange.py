"""Benchmark the Excel and PDF exchange.

    .venv/bin/python bench/exchange.py [--runs 9] [--no-web]

1. `rapor score rb-2014 WORKBOOK.xlsx` against LibreOffice opening and converting the same
   workbook (`soffice --headless --convert-to csv`), side by side in one run: each command is run
   ``--runs`` times, alternating, and the medians are compared. The workbook is a real-layout LKE
   of rb-2014 (two blocks, every question answered, styles, drop-downs, live formulas) as
   `rapor export lke` writes it. LibreOffice runs with a profile of its own, warmed up first;
   `rapor` runs as an installed command does, with its framework cache and Python's bytecode
   cache filled by a first run (not counted; see ``installed_env``).
2. (unless --no-web) on a 150-question assessment in a throwaway SQLite database: the LKE
   export, the LKE import (read, preview, apply), the answers CSV, the verification PDF and the
   leadership PDF.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAPOR = Path(sys.executable).with_name("rapor")


def timed(
    command: list[str], cpu: list[float] | None = None, env: dict[str, str] | None = None
) -> float:
    """Wall time of a command; its CPU time (user + system, children included) into ``cpu``,
    which a loaded machine disturbs less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def workbook(folder: Path) -> Path:
    """rb-2014 as `rapor export lke` writes it (two blocks, every question answered), with the
    other sheets a ministry workbook has: instructions first, a recap of the areas' scores
    (formulas into the LKE sheet) and a reference table of answer values."""
    import openpyxl

    from rapor.engine import load_framework
    from rapor.lke.export import ExportBlock, export_lke, row_numbers

    sys.path.insert(0, str(HERE.parent))
    from tests.lke.exports import varied_answers

    fw = load_framework("rb-2014")
    path = folder / "lke-rb-2014.xlsx"
    now = varied_answers(fw, skip_every=0)
    before = varied_answers(fw, shift=3, skip_every=0)
    export_lke(path, fw, [ExportBlock("PENILAIAN TAHUN 2015", now),
                          ExportBlock("PENILAIAN TAHUN 2014", before)])  # fmt: skip
    wb = openpyxl.load_workbook(path)
    cover = wb.create_sheet("Petunjuk", 0)
    for n, line in enumerate(["PETUNJUK PENGISIAN LKE", "Isi kolom Jawaban (J) setiap pertanyaan.",
                              "Kolom Nilai dan % dihitung otomatis."], start=2):  # fmt: skip
        cover.cell(n, 2, line)
    recap = wb.create_sheet("Rekap")
    recap.append(["Kode", "Komponen / Area", "Bobot", "Nilai 2015", "Nilai 2014"])
    rows = row_numbers(fw)
    for code, node in fw.nodes.items():
        if node.is_leaf:
            continue
        r = rows[code]
        recap.append([code, node.name, f"=LKE!G{r}", f"=LKE!K{r}", f"=LKE!W{r}"])
    reference = wb.create_sheet("Referensi")
    for key, scale in fw.scales.items():
        for code, value in scale.options:
            reference.append([key, code, float(value)])
    wb.save(path)
    return path


BREAKDOWN = """
import sys, time
t0 = time.perf_counter()
import rapor.cli, rapor.lke, rapor.lke.answers
from rapor.cli.score import load_cli_framework
t1 = time.perf_counter()
fw = load_cli_framework("rb-2014")
t2 = time.perf_counter()
read = rapor.lke.read_lke_workbook(sys.argv[1])
answers, problems = rapor.lke.answers.workbook_answers(fw, read)
t3 = time.perf_counter()
from rapor.engine import score
score(fw, answers)
t4 = time.perf_counter()
print(" ".join(f"{(b - a) * 1000:.1f}" for a, b in ((t0, t1), (t1, t2), (t2, t3), (t3, t4))))
"""


def installed_env(folder: Path) -> dict[str, str]:
    """The environment of `rapor` as an installed command: Python's bytecode cached, as pip
    compiles it when it installs a package. A shell with PYTHONDONTWRITEBYTECODE set (as some
    sandboxes and containers have) would make every run compile Rapor's modules again, some
    30 ms that no installation pays; the bench keeps its own bytecode cache in its folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def breakdown(path: Path, runs: int, env: dict[str, str]) -> None:
    """Where the time of `rapor score` goes, in a fresh interpreter each run (medians)."""
    parts: list[list[float]] = [[], [], [], []]
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", BREAKDOWN, str(path)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
        for i, value in enumerate(out):
            parts[i].append(float(value))
    names = ("imports", "framework", "read_workbook", "score")
    print("rapor_score_breakdown_ms: " + ", ".join(
        f"{n}={statistics.median(p):.1f}" for n, p in zip(names, parts, strict=True)
    ))  # fmt: skip


def score_against_libreoffice(runs: int) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = workbook(folder)
        print(f"workbook={path.name} bytes={path.stat().st_size}")
        rapor = [str(RAPOR), "score", "rb-2014", str(path)]
        env = installed_env(folder)
        timed(rapor, env=env)  # fills the framework and bytecode caches, as any second run finds
        print("rapor_caches=framework and bytecode filled by a first run (not counted)")
        breakdown(path, runs, env)
        if soffice is None:
            times = [timed(rapor, env=env) for _ in range(runs)]
            print(f"rapor_score_ms={statistics.median(times) * 1000:.0f}")
            print("libreoffice=not installed (apt-get install libreoffice-calc-nogui)")
            return
        office = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                  "--headless", "--convert-to", "csv", "--outdir", str(folder / "out"),
                  str(path)]  # fmt: skip
        timed(office)  # creates the profile: not counted
        ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
        for _ in range(runs):
            ours.append(timed(rapor, ours_cpu, env))
            theirs.append(timed(office, theirs_cpu))
        a, b = statistics.median(ours), statistics.median(theirs)
        ca, cb = statistics.median(ours_cpu), statistics.median(theirs_cpu)
        print(f"load_average={os.getloadavg()[0]:.1f}")
        print(f"rapor_score_ms={a * 1000:.0f} (min {min(ours) * 1000:.0f}, cpu {ca * 1000:.0f})")
        print(
            f"libreoffice_convert_ms={b * 1000:.0f} (min {min(theirs) * 1000:.0f}, "
            f"cpu {cb * 1000:.0f})"
        )
        print(f"libreoffice_over_rapor={b / a:.1f}x (min {min(theirs) / min(ours):.1f}x, "
              f"cpu {cb / ca:.1f}x)")  # fmt: skip
        # For comparison: LibreOffice converting to xlsx (it recalculates and writes a workbook)
        to_xlsx = [*office[:4], "xlsx", *office[5:]]
        xlsx = statistics.median(timed(to_xlsx) for _ in range(max(3, runs // 3)))
        print(f"libreoffice_convert_to_xlsx_ms={xlsx * 1000:.0f} ({xlsx / a:.1f}x rapor score)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-web", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    score_against_libreoffice(args.runs)
    if not args.no_web:
        sys.path.insert(0, str(HERE))
        from exchange_web import web_timings  # bench/exchange_web.py

        web_timings()


if __name__ == "__main__":
    main()
