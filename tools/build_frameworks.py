"""Build the shipped framework files in src/rapor/frameworks/ from their sources.

How this works: `rb-2014` is read from the official-format instrument table
(src/rapor/frameworks/sources/lke-rb-2014-instrument.csv, a verbatim copy of the shared project
data); its counts are checked and every value is carried over as text, so no weight ever passes
through binary floating point. `rb-2020-pemda` is assembled from the skeleton of
docs/methodology (PermenPANRB 26/2020): its compliance part copies the questions of `rb-2014` area by
area. `sakip-2021` and `spbe-2020` are written from the tables below. Every framework is checked
(unique codes, known scales, exact weight sums with fractions.Fraction, no floats) before it is
dumped, and the dumped text is read back and checked again. Output is deterministic.

Usage (from the project root): python tools/build_frameworks.py [--out DIR] [--csv FILE]
See docs/frameworks.md for the decisions behind every number.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK_DIR = ROOT / "src" / "rapor" / "frameworks"
RB2014_CSV = FRAMEWORK_DIR / "sources" / "lke-rb-2014-instrument.csv"
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


# ---- YAML output ------------------------------------------------------------------------------
class Exact(str):
    """A number (or short code) written in double quotes, so no YAML reader takes it for a float."""


class Block(str):
    """Multi-line text written as a literal block."""


class Flow(dict):  # type: ignore[type-arg]
    """A short mapping written on one line."""


class FlowList(list):  # type: ignore[type-arg]
    """A short list written on one line."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # indent list items under their key ("nodes:\n  - code: P"), which reads better
        return super().increase_indent(flow, False)


_STR = "tag:yaml.org,2002:str"
_Dumper.add_representer(Exact, lambda d, v: d.represent_scalar(_STR, str(v), style='"'))
_Dumper.add_representer(Block, lambda d, v: d.represent_scalar(_STR, str(v), style="|"))
_Dumper.add_representer(
    Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def dump(framework: dict[str, Any]) -> str:
    return yaml.dump(
        framework, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, indent=2
    )


def num(value: Fraction | int | str) -> Exact:
    """Write an exact number: "2", "0.5" when the decimal is exact, else a fraction "5/6"."""
    q = Fraction(value)
    if q.denominator == 1:
        return Exact(str(q.numerator))
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        text = format(Decimal(q.numerator) / Decimal(q.denominator), "f")
        return Exact(text.rstrip("0").rstrip("."))
    return Exact(f"{q.numerator}/{q.denominator}")


def plain(value: Fraction | int | str) -> int | Exact:
    """A structural number (max_score, min, max, a band's min): an int if whole, as in the format's
    example, else quoted text."""
    q = Fraction(value)
    return q.numerator if q.denominator == 1 else num(q)


def clean(text: str) -> str:
    """Collapse runs of whitespace (the workbook has stray double and trailing spaces)."""
    return re.sub(r"\s+", " ", text).strip()


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


def header(**fields: Any) -> dict[str, Any]:
    """The top-level keys in the order of the format's example."""
    out: dict[str, Any] = {"format": FORMAT}
    for key in ("id", "version", "name", "basis", "status", "notes", "applies_to"):
        out[key] = fields[key]
    out["version"] = Exact(fields["version"])
    out["applies_to"] = FlowList(fields["applies_to"])
    out["max_score"] = plain(fields.get("max_score", 100))
    if "index_scale" in fields:
        out["index_scale"] = plain(fields["index_scale"])
    out["decimals"] = 2
    return out


def finish(head: dict[str, Any], grades: dict[str, Any], nodes: list[dict[str, Any]]) -> dict:
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


# ---- rb-2014 ----------------------------------------------------------------------------------
RB2014_COUNTS = {"component": 2, "area": 11, "indicator": 33, "question": 146, "input": 5}
_OPTION_LINE = re.compile(r"^([a-e])\s*\.\s*(.+)$")
_ZERO_IF = re.compile(r"^zero_if (\S+) = (\S+)$")
_MULTIPLY = re.compile(r"^multiply (\S+)$")
_NUMBER_RULE = re.compile(r"^value = x / (\d+)$")


def fail(message: str) -> None:
    raise SystemExit(f"build_frameworks: {message}")


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
    return None


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
        applies_to=ALL_AGENCIES,
    )
    return finish(head, RB_GRADES, roots)


