"""Bad input on the command line exits 2 with the file and the place, never a traceback, and never
holds the process: each finding of issue 9 tried again, and new ones of the same kind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rapor.cli import main
from rapor.engine import load_framework

SKM_HEADER = "U1,U2,U3,U4,U5,U6,U7,U8,U9\n"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def answers(tmp_path: Path, body: str, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text('{"format": "rapor.answers/1", "answers": ' + body + "}")
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{"H1.1": 1e30000000}', "answers.json: H1.1: '1e30000000' is too large"),
        ('{"H1.1": "1e999999999"}', "answers.json: H1.1: '1e999999999' is too large"),
        ('{"H1.1": 1e-100}', "answers.json: H1.1: '1e-100' has more than 20 digits after"),
        ('{"H1.1": ' + "9" * 5000 + "}", "answers.json: H1.1: '999"),
        ('{"H1.1": -' + "9" * 30 + "}", "answers.json: H1.1: '-999"),
        ('{"H1.1": ' + "[" * 100_000 + "]" * 100_000 + "}", "not valid JSON: nested too deeply"),
        (
            '{"P1.1.a": "A\\u0000"}',
            "answers.json: P1.1.a: 'A\\x00' has a control character (U+0000) at character 2",
        ),
    ],
)
def test_bad_numbers_and_shapes_in_an_answers_file_exit_2_naming_the_question(
    capsys, tmp_path, body, expected
):
    code, out, err = run(capsys, "score", "rb-2014", answers(tmp_path, body))
    assert (code, out) == (2, "")
    assert expected in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("H1.1=1e30000000", "--set: H1.1: '1e30000000' is too large"),
        ("H1.1=" + "9" * 5000, "--set: H1.1: '9999"),
        ("H1.1=1e-100", "--set: H1.1: '1e-100' has more than 20 digits"),
        ("X" * 10_000 + "=A", "--set: XXXX"),
    ],
)
def test_what_if_values_are_bounded_too(capsys, tmp_path, setting, expected):
    code, _, err = run(capsys, "score", "rb-2014", answers(tmp_path, "{}"), "--set", setting)
    assert code == 2 and expected in err and len(err) < 300


def test_plan_targets_are_bounded(capsys, tmp_path):
    code, _, err = run(capsys, "plan", "rb-2014", answers(tmp_path, "{}"), "--score", "1e99999")
    assert code == 2 and "--score: '1e99999' is too large" in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("max_score: 100", "max_score: 1e30000000", "max_score: max_score '1e30000000' is too"),
        ('weight: "60"', "weight: 1e999999999", "weight '1e999999999' is too large"),
        ('weight: "60"', "weight: 1e-100", "weight '1e-100' has more than 20 digits"),
    ],
)
def test_framework_check_bounds_weights_and_max_score(capsys, tmp_path, old, new, expected):
    text = Path(load_framework("rb-2014").source).name and shipped_text("rb-2014")
    assert old in text
    path = tmp_path / "big.yaml"
    path.write_text(text.replace(old, new, 1))
    code, out, err = run(capsys, "framework", "check", path)
    assert (code, out) == (2, "")
    assert f"big.yaml: {'max_score' if 'max' in old else 'P'}" in err and expected in err


def shipped_text(framework_id: str) -> str:
    from rapor.engine import shipped_framework_path

    path = shipped_framework_path(framework_id)
    assert path is not None
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        (
            "skm",
            SKM_HEADER + '4,4,4,4,4,4,4,4,4\n4,4,4,4,4,4,4,4,"' + "x" * 140_000 + '"\n',
            "responses.csv: row 3: a cell is longer than 1000 characters",
        ),
        (
            "skm",
            SKM_HEADER.encode("utf-16"),
            "responses.csv: the file is UTF-16 (little-endian) text; expected UTF-8",
        ),
        (
            "skm",
            (SKM_HEADER + "4,4,4,4,4,4,4,4,4\n").encode("utf-16-le"),
            "the file is UTF-16 (little-endian) text without a byte order mark; expected UTF-8",
        ),
        (
            "peers",
            "name,index\nKota A,70\n" + "B" * 131_100 + ",60\n",
            "peers.csv: row 3: a cell is longer than 1000 characters",
        ),
        (
            "peers",
            "name,index\nKota \u202eA,70\n",
            "peers.csv: row 2, column name: the name has a text direction control",
        ),
        ("peers", "name,index\nKota A,1e30000000\n", "peers.csv: row 2, column index: '1e3"),
        ("peers", "name,index\nKota A,70\n".encode("utf-16"), "peers.csv: the file is UTF-16"),
        (
            "efforts",
            "question,option,effort\nP1.1.a,,1e999999999\n",
            "efforts.csv: row 2, column effort: '1e999999999' is too large",
        ),
        (
            "efforts",
            "question,option,effort\nP1.1.a,," + "9" * 131_100 + "\n",
            "efforts.csv: row 2: a cell is longer than 1000 characters",
        ),
        ("efforts", "question,option,effort\n".encode("utf-32"), "efforts.csv: the file is UTF-32"),
    ],
)
def test_csv_inputs_exit_2_naming_the_file_and_the_row(
    capsys, tmp_path, command, content, expected
):
    name = {"skm": "responses.csv", "peers": "peers.csv", "efforts": "efforts.csv"}[command]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    base = answers(tmp_path, '{"H1.1": "50"}')
    argv = {
        "skm": ["skm", "score", path],
        "peers": ["plan", "rb-2014", base, "--rank", "1", "--peers", path],
        "efforts": ["plan", "rb-2014", base, "--grade", "B", "--efforts", path],
    }[command]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert expected in err and "Traceback" not in err


def test_an_endless_answers_file_is_read_only_up_to_the_limit(capsys, tmp_path):
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        fd = os.open(fifo, os.O_WRONLY)  # unbuffered: nothing is left to flush when we stop
        try:
            os.write(fd, b'{"answers": {"H1.1": "')
            while not stop.is_set():
                os.write(fd, b"1" * 65536)
        except OSError:  # the reader stopped reading and closed its end (a broken pipe)
            pass
        finally:
            os.close(fd)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    code, _, err = run(capsys, "score", "rb-2014", fifo)
    stop.set()
    writer.join(timeout=10)
    assert code == 2 and "answers.json: the file is larger than 10 MB" in err


def test_the_installed_command_answers_the_worst_numbers_at_once(tmp_path):
    """The finding as it was: these held the process for minutes, or for ever."""
    path = answers(tmp_path, '{"H1.1": 1e30000000, "H2.1": "1e999999999"}')
    fw = tmp_path / "fw.yaml"
    fw.write_text(shipped_text("rb-2014").replace("max_score: 100", "max_score: 1e999999999"))
    for argv in (
        ["score", "rb-2014", str(path)],
        ["score", "rb-2014", str(answers(tmp_path, "{}", "e.json")), "--set", "H1.1=1e999999999"],
        ["framework", "check", str(fw)],
    ):
        # the timeout only stops a regression from hanging the suite; nothing is timed
        proc = subprocess.run(
            [sys.executable, "-m", "rapor.cli", *argv], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 2, proc.stderr
        assert "too large" in proc.stderr and "Traceback" not in proc.stderr


def test_json_output_is_unchanged_for_ordinary_numbers(capsys, tmp_path):
    code, out, _ = run(
        capsys, "score", "rb-2014", answers(tmp_path, '{"H1.1": 70.05, "P1.1.a": "a"}'), "--json"
    )
    assert code == 0 and json.loads(out)["answered"] == 2
