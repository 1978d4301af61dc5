"""Writing a framework as YAML text, and writing its numbers exactly."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import yaml


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
