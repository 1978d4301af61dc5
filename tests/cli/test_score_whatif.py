"""``rapor score … --set CODE=ANSWER``: score hypothetical answers without touching the file."""

from __future__ import annotations

import json

import pytest

from rapor.cli import main
from tests.engine.fixtures import framework_text

NODES = """
- code: P
  name: Proses
  weight: 60
  questions:
    - {code: P.a, text: a, scale: Y/T}
    - {code: P.b, text: b, scale: A/B/C/D}
- code: H
  name: Hasil
  weight: 40
  scale: 0-100
  source: external
"""


@pytest.fixture
def files(tmp_path):
    fw = tmp_path / "fw.yaml"
    fw.write_text(framework_text(NODES))
    answers = tmp_path / "answers.json"
    body = {"format": "rapor.answers/1", "answers": {"P.a": "Tidak", "P.b": "B", "H": 50}}
    answers.write_text(json.dumps(body))
    return str(fw), str(answers), answers


def total(capsys, *argv):
    assert main(["score", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_without_set_the_file_is_scored(files, capsys):
    fw, answers, _ = files
    assert total(capsys, fw, answers)["total"] == "40.10"


def test_set_replaces_answers_and_is_repeatable(files, capsys):
    fw, answers, path = files
    before = path.read_text()
    data = total(capsys, fw, answers, "--set", "P.a=Ya", "--set", "H=75,5")
    assert data["total"] == "80.30"  # 30 + 30 x 0.67 + 40 x 0.755
    assert path.read_text() == before


def test_set_accepts_aliases_and_case(files, capsys):
    fw, answers, _ = files
    assert total(capsys, fw, answers, "--set", "P.b= a ")["total"] == "50.00"
    assert total(capsys, fw, answers, "--set", "P.a=y")["total"] == "70.10"


def test_set_with_an_empty_answer_clears_it(files, capsys):
    fw, answers, _ = files
    data = total(capsys, fw, answers, "--set", "P.b=")
    assert data["total"] == "20.00" and data["answered"] == 2


def test_the_last_set_of_a_code_wins(files, capsys):
    fw, answers, _ = files
    data = total(capsys, fw, answers, "--set", "P.a=Ya", "--set", "P.a=Tidak")
    assert data["total"] == "40.10"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("P.a", "--set: P.a: write it as CODE=ANSWER"),
        ("=Ya", "write it as CODE=ANSWER"),
        ("Z.z=Ya", "Z.z"),
        ("P.a=Maybe", "--set: P.a: 'Maybe' is not one of Ya, Tidak"),
        ("H=101", "--set: H: 101 is outside 0 … 100"),
    ],
)
def test_a_bad_set_exits_2_naming_the_code(files, capsys, item, message):
    fw, answers, _ = files
    assert main(["score", fw, answers, "--set", item]) == 2
    assert message in capsys.readouterr().err