# ---- rb-2020-pemda ----------------------------------------------------------------------------
# Required documents (bukti dukung) per 2014 indicator, shown with the copied compliance questions.
EVIDENCE_2014 = {
    "P1.1": [
        "SK Tim Reformasi Birokrasi",
        "Rencana kerja Tim RB",
        "Laporan monitoring dan evaluasi rencana kerja Tim RB",
    ],
    "P1.2": [
        "Dokumen Road Map RB yang telah ditetapkan",
        "Undangan, daftar hadir dan notulen penyusunan Road Map",
        "Bukti sosialisasi/internalisasi Road Map",
    ],
    "P1.3": [
        "Rencana dan jadwal PMPRB",
        "Bukti pelatihan asesor PMPRB",
        "Kertas kerja dan laporan hasil PMPRB",
        "Rencana aksi tindak lanjut (RATL)",
    ],
    "P1.4": [
        "Bukti keterlibatan pimpinan dalam kegiatan RB (notulen, arahan, foto)",
        "Media komunikasi RB (situs web, media sosial, buletin)",
        "SK agen perubahan",
    ],
    "P2.1": [
        "Dokumen identifikasi dan pemetaan regulasi yang tidak harmonis",
        "Dokumen revisi atau pencabutan regulasi",
    ],
    "P2.2": [
        "Kebijakan/SOP pengendalian penyusunan produk hukum daerah",
        "Laporan evaluasi sistem pengendalian penyusunan regulasi",
    ],
    "P3.1": ["Laporan hasil evaluasi kelembagaan", "Kertas kerja analisis organisasi"],
    "P3.2": [
        "Usulan perubahan organisasi",
        "Peraturan tentang susunan organisasi dan tata kerja yang baru",
    ],
    "P4.1": ["Peta proses bisnis yang ditetapkan", "Dokumen SOP", "Laporan evaluasi penerapan SOP"],
    "P4.2": [
        "Rencana induk pengembangan e-government/SPBE",
        "Daftar dan tangkapan layar aplikasi yang digunakan",
    ],
    "P4.3": [
        "Kebijakan keterbukaan informasi publik dan SK PPID",
        "Daftar Informasi Publik",
        "Laporan monitoring dan evaluasi layanan informasi publik",
    ],
    "P5.1": [
        "Dokumen analisis jabatan dan analisis beban kerja",
        "Perhitungan kebutuhan pegawai dan rencana redistribusi",
        "Proyeksi kebutuhan pegawai 5 tahun",
    ],
    "P5.2": [
        "Pengumuman penerimaan pegawai",
        "Bukti pendaftaran daring",
        "Pengumuman hasil seleksi",
    ],
    "P5.3": [
        "Standar kompetensi jabatan",
        "Laporan hasil asesmen pegawai",
        "Rencana pengembangan kompetensi beserta anggarannya",
        "Laporan monitoring dan evaluasi pengembangan kompetensi",
    ],
    "P5.4": [
        "Kebijakan promosi terbuka",
        "SK panitia seleksi",
        "Pengumuman hasil setiap tahapan seleksi",
    ],
    "P5.5": [
        "Perjanjian kinerja individu/SKP",
        "Laporan penilaian kinerja pegawai",
        "Kebijakan tunjangan kinerja berbasis capaian kinerja",
    ],
    "P5.6": [
        "Peraturan tentang disiplin/kode etik/kode perilaku pegawai",
        "Laporan penegakan disiplin, sanksi dan penghargaan",
    ],
    "P5.7": ["Informasi faktor jabatan", "Peta jabatan yang ditetapkan", "Keputusan kelas jabatan"],
    "P5.8": [
        "Tangkapan layar dan panduan sistem informasi kepegawaian",
        "Bukti pemutakhiran data kepegawaian",
    ],
    "P6.1": [
        "Notulen dan daftar hadir penyusunan Renstra dan Perjanjian Kinerja",
        "Bukti pemantauan capaian kinerja oleh pimpinan",
    ],
    "P6.2": [
        "Pedoman akuntabilitas kinerja",
        "Bukti peningkatan kapasitas SDM pengelola kinerja",
        "Aplikasi pengukuran kinerja elektronik",
    ],
    "P7.1": [
        "Kebijakan pengendalian gratifikasi",
        "Bukti kampanye publik antigratifikasi",
        "Laporan penanganan dan evaluasi gratifikasi",
    ],
    "P7.2": [
        "Peraturan kepala daerah tentang SPIP",
        "Dokumen penilaian risiko",
        "Laporan pemantauan pengendalian intern",
    ],
    "P7.3": [
        "Kebijakan pengaduan masyarakat",
        "Rekapitulasi pengaduan dan tindak lanjutnya",
        "Laporan evaluasi penanganan pengaduan",
    ],
    "P7.4": [
        "Kebijakan Whistle-Blowing System",
        "Bukti sosialisasi WBS",
        "Laporan evaluasi dan tindak lanjut WBS",
    ],
    "P7.5": [
        "Kebijakan penanganan benturan kepentingan",
        "Bukti sosialisasi penanganan benturan kepentingan",
        "Laporan evaluasi dan tindak lanjutnya",
    ],
    "P7.6": [
        "Dokumen pencanangan Zona Integritas",
        "SK penetapan unit kerja pembangunan ZI",
        "Laporan evaluasi Zona Integritas",
    ],
    "P7.7": [
        "Laporan hasil pengawasan APIP dan tindak lanjutnya",
        "Data SDM dan anggaran APIP",
        "Rencana pengawasan berbasis risiko",
    ],
    "P8.1": [
        "Kebijakan standar pelayanan",
        "Maklumat pelayanan",
        "SOP pelaksanaan standar pelayanan",
        "Laporan reviu standar pelayanan dan SOP",
    ],
    "P8.2": [
        "Bukti sosialisasi/pelatihan budaya pelayanan prima",
        "Media informasi pelayanan",
        "Kebijakan sanksi, penghargaan dan kompensasi pelayanan",
        "Dokumen inovasi pelayanan",
    ],
    "P8.3": [
        "SOP pengaduan pelayanan",
        "SK unit pengelola pengaduan",
        "Rekapitulasi pengaduan dan tindak lanjutnya",
    ],
    "P8.4": [
        "Laporan Survei Kepuasan Masyarakat (SKM)",
        "Bukti publikasi hasil SKM",
        "Rencana dan laporan tindak lanjut hasil SKM",
    ],
    "P8.5": [
        "Rencana penerapan teknologi informasi dalam pelayanan",
        "Daftar layanan berbasis teknologi informasi",
        "Laporan perbaikan layanan",
    ],
}

# Hasil Antara inputs per area: (name, scale, body whose data feeds it, evidence).
HASIL_ANTARA = {
    "MP": [
        (
            "Nilai Survei Internal Budaya Kerja",
            "0-100",
            "survei internal budaya kerja organisasi",
            "Laporan survei internal budaya kerja",
        )
    ],
    "DK": [
        (
            "Indeks Reformasi Hukum",
            "0-100",
            "penilaian Indeks Reformasi Hukum oleh Kementerian Hukum dan HAM",
            "Laporan hasil penilaian Indeks Reformasi Hukum",
        )
    ],
    "OR": [
        (
            "Nilai Evaluasi Kelembagaan",
            "0-100",
            "evaluasi kelembagaan oleh Kementerian PANRB/Kemendagri",
            "Laporan hasil evaluasi kelembagaan",
        )
    ],
    "TL": [
        (
            "Indeks SPBE",
            "0-5",
            "evaluasi SPBE oleh Kementerian PANRB",
            "Laporan hasil evaluasi SPBE",
        )
    ],
    "SDM": [
        (
            "Indeks Profesionalitas ASN",
            "0-100",
            "pengukuran Indeks Profesionalitas ASN oleh BKN",
            "Laporan hasil pengukuran Indeks Profesionalitas ASN",
        ),
        (
            "Indeks Sistem Merit",
            "100-400",
            "penilaian sistem merit oleh KASN",
            "Laporan hasil penilaian sistem merit",
        ),
    ],
    "AK": [
        (
            "Nilai SAKIP",
            "0-100",
            "evaluasi SAKIP oleh Kementerian PANRB",
            "Laporan Hasil Evaluasi SAKIP",
        )
    ],
    "PW": [
        (
            "Tingkat Maturitas SPIP",
            "0-5",
            "penilaian maturitas SPIP oleh BPKP",
            "Laporan penjaminan kualitas maturitas SPIP",
        ),
        (
            "Level Kapabilitas APIP",
            "1-5",
            "penilaian kapabilitas APIP oleh BPKP",
            "Laporan penilaian kapabilitas APIP",
        ),
    ],
    "PP": [
        (
            "Indeks Pelayanan Publik",
            "0-5",
            "evaluasi pelayanan publik oleh Kementerian PANRB",
            "Laporan hasil evaluasi pelayanan publik",
        ),
        (
            "Nilai Kepatuhan Standar Pelayanan Publik",
            "0-100",
            "penilaian kepatuhan oleh Ombudsman RI",
            "Laporan hasil penilaian kepatuhan Ombudsman RI",
        ),
    ],
}

