"""The export's formulas recompute, in LibreOffice, to exactly the numbers Rapor shows.

Every shipped framework is exported with varied answers (every option, numbers across each
range, dependencies triggered and not, questions left empty), converted by LibreOffice headless
(which computes every formula, as openpyxl saves none of their results), and read back: each
question's value, each node's score and percentage, the total, the index and the grade must equal
Rapor's exact numbers to within float precision, and show the same when rounded.

LibreOffice comes from Debian's ``libreoffice-calc-nogui`` (``scripts/install-system-packages
--test`` installs it); where it is missing these tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from rapor.engine import format_fixed, load_framework, score, shipped_framework_ids
from rapor.lke.export import ExportBlock, export_lke, needs_2023_layout, row_numbers
from rapor.lke.writer import FIRST_ROW
from rapor.lke.xlsx import open_workbook

from .exports import varied_answers

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui, "
    "as scripts/install-system-packages --test does): the recalculation test needs it",
)
K, L = 11, 12  # columns of value and percentage in block 1


def recalculate(paths: list[Path], out: Path, profile: Path) -> None:
    """Open and save every workbook in LibreOffice headless (one start for all of them)."""
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = []
    for fid in shipped_framework_ids():
        fw = load_framework(fid)
        path = folder / f"{fid}.xlsx"
        export_lke(path, fw, [ExportBlock("PENILAIAN", varied_answers(fw))])
        paths.append(path)
    out = tmp_path_factory.mktemp("recalculated")
    recalculate(paths, out, tmp_path_factory.mktemp("lo-profile"))
    return {p.stem: out / p.name for p in paths}


def shown(x: float, decimals: int) -> str:
    """A float as a spreadsheet shows it: 15 significant digits, then rounded for display."""
    return format_fixed(Fraction(Decimal(format(x, ".15g"))), decimals)


def same(got: object, exact: Fraction, decimals: int) -> bool:
    if not isinstance(got, int | float) or isinstance(got, bool):
        return False
    close = abs(Fraction(got) - exact) <= Fraction(1, 10**9) * max(1, abs(exact))
    return close and shown(float(got), decimals) == format_fixed(exact, decimals)


TWENTY_THREE = [f for f in shipped_framework_ids() if needs_2023_layout(load_framework(f))]
FOURTEEN = [f for f in shipped_framework_ids() if f not in TWENTY_THREE]


@pytest.mark.parametrize("fid", TWENTY_THREE)
def test_libreoffice_recomputes_the_2023_workbook_to_rapors_numbers(
    fid: str, recalculated: dict[str, Path]
) -> None:
    """Each question's ratio and points, each node's points and excluded weight, each root's
    adjustment weight and adjusted score (with its koefisien), the total, the index and the
    grade."""
    from rapor.engine.scoring import question_points
    from rapor.lke import export2023 as X

    fw = load_framework(fid)
    answers = varied_answers(fw)
    result = score(fw, answers)
    assert any(r.rescaled for r in result.roots.values())  # the answers exercise the rescale
    assert any(r.correction for r in result.roots.values())  # … and the koefisien (KOEF)
    d = fw.decimals
    ratio, points, excluded = (X.block_column(1, c) for c in (X.RATIO, X.POINTS, X.EXCLUDED))
    wrong: list[str] = []
    with open_workbook(recalculated[fid]) as wb:
        ws = wb.sheet(wb.sheet_names[0])
        rows = {ws.value(r, X.CODE): r for r in range(X.FIRST_ROW, ws.max_row + 1)}
        for code in fw.questions:
            r = rows[code]
            if not same(ws.value(r, ratio), result.values[code], 4):
                wrong.append(f"{code} ratio: {ws.value(r, ratio)!r}, Rapor {result.values[code]}")
            own = question_points(fw, code, result.values[code])
            if not same(ws.value(r, points), own, d):
                wrong.append(f"{code} points: {ws.value(r, points)!r}, Rapor {own}")
        for code, node in result.nodes.items():
            r = rows[code]
            if not same(ws.value(r, points), node.score, d):
                wrong.append(
                    f"{code} points: {ws.value(r, points)!r}, Rapor {result.show(node.score)}"
                )
            if not same(ws.value(r, excluded), node.excluded, d):
                wrong.append(f"{code} excluded: {ws.value(r, excluded)!r}, Rapor {node.excluded}")
        labels = {ws.value(r, X.NAME): r for r in range(X.FIRST_ROW, ws.max_row + 1)}
        for root in result.roots.values():
            weight = ws.value(labels[f"Bobot penyesuaian {root.name}"], points)
            adjusted = ws.value(labels[f"{root.name} disesuaikan"], points)
            if not same(weight, root.adjustment_weight, d) or not same(adjusted, root.adjusted, d):
                wrong.append(f"{root.code}: {weight!r} / {adjusted!r}, Rapor {root.adjusted}")
        total, index = (ws.value(labels[k], points) for k in ("JUMLAH", "INDEKS"))
        grade = ws.value(labels["PREDIKAT"], points)
    assert not wrong, "\n".join(wrong[:20])
    assert same(total, result.total, d) and same(index, result.index, d)
    assert grade == result.grade.code


@pytest.mark.parametrize("fid", FOURTEEN)
def test_libreoffice_recomputes_every_number_rapor_shows(
    fid: str, recalculated: dict[str, Path]
) -> None:
    fw = load_framework(fid)
    result = score(fw, varied_answers(fw))
    d = fw.decimals
    wrong: list[str] = []
    with open_workbook(recalculated[fid]) as wb:
        ws = wb.sheet(wb.sheet_names[0])
        for code, row in row_numbers(fw).items():
            got = ws.value(row, K)
            if code in fw.nodes:
                node = result.nodes[code]
                if not same(got, node.score, d):
                    wrong.append(f"{code} score K{row}: {got!r}, Rapor {result.show(node.score)}")
                if not same(ws.value(row, L), node.percent, d):
                    wrong.append(f"{code} percent L{row}: {ws.value(row, L)!r}")
            elif not same(got, result.values[code], d):
                wrong.append(f"{code} value K{row}: {got!r}, Rapor {result.values[code]}")
        last = FIRST_ROW + len(row_numbers(fw)) + 1
        total, index, grade = (ws.value(last + i, K) for i in range(3))
    assert not wrong, "\n".join(wrong[:20])
    assert same(total, result.total, d) and same(index, result.index, d)
    assert grade == result.grade.code


def test_an_instrument_imported_from_a_saved_workbook_gives_its_numbers_and_exports_back(
    tmp_path: Path,
) -> None:
    """A ministry-style workbook as Excel or LibreOffice saves it (every formula's result in the
    file): the imported instrument scores it to the saved numbers, and exported again it
    recomputes in LibreOffice to the same total."""
    from rapor.engine import parse_answers
    from rapor.lke import read_lke_workbook
    from rapor.lke.instrument import import_instrument

    from .ministry import ministry_workbook

    rb = load_framework("rb-2014")
    answers = varied_answers(rb, shift=2)
    built = ministry_workbook(tmp_path / "lke-2015.xlsx", answers, messy=True)
    saved = tmp_path / "saved"
    recalculate([built], saved, tmp_path / "profile")

    imported = import_instrument(saved / built.name, framework_id="rb-2015")

    checks = [f.message for f in imported.of("check")]
    assert checks == ["51 numbers of the workbook checked in column K: Rapor gives the same"]
    fw = imported.framework
    mine = parse_answers(fw, read_lke_workbook(saved / built.name).answers)
    export = tmp_path / "again.xlsx"
    export_lke(export, fw, [ExportBlock("PENILAIAN TAHUN 2015", mine)])
    recalculate([export], tmp_path / "again", tmp_path / "profile")
    with open_workbook(tmp_path / "again" / export.name) as wb:
        ws = wb.sheet(wb.sheet_names[0])
        index = ws.value(FIRST_ROW + len(row_numbers(fw)) + 2, K)
    assert same(index, score(rb, answers).index, fw.decimals)
