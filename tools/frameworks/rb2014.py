"""rb-2014: the complete LKE RB of PermenPANRB 14/2014, read from the instrument CSV.

Every value is carried over as text, so no weight ever passes through binary floating point; the
row counts, answer types, option lines and dependency rules are checked on the way.
"""

from __future__ import annotations

import csv
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from .common import ALL_AGENCIES, AREAS, RB_GRADES, SCALES, fail, finish, header
from .output import Block, Exact, Flow, FlowList, clean

# The answer_type column of the 2014 instrument -> scale key.
RB2014_ANSWER_TYPES = {
    "Y/T": "Y/T",
    "A/B/C": "A/B/C",
    "A/B/C/D": "A/B/C/D",
    "A/B/C/D/E": "A/B/C/D/E",
    "number 0-100": "0-100",
    "number 0-5": "0-5",
    "number 0-4": "0-4",
    "bpk_opinion": "opini-bpk",
}

RB2014_COUNTS = {"component": 2, "area": 11, "indicator": 33, "question": 146, "input": 5}
_OPTION_LINE = re.compile(r"^([a-e])\s*\.\s*(.+)$")
_ZERO_IF = re.compile(r"^zero_if (\S+) = (\S+)$")
_MULTIPLY = re.compile(r"^multiply (\S+)$")
_NUMBER_RULE = re.compile(r"^value = x / (\d+)$")