# Reform questions per area: (text, guidance, evidence). All on the A–E maturity ladder below.
REFORM_LADDER = {
    "A": "Sudah diterapkan di seluruh perangkat daerah/unit terkait, dievaluasi secara berkala, dan hasil evaluasi ditindaklanjuti untuk perbaikan berkelanjutan",
    "B": "Sudah diterapkan di sebagian besar perangkat daerah/unit terkait dan sudah dievaluasi",
    "C": "Sudah diterapkan di sebagian kecil perangkat daerah/unit terkait",
    "D": "Baru pada tahap perencanaan atau penetapan kebijakan, belum diterapkan",
    "E": "Belum ada upaya",
}
REFORM = {
    "MP": [
        (
            "Pimpinan tertinggi instansi memimpin langsung pelaksanaan reformasi birokrasi dan memantau capaiannya secara berkala",
            "Nilai tinggi bila kepala daerah/Sekda memimpin rapat evaluasi RB minimal setiap triwulan dan mengambil keputusan atas hasilnya, bukan sekadar hadir pada acara seremonial.",
            [
                "Notulen rapat evaluasi RB yang dipimpin pimpinan",
                "Arahan/disposisi pimpinan atas capaian RB",
            ],
        ),
        (
            "Agen perubahan telah ditetapkan dan berperan aktif mendorong perubahan di perangkat daerah",
            "Agen perubahan perlu memiliki rencana kerja, dipantau perannya, dan diberi penghargaan atas kontribusinya.",
            ["SK agen perubahan", "Rencana kerja dan laporan kegiatan agen perubahan"],
        ),
        (
            "Perubahan pola pikir dan budaya kerja diukur dan hasil pengukurannya ditindaklanjuti",
            "Pengukuran dapat berupa survei internal budaya kerja; tindak lanjut berupa rencana aksi per perangkat daerah.",
            ["Laporan survei budaya kerja", "Rencana aksi tindak lanjut"],
        ),
    ],
    "DK": [
        (
            "Telah dilakukan analisis dampak regulasi terhadap peraturan daerah dan peraturan kepala daerah yang berlaku",
            "Analisis dampak menilai apakah regulasi menghambat pelayanan, investasi, atau tumpang tindih dengan regulasi lain.",
            ["Dokumen analisis dampak regulasi", "Daftar regulasi yang dianalisis"],
        ),
        (
            "Hasil analisis dampak ditindaklanjuti dengan pencabutan, revisi, atau penyederhanaan regulasi yang menghambat",
            "Hitung jumlah regulasi yang dicabut atau direvisi dibandingkan jumlah regulasi yang direkomendasikan.",
            [
                "Produk hukum pencabutan/perubahan regulasi",
                "Rekapitulasi tindak lanjut analisis regulasi",
            ],
        ),
        (
            "Penyusunan regulasi baru melibatkan partisipasi publik dan analisis dampak sebelum ditetapkan",
            "Partisipasi publik dapat berupa konsultasi publik, uji publik, atau masukan melalui kanal daring.",
            [
                "Bukti konsultasi/uji publik rancangan regulasi",
                "Naskah akademik atau kajian dampak",
            ],
        ),
    ],
    "OR": [
        (
            "Penyederhanaan birokrasi telah dilakukan melalui pengalihan jabatan administrasi ke jabatan fungsional",
            "Nilai tinggi bila seluruh jabatan yang memenuhi kriteria telah dialihkan dan pejabat fungsional telah bekerja sesuai jabatannya.",
            [
                "Keputusan pengalihan jabatan administrasi ke jabatan fungsional",
                "Peta jabatan setelah penyederhanaan",
            ],
        ),
        (
            "Struktur dan ukuran organisasi perangkat daerah telah ditata (right-sizing) berdasarkan hasil evaluasi kelembagaan",
            "Penataan mencakup penggabungan, pemisahan, atau penghapusan unit yang fungsinya tumpang tindih.",
            [
                "Laporan evaluasi kelembagaan",
                "Peraturan daerah/peraturan kepala daerah tentang perangkat daerah",
            ],
        ),
        (
            "Mekanisme dan tata kerja setelah penyederhanaan birokrasi telah ditetapkan dan diterapkan",
            "Tata kerja baru mengatur pembagian tugas, koordinasi, dan penilaian kinerja pejabat fungsional.",
            ["Peraturan kepala daerah tentang mekanisme kerja", "Bukti penerapan tata kerja baru"],
        ),
    ],
    "TL": [
        (
            "Proses bisnis antarperangkat daerah telah disusun secara terintegrasi dan menjadi dasar penyusunan SOP",
            "Proses bisnis lintas perangkat daerah (cross-cutting) menunjukkan keterkaitan kinerja, bukan hanya proses internal satu unit.",
            ["Peta proses bisnis terintegrasi", "SOP yang mengacu pada peta proses bisnis"],
        ),
        (
            "Layanan administrasi pemerintahan telah terdigitalisasi dan terintegrasi",
            "Misalnya naskah dinas elektronik, kepegawaian, perencanaan, penganggaran, keuangan, dan kinerja dalam sistem yang saling terhubung.",
            ["Daftar aplikasi layanan administrasi", "Bukti integrasi antaraplikasi"],
        ),
        (
            "Layanan publik utama dapat diakses secara elektronik dan terintegrasi",
            "Nilai tinggi bila masyarakat dapat mengajukan, memantau, dan menerima layanan secara daring tanpa datang berulang kali.",
            [
                "Daftar layanan publik berbasis elektronik",
                "Tangkapan layar aplikasi layanan publik",
            ],
        ),
    ],
    "SDM": [
        (
            "Manajemen talenta berbasis sistem merit telah diterapkan",
            "Manajemen talenta mencakup pemetaan talenta (talent pool), rencana suksesi, dan pengembangan talenta.",
            ["Kebijakan manajemen talenta", "Dokumen talent pool dan rencana suksesi"],
        ),
        (
            "Pengisian jabatan dilakukan secara terbuka dan kompetitif berdasarkan hasil penilaian kompetensi",
            "Berlaku untuk jabatan pimpinan tinggi, administrator, dan pengawas.",
            ["Pengumuman seleksi terbuka", "Laporan hasil penilaian kompetensi"],
        ),
        (
            "Pengembangan kompetensi ASN dilaksanakan berdasarkan analisis kesenjangan kompetensi",
            "Perhatikan pemenuhan hak pengembangan kompetensi minimal 20 jam pelajaran per pegawai per tahun.",
            [
                "Analisis kesenjangan kompetensi",
                "Rekapitulasi jam pelajaran pengembangan kompetensi",
            ],
        ),
        (
            "Penilaian kinerja pegawai terhubung dengan kinerja organisasi dan menjadi dasar tunjangan kinerja serta pengembangan karier",
            "SKP pegawai harus diturunkan dari perjanjian kinerja organisasi.",
            ["SKP dan perjanjian kinerja", "Kebijakan tunjangan kinerja berbasis capaian"],
        ),
    ],
    "AK": [
        (
            "Target kinerja telah diturunkan (cascading) dari RPJMD hingga kinerja individu",
            "Penurunan target dapat ditunjukkan dengan pohon kinerja hingga tingkat individu.",
            ["Pohon kinerja", "Perjanjian kinerja berjenjang"],
        ),
        (
            "Informasi kinerja digunakan dalam penganggaran (anggaran berbasis kinerja)",
            "Nilai tinggi bila alokasi anggaran mengikuti program yang berkontribusi pada sasaran, dan program yang tidak efektif dikurangi.",
            [
                "Dokumen RKPD/RKA dengan keterkaitan kinerja",
                "Bukti realokasi anggaran berbasis kinerja",
            ],
        ),
        (
            "Capaian kinerja dipantau secara berkala melalui aplikasi dan ditindaklanjuti oleh pimpinan",
            "Pemantauan minimal triwulanan dengan tindak lanjut atas target yang tidak tercapai.",
            ["Laporan pemantauan kinerja berkala", "Tangkapan layar aplikasi kinerja"],
        ),
    ],
    "PW": [
        (
            "Manajemen risiko telah diterapkan hingga tingkat perangkat daerah dan menjadi dasar pengendalian",
            "Register risiko dan rencana tindak pengendalian disusun dan dipantau pada setiap perangkat daerah.",
            ["Register risiko", "Rencana tindak pengendalian dan laporan pemantauannya"],
        ),
        (
            "Pengendalian gratifikasi, benturan kepentingan, dan whistle-blowing system berjalan dan ditindaklanjuti",
            "Nilai tinggi bila terdapat laporan yang diterima, ditangani, dan ditindaklanjuti, bukan hanya kebijakan.",
            ["Rekapitulasi laporan gratifikasi/WBS", "Bukti tindak lanjut penanganan"],
        ),
        (
            "Pembangunan Zona Integritas menuju WBK/WBBM berjalan pada unit-unit pelayanan",
            "Perhatikan jumlah unit yang diusulkan dan yang telah ditetapkan sebagai WBK/WBBM.",
            ["SK penetapan unit pembangunan ZI", "Hasil evaluasi TPI/TPN"],
        ),
        (
            "APIP melaksanakan pengawasan berbasis risiko dan rekomendasinya ditindaklanjuti",
            "Hitung persentase tindak lanjut rekomendasi hasil pengawasan.",
            [
                "Program kerja pengawasan berbasis risiko",
                "Rekapitulasi tindak lanjut rekomendasi APIP",
            ],
        ),
    ],
    "PP": [
        (
            "Inovasi pelayanan publik dikembangkan, direplikasi, dan dievaluasi secara berkala",
            "Inovasi dapat diikutsertakan dalam kompetisi inovasi pelayanan publik dan direplikasi oleh unit lain.",
            ["Daftar inovasi pelayanan publik", "Bukti replikasi atau penghargaan inovasi"],
        ),
        (
            "Pengaduan masyarakat dikelola melalui SP4N-LAPOR! dan ditindaklanjuti tepat waktu",
            "Nilai tinggi bila seluruh unit layanan terhubung dan hampir seluruh pengaduan selesai sesuai batas waktu.",
            ["Rekapitulasi pengaduan SP4N-LAPOR!", "Laporan tindak lanjut pengaduan"],
        ),
        (
            "Survei kepuasan masyarakat dilakukan pada seluruh unit layanan dan hasilnya ditindaklanjuti",
            "Survei mengikuti PermenPANRB 14/2017; hasil dan tindak lanjutnya dipublikasikan.",
            ["Laporan SKM per unit layanan", "Bukti publikasi hasil dan tindak lanjut SKM"],
        ),
        (
            "Pelayanan terpadu (Mal Pelayanan Publik) menyatukan layanan pusat, daerah, BUMN/BUMD, dan swasta",
            "Nilai tinggi bila MPP beroperasi dengan layanan dari berbagai instansi dan terus dievaluasi.",
            [
                "Peraturan kepala daerah tentang MPP",
                "Daftar layanan dan instansi yang tergabung dalam MPP",
            ],
        ),
    ],
}


