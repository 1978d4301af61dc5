"""The answer scales of the LKE workbooks, with the values the 14/2014 workbooks use
(``methodology.md``): what an imported instrument starts from before its formulas are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rapor.engine import format_exact

BPK_OPTIONS = (
    ("WTP", Fraction(1)),
    ("WTP-DPP", Fraction(5, 6)),
    ("WDP", Fraction(2, 3)),
    ("TMP", Fraction(1, 2)),
    ("TW", Fraction(1, 3)),
    ("TIDAK-ADA-LK", Fraction(0)),
)
BPK_ALIASES = {
    "Wajar Tanpa Pengecualian": "WTP",
    "WTP Dengan Paragraf Penjelas": "WTP-DPP",
    "WTP DPP": "WTP-DPP",
    "Wajar Tanpa Pengecualian Dengan Paragraf Penjelas": "WTP-DPP",
    "Wajar Dengan Pengecualian": "WDP",
    "Tidak Memberikan Pendapat": "TMP",
    "Tidak Wajar": "TW",
    "Tidak Menyusun Laporan Keuangan": "TIDAK-ADA-LK",
}
LETTER_VALUES = {
    2: ("1", "0"),
    3: ("1", "0.5", "0"),
    4: ("1", "0.67", "0.33", "0"),
    5: ("1", "0.75", "0.5", "0.25", "0"),
}


@dataclass(frozen=True)
class Template:
    key: str
    label: str
    kind: str  # choice | number
    options: tuple[tuple[str, Fraction], ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    min: Fraction = Fraction(0)
    max: Fraction = Fraction(1)
    lettered: bool = False

    def codes(self) -> set[str]:
        return {c for c, _ in self.options}

    def spellings(self, code: str) -> tuple[str, ...]:
        return tuple(a for a, target in self.aliases.items() if target == code)

    def best_first(self) -> list[tuple[str, Fraction]]:
        return sorted(self.options, key=lambda o: -o[1])

    def spec(self, values: dict[str, Fraction] | None = None) -> dict[str, Any]:
        if self.kind == "number":
            return {"kind": "number", "min": format_exact(self.min), "max": format_exact(self.max)}
        chosen = values or dict(self.options)
        spec: dict[str, Any] = {
            "kind": "choice",
            "options": {c: format_exact(chosen[c]) for c, _ in self.options},
        }
        if self.aliases:
            spec["aliases"] = dict(self.aliases)
        return spec


def template_for(kind: tuple[str, Any]) -> Template | None:
    what, arg = kind
    if what == "yt":
        options = (("Ya", Fraction(1)), ("Tidak", Fraction(0)))
        return Template("Y/T", "Y/T", "choice", options, {"Y": "Ya", "T": "Tidak"})
    if what == "bpk":
        return Template("opini-bpk", "Opini BPK", "choice", BPK_OPTIONS, dict(BPK_ALIASES))
    if what == "range":
        low, high = arg
        if high <= low:
            return None
        key = f"{format_exact(low)}-{format_exact(high)}"
        return Template(key, key, "number", min=low, max=high)
    if what == "letters":
        letters = str(arg)
        values = LETTER_VALUES.get(len(letters))
        if values is None:
            return None
        options = tuple((c, Fraction(v)) for c, v in zip(letters, values, strict=True))
        return Template("/".join(letters), "/".join(letters), "choice", options, lettered=True)
    return None