def read_rb2014(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    if counts != RB2014_COUNTS:
        fail(f"{path.name}: expected {RB2014_COUNTS}, found {counts}")
    areas = [r for r in rows if r["kind"] == "area" and r["parent"] == "P"]
    if len(areas) != 8:  # the other 3 "areas" are the groups of Hasil inputs (H1 … H3)
        fail(f"{path.name}: expected 8 areas under P, found {len(areas)}")
    return rows


def parse_options(row: dict[str, str], scale: str) -> tuple[dict[str, str], str]:
    """Return (options_text keyed by option code, guidance) from the workbook's column H."""
    lines = [line.strip() for line in row["options"].split("\n") if line.strip()]
    if scale == "Y/T":
        if len(lines) != 1 or _OPTION_LINE.match(lines[0]):
            fail(f"{row['code']}: a Y/T question needs one line of explanation, got {lines}")
        return {}, clean(lines[0])
    codes = list(SCALES[scale]["options"])
    texts: dict[str, str] = {}
    for line in lines:
        m = _OPTION_LINE.match(line)
        if not m:
            fail(f"{row['code']}: cannot read option line {line!r}")
        texts[m.group(1).upper()] = clean(m.group(2))
    if list(texts) != codes:
        fail(f"{row['code']}: options {list(texts)} do not match scale {scale} {codes}")
    return texts, ""


def parse_dependency(row: dict[str, str], scales: dict[str, str]) -> dict[str, Any] | None:
    rule = row["depends_on"].strip()
    if not rule:
        return None
    if m := _ZERO_IF.match(rule):
        target, answer = m.groups()
        if target not in scales or answer not in SCALES[scales[target]]["options"]:
            fail(f"{row['code']}: bad dependency {rule!r}")
        return Flow({"question": target, "zero_if": FlowList([answer])})
    if m := _MULTIPLY.match(rule):
        if m.group(1) not in scales:
            fail(f"{row['code']}: bad dependency {rule!r}")
        return Flow({"question": m.group(1), "multiply": True})
    fail(f"{row['code']}: unknown dependency form {rule!r}")


def check_input_rule(row: dict[str, str], scale: str) -> None:
    """The CSV restates how an input converts; make sure the scale says the same."""
    spec = SCALES[scale]
    if spec["kind"] == "number":
        m = _NUMBER_RULE.match(row["options"].strip())
        if not m or Fraction(spec["min"]) != 0 or Fraction(spec["max"]) != int(m.group(1)):
            fail(f"{row['code']}: conversion {row['options']!r} does not match scale {scale}")
        return
    stated = [part.split("=")[1].strip() for part in row["options"].split(";")]
    values = [Fraction(v) for v in spec["options"].values()]
    if [Fraction(s) for s in stated] != values:
        fail(f"{row['code']}: values {stated} do not match scale {scale}")


def rb2014_tree(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    scale_of = {
        r["code"]: RB2014_ANSWER_TYPES.get(r["answer_type"], "?")
        for r in rows
        if r["kind"] in ("question", "input")
    }
    for code, scale in scale_of.items():
        if scale == "?":
            fail(f"{code}: unknown answer type; map it in RB2014_ANSWER_TYPES")
    by_code: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for row in rows:
        code, kind = row["code"], row["kind"]
        parent = by_code.get(row["parent"]) if row["parent"] else None
        if row["parent"] and parent is None:
            fail(f"{code}: parent {row['parent']} is not listed before it")
        if kind == "question":
            scale = scale_of[code]
            texts, guidance = parse_options(row, scale)
            q: dict[str, Any] = {"code": code, "text": clean(row["name"]), "scale": scale}
            if texts:
                q["options_text"] = texts
            if guidance:
                q["guidance"] = guidance
            q["source"] = "self"
            if dep := parse_dependency(row, scale_of):
                q["depends_on"] = dep
            parent["questions"].append(q)  # type: ignore[index]
            continue
        if not re.fullmatch(r"\d+(\.\d+)?", row["weight"]):
            fail(f"{code}: weight {row['weight']!r} is not a plain decimal")
        node: dict[str, Any] = {"code": code, "name": clean(row["name"])}
        if kind == "area" and row["parent"] == "P":
            node["area"] = AREAS[int(code[1:]) - 1]
        node["weight"] = Exact(row["weight"])  # the workbook's own text, never a float
        if kind == "input":
            check_input_rule(row, scale_of[code])
            node["scale"] = scale_of[code]
            node["source"] = "external"
        elif kind == "indicator":
            node["questions"] = []
        else:
            node["children"] = []
        by_code[code] = node
        if parent is None:
            roots.append(node)
        else:
            parent["children"].append(node)
    return roots


def build_rb2014(csv_path: Path) -> dict[str, Any]:
    roots = rb2014_tree(read_rb2014(csv_path))
    head = header(
        id="rb-2014",
        version="2015",
        name="LKE Reformasi Birokrasi (PermenPANRB 14/2014)",
        basis="PermenPANRB No. 14 Tahun 2014",
        status="official",
        notes=Block(
            "The complete LKE RB of PermenPANRB 14/2014 in its 2015 workbook layout (evaluation\n"
            "years up to 2019): 2 components, 8 areas, 33 indicators, 146 questions and 5 Hasil\n"
            "inputs, generated from sources/lke-rb-2014-instrument.csv by tools/build_frameworks.py.\n"
            "Names, weights, answer types, option texts and dependency rules are the workbook's;\n"
            "only whitespace was normalised. The explanation column of a Y/T question is its\n"
            "guidance. Hasil inputs are fed by other bodies' data (source: external).\n"
        ),
        notes_id=Block(
            "LKE RB PermenPANRB 14/2014 lengkap dalam tata letak LKE 2015 (tahun evaluasi sampai\n"
            "2019): 2 komponen, 8 area, 33 indikator, 146 pertanyaan dan 5 masukan Hasil, dibuat\n"
            "dari sources/lke-rb-2014-instrument.csv oleh tools/build_frameworks.py. Nama, bobot,\n"
            "jenis jawaban, teks pilihan dan aturan ketergantungan sesuai LKE; hanya spasi yang\n"
            "dirapikan. Kolom penjelasan pertanyaan Y/T menjadi petunjuknya. Masukan Hasil diisi\n"
            "dari data instansi lain (source: external).\n"
        ),
        applies_to=ALL_AGENCIES,
    )
    return finish(head, RB_GRADES, roots)