def pemda_code(code_2014: str) -> str:
    """P1.2.d -> PM.MP.2.d: the Pemenuhan copy of a 2014 indicator or question."""
    area, rest = code_2014.split(".", 1)
    return f"PM.{AREAS[int(area[1:]) - 1]}.{rest}"


def pemenuhan_area(area_2014: dict[str, Any], area: str) -> dict[str, Any]:
    third = Fraction(1, 3)
    indicators = []
    for ind in area_2014["children"]:
        questions = []
        for q in ind["questions"]:
            copy = {"code": pemda_code(q["code"])}
            copy.update({k: v for k, v in q.items() if k not in ("code", "source", "depends_on")})
            copy["evidence"] = EVIDENCE_2014[ind["code"]]
            copy["source"] = "self"
            if "depends_on" in q:
                dep = dict(q["depends_on"])
                dep["question"] = pemda_code(dep["question"])
                copy["depends_on"] = Flow(dep)
            questions.append(copy)
        indicators.append(
            {
                "code": pemda_code(ind["code"]),
                "name": ind["name"],
                "weight": num(Fraction(ind["weight"]) * third),
                "questions": questions,
            }
        )
    return {
        "code": f"PM.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(AREA_WEIGHTS[area] * third),
        "children": indicators,
    }


def hasil_antara_area(area: str) -> dict[str, Any]:
    weight = Fraction(AREA_WEIGHTS[area], 6)
    inputs = HASIL_ANTARA[area]
    children = [
        {
            "code": f"HA.{area}.{i}",
            "name": name,
            "weight": num(weight / len(inputs)),
            "scale": scale,
            "source": "external",
            "guidance": f"Diisi dari hasil {body} (skala {scale.replace('-', '–')}).",
            "evidence": [evidence],
        }
        for i, (name, scale, body, evidence) in enumerate(inputs, start=1)
    ]
    return {
        "code": f"HA.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(weight),
        "children": children,
    }


