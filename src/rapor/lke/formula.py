"""A small evaluator for the spreadsheet formulas of LKE workbooks, in exact arithmetic.

How this works: a formula's text is split into tokens and parsed by recursive descent into
nested tuples (``("call", "IF", args)``, ``("ref", sheet, row, col)``, ``("bin", "*", a, b)`` …);
``evaluate`` walks that tree, asking a ``Context`` for cell values. Numbers are Fractions (a
literal ``0.67`` is 67/100), so what a formula gives can be compared exactly with a framework's
values. Only what LKE workbooks use is supported: arithmetic, comparison and ``&``; IF, IFERROR,
AND, OR, NOT, SUM, AVERAGE, PRODUCT, MIN, MAX, ROUND, ABS, COUNT, COUNTA, VLOOKUP, HLOOKUP,
INDEX, MATCH, ISBLANK, ISNUMBER, TRIM, UPPER, LOWER, VALUE, N, LEN. Anything else raises
``FormulaError``, and the caller says the formula could not be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from rapor.engine.numbers import parse_exact
from rapor.lke.cells import column_number

Node = tuple[Any, ...]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"]|"")*")
    | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?\$?[A-Za-z]{1,3}\$?\d+
        (?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(])
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<func>[A-Za-z_][A-Za-z0-9_.]*)\s*\(
    | (?P<bool>TRUE|FALSE)\b
    | (?P<op><>|<=|>=|[-+*/^&=<>%(),;])
    )""",
    re.X | re.I,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


class FormulaError(ValueError):
    """The formula cannot be read or evaluated here (an unknown function, an error value)."""


class Context(Protocol):
    def value(self, sheet: str | None, row: int, column: int) -> Any: ...


def tokens(text: str) -> Iterator[tuple[str, str]]:
    pos = 0
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    while pos < len(text):
        if text[pos:].strip() == "":
            return
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"cannot read {text[pos : pos + 20]!r}")
        kind = m.lastgroup or ""
        yield kind, m.group(kind)
        pos = m.end()


def _cell(text: str) -> tuple[int, int]:
    m = _CELL.fullmatch(text)
    if not m:
        raise FormulaError(f"not a cell: {text!r}")
    return int(m.group(2)), column_number(m.group(1))


def _ref(text: str) -> Node:
    sheet = None
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    if ":" in text:
        first, last = text.split(":", 1)
        return ("range", sheet, *_cell(first), *_cell(last))
    return ("ref", sheet, *_cell(text))


