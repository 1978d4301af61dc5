"""What every framework shares: paths, the areas of change, the answer scales, the RB grade bands,
the top-level keys, and the reader of the text tables in src/rapor/frameworks/sources/."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .output import Exact, Flow, FlowList, num, plain

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK_DIR = ROOT / "src" / "rapor" / "frameworks"
SOURCES = FRAMEWORK_DIR / "sources"
RB2014_CSV = SOURCES / "lke-rb-2014-instrument.csv"
FORMAT = "rapor.framework/1"

# The 8 areas of change, in the order of PermenPANRB 14/2014 (P1 … P8) and their 2014 weights.
AREAS = ["MP", "DK", "OR", "TL", "SDM", "AK", "PW", "PP"]
AREA_WEIGHTS = dict(zip(AREAS, [5, 5, 6, 5, 15, 6, 12, 6], strict=True))
AREA_NAMES_2020 = {
    "MP": "Manajemen Perubahan",
    "DK": "Deregulasi Kebijakan",
    "OR": "Penataan dan Penguatan Organisasi",
    "TL": "Penataan Tatalaksana",
    "SDM": "Penataan Sistem Manajemen SDM",
    "AK": "Penguatan Akuntabilitas",
    "PW": "Penguatan Pengawasan",
    "PP": "Peningkatan Kualitas Pelayanan Publik",
}
ALL_AGENCIES = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"]
PEMDA = ["provinsi", "kabupaten", "kota"]


def fail(message: str) -> NoReturn:
    raise SystemExit(f"build_frameworks: {message}")


# ---- source tables ----------------------------------------------------------------------------
def load_source(name: str) -> Any:
    """Read a text table from sources/: plain YAML in which every key and value is a string."""
    data = yaml.safe_load((SOURCES / name).read_text(encoding="utf-8"))
    _strings_only(data, name)
    return data


def _strings_only(value: Any, where: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                fail(f"{where}: key {key!r} is not text; quote it")
            _strings_only(item, f"{where} {key}")
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            _strings_only(item, f"{where} [{i}]")
    elif not isinstance(value, str):
        fail(f'{where}: {value!r} is not text; quote it ("1.30", not 1.30)')


def unpack(item: Any, where: str, **kinds: type) -> list[Any]:
    """The values of a table entry's keys, in the order asked; stop unless the entry has exactly
    these keys with values of these types (str, list or dict)."""
    if not isinstance(item, dict) or set(item) != set(kinds):
        found = sorted(item) if isinstance(item, dict) else type(item).__name__
        fail(f"{where}: expected the keys {', '.join(kinds)}, found {found}")
    for key, kind in kinds.items():
        if not isinstance(item[key], kind):
            fail(f"{where} {key}: expected a {kind.__name__}, found {item[key]!r}")
    return [item[key] for key in kinds]


def text_list(value: Any, where: str) -> list[str]:
    """A non-empty list of texts (an evidence list, indicator names, level descriptions)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        fail(f"{where}: expected a list of texts, found {value!r}")
    return value


def same_keys(table: dict[str, Any], expected: list[str], where: str) -> None:
    missing = [key for key in expected if key not in table]
    extra = [key for key in table if key not in expected]
    if missing or extra:
        fail(f"{where}: missing entries {missing}, unexpected entries {extra}")


# ---- answer scales ----------------------------------------------------------------------------
def _choice(options: dict[str, str], aliases: dict[str, str] | None = None) -> dict[str, Any]:
    scale: dict[str, Any] = {
        "kind": "choice",
        "options": Flow({Exact(k): Exact(v) for k, v in options.items()}),
    }
    if aliases:
        scale["aliases"] = {Exact(k): Exact(v) for k, v in aliases.items()}
    return scale


def _number(low: int, high: int) -> dict[str, Any]:
    return {"kind": "number", "min": plain(low), "max": plain(high)}


SPBE_LEVEL_NAMES = ["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"]

