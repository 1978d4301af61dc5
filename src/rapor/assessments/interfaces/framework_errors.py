"""A refused framework file's message in the user's language.

The engine (pure Python, no Django) says what is wrong in English, for files and the command
line: ``FrameworkError(source, where, message)``. The web shows the place as it is (a node code or
a path such as ``nodes[0].children[2]``) and the message through this table: each English form the
loader uses, as a pattern, with its Indonesian text. A message the table does not know (a newer
rule of the engine) is shown as written, marked as the engine's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapor.engine import FrameworkError

PATTERNS: list[tuple[str, Any]] = [
    (r"'(?P<key>[^']+)' is required", gettext_lazy("'%(key)s' wajib diisi")),
    (r"'(?P<key>[^']+)' must be text", gettext_lazy("'%(key)s' harus berupa teks")),
    (
        r"'(?P<key>[^']+)' must be a number, not (?P<v>.+)",
        gettext_lazy("'%(key)s' harus angka, bukan %(v)s"),
    ),
    (r"'(?P<key>[^']+)' is not a number: (?P<v>.+)", gettext_lazy("'%(key)s' bukan angka: %(v)s")),
    (
        r"'(?P<key>[^']+)' must be true or false, not (?P<v>.+)",
        gettext_lazy("'%(key)s' harus true atau false, bukan %(v)s"),
    ),
    (
        r"the file must be a YAML mapping.*",
        gettext_lazy("berkas harus berupa mapping YAML dengan format, id, version, nodes …"),
    ),
    (
        r"must be exactly (?P<f>.+), found (?P<v>.+)",
        gettext_lazy("harus tepat %(f)s, ditemukan %(v)s"),
    ),
    (r"(?P<v>.+) must match (?P<re>\^.+)", gettext_lazy("%(v)s harus sesuai pola %(re)s")),
    (
        r"must be official or provisional, not (?P<v>.+)",
        gettext_lazy("harus official atau provisional, bukan %(v)s"),
    ),
    (r"must be greater than 0", gettext_lazy("harus lebih dari 0")),
    (r"must be a whole number, not (?P<v>.+)", gettext_lazy("harus bilangan bulat, bukan %(v)s")),
    (r"must be a list", gettext_lazy("harus berupa daftar")),
    (
        r"the framework needs a non-empty list of nodes",
        gettext_lazy("kerangka perlu daftar nodes yang tidak kosong"),
    ),
    (
        r"the root weights add up to (?P<a>.+), but max_score is (?P<b>.+)",
        gettext_lazy("jumlah bobot akar %(a)s, padahal max_score %(b)s"),
    ),
    (
        r"the framework needs a mapping of answer scales",
        gettext_lazy("kerangka perlu mapping skala jawaban (scales)"),
    ),
    (r"must be a mapping with 'kind'", gettext_lazy("harus berupa mapping dengan 'kind'")),
    (
        r"max \((?P<hi>.+)\) must exceed min \((?P<lo>.+)\)",
        gettext_lazy("max (%(hi)s) harus lebih dari min (%(lo)s)"),
    ),
    (
        r"'kind' must be choice or number, not (?P<v>.+)",
        gettext_lazy("'kind' harus choice atau number, bukan %(v)s"),
    ),
    (r"a choice scale needs options.*", gettext_lazy("skala pilihan perlu options {kode: nilai}")),
    (r"value (?P<v>.+) is outside 0 … 1", gettext_lazy("nilai %(v)s di luar 0 … 1")),
    (
        r"option (?P<v>.+) is listed twice \(ignoring case\)",
        gettext_lazy("pilihan %(v)s tercantum dua kali (huruf besar dan kecil dianggap sama)"),
    ),
    (
        r"'aliases' must be a mapping.*",
        gettext_lazy("'aliases' harus mapping {ejaan: kode pilihan}"),
    ),
    (
        r"alias (?P<a>.+) points to (?P<t>.+), which is not an option",
        gettext_lazy("alias %(a)s menunjuk %(t)s, yang bukan pilihan"),
    ),
    (
        r"alias (?P<a>.+) clashes with option (?P<o>.+)",
        gettext_lazy("alias %(a)s bentrok dengan pilihan %(o)s"),
    ),
    (
        r"the framework needs 'grades'.*",
        gettext_lazy("kerangka perlu 'grades' dengan compare, round_first, bands"),
    ),
    (
        r"'compare' must be above or at_least, not (?P<v>.+)",
        gettext_lazy("'compare' harus above atau at_least, bukan %(v)s"),
    ),
    (r"'bands' must be a non-empty list", gettext_lazy("'bands' harus daftar yang tidak kosong")),
    (r"must be a mapping \{code, min, label\}", gettext_lazy("harus mapping {code, min, label}")),
    (
        r"bands must be listed highest first.*",
        gettext_lazy("rentang predikat harus urut dari yang tertinggi dengan min yang menurun"),
    ),
    (r"the last band must have min 0", gettext_lazy("rentang terakhir harus min 0")),
    (r"'code' is required", gettext_lazy("'code' wajib diisi")),
    (
        r"this code is used twice.*",
        gettext_lazy("kode ini dipakai dua kali; kode harus unik dalam satu berkas"),
    ),
    (r"a node must be a mapping", gettext_lazy("simpul harus berupa mapping")),
    (r"weight (?P<w>.+) must not be negative", gettext_lazy("bobot %(w)s tidak boleh negatif")),
    (
        r"a node needs exactly one of children, questions or scale",
        gettext_lazy("simpul harus punya tepat satu dari children, questions atau scale"),
    ),
    (
        r"'children' must be a non-empty list",
        gettext_lazy("'children' harus daftar yang tidak kosong"),
    ),
    (
        r"the weights of its children add up to (?P<a>.+), but its weight is (?P<b>.+)",
        gettext_lazy("jumlah bobot anak-anaknya %(a)s, padahal bobotnya %(b)s"),
    ),
    (
        r"'questions' must be a non-empty list",
        gettext_lazy("'questions' harus daftar yang tidak kosong"),
    ),
    (r"a question must be a mapping", gettext_lazy("pertanyaan harus berupa mapping")),
    (
        r"scale (?P<s>.+) is not defined under 'scales'",
        gettext_lazy("skala %(s)s tidak ada di 'scales'"),
    ),
    (
        r"a question's weight must be greater than 0",
        gettext_lazy("bobot pertanyaan harus lebih dari 0"),
    ),
    (
        r"'source' must be self or external, not (?P<v>.+)",
        gettext_lazy("'source' harus self atau external, bukan %(v)s"),
    ),
    (
        r"'options_text' must be a mapping.*",
        gettext_lazy("'options_text' harus mapping {pilihan: teks}"),
    ),
    (
        r"'depends_on' must be \{.*",
        gettext_lazy(
            "'depends_on' harus {question: X, zero_if: [...]} atau {question: X, multiply: true}"
        ),
    ),
    (
        r"depends on (?P<t>.+), which is not a question of this file",
        gettext_lazy("bergantung pada %(t)s, yang bukan pertanyaan dalam berkas ini"),
    ),
    (
        r"a question cannot depend on itself",
        gettext_lazy("pertanyaan tidak dapat bergantung pada dirinya sendiri"),
    ),
    (
        r"'depends_on' needs exactly one of zero_if or multiply: true",
        gettext_lazy("'depends_on' perlu tepat satu dari zero_if atau multiply: true"),
    ),
    (
        r"'zero_if' must be a non-empty list of answers",
        gettext_lazy("'zero_if' harus daftar jawaban yang tidak kosong"),
    ),
    (
        r"zero_if answer (?P<a>.+) of (?P<t>[^:]+): (?P<e>.+)",
        gettext_lazy("jawaban zero_if %(a)s dari %(t)s: %(e)s"),
    ),
    (r"dependency cycle: (?P<c>.+)", gettext_lazy("ketergantungan melingkar: %(c)s")),
    # the 2023 additions (ratio scales, not applicable, corrections, forecasts, below target)
    (
        r"'provisional' must list option codes of this scale",
        gettext_lazy("'provisional' harus berisi kode pilihan skala ini"),
    ),
    (
        r"scale (?P<s>.+) has an option that reads as 'not applicable'",
        gettext_lazy("skala %(s)s punya pilihan yang terbaca sebagai 'tidak berlaku'"),
    ),
    (
        r"'forecasts' must be a mapping \{answer: effort\}",
        gettext_lazy("'forecasts' harus mapping {jawaban: upaya}"),
    ),
    (
        r"'forecasts' (?P<a>.+): the effort must not be negative",
        gettext_lazy("'forecasts' %(a)s: upaya tidak boleh negatif"),
    ),
    (
        r"must be a list of \{code, name, root, min, max\}",
        gettext_lazy("harus daftar {code, name, root, min, max}"),
    ),
    (
        r"must be a mapping \{code, name, root, min, max\}",
        gettext_lazy("harus mapping {code, name, root, min, max}"),
    ),
    (
        r"'root' must be the code of a root node, not (?P<v>.+)",
        gettext_lazy("'root' harus kode simpul akar, bukan %(v)s"),
    ),
    (r"'below_target' must be \{code, label\}", gettext_lazy("'below_target' harus {code, label}")),
    (
        r"'conversion' must be range or ratio, not (?P<v>.+)",
        gettext_lazy("'conversion' harus range atau ratio, bukan %(v)s"),
    ),
    (r"a ratio scale needs min >= 0", gettext_lazy("skala ratio perlu min >= 0")),
    # the bounds (issue 9): long, huge or too fine numbers and texts
    (
        r"must be a whole number from 0 to (?P<n>\S+), not (?P<v>.+)",
        gettext_lazy("harus bilangan bulat 0 sampai %(n)s, bukan %(v)s"),
    ),
    (
        r"the code (?P<c>.+) is longer than (?P<n>\S+) characters",
        gettext_lazy("kode %(c)s lebih dari %(n)s karakter"),
    ),
    (
        r"option (?P<c>.+) is longer than (?P<n>\S+) characters",
        gettext_lazy("pilihan %(c)s lebih dari %(n)s karakter"),
    ),
    (
        r"'(?P<key>[^']+)' has (?P<p>.+)",
        gettext_lazy("'%(key)s' berisi yang tidak diterima: %(p)s"),
    ),
    (
        r"(?P<key>\S+) (?P<v>.+) is longer than (?P<n>\S+) characters",
        gettext_lazy("%(key)s: %(v)s lebih dari %(n)s karakter"),
    ),
    (
        r"(?P<key>\S+) (?P<v>.+) is too large: at most (?P<n>\S+) digits.*",
        gettext_lazy("%(key)s: %(v)s terlalu besar: paling banyak %(n)s angka sebelum koma"),
    ),
    (
        r"(?P<key>\S+) the number is too large: at most (?P<n>\S+) digits",
        gettext_lazy("%(key)s: angka terlalu besar: paling banyak %(n)s angka"),
    ),
    (
        r"(?P<key>\S+) (?P<v>.+) has more than (?P<n>\S+) digits after the point",
        gettext_lazy("%(key)s: %(v)s lebih dari %(n)s angka di belakang koma"),
    ),
    (r"'(?P<key>[^']+)': (?P<e>.+)", gettext_lazy("'%(key)s': %(e)s")),
    (
        r"not valid YAML: nested too deeply",
        gettext_lazy("bukan YAML yang sah: bersarang terlalu dalam"),
    ),
    (r"not valid YAML: (?P<e>.+)", gettext_lazy("bukan YAML yang sah: %(e)s")),
    (r"the file is larger than (?P<n>\S+) MB", gettext_lazy("berkas lebih besar dari %(n)s MB")),
    (
        r"YAML anchors and aliases \(&, \*\) are not allowed",
        gettext_lazy("anchor dan alias YAML (&, *) tidak diperbolehkan"),
    ),
    (r"nested deeper than (?P<n>\S+) levels", gettext_lazy("bersarang lebih dari %(n)s tingkat")),
    (r"cannot read the file: (?P<e>.+)", gettext_lazy("berkas tidak dapat dibaca: %(e)s")),
]
_COMPILED = [(re.compile(f"^{pattern}$", re.S), text) for pattern, text in PATTERNS]


@dataclass(frozen=True)
class Refusal:
    source: str
    where: str
    message: str
    translated: bool


def explain(error: FrameworkError) -> Refusal:
    """The refusal with its message in the user's language (or as the engine wrote it)."""
    for pattern, text in _COMPILED:
        m = pattern.match(error.message)
        if m:
            return Refusal(error.source, error.where, str(text) % m.groupdict(), True)
    return Refusal(error.source, error.where, error.message, False)


def explain_text(error: FrameworkError) -> str:
    r = explain(error)
    place = ": ".join(p for p in (r.source, r.where) if p)
    text = r.message if r.translated else _("%(m)s (pesan asli mesin penilai)") % {"m": r.message}
    return f"{place}: {text}" if place else text
