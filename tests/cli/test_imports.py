"""What the command line imports: `rapor score` loads only what scoring needs (docs/development.md,
Benchmarks), and the table of which module registers which command stays true."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from rapor.cli import COMMANDS, MODULES, build_parser
from rapor.engine import load_framework
from rapor.lke.export import ExportBlock, export_lke
from tests.lke.exports import varied_answers

# Each of these would cost `rapor score` tens of milliseconds at start (or seconds: SciPy).
NOT_FOR_SCORE = (
    "django",
    "scipy",
    "numpy",
    "openpyxl",
    "yaml",  # the framework comes from its cache
    "rapor.engine.planner",
    "rapor.engine.explanations",
    "rapor.lke.writer",
    "rapor.lke.export",
    "rapor.lke.instrument",
    *(f"rapor.cli.{name}" for name in MODULES if name != "score"),
)

PROBE = """
import json, sys
from rapor.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def commands_of(parser) -> list[str]:
    sub = next(a for a in parser._actions if a.dest == "command")
    return list(sub.choices)


def test_each_command_is_registered_by_the_module_the_table_names():
    for name in MODULES:
        for command in commands_of(build_parser(next(c for c, m in COMMANDS.items() if m == name))):
            assert COMMANDS[command] == name, command
    assert commands_of(build_parser()) == list(COMMANDS)


def test_the_parser_of_one_command_parses_as_the_whole_parser_does():
    argv = ["score", "rb-2014", "answers.json", "--block", "2", "--set", "P1.1.a=A", "--json"]
    one, every = build_parser("score").parse_args(argv), build_parser().parse_args(argv)
    assert vars(one) == vars(every)


def test_rapor_score_imports_neither_django_scipy_openpyxl_nor_other_commands(tmp_path):
    fw = load_framework("rb-2014")
    book = tmp_path / "lke.xlsx"
    export_lke(book, fw, [ExportBlock("PENILAIAN TAHUN 2015", varied_answers(fw))])
    env = {**os.environ, "RAPOR_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-c", PROBE, "score", "rb-2014", str(book), "--json"]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    second = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    assert json.loads(first.stdout.splitlines()[0])["total"]  # it scored the workbook
    probe = json.loads(second.stdout.splitlines()[-1])  # the framework now from its cache
    assert probe["code"] == 0
    loaded = [
        m for m in probe["modules"] if any(m == b or m.startswith(b + ".") for b in NOT_FOR_SCORE)
    ]
    assert loaded == []
