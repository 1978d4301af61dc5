"""Importing an instrument from the ministry's workbook: the tree, weights, answer types, option
texts, option values and dependencies read from formulas that differ from row to row; a file
that `rapor framework check` accepts and that scores the workbook to the ministry's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapor.cli import main
from rapor.engine import load_framework, parse_answers, score
from rapor.lke import read_lke_workbook
from rapor.lke.instrument import InstrumentError, import_instrument

from .exports import varied_answers
from .ministry import ministry_workbook

RB2014 = load_framework("rb-2014")


def same_instrument(imported, official=RB2014) -> list[str]:  # type: ignore[no-untyped-def]
    """What differs between two frameworks in what scores (tree, weights, values, rules)."""
    out = []
    if list(imported.nodes) != list(official.nodes):
        out.append("node codes")
    for code, node in official.nodes.items():
        other = imported.nodes.get(code)
        if other is None or (other.weight, other.parent) != (node.weight, node.parent):
            out.append(f"node {code}")
    for code, q in official.questions.items():
        other = imported.questions.get(code)
        if other is None:
            out.append(f"question {code} missing")
            continue
        if dict(other.scale.options) != dict(q.scale.options) or other.scale.kind != q.scale.kind:
            out.append(f"{code} scale")
        if (other.scale.min, other.scale.max) != (q.scale.min, q.scale.max):
            out.append(f"{code} range")
        if (other.depends_on, other.weight, other.node) != (q.depends_on, q.weight, q.node):
            out.append(f"{code} rule")
    return out


@pytest.mark.parametrize("messy", [False, True], ids=["tidy", "messy"])
def test_the_imported_instrument_is_rb_2014_and_scores_the_ministrys_numbers(
    messy: bool, tmp_path: Path
) -> None:
    answers = varied_answers(RB2014, shift=1, skip_every=9)
    path = ministry_workbook(tmp_path / "LKE 2015.xlsx", answers, messy=messy)

    imported = import_instrument(path, framework_id="rb-2015-import")

    assert same_instrument(imported.framework) == []
    read = read_lke_workbook(path)
    theirs = score(imported.framework, parse_answers(imported.framework, read.answers))
    ours = score(RB2014, answers)
    assert theirs.index == ours.index
    assert all(theirs.nodes[c].score == n.score for c, n in ours.nodes.items())
    notes = [f.message for f in imported.of("note")]
    assert "P1.2.d: read from 'LKE RB'!K18: 0 when P1.2.a is answered Tidak" in notes
    assert "P5.4.d: read from 'LKE RB'!K91: multiplied by the value of P5.4.c" in notes
    checks = [f.message for f in imported.of("check")]
    assert checks == ["51 numbers of the workbook checked in column K: Rapor gives the same"]
    q = imported.framework.questions["P1.1.b"]
    assert q.options_text["B"].startswith("Sebagian besar tugas telah dilaksanakan")
    assert (imported.framework.version, imported.framework.status) == ("2015", "provisional")


def test_values_pasted_over_formulas_are_listed_as_guesses_with_their_cell(tmp_path: Path) -> None:
    answers = varied_answers(RB2014)
    path = ministry_workbook(tmp_path / "lke.xlsx", answers, pasted=frozenset({"P1.2.d"}))

    imported = import_instrument(path)

    guesses = [f.message for f in imported.of("guess")]
    assert any(
        g.startswith("P1.2.d: 'LKE RB'!K18 holds no formula: the usual values") for g in guesses
    )
    # the dependency cannot be read from a value: the file says so rather than inventing it
    assert imported.framework.questions["P1.2.d"].depends_on is None
    assert any(
        f.startswith("P1.2: the workbook shows") for f in (c.message for c in imported.of("check"))
    )


def test_an_unknown_answer_type_or_a_missing_weight_refuses_naming_every_cell(
    tmp_path: Path,
) -> None:
    import openpyxl

    path = ministry_workbook(tmp_path / "lke.xlsx", {})
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE RB"]
    ws["I9"], ws["G9"] = "Skala 1-10", None  # P1.1.a's type; P1.1's weight is in G10
    ws["I11"] = "Skala 1-10"
    ws["G10"] = None
    wb.save(path)
    with pytest.raises(InstrumentError) as err:
        import_instrument(path)
    where = [p.details.get("cell") for p in err.value.problems]
    assert where == ["'LKE RB'!I11", "'LKE RB'!G10"]
    assert "unknown answer type 'Skala 1-10'" in str(err.value)


def test_the_command_writes_a_file_that_framework_check_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ministry_workbook(tmp_path / "lke.xlsx", varied_answers(RB2014), messy=True)
    out = tmp_path / "rb-2015.yaml"
    assert main(["framework", "import-lke", str(path), "-o", str(out), "--id", "rb-2015"]) == 0
    err = capsys.readouterr().err
    assert "guess:" in err and "check: 51 numbers" in err
    assert main(["framework", "check", str(out)]) == 0
    assert "rb-2015 2015 (provisional)" in capsys.readouterr().out
    assert same_instrument(load_framework(out)) == []


def test_the_command_refuses_a_bad_workbook_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    assert main(["framework", "import-lke", str(path), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "x.xlsx: not an Excel workbook" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()