class _Parser:
    _LEVELS = [("=", "<>", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/"), ("^",)]

    def __init__(self, text: str) -> None:
        self.items = list(tokens(text))
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self) -> tuple[str, str]:
        item = self.peek()
        if item is None:
            raise FormulaError("the formula ends too early")
        self.at += 1
        return item

    def parse(self) -> Node:
        node = self.binary(0)
        if self.peek() is not None:
            raise FormulaError(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while (
            (item := self.peek()) is not None and item[0] == "op" and item[1] in self._LEVELS[level]
        ):
            self.take()
            node = ("bin", item[1], node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        item = self.peek()
        if item is not None and item[0] == "op" and item[1] in "+-":
            self.take()
            inner = self.unary()
            return ("neg", inner) if item[1] == "-" else inner
        node = self.atom()
        while (item := self.peek()) is not None and item == ("op", "%"):
            self.take()
            node = ("bin", "/", node, ("num", Fraction(100)))
        return node

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "number":
            return ("num", Fraction(Decimal(text)))
        if kind == "string":
            return ("str", text[1:-1].replace('""', '"'))
        if kind == "bool":
            return ("bool", text.upper() == "TRUE")
        if kind == "ref":
            return _ref(text)
        if kind == "func":
            args: list[Node] = []
            if self.peek() == ("op", ")"):
                self.take()
                return ("call", text.upper(), args)
            while True:
                if self.peek() in (("op", ","), ("op", ";")):
                    args.append(("blank",))
                else:
                    args.append(self.binary(0))
                sep = self.take()
                if sep == ("op", ")"):
                    return ("call", text.upper(), args)
                if sep not in (("op", ","), ("op", ";")):
                    raise FormulaError(f"unexpected {sep[1]!r} in {text}(…)")
        if (kind, text) == ("op", "("):
            inner = self.binary(0)
            if self.take() != ("op", ")"):
                raise FormulaError("a parenthesis is not closed")
            return inner
        raise FormulaError(f"unexpected {text!r}")


_PARSED: dict[str, Node] = {}


def parse(text: str) -> Node:
    """The formula's tree (cached per text)."""
    if text not in _PARSED:
        _PARSED[text] = _Parser(text).parse()
    return _PARSED[text]


def references(node: Node) -> Iterator[tuple[str | None, int, int]]:
    """Every single cell the formula refers to (ranges expanded)."""
    kind = node[0]
    if kind == "ref":
        yield node[1], node[2], node[3]
    elif kind == "range":
        _, sheet, r1, c1, r2, c2 = node
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                yield sheet, r, c
    elif kind in ("bin",):
        yield from references(node[2])
        yield from references(node[3])
    elif kind == "neg":
        yield from references(node[1])
    elif kind == "call":
        for arg in node[2]:
            yield from references(arg)


# -- evaluation --------------------------------------------------------------------------------
def number(value: Any) -> Fraction:
    """A value in arithmetic, as Excel coerces it (blank 0, TRUE 1, numeric text its number)."""
    if value is None or value == "":
        return Fraction(0)
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(Decimal(format(value, ".15g")))
    if isinstance(value, str):
        # numbers typed as text, with a decimal comma as an Indonesian Excel coerces them
        try:
            return parse_exact(value.strip(), decimal_comma=True)
        except ValueError:
            raise FormulaError(f"{value!r} is not a number") from None
    raise FormulaError(f"{value!r} is not a number")


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Fraction):
        n = number(value)
        return (
            str(n.numerator)
            if n.denominator == 1
            else format(Decimal(n.numerator) / n.denominator, "f")
        )
    return str(value)


def truth(value: Any) -> bool:
    if isinstance(value, str) and value.upper() in ("TRUE", "FALSE"):
        return value.upper() == "TRUE"
    return number(value) != 0


def _compare(op: str, a: Any, b: Any) -> bool:
    blank = (None, "")
    key_a: Any
    key_b: Any
    if a in blank and b in blank:
        key_a = key_b = 0
    elif isinstance(a, str) or isinstance(b, str):
        if (a in blank or isinstance(a, str)) and (b in blank or isinstance(b, str)):
            key_a, key_b = text(a).casefold(), text(b).casefold()
        else:  # Excel: every text is greater than every number
            key_a = (1, text(a).casefold()) if isinstance(a, str) else (0, number(a))
            key_b = (1, text(b).casefold()) if isinstance(b, str) else (0, number(b))
            if op in ("=", "<>"):
                return op == "<>"
    else:
        key_a, key_b = number(a), number(b)
    return {
        "=": key_a == key_b,
        "<>": key_a != key_b,
        "<": key_a < key_b,
        ">": key_a > key_b,
        "<=": key_a <= key_b,
        ">=": key_a >= key_b,
    }[op]


def _round(x: Fraction, digits: int) -> Fraction:
    scale = Fraction(10) ** digits
    sign = -1 if x < 0 else 1
    return sign * Fraction(int(abs(x) * scale + Fraction(1, 2))) / scale


def evaluate(node: Node, ctx: Context, sheet: str | None = None) -> Any:
    kind = node[0]
    if kind == "num" or kind == "str" or kind == "bool":
        return node[1]
    if kind == "blank":
        return None
    if kind == "ref":
        return ctx.value(node[1] or sheet, node[2], node[3])
    if kind == "range":
        return _Range(node, ctx, sheet)
    if kind == "neg":
        return -number(evaluate(node[1], ctx, sheet))
    if kind == "bin":
        op = node[1]
        a, b = evaluate(node[2], ctx, sheet), evaluate(node[3], ctx, sheet)
        if op == "&":
            return text(a) + text(b)
        if op in ("=", "<>", "<", ">", "<=", ">="):
            return _compare(op, a, b)
        x, y = number(a), number(b)
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            if y == 0:
                raise FormulaError("#DIV/0!")
            return x / y
        return Fraction(float(x) ** float(y)).limit_denominator(10**9)
    if kind == "call":
        fn = FUNCTIONS.get(node[1])
        if fn is None:
            raise FormulaError(f"the function {node[1]} is not supported")
        return fn(node[2], ctx, sheet)
    raise FormulaError(f"cannot evaluate {kind}")


class _Range:
    def __init__(self, node: Node, ctx: Context, sheet: str | None) -> None:
        _, s, r1, c1, r2, c2 = node
        self.sheet, self.ctx = s or sheet, ctx
        self.r1, self.c1, self.r2, self.c2 = min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)

    def rows(self) -> list[list[Any]]:
        return [
            [self.ctx.value(self.sheet, r, c) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)
        ]

    def flat(self) -> list[Any]:
        return [v for row in self.rows() for v in row]


def _values(args: list[Node], ctx: Context, sheet: str | None) -> list[Any]:
    out: list[Any] = []
    for arg in args:
        v = evaluate(arg, ctx, sheet)
        out.extend(v.flat() if isinstance(v, _Range) else [v])
    return out


def _numbers(args: list[Node], ctx: Context, sheet: str | None) -> list[Fraction]:
    # SUM and friends skip text and blanks inside ranges, as Excel does
    out: list[Fraction] = []
    for arg in args:
        v = evaluate(arg, ctx, sheet)
        if isinstance(v, _Range):
            out.extend(
                number(x)
                for x in v.flat()
                if isinstance(x, int | float | Fraction) and not isinstance(x, bool)
            )
        else:
            out.append(number(v))
    return out


def _arg(args: list[Node], i: int, ctx: Context, sheet: str | None, default: Any = None) -> Any:
    return evaluate(args[i], ctx, sheet) if i < len(args) else default


def _if(args: list[Node], ctx: Context, sheet: str | None) -> Any:
    if truth(_arg(args, 0, ctx, sheet)):
        return _arg(args, 1, ctx, sheet, True)
    return _arg(args, 2, ctx, sheet, False)


def _iferror(args: list[Node], ctx: Context, sheet: str | None) -> Any:
    try:
        return _arg(args, 0, ctx, sheet)
    except FormulaError:
        return _arg(args, 1, ctx, sheet)


def _lookup(args: list[Node], ctx: Context, sheet: str | None, vertical: bool) -> Any:
    key = _arg(args, 0, ctx, sheet)
    table = evaluate(args[1], ctx, sheet)
    if not isinstance(table, _Range):
        raise FormulaError("a lookup needs a range")
    index = int(number(_arg(args, 2, ctx, sheet))) - 1
    rows = table.rows() if vertical else [list(col) for col in zip(*table.rows(), strict=True)]
    for row in rows:
        if _compare("=", row[0], key):
            if not 0 <= index < len(row):
                raise FormulaError("#REF!")
            return row[index]
    raise FormulaError("#N/A")


def _match(args: list[Node], ctx: Context, sheet: str | None) -> Any:
    key = _arg(args, 0, ctx, sheet)
    table = evaluate(args[1], ctx, sheet)
    if not isinstance(table, _Range):
        raise FormulaError("MATCH needs a range")
    for i, v in enumerate(table.flat(), start=1):
        if _compare("=", v, key):
            return Fraction(i)
    raise FormulaError("#N/A")


def _index(args: list[Node], ctx: Context, sheet: str | None) -> Any:
    table = evaluate(args[0], ctx, sheet)
    if not isinstance(table, _Range):
        raise FormulaError("INDEX needs a range")
    rows = table.rows()
    r = int(number(_arg(args, 1, ctx, sheet, 1)))
    c = int(number(_arg(args, 2, ctx, sheet, 1)))
    if len(rows) == 1 and len(args) == 2:
        r, c = 1, r
    try:
        return rows[r - 1][c - 1]
    except IndexError:
        raise FormulaError("#REF!") from None


Fn = Callable[[list[Node], Context, "str | None"], Any]
FUNCTIONS: dict[str, Fn] = {
    "IF": _if,
    "IFERROR": _iferror,
    "AND": lambda a, c, s: all(truth(v) for v in _values(a, c, s)),
    "OR": lambda a, c, s: any(truth(v) for v in _values(a, c, s)),
    "NOT": lambda a, c, s: not truth(_arg(a, 0, c, s)),
    "SUM": lambda a, c, s: sum(_numbers(a, c, s), Fraction(0)),
    "PRODUCT": lambda a, c, s: _product(_numbers(a, c, s)),
    "AVERAGE": lambda a, c, s: _average(_numbers(a, c, s)),
    "MIN": lambda a, c, s: min(_numbers(a, c, s), default=Fraction(0)),
    "MAX": lambda a, c, s: max(_numbers(a, c, s), default=Fraction(0)),
    "ROUND": lambda a, c, s: _round(number(_arg(a, 0, c, s)), int(number(_arg(a, 1, c, s, 0)))),
    "ABS": lambda a, c, s: abs(number(_arg(a, 0, c, s))),
    "COUNT": lambda a, c, s: Fraction(len(_numbers(a, c, s))),
    "COUNTA": lambda a, c, s: Fraction(sum(1 for v in _values(a, c, s) if v not in (None, ""))),
    "VLOOKUP": lambda a, c, s: _lookup(a, c, s, True),
    "HLOOKUP": lambda a, c, s: _lookup(a, c, s, False),
    "MATCH": _match,
    "INDEX": _index,
    "ISBLANK": lambda a, c, s: _arg(a, 0, c, s) in (None, ""),
    "ISNUMBER": lambda a, c, s: (
        isinstance(_arg(a, 0, c, s), int | float | Fraction)
        and not isinstance(_arg(a, 0, c, s), bool)
    ),
    "TRIM": lambda a, c, s: " ".join(text(_arg(a, 0, c, s)).split()),
    "UPPER": lambda a, c, s: text(_arg(a, 0, c, s)).upper(),
    "LOWER": lambda a, c, s: text(_arg(a, 0, c, s)).lower(),
    "VALUE": lambda a, c, s: number(_arg(a, 0, c, s)),
    "N": lambda a, c, s: _n(_arg(a, 0, c, s)),
    "LEN": lambda a, c, s: Fraction(len(text(_arg(a, 0, c, s)))),
}


def _product(xs: list[Fraction]) -> Fraction:
    out = Fraction(1)
    for x in xs:
        out *= x
    return out


def _average(xs: list[Fraction]) -> Fraction:
    if not xs:
        raise FormulaError("#DIV/0!")
    return sum(xs, Fraction(0)) / len(xs)


def _n(value: Any) -> Fraction:
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, int | float | Fraction):
        return number(value)
    return Fraction(0)