# Every scale any shipped file uses; each file lists only the ones it uses, in this order.
SCALES: dict[str, dict[str, Any]] = {
    "Y/T": _choice({"Ya": "1", "Tidak": "0"}, {"Y": "Ya", "T": "Tidak"}),
    "A/B/C": _choice({"A": "1", "B": "0.5", "C": "0"}),
    # the workbook uses 0.67 and 0.33, not 2/3 and 1/3 (methodology.md)
    "A/B/C/D": _choice({"A": "1", "B": "0.67", "C": "0.33", "D": "0"}),
    "A/B/C/D/E": _choice({"A": "1", "B": "0.75", "C": "0.5", "D": "0.25", "E": "0"}),
    "0-100": _number(0, 100),
    "0-5": _number(0, 5),
    "0-4": _number(0, 4),
    "1-5": _number(1, 5),
    "25-100": _number(25, 100),
    "100-400": _number(100, 400),
    "opini-bpk": _choice(
        {
            "WTP": "1",
            "WTP-DPP": "5/6",
            "WDP": "2/3",
            "TMP": "1/2",
            "TW": "1/3",
            "TIDAK-ADA-LK": "0",
        },
        {
            "Wajar Tanpa Pengecualian": "WTP",
            "WTP-Dengan Paragraph Penjelas": "WTP-DPP",
            "WTP Dengan Paragraf Penjelas": "WTP-DPP",
            "WTP DPP": "WTP-DPP",
            "Wajar Tanpa Pengecualian Dengan Paragraf Penjelas": "WTP-DPP",
            "Wajar Dengan Pengecualian": "WDP",
            "Tidak Memberikan Pendapat": "TMP",
            "Tidak Wajar": "TW",
            "Tidak Memiliki Laporan Keuangan": "TIDAK-ADA-LK",
            "Tidak Menyusun Laporan Keuangan": "TIDAK-ADA-LK",
        },
    ),
    # SPBE maturity level n is worth n/5, so with index_scale 5 the index is the weighted mean level
    "tingkat-spbe": _choice(
        {str(n): str(num(Fraction(n, 5))) for n in range(1, 6)},
        {name: str(n) for n, name in enumerate(SPBE_LEVEL_NAMES, start=1)},
    ),
}

RB_GRADES = {
    "compare": "above",
    "round_first": True,
    "bands": [
        Flow({"code": code, "min": plain(low), "label": label})
        for code, low, label in [
            ("AA", 90, "Sangat Memuaskan"),
            ("A", 80, "Memuaskan"),
            ("BB", 70, "Sangat Baik"),
            ("B", 60, "Baik"),
            ("CC", 50, "Cukup"),
            ("C", 30, "Kurang"),
            ("D", 0, "Sangat Kurang"),
        ]
    ],
}


# ---- the framework's top level ----------------------------------------------------------------
def header(**fields: Any) -> dict[str, Any]:
    """The top-level keys in the order of the format's example."""
    out: dict[str, Any] = {"format": FORMAT}
    for key in ("id", "version", "name", "basis", "status", "notes", "notes_id", "applies_to"):
        if key in fields:  # notes_id: the notes in Indonesian, shown by the web interface
            out[key] = fields[key]
    out["version"] = Exact(fields["version"])
    out["applies_to"] = FlowList(fields["applies_to"])
    out["max_score"] = plain(fields.get("max_score", 100))
    if "index_scale" in fields:
        out["index_scale"] = plain(fields["index_scale"])
    out["decimals"] = 2
    return out


def finish(
    head: dict[str, Any], grades: dict[str, Any], nodes: list[dict[str, Any]]
) -> dict[str, Any]:
    used = set()

    def walk(node: dict[str, Any]) -> None:
        if "scale" in node:
            used.add(node["scale"])
        for q in node.get("questions", []):
            used.add(q["scale"])
        for child in node.get("children", []):
            walk(child)

    for node in nodes:
        walk(node)
    head["scales"] = {k: v for k, v in SCALES.items() if k in used}
    head["grades"] = grades
    head["nodes"] = nodes
    return head