def reform_area(area: str) -> dict[str, Any]:
    questions = [
        {
            "code": f"RF.{area}.{letter}",
            "text": text,
            "scale": "A/B/C/D/E",
            "options_text": dict(REFORM_LADDER),
            "guidance": guidance,
            "evidence": evidence,
            "source": "self",
        }
        for letter, (text, guidance, evidence) in zip("abcd", REFORM[area], strict=False)
    ]
    if not 2 <= len(questions) <= 4 or len(questions) != len(REFORM[area]):
        fail(f"reform area {area} needs 2 to 4 questions")
    return {
        "code": f"RF.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(Fraction(AREA_WEIGHTS[area], 2)),
        "questions": questions,
    }


def hasil_input(
    code: str, name: str, weight: int, scale: str, guidance: str, evidence: list[str]
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "weight": num(weight),
        "scale": scale,
        "source": "external",
        "guidance": guidance,
        "evidence": evidence,
    }


def build_rb2020(rb2014: dict[str, Any]) -> dict[str, Any]:
    areas_2014 = {n["area"]: n for n in rb2014["nodes"][0]["children"]}
    pengungkit = {
        "code": "P",
        "name": "Pengungkit",
        "weight": num(60),
        "children": [
            {
                "code": "P.PM",
                "name": "Pemenuhan",
                "weight": num(20),
                "children": [pemenuhan_area(areas_2014[a], a) for a in AREAS],
            },
            {
                "code": "P.HA",
                "name": "Hasil Antara",
                "weight": num(10),
                "children": [hasil_antara_area(a) for a in AREAS],
            },
            {
                "code": "P.RF",
                "name": "Reform",
                "weight": num(30),
                "children": [reform_area(a) for a in AREAS],
            },
        ],
    }
    hasil = {
        "code": "H",
        "name": "Hasil",
        "weight": num(40),
        "children": [
            {
                "code": "H.AKK",
                "name": "Akuntabilitas Kinerja dan Keuangan",
                "weight": num(10),
                "children": [
                    hasil_input(
                        "H.AKK.1",
                        "Nilai SAKIP",
                        5,
                        "0-100",
                        "Diisi dari Laporan Hasil Evaluasi SAKIP Kementerian PANRB (skala 0–100).",
                        ["Laporan Hasil Evaluasi SAKIP"],
                    ),
                    hasil_input(
                        "H.AKK.2",
                        "Opini BPK atas Laporan Keuangan",
                        5,
                        "opini-bpk",
                        "Pilih opini BPK atas laporan keuangan tahun terakhir: WTP, WTP-DPP, WDP, TMP, TW, atau TIDAK-ADA-LK bila tidak menyusun laporan keuangan.",
                        ["Laporan Hasil Pemeriksaan BPK atas Laporan Keuangan"],
                    ),
                ],
            },
            {
                "code": "H.KPP",
                "name": "Kualitas Pelayanan Publik",
                "weight": num(10),
                "children": [
                    hasil_input(
                        "H.KPP.1",
                        "Indeks Kepuasan Masyarakat (IKM)",
                        10,
                        "25-100",
                        "Nilai IKM hasil Survei Kepuasan Masyarakat (PermenPANRB 14/2017), skala 25–100.",
                        ["Laporan Survei Kepuasan Masyarakat"],
                    ),
                ],
            },
            {
                "code": "H.BKK",
                "name": "Pemerintah yang Bersih dan Bebas KKN",
                "weight": num(10),
                "children": [
                    hasil_input(
                        "H.BKK.1",
                        "Survei Penilaian Integritas (SPI) KPK",
                        10,
                        "0-100",
                        "Diisi dari hasil Survei Penilaian Integritas KPK (skala 0–100).",
                        ["Laporan hasil Survei Penilaian Integritas KPK"],
                    ),
                ],
            },
            {
                "code": "H.KO",
                "name": "Kinerja Organisasi",
                "weight": num(10),
                "children": [
                    hasil_input(
                        "H.KO.1",
                        "Capaian Indikator Kinerja Utama (IKU)",
                        10,
                        "0-100",
                        "Rata-rata capaian IKU dalam persen; isikan 100 bila capaian melebihi 100 %.",
                        [
                            "Laporan Kinerja Instansi Pemerintah (LKjIP)",
                            "Perjanjian kinerja dan data capaian IKU",
                        ],
                    ),
                ],
            },
        ],
    }
    head = header(
        id="rb-2020-pemda",
        version="2020",
        name="LKE Reformasi Birokrasi Pemerintah Daerah (PermenPANRB 26/2020)",
        basis="PermenPANRB No. 26 Tahun 2020",
        status="provisional",
        notes=Block(
            "Confirmed: the top level (Pengungkit 60 = Pemenuhan 20 + Hasil Antara 10 + Reform 30;\n"
            "Hasil 40 = four components of 10) and the grade bands.\n"
            "Provisional until the official 2020 workbook is imported:\n"
            "- the per-area split: Pemenuhan w/3, Hasil Antara w/6 and Reform w/2 of the 14/2014 area\n"
            "  weights w = 5, 5, 6, 5, 15, 6, 12, 6;\n"
            "- the Pemenuhan questions, copied from the same area of rb-2014 (P1.2.d becomes PM.MP.2.d),\n"
            "  with each 2014 indicator's weight divided by 3;\n"
            "- the Hasil Antara inputs (names, ranges; two inputs in one area share its weight equally);\n"
            "- the Reform questions, written by the Rapor team on an A-E maturity ladder;\n"
            "- the Hasil inputs and their split inside each component;\n"
            "- the evidence lists and guidance texts.\n"
        ),
        applies_to=PEMDA,
    )
    return finish(head, RB_GRADES, [pengungkit, hasil])


