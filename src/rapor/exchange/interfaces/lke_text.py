"""The workbook code's messages in the user's language.

``rapor.lke`` gives each message as an English format string (``rapor.lke.reasons``, also
``rapor.zipguard``'s reasons) with its details, and the command line prints them as they are. A web
user reads them here: each reason maps to an Indonesian text (with an English translation in
this app's catalogue) taking the same details. A test checks that every reason has one.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from rapor.lke import reasons as R

TEXTS: dict[str, Any] = {
    R.FILE_NOT_FOUND: _("%(file)s: berkas tidak ditemukan"),
    R.NOT_XLSX: _("%(file)s: bukan buku kerja Excel (.xlsx) yang dapat dibaca: %(error)s"),
    R.BAD_PART: _("%(file)s: bagian %(part)s buku kerja tidak dapat dibaca: %(error)s"),
    R.FILE_TOO_LARGE: _("%(file)s: %(size)s bita, melebihi %(limit)s bita yang diperbolehkan"),
    R.ZIP_LIMIT: _("%(file)s: ditolak sebelum dibaca: %(error)s"),
    R.TOO_MANY_ROWS: _(
        "%(file)s: lembar %(sheet)s: ada data di %(cell)s, melewati batas %(limit)s baris"
    ),
    R.TOO_MANY_COLUMNS: _(
        "%(file)s: lembar %(sheet)s: ada data di sel %(cell)s, melewati kolom %(last)s "
        "(batas %(limit)s kolom)"
    ),
    R.TOO_MANY_CELLS: _(
        "%(file)s: lembar %(sheet)s: lebih dari %(limit)s sel terisi (di %(cell)s)"
    ),
    R.LONG_TEXT: _(
        "%(file)s: lembar %(sheet)s: sel %(cell)s berisi %(length)s karakter, melebihi "
        "%(limit)s karakter"
    ),
    R.LONG_SHARED_TEXT: _(
        "%(file)s: teks nomor %(number)s berisi %(length)s karakter, melebihi %(limit)s karakter"
    ),
    R.NO_BLOCK_NUMBER: _("%(file)s: blok %(block)s tidak ada; blok dihitung mulai 1"),
    R.NOT_LKE: _(
        "%(file)s: bukan buku kerja LKE: tidak ada lembar dengan baris komponen 'A.' di kolom B "
        "yang diikuti baris area 'I.' di kolom C"
    ),
    R.NO_SUCH_BLOCK: _(
        "%(file)s: lembar %(sheet)s: blok %(block)s tidak ditemukan: baris komponen 'A.' "
        "diharapkan di %(cell)s, diikuti baris area 'I.' di kolom %(column)s"
    ),
    R.BAD_COMPONENT: _(
        "komponen %(value)s tidak terbaca: seharusnya 'A.' (Proses) atau 'B.' (Hasil)"
    ),
    R.BAD_AREA: _("nomor area %(value)s tidak terbaca: seharusnya 'I.', 'II.' …"),
    R.BAD_INDICATOR: _("nomor indikator %(value)s tidak terbaca: seharusnya 1, 2. …"),
    R.BAD_LETTER: _("huruf pertanyaan %(value)s tidak terbaca: seharusnya a., b. …"),
    R.ORPHAN_AREA: _("baris area di luar komponen ('A.' atau 'B.')%(why)s"),
    R.ORPHAN_INDICATOR: _("baris indikator di luar area ('I.' …)%(why)s"),
    R.ORPHAN_QUESTION: _("baris pertanyaan di luar indikator%(why)s"),
    R.ORPHAN_ANSWER: _("jawaban di luar indikator%(why)s"),
    R.BELONGS_UNDER: _(" (termasuk di bawah baris %(cell)s yang tidak terbaca)"),
    R.SECOND_UNLETTERED: _(
        "pertanyaan kedua tanpa huruf di bawah indikator %(indicator)s; tulis hurufnya "
        "(a., b. …) di sel ini"
    ),
    R.TWICE: _("%(code)s muncul dua kali (pertama di %(first)s)"),
    R.UNREADABLE_ANSWER: _("%(code)s: %(why)s"),
    R.FORMULA_NO_VALUE: _(
        "%(code)s: jawabannya rumus tanpa nilai tersimpan; buka dan simpan berkas di Excel, "
        "atau ketik jawabannya"
    ),
    R.UNKNOWN_CODE: _("%(code)s: kode di kolom A bukan baris tata letak buku kerja ini"),
    R.ANSWER_BOOL: _("%(value)s bukan jawaban"),
    R.ANSWER_DATE: _(
        "sel berisi tanggal atau waktu (%(value)s); ketik jawabannya sebagai teks atau angka"
    ),
    R.ANSWER_ERROR: _("sel menampilkan galat Excel %(value)s"),
    R.ANSWER_OTHER: _("%(value)s bukan jawaban"),
    R.NOT_A_NUMBER: _("%(value)s bukan angka"),
    R.TYPE_MISMATCH: _(
        "%(code)s: jenis jawaban di buku kerja %(found)s, tetapi skala pertanyaan ini di "
        "kerangka %(expected)s"
    ),
    R.UNKNOWN_TYPE: _("%(code)s: jenis jawaban %(found)s tidak dikenal; yang dikenal: %(known)s"),
    R.NOT_IN_FRAMEWORK: _("%(code)s bukan pertanyaan %(framework)s"),
    R.BAD_ANSWER: _("%(code)s: jawaban tidak sesuai skalanya: %(why)s"),
    R.NO_WEIGHT: _("%(code)s: tidak ada bobot di %(cell)s"),
    R.BAD_WEIGHT: _("%(code)s: bobot %(value)s di %(cell)s bukan angka"),
    R.NO_TYPE: _("%(code)s: tidak ada jenis jawaban di %(cell)s"),
    R.IMPORT_UNKNOWN_TYPE: _(
        "%(code)s: jenis jawaban %(value)s di %(cell)s tidak dikenal; yang dikenal: %(known)s"
    ),
    R.EMPTY_LEAF: _("%(code)s: indikator tanpa pertanyaan di %(cell)s"),
    R.EMPTY_NODE: _("%(code)s: komponen atau area tanpa indikator di %(cell)s"),
    R.NO_ROWS: _("%(file)s: tidak ada baris blok ini yang terbaca sebagai instrumen"),
    R.G_NO_FORMULA: _(
        "%(code)s: %(cell)s tidak berisi rumus: dipakai nilai lazim %(type)s (%(values)s)"
    ),
    R.G_FORMULA_UNREADABLE: _(
        "%(code)s: rumus di %(cell)s tidak dapat dibaca (%(error)s): dipakai nilai lazim "
        "%(type)s (%(values)s)"
    ),
    R.G_DEPENDENCY_UNREADABLE: _(
        "%(code)s: rumus di %(cell)s bergantung pada %(prerequisite)s dengan cara yang tidak "
        "dapat dinyatakan Rapor; dinilai tanpa ketergantungan itu"
    ),
    R.G_TWO_DEPENDENCIES: _(
        "%(code)s: rumus di %(cell)s bergantung pada %(prerequisites)s; Rapor menyimpan satu "
        "ketergantungan per pertanyaan: %(kept)s"
    ),
    R.G_NOT_LINEAR: _(
        "%(code)s: rumus di %(cell)s tidak menghasilkan (x - %(min)s) / (%(max)s - %(min)s); "
        "kerangka memakai aturan itu"
    ),
    R.G_EQUAL_WEIGHTS: _(
        "%(code)s: tidak ada rumus di %(cell)s untuk membaca bobot pertanyaan: bobot sama"
    ),
    R.G_WEIGHT_FORMULA: _(
        "%(code)s: rumus di %(cell)s menghasilkan %(total)s untuk jawaban penuh, bukan bobot "
        "%(weight)s: bobot sama"
    ),
    R.G_WEIGHT_SUM: _(
        "%(code)s: bobot di %(cell)s %(stated)s, tetapi jumlah bagiannya %(total)s: dipakai "
        "%(total)s (nilai di buku kerja adalah jumlah bagiannya)"
    ),
    R.G_GRADES: _(
        "batas predikat tidak ada di buku kerja: dipakai batas PermenPANRB 14/2014 "
        "(AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D)"
    ),
    R.G_VERSION: _("tahun evaluasi tidak ada di judul blok: dipakai versi %(version)s"),
    R.G_APPLIES: _("buku kerja tidak menyebut berlaku untuk siapa: %(applies_to)s"),
    R.N_VALUES: _("%(code)s: nilai pilihan dibaca dari rumus di %(cell)s: %(values)s"),
    R.N_ZERO_IF: _("%(code)s: dibaca dari %(cell)s: 0 bila %(prerequisite)s dijawab %(answers)s"),
    R.N_MULTIPLY: _("%(code)s: dibaca dari %(cell)s: dikalikan nilai %(prerequisite)s"),
    R.N_QUESTION_WEIGHTS: _(
        "%(code)s: bobot pertanyaan dibaca dari rumus di %(cell)s: %(weights)s"
    ),
    R.CHECK_DIFFERS: _(
        "%(code)s: buku kerja menunjukkan %(workbook)s di %(cell)s, Rapor %(rapor)s"
    ),
    R.CHECK_SAME: _(
        "%(count)s angka buku kerja di kolom %(column)s diperiksa: Rapor memberi angka yang sama"
    ),
    R.CHECK_NONE: _("buku kerja tidak berisi angka di kolom %(column)s untuk diperiksa"),
    R.NO_SUCH_BLOCK_2023: _(
        "%(file)s: lembar %(sheet)s: blok %(block)s tidak ditemukan: judul 'Nilai' diharapkan "
        "di %(cell)s"
    ),
}

ZIP_TEXTS: dict[str, Any] = {
    "not a valid zip container: {error}": _("bukan wadah zip yang sah: %(error)s"),
    "{count} parts, more than the {limit} allowed": _(
        "%(count)s bagian, melebihi %(limit)s yang diperbolehkan"
    ),
    "part {name} expands to {size} bytes, more than the {limit} allowed": _(
        "bagian %(name)s mengembang menjadi %(size)s bita, melebihi %(limit)s yang diperbolehkan"
    ),
    "part {name} expands {ratio}-fold, more than the {limit}-fold allowed": _(
        "bagian %(name)s mengembang %(ratio)s kali lipat, melebihi %(limit)s kali yang "
        "diperbolehkan"
    ),
    "the parts expand to more than {limit} bytes": _(
        "bagian-bagiannya mengembang melebihi %(limit)s bita"
    ),
    "part {name} cannot be read: {error}": _("bagian %(name)s tidak dapat dibaca: %(error)s"),
}

# details shown with quotes, as the English reasons write them with !r
_QUOTED = ("value", "sheet", "found", "expected")
# numbers written by the workbook code with a decimal point; Indonesian writes a comma
_NUMBERS = ("workbook", "rapor", "total", "stated", "weight", "min", "max")
_LISTS = ("values", "weights")  # "A = 0.67, B = 0.33": the numbers after "="
_POINT = re.compile(r"^(-?\d+)\.(\d+)$")
_LISTED = re.compile(r"= (-?\d+)\.(\d+)")


def _decimal_comma(out: dict[str, Any]) -> None:
    if (get_language() or "id").split("-")[0] == "en":
        return
    for key in _NUMBERS:
        if isinstance(out.get(key), str):
            out[key] = _POINT.sub(r"\1,\2", out[key])
    for key in _LISTS:
        if isinstance(out.get(key), str):
            out[key] = _LISTED.sub(r"= \1,\2", out[key])


def _prepared(details: dict[str, Any]) -> dict[str, Any]:
    out = dict(details)
    _decimal_comma(out)
    for key in _QUOTED:
        if key in out and out[key] is not None:
            out[key] = f"“{out[key]}”"
    if out.get("why_reason") in TEXTS:  # an unreadable answer: its own reason, translated
        out["why"] = lke_message(out["why_reason"], out.get("why_details") or {})
    if out.get("lost"):
        out["why"] = gettext(TEXTS[R.BELONGS_UNDER]) % {"cell": out["lost"]}
    if out.get("zip_reason") in ZIP_TEXTS:
        out["error"] = gettext(ZIP_TEXTS[out["zip_reason"]]) % (out.get("zip_details") or {})
    return out


def lke_message(reason: str, details: dict[str, Any]) -> str:
    """One workbook message in the user's language (English reasons stay as they are, formatted,
    should a new one have no text here yet)."""
    text = TEXTS.get(reason)
    if text is None:
        try:
            return reason.format(**details)
        except (KeyError, IndexError, ValueError):
            return reason
    try:
        return gettext(text) % _prepared(details)
    except (KeyError, TypeError, ValueError):
        return reason.format(**details)
