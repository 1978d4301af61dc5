"""rb-2023-kabkota and rb-2023-provinsi: the 2023 method (PermenPANRB 9/2023), from the instrument
CSV (sources/rb-2023-instrument.csv, a verbatim copy of the shared project data).

RB General (100) + RB Tematik (20); every indicator is an answerable node with its own number
range, scored value / max × weight (scale ``conversion: ratio``), rounded to 2 decimals before the
sums (``round_points``); multipliers become ``multiply`` dependencies; Opini BPK is a choice. The
scorer and typical owner are data on each indicator; the city's own work (sources/rb-2023-own-work
.yaml) is ``source: self`` with the planner's default forecasts, the rest ``external``; General
indicators that other bodies measure (not the own work) may be answered not applicable. See docs/frameworks.md.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path
from typing import Any

from .common import SOURCES, fail, finish, header, load_source
from .output import Block, Exact, Flow, FlowList, num, plain

CSV = SOURCES / "rb-2023-instrument.csv"
OWN_WORK = "rb-2023-own-work.yaml"
COLUMNS = [
    "framework",
    "code",
    "parent",
    "name",
    "weight",
    "min",
    "max",
    "kind",
    "multiplier",
    "scorer",
    "typical_owner",
]
# Indicators per tree, as method-2023.md counts them.
COUNTS = {"kabkota": 40, "provinsi": 41}
ROOT_WEIGHTS = {"G": Fraction(100), "T": Fraction(20)}
TPN = "TPN"  # the ministry's own evaluation team: what it scores always applies

# Opini BPK: WTP gives the full points (confirmed); the other values follow the 14/2014 ladder
# and are provisional (method-2023.md rule 4). A WTP with an explanatory paragraph is a WTP.
OPINI_BPK = {
    "kind": "choice",
    "options": Flow(
        {
            "WTP": Exact("1"),
            "WDP": Exact("2/3"),
            "TMP": Exact("1/2"),
            "TW": Exact("1/3"),
            "TIDAK-ADA-LK": Exact("0"),
        }
    ),
    "aliases": {
        Exact(k): Exact(v)
        for k, v in {
            "Wajar Tanpa Pengecualian": "WTP",
            "WTP-DPP": "WTP",
            "WTP DPP": "WTP",
            "WTP Dengan Paragraf Penjelas": "WTP",
            "Wajar Dengan Pengecualian": "WDP",
            "Tidak Memberikan Pendapat": "TMP",
            "Tidak Wajar": "TW",
            "Tidak Memiliki Laporan Keuangan": "TIDAK-ADA-LK",
        }.items()
    },
    "provisional": FlowList([Exact(c) for c in ("WDP", "TMP", "TW", "TIDAK-ADA-LK")]),
}

GRADES = {
    "compare": "above",
    "round_first": True,
    "bands": [
        # AA from 100 (the ministry's application), provisional
        Flow(
            {
                "code": "AA",
                "min": 100,
                "compare": "at_least",
                "label": "Sangat Memuaskan",
                "provisional": True,
            }
        ),
        # A- instead of A below a "target baik" (the targets are not public), provisional
        Flow(
            {
                "code": "A",
                "min": 80,
                "label": "Memuaskan",
                "below_target": Flow(
                    {"code": "A-", "label": "Memuaskan (di bawah target baik)", "provisional": True}
                ),
            }
        ),
        *[
            Flow({"code": code, "min": low, "label": label})
            for code, low, label in [
                ("BB", 70, "Sangat Baik"),
                ("B", 60, "Baik"),
                ("CC", 50, "Cukup"),
                ("C", 30, "Kurang"),
                ("D", 0, "Sangat Kurang"),
            ]
        ],
    ],
}

CORRECTIONS = [
    Flow(
        {
            "code": "KOEF",
            "name": "Koefisien",
            "root": "G",
            "min": plain(-10),
            "max": plain(1),
            "provisional": True,
        }
    )
]

NOTES = (
    "The 2023 instrument of the RB evaluation (PermenPANRB 9/2023, technical guide KepmenPANRB\n"
    "739/2023), transcribed from the ministry's own evaluation application and checked against the\n"
    "published 2023 results. It stands in for the 2024 evaluation (KepmenPANRB 182/2024), whose\n"
    "own weights are not public and which the ministry described as little changed.\n"
    "Confirmed: the tree, weights and ranges; points = value / max x weight, rounded to 2 decimals\n"
    "per indicator before the sums; multipliers; the adjustment weight (General / bobot\n"
    "penyesuaian x 100 when indicators do not apply); the bands from BB down; Opini BPK WTP.\n"
    "Provisional: the values of Opini BPK other than WTP (the 14/2014 ladder), the AA threshold\n"
    "(100), A- instead of A when an indicator is below its target baik (no targets are shipped),\n"
    "and the koefisien (-10 to +1, added to General before the adjustment).\n"
    "Who may be marked not applicable: General indicators that another national body measures\n"
    "(not TPN, not the own work), as the ministry decides. Typical owners are suggestions.\n"
)
NOTES_ID = (
    "Instrumen evaluasi RB tahun 2023 (PermenPANRB 9/2023, petunjuk teknis KepmenPANRB\n"
    "739/2023), disalin dari aplikasi evaluasi kementerian dan dicocokkan dengan hasil 2023 yang\n"
    "diterbitkan. Dipakai untuk evaluasi 2024 (KepmenPANRB 182/2024), yang bobotnya sendiri belum\n"
    "diumumkan dan menurut kementerian hanya sedikit berubah.\n"
    "Terkonfirmasi: pohon, bobot dan rentang; poin = nilai / maks x bobot, dibulatkan 2 desimal\n"
    "per indikator sebelum dijumlah; pengali; bobot penyesuaian (General / bobot penyesuaian x\n"
    "100 bila ada indikator yang tidak berlaku); rentang predikat dari BB ke bawah; Opini BPK WTP.\n"
    "Sementara: nilai Opini BPK selain WTP (tangga 14/2014), ambang AA (100), A- sebagai ganti A\n"
    "bila ada indikator di bawah target baik (tidak ada target yang disertakan), dan koefisien\n"
    "(-10 sampai +1, ditambahkan ke General sebelum penyesuaian).\n"
    "Yang boleh ditandai tidak berlaku: indikator General yang diukur lembaga nasional lain\n"
    "(bukan TPN, bukan kerja sendiri), sesuai keputusan kementerian. Pemilik lazim hanya usulan.\n"
)


def read_instrument(path: Path = CSV) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    reader = csv.DictReader(lines)
    if reader.fieldnames != COLUMNS:
        fail(f"{path.name}: expected the columns {COLUMNS}, found {reader.fieldnames}")
    return list(reader)


def _owner(owner: str, variant: str) -> str:
    """A province's Setda has Biro where a kabupaten/kota's has Bagian."""
    if variant == "provinsi" and owner.startswith("Bagian ") and owner.endswith(" Setda"):
        return "Biro " + owner.removeprefix("Bagian ").removesuffix(" Setda")
    return owner


def _scale_key(row: dict[str, str]) -> str:
    return "opini-bpk-2023" if row["kind"] == "qualitative" else f"{row['min']}-{row['max']}"


def _indicator(
    row: dict[str, str], variant: str, own_work: dict[str, dict[str, str]], root: str
) -> dict[str, Any]:
    code = row["code"]
    node: dict[str, Any] = {
        "code": code,
        "name": row["name"],
        "weight": num(Fraction(row["weight"])),
        "scale": _scale_key(row),
        "source": "self" if code in own_work else "external",
        "scorer": row["scorer"],
        "owner": _owner(row["typical_owner"], variant),
    }
    if row["multiplier"]:
        node["guidance"] = (
            f"Poin indikator ini dikalikan dengan nilai {row['multiplier']} dibagi nilai "
            "maksimumnya."
        )
        node["depends_on"] = Flow({"question": row["multiplier"], "multiply": True})
    if root == "G" and row["scorer"] != TPN and code not in own_work:
        node["not_applicable"] = True
    if code in own_work:
        node["forecasts"] = Flow({Exact(v): num(e) for v, e in own_work[code].items()})
    return node


def build_rb2023(variant: str, path: Path = CSV) -> dict[str, Any]:
    rows = [r for r in read_instrument(path) if r["framework"] in (variant, "both")]
    own_work = load_source(OWN_WORK)["own_work"]
    children: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        children.setdefault(r["parent"], []).append(r)
    codes = {r["code"] for r in rows}
    if len(codes) != len(rows):
        fail(f"rb-2023-{variant}: a code is used twice")
    scales: dict[str, Any] = {}

    def node(row: dict[str, str], root: str) -> dict[str, Any]:
        if row["kind"]:
            if row["kind"] == "number":
                low, high = Fraction(row["min"]), Fraction(row["max"])
                if not 0 <= low < high:
                    fail(f"rb-2023-{variant} {row['code']}: bad range {low}-{high}")
                scales.setdefault(
                    _scale_key(row),
                    {
                        "kind": "number",
                        "min": plain(low),
                        "max": plain(high),
                        "conversion": "ratio",
                    },
                )
            elif row["kind"] == "qualitative" and row["code"] == "G.C.H.4":
                scales.setdefault(_scale_key(row), OPINI_BPK)
            else:
                fail(f"rb-2023-{variant} {row['code']}: unknown kind {row['kind']!r}")
            if row["multiplier"] and row["multiplier"] not in codes:
                fail(f"rb-2023-{variant} {row['code']}: unknown multiplier {row['multiplier']}")
            return _indicator(row, variant, own_work, root)
        kids = [node(c, root) for c in children.get(row["code"], [])]
        if not kids:
            fail(f"rb-2023-{variant} {row['code']}: an inner node without children")
        total = sum(Fraction(k["weight"]) for k in kids)
        if total != Fraction(row["weight"]):
            fail(
                f"rb-2023-{variant} {row['code']}: children add up to {total}, not {row['weight']}"
            )
        return {
            "code": row["code"],
            "name": row["name"],
            "weight": num(Fraction(row["weight"])),
            "children": kids,
        }

    roots = [node(r, r["code"]) for r in children.get("", [])]
    if {r["code"]: Fraction(r["weight"]) for r in roots} != ROOT_WEIGHTS:
        fail(f"rb-2023-{variant}: expected the roots G 100 and T 20")
    indicators = sum(1 for r in rows if r["kind"])
    if indicators != COUNTS[variant]:
        fail(f"rb-2023-{variant}: expected {COUNTS[variant]} indicators, found {indicators}")
    unknown = set(own_work) - codes
    if unknown:
        fail(f"{OWN_WORK}: {sorted(unknown)} are not indicators of rb-2023-{variant}")
    province = variant == "provinsi"
    head = header(
        id=f"rb-2023-{variant}",
        version="2023",
        name=(
            "Evaluasi RB 2023 "
            + ("Provinsi" if province else "Kabupaten/Kota")
            + " (RB General dan RB Tematik)"
        ),
        basis="PermenPANRB No. 9 Tahun 2023; KepmenPANRB No. 739 Tahun 2023",
        status="official",
        notes=Block(NOTES),
        notes_id=Block(NOTES_ID),
        applies_to=["provinsi"] if province else ["kabupaten", "kota"],
        max_score=120,
    )
    head["round_points"] = True
    # finish() takes the scales of the shared table; these are the file's own
    out = finish(head, GRADES, roots)
    out["scales"] = {k: scales[k] for k in sorted(scales, key=_scale_order)}
    out["grades"] = out.pop("grades")
    out["corrections"] = CORRECTIONS
    out["nodes"] = out.pop("nodes")
    return out


def _scale_order(key: str) -> tuple[int, Fraction, Fraction]:
    if "-" not in key or key.startswith("opini"):
        return (1, Fraction(0), Fraction(0))
    low, high = key.split("-")
    return (0, Fraction(high), Fraction(low))