# ---- sakip-2021 -------------------------------------------------------------------------------
SAKIP_ABCD = {
    "A": "Memenuhi seluruh kriteria pada seluruh unit kerja",
    "B": "Memenuhi sebagian besar kriteria / pada sebagian besar unit kerja",
    "C": "Memenuhi sebagian kecil kriteria / pada sebagian kecil unit kerja",
    "D": "Belum memenuhi kriteria",
}
SAKIP_PARTS = [
    ("PM", "Pemenuhan", Fraction(20, 100)),
    ("KU", "Kualitas", Fraction(30, 100)),
    ("MF", "Pemanfaatan", Fraction(50, 100)),
]
SAKIP = [
    (
        "PK",
        "Perencanaan Kinerja",
        30,
        {
            "PM": [
                (
                    "Y/T",
                    "Renstra telah ditetapkan dan memuat tujuan, sasaran, indikator kinerja dan target jangka menengah",
                ),
                (
                    "Y/T",
                    "Rencana kinerja tahunan dan perjanjian kinerja telah disusun dan ditandatangani tepat waktu",
                ),
                (
                    "A/B/C/D",
                    "Indikator Kinerja Utama (IKU) telah ditetapkan pada tingkat instansi dan seluruh unit kerja",
                ),
            ],
            "KU": [
                ("A/B/C/D", "Tujuan dan sasaran berorientasi hasil (outcome), bukan kegiatan"),
                (
                    "A/B/C/D",
                    "Indikator kinerja memenuhi kriteria SMART dan relevan dengan mandat organisasi",
                ),
                (
                    "A/B/C/D",
                    "Target kinerja selaras secara berjenjang (cascading) dari tingkat instansi hingga individu",
                ),
            ],
            "MF": [
                ("A/B/C/D", "Dokumen perencanaan kinerja menjadi acuan penyusunan anggaran"),
                (
                    "A/B/C/D",
                    "Target kinerja digunakan untuk mengarahkan pelaksanaan program dan kegiatan",
                ),
                ("A/B/C/D", "Perjanjian kinerja digunakan sebagai dasar penilaian kinerja pegawai"),
            ],
        },
    ),
    (
        "PG",
        "Pengukuran Kinerja",
        30,
        {
            "PM": [
                ("Y/T", "Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja"),
                (
                    "A/B/C/D",
                    "Pengukuran kinerja dilakukan secara berkala (bulanan/triwulanan) di seluruh unit kerja",
                ),
                ("Y/T", "Terdapat sistem informasi/aplikasi pengukuran kinerja"),
            ],
            "KU": [
                ("A/B/C/D", "Data kinerja andal, akurat, dan dapat ditelusuri ke sumbernya"),
                (
                    "A/B/C/D",
                    "Pengukuran kinerja telah terotomasi dan terintegrasi dengan sistem perencanaan dan keuangan",
                ),
            ],
            "MF": [
                (
                    "A/B/C/D",
                    "Hasil pengukuran kinerja digunakan untuk perbaikan pelaksanaan program",
                ),
                (
                    "A/B/C/D",
                    "Hasil pengukuran kinerja menjadi dasar pemberian penghargaan dan sanksi",
                ),
                (
                    "A/B/C/D",
                    "Hasil pengukuran kinerja digunakan untuk menyesuaikan strategi pencapaian target",
                ),
            ],
        },
    ),
    (
        "PL",
        "Pelaporan Kinerja",
        15,
        {
            "PM": [
                ("Y/T", "Laporan Kinerja telah disusun dan disampaikan tepat waktu"),
                ("Y/T", "Laporan Kinerja telah dipublikasikan melalui situs web resmi"),
            ],
            "KU": [
                (
                    "A/B/C/D",
                    "Laporan Kinerja menyajikan capaian dibandingkan target tahunan, tahun lalu, dan target jangka menengah",
                ),
                (
                    "A/B/C/D",
                    "Laporan Kinerja menyajikan analisis penyebab keberhasilan/kegagalan dan efisiensi penggunaan sumber daya",
                ),
            ],
            "MF": [
                (
                    "A/B/C/D",
                    "Informasi dalam Laporan Kinerja digunakan untuk perbaikan perencanaan dan penganggaran tahun berikutnya",
                ),
                ("A/B/C/D", "Laporan Kinerja digunakan pimpinan dalam pengambilan keputusan"),
            ],
        },
    ),
    (
        "EV",
        "Evaluasi Akuntabilitas Kinerja Internal",
        25,
        {
            "PM": [
                ("Y/T", "Terdapat pedoman evaluasi akuntabilitas kinerja internal"),
                (
                    "A/B/C/D",
                    "Evaluasi akuntabilitas kinerja internal telah dilaksanakan pada seluruh unit kerja",
                ),
            ],
            "KU": [
                (
                    "A/B/C/D",
                    "Evaluasi internal dilaksanakan oleh SDM yang kompeten dan menghasilkan rekomendasi yang dapat dilaksanakan",
                ),
                ("A/B/C/D", "Evaluasi internal menilai efektivitas dan efisiensi program"),
            ],
            "MF": [
                ("A/B/C/D", "Rekomendasi hasil evaluasi internal telah ditindaklanjuti"),
                (
                    "A/B/C/D",
                    "Hasil evaluasi internal digunakan untuk peningkatan kinerja dan pemberian penghargaan antarunit",
                ),
            ],
        },
    ),
]


def build_sakip() -> dict[str, Any]:
    nodes = []
    for code, name, weight, parts in SAKIP:
        children = []
        for part, part_name, share in SAKIP_PARTS:
            items = parts[part]
            if not 2 <= len(items) <= 4:
                fail(f"sakip {code}.{part} needs 2 to 4 questions")
            questions = []
            for i, (scale, text) in enumerate(items, start=1):
                q: dict[str, Any] = {"code": f"{code}.{part}.{i}", "text": text, "scale": scale}
                if scale == "A/B/C/D":
                    q["options_text"] = dict(SAKIP_ABCD)
                q["source"] = "self"
                questions.append(q)
            children.append(
                {
                    "code": f"{code}.{part}",
                    "name": part_name,
                    "weight": num(weight * share),
                    "questions": questions,
                }
            )
        nodes.append({"code": code, "name": name, "weight": num(weight), "children": children})
    head = header(
        id="sakip-2021",
        version="2021",
        name="Evaluasi SAKIP (PermenPANRB 88/2021)",
        basis="PermenPANRB No. 88 Tahun 2021",
        status="provisional",
        notes=Block(
            "Confirmed: the four components (Perencanaan Kinerja 30, Pengukuran Kinerja 30,\n"
            "Pelaporan Kinerja 15, Evaluasi Akuntabilitas Kinerja Internal 25) and the grade bands.\n"
            "Provisional: the split of each component into Pemenuhan 20 %, Kualitas 30 % and\n"
            "Pemanfaatan 50 %, and the questions, which are a condensed set written by the Rapor team,\n"
            "not the official LKE AKIP criteria. Replace by importing the official workbook.\n"
        ),
        applies_to=ALL_AGENCIES,
    )
    return finish(head, RB_GRADES, nodes)


# ---- spbe-2020 --------------------------------------------------------------------------------
# Domain -> aspects (code, name, weight per indicator, indicator names). Names as remembered from
# the SPBE evaluation guide of PermenPANRB 59/2020; see the notes on how sure they are.
SPBE = [
    (
        "D1",
        "Kebijakan Internal SPBE",
        [
            (
                "A1",
                "Kebijakan Internal Tata Kelola SPBE",
                "1.30",
                [
                    "Kebijakan Internal Arsitektur SPBE",
                    "Kebijakan Internal Peta Rencana SPBE",
                    "Kebijakan Internal Manajemen Data",
                    "Kebijakan Internal Pembangunan Aplikasi SPBE",
                    "Kebijakan Internal Layanan Pusat Data",
                    "Kebijakan Internal Layanan Jaringan Intra",
                    "Kebijakan Internal Penggunaan Sistem Penghubung Layanan",
                    "Kebijakan Internal Manajemen Keamanan Informasi",
                    "Kebijakan Internal Audit TIK",
                    "Kebijakan Internal Tim Koordinasi SPBE",
                ],
            ),
        ],
    ),
    (
        "D2",
        "Tata Kelola SPBE",
        [
            (
                "A2",
                "Perencanaan Strategis SPBE",
                "2.50",
                [
                    "Arsitektur SPBE",
                    "Peta Rencana SPBE",
                    "Keterpaduan Rencana dan Anggaran SPBE",
                    "Inovasi Proses Bisnis SPBE",
                ],
            ),
            (
                "A3",
                "Teknologi Informasi dan Komunikasi",
                "2.50",
                [
                    "Pembangunan Aplikasi SPBE",
                    "Layanan Pusat Data",
                    "Layanan Jaringan Intra",
                    "Penggunaan Sistem Penghubung Layanan",
                ],
            ),
            (
                "A4",
                "Penyelenggara SPBE",
                "2.50",
                ["Tim Koordinasi SPBE", "Kolaborasi Penerapan SPBE"],
            ),
        ],
    ),
    (
        "D3",
        "Manajemen SPBE",
        [
            (
                "A5",
                "Penerapan Manajemen SPBE",
                "1.50",
                [
                    "Manajemen Risiko SPBE",
                    "Manajemen Keamanan Informasi",
                    "Manajemen Data",
                    "Manajemen Aset TIK",
                    "Kompetensi Sumber Daya Manusia",
                    "Manajemen Pengetahuan",
                    "Manajemen Perubahan",
                    "Manajemen Layanan SPBE",
                ],
            ),
            (
                "A6",
                "Audit TIK",
                "1.50",
                ["Audit Infrastruktur SPBE", "Audit Aplikasi SPBE", "Audit Keamanan SPBE"],
            ),
        ],
    ),
    (
        "D4",
        "Layanan SPBE",
        [
            (
                "A7",
                "Layanan Administrasi Pemerintahan Berbasis Elektronik",
                "2.75",
                [
                    "Layanan Naskah Dinas",
                    "Layanan Manajemen Kepegawaian",
                    "Layanan Manajemen Perencanaan",
                    "Layanan Manajemen Penganggaran",
                    "Layanan Manajemen Keuangan",
                    "Layanan Manajemen Kinerja",
                    "Layanan Pengadaan",
                    "Layanan Pengawasan Internal Pemerintah",
                    "Layanan Akuntabilitas Kinerja Organisasi",
                    "Layanan Kinerja Pegawai",
                ],
            ),
            (
                "A8",
                "Layanan Publik Berbasis Elektronik",
                "3.00",
                [
                    "Layanan Pengaduan Pelayanan Publik",
                    "Layanan Data Terbuka",
                    "Layanan Jaringan Dokumentasi dan Informasi Hukum",
                    "Layanan Publik Sektor 1",
                    "Layanan Publik Sektor 2",
                    "Layanan Publik Sektor 3",
                ],
            ),
        ],
    ),
]
SPBE_LADDERS = {
    "kebijakan": [
        "Konsep kebijakan internal belum ada atau masih dalam bentuk rancangan",
        "Kebijakan internal telah ditetapkan",
        "Kebijakan internal telah mengatur pelaksanaan pada seluruh unit kerja",
        "Kebijakan internal telah mengatur keterpaduan dengan kebijakan/instansi lain",
        "Kebijakan internal telah direviu dan dievaluasi secara berkala untuk perbaikan",
    ],
    "penerapan": [
        "Dilaksanakan secara tidak terencana dan belum terdokumentasi",
        "Dilaksanakan dan dikelola, tetapi baru pada sebagian unit kerja",
        "Dilaksanakan dengan standar yang sama pada seluruh unit kerja",
        "Terpadu dengan unit/instansi lain dan kinerjanya diukur",
        "Ditingkatkan secara berkelanjutan berdasarkan hasil pengukuran dan kebutuhan perubahan",
    ],
}


def build_spbe() -> dict[str, Any]:
    nodes, count = [], 0
    for dcode, dname, aspects in SPBE:
        aspect_nodes = []
        for acode, aname, per, names in aspects:
            leaves = []
            for name in names:
                count += 1
                ladder = SPBE_LADDERS["kebijakan" if dcode == "D1" else "penerapan"]
                question = {
                    "code": f"I{count}.a",
                    "text": f"Tingkat kematangan {name}",
                    "scale": "tingkat-spbe",
                    "options_text": {
                        Exact(str(n)): f"{SPBE_LEVEL_NAMES[n - 1]} – {ladder[n - 1]}"
                        for n in range(1, 6)
                    },
                    "source": "self",
                }
                leaves.append(
                    {"code": f"I{count}", "name": name, "weight": num(per), "questions": [question]}
                )
            aspect_nodes.append(
                {
                    "code": acode,
                    "name": aname,
                    "weight": num(Fraction(per) * len(names)),
                    "children": leaves,
                }
            )
        total = sum(Fraction(a["weight"]) for a in aspect_nodes)
        nodes.append({"code": dcode, "name": dname, "weight": num(total), "children": aspect_nodes})
    if count != 47:
        fail(f"spbe-2020: expected 47 indicators, built {count}")
    head = header(
        id="spbe-2020",
        version="2020",
        name="Evaluasi SPBE (PermenPANRB 59/2020)",
        basis="PermenPANRB No. 59 Tahun 2020",
        status="provisional",
        notes=Block(
            "47 indicators answered with a maturity level 1-5; level n is worth n/5 and the index is\n"
            "total x 5 / 100, i.e. the weighted mean level (0-5). An unanswered indicator counts 0.\n"
            "Provisional: the per-indicator weights per aspect (Kebijakan Internal 10 x 1.30;\n"
            "Perencanaan Strategis 4 x 2.50, TIK 4 x 2.50, Penyelenggara 2 x 2.50; Penerapan\n"
            "Manajemen 8 x 1.50, Audit TIK 3 x 1.50; Layanan Administrasi 10 x 2.75, Layanan Publik\n"
            "6 x 3.00), the predikat bands, and the indicator names: domains 1-3 follow the 2020\n"
            "evaluation guide as remembered by the Rapor team; the names of domain 4 (aspects 7 and 8)\n"
            "are plausible but unverified. The level descriptions are generic, not the official\n"
            "per-indicator criteria. Replace by importing the official instrument.\n"
        ),
        applies_to=ALL_AGENCIES,
        max_score=100,
        index_scale=5,
    )
    grades = {
        "compare": "at_least",
        "round_first": True,
        "bands": [
            Flow({"code": code, "min": plain(low), "label": label})
            for code, low, label in [
                ("M", "4.2", "Memuaskan"),
                ("SB", "3.5", "Sangat Baik"),
                ("B", "2.6", "Baik"),
                ("C", "1.8", "Cukup"),
                ("K", "0", "Kurang"),
            ]
        ],
    }
    return finish(head, grades, nodes)


# ---- checks -----------------------------------------------------------------------------------
def check(fw: dict[str, Any]) -> None:
    """Refuse a framework (as read back from its YAML text) that breaks the format's rules."""
    fid = fw.get("id")
    if fw.get("format") != FORMAT or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(fid)):
        fail(f"{fid}: bad format or id")
    codes: set[str] = set()
    scale_of: dict[str, str] = {}
    deps: dict[str, dict[str, Any]] = {}

    def exact(value: Any, where: str, *, whole_ok: bool = False) -> Fraction:
        # weights and option values must be quoted text; structural numbers may be plain ints
        if isinstance(value, str) or (whole_ok and type(value) is int):
            return Fraction(value)
        fail(f"{fid} {where}: {value!r} is not a quoted number")
        raise AssertionError

    def claim(code: str) -> None:
        if code in codes:
            fail(f"{fid}: code {code} is used twice")
        codes.add(code)

    def walk(node: dict[str, Any]) -> Fraction:
        claim(node["code"])
        weight = exact(node["weight"], node["code"])
        kinds = [k for k in ("children", "questions", "scale") if k in node]
        if len(kinds) != 1:
            fail(f"{fid} {node['code']}: needs exactly one of children, questions, scale")
        if "area" in node and node["area"] not in AREAS:
            fail(f"{fid} {node['code']}: unknown area {node['area']}")
        if "children" in node:
            total = sum((walk(child) for child in node["children"]), Fraction(0))
            if total != weight:
                fail(f"{fid} {node['code']}: children add up to {total}, weight is {weight}")
        for q in node.get("questions", [node] if "scale" in node else []):
            if q is not node:
                claim(q["code"])
            if q["scale"] not in fw["scales"]:
                fail(f"{fid} {q['code']}: unknown scale {q['scale']}")
            scale_of[q["code"]] = q["scale"]
            options = fw["scales"][q["scale"]].get("options", {})
            if set(q.get("options_text", {})) - set(options):
                fail(f"{fid} {q['code']}: options_text names options its scale lacks")
            if "depends_on" in q:
                deps[q["code"]] = q["depends_on"]
        return weight

    roots = sum((walk(n) for n in fw["nodes"]), Fraction(0))
    if roots != exact(fw["max_score"], "max_score", whole_ok=True):
        fail(f"{fid}: root weights add up to {roots}, max_score is {fw['max_score']}")
    for key, scale in fw["scales"].items():
        for value in scale.get("options", {}).values():
            if not 0 <= exact(value, f"scale {key}") <= 1:
                fail(f"{fid} scale {key}: value {value} outside 0 … 1")
    for code, dep in deps.items():
        target = dep["question"]
        if target not in scale_of:
            fail(f"{fid} {code}: depends on unknown question {target}")
        allowed = fw["scales"][scale_of[target]].get("options", {})
        if any(a not in allowed for a in dep.get("zero_if", [])):
            fail(f"{fid} {code}: zero_if names an answer that {target} cannot have")
    bands = [exact(b["min"], f"grade {b['code']}", whole_ok=True) for b in fw["grades"]["bands"]]
    if bands != sorted(bands, reverse=True) or bands[-1] != 0:
        fail(f"{fid}: grade bands must fall and end at 0")


def build_all(csv_path: Path = RB2014_CSV) -> dict[str, str]:
    """Return {file name: YAML text} of the four shipped frameworks, each checked."""
    rb2014 = build_rb2014(csv_path)
    frameworks = [rb2014, build_rb2020(rb2014), build_sakip(), build_spbe()]
    out = {}
    for fw in frameworks:
        text = dump(fw)
        check(yaml.safe_load(text))  # check what ships, as a reader will see it
        out[f"{fw['id']}.yaml"] = text
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FRAMEWORK_DIR, help="output directory")
    parser.add_argument("--csv", type=Path, default=RB2014_CSV, help="the 2014 instrument table")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in build_all(args.csv).items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
