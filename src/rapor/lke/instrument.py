"""Import a new instrument from the ministry's LKE workbook: a framework file, and a list of what
was read from the formulas and what was guessed, for the admin to review before activating.

Usage::

    from rapor.lke.instrument import import_instrument
    imported = import_instrument("LKE 2015.xlsx", framework_id="rb-2015")
    imported.yaml_text          # a framework file that `rapor framework check` accepts
    imported.findings           # guesses, notes and the check against the workbook's numbers

How it works: the block is read by position as the answer reader reads it (``read_block``):
component, area and indicator rows give the tree, names and weights (column G); question and
input rows give the text, the option texts (H), the answer type (I) and the value formula (K).
The answer type gives the scale, with the usual values of the 14/2014 workbooks; the value
formula, run with each answer (``recognise.py``), gives the values this workbook really uses and
its dependencies. The framework is loaded through the engine (so the file is valid), the block's
answers are scored with it, and every score is compared with the workbook's own number in
column K: what Excel saved, or, for a file never opened in Excel, what its formulas give.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import IO, Any

import yaml

from rapor.engine import (
    AnswersError,
    Framework,
    format_exact,
    format_fixed,
    load_framework_text,
    parse_answers,
    parse_exact,
    score,
)
from rapor.lke import layout as L
from rapor.lke import reasons as R
from rapor.lke.answers import KNOWN_TYPES, type_kind
from rapor.lke.formula import FormulaError, number
from rapor.lke.instrument_formulas import FormulaReading
from rapor.lke.instrument_scales import Template, template_for
from rapor.lke.layout import Block, sheet_ref
from rapor.lke.limits import DEFAULT_LIMITS, WorkbookLimits
from rapor.lke.model import LkeError, LkeRead
from rapor.lke.reader import read_block
from rapor.lke.recognise import AnswerRow, Recogniser, Sheets
from rapor.lke.xlsx import Sheet, Workbook, open_workbook

GRADES = [
    ("AA", "90", "Sangat Memuaskan"),
    ("A", "80", "Memuaskan"),
    ("BB", "70", "Sangat Baik"),
    ("B", "60", "Baik"),
    ("CC", "50", "Cukup"),
    ("C", "30", "Kurang"),
    ("D", "0", "Sangat Kurang"),
]
APPLIES_TO = ["provinsi", "kabupaten", "kota"]
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_OPTION = re.compile(r"^\s*([A-Ja-j])\s*[.)]\s*(.*)$")


@dataclass(frozen=True)
class Finding:
    """A line of the review list: ``kind`` is guess, note or check; ``cell`` may be empty."""

    kind: str
    reason: str
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self) -> str:
        return self.reason.format(**self.details)

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


class InstrumentError(LkeError):
    """The workbook cannot be turned into a framework; ``problems`` lists every reason."""

    def __init__(self, problems: list[Finding]) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first.reason + more, **first.details)


@dataclass
class ImportedInstrument:
    yaml_text: str
    framework: Framework
    findings: list[Finding]
    sheet: str
    block: int
    heading: str | None

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def import_instrument(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    block: int = 1,
    name: str | None = None,
    framework_id: str | None = None,
    version: str | None = None,
    title: str | None = None,
    limits: WorkbookLimits = DEFAULT_LIMITS,
) -> ImportedInstrument:
    label = name or (os.fspath(source) if isinstance(source, str | os.PathLike) else "workbook")
    with open_workbook(source, name=label, limits=limits) as wb:
        read = read_block(wb, block, by_position=True)
        return _Importer(wb, read, label).run(framework_id, version, title)


class _Importer(FormulaReading):
    def __init__(self, wb: Workbook, read: LkeRead, label: str) -> None:
        self.wb, self.read, self.label = wb, read, label
        self.ws: Sheet = wb.sheet(read.sheet)
        self.b = Block(read.block)
        self.errors: list[Finding] = []
        self.findings: list[Finding] = []
        self.sheets = Sheets(wb, self.ws)
        first = read.rows[0][2] if read.rows else 1
        own = L.component_letter(self.ws.value(first, self.b.column(L.COMPONENT))) == "A"
        self.tree = self.b if own else Block(1)

    # -- cells ------------------------------------------------------------------------------
    def cell(self, row: int, role: int) -> str:
        return sheet_ref(self.ws.name, f"{self.tree_block(role).letter(role)}{row}")

    def tree_block(self, role: int) -> Block:
        # a block without its own tree is read along block 1's rows (see the reader)
        if role in (L.ANSWER, L.VALUE, L.PERCENT, L.NOTES):
            return self.b
        return self.tree

    def text(self, row: int, role: int) -> str:
        value = self.ws.value(row, self.tree_block(role).column(role))
        return " ".join(str(value).split()) if value is not None else ""

    def error(self, reason: str, **details: Any) -> None:
        self.errors.append(Finding("error", reason, details))

    def note(self, kind: str, reason: str, **details: Any) -> None:
        self.findings.append(Finding(kind, reason, details))

    def weight(self, code: str, row: int) -> Fraction | None:
        column = self.tree_block(L.WEIGHT).column(L.WEIGHT)
        value = self.sheets.value(None, row, column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            if isinstance(value, str):
                return parse_exact(value.strip(), decimal_comma=True)
            return number(value)
        except (ValueError, FormulaError):
            self.error(R.BAD_WEIGHT, code=code, value=value, cell=self.cell(row, L.WEIGHT))
            return None

    # -- the tree ---------------------------------------------------------------------------
    def run(self, fid: str | None, version: str | None, title: str | None) -> ImportedInstrument:
        rows = self.read.rows
        if not rows:
            raise InstrumentError([Finding("error", R.NO_ROWS, {"file": self.label})])
        nodes: dict[str, dict[str, Any]] = {}
        roots: list[dict[str, Any]] = []
        answer_rows: dict[str, AnswerRow] = {}
        templates: dict[str, Template] = {}
        for kind, code, row in rows:
            if kind == "question":
                leaf = nodes.get(code.rsplit(".", 1)[0])
                if leaf is None:
                    continue
                q = self.question(code, row, leaf, answer_rows, templates)
                if q is not None:
                    leaf.setdefault("questions", []).append(q)
                continue
            name_role = {"component": L.AREA, "area": L.NAME_OR_NUMBER}.get(kind, L.NAME_OR_LETTER)
            node: dict[str, Any] = {"code": code, "name": self.text(row, name_role) or code}
            node["_row"], node["_weight"] = row, self.weight(code, row)
            nodes[code] = node
            if kind == "component":
                roots.append(node)
            else:
                parent = nodes.get(_parent_code(kind, code))
                if parent is not None:
                    parent.setdefault("children", []).append(node)
            if kind == "input":
                node["_input"] = True
                self.input(node, code, row, answer_rows, templates)
        recogniser = Recogniser(
            self.sheets, self.b.column(L.ANSWER), self.b.column(L.VALUE), answer_rows
        )
        values = self.recognise_values(recogniser, templates, nodes)
        self.recognise_dependencies(recogniser, nodes)
        self.recognise_weights(recogniser, nodes)
        self.roots_and_areas = {c for k, c, _ in rows if k in ("component", "area")}
        for root in roots:
            self.check_weights(root)
        if self.errors:
            raise InstrumentError(self.errors)
        text = self.yaml(roots, templates, values, fid, version, title)
        framework = load_framework_text(text, source=f"{fid or 'import'}.yaml")
        self.check_numbers(framework, nodes)
        return ImportedInstrument(
            text, framework, self.findings, self.ws.name, self.read.block, self.read.heading
        )

    def scale_of(self, code: str, row: int, templates: dict[str, Template]) -> Template | None:
        found = self.text(row, L.ANSWER_TYPE)
        if not found:
            self.error(R.NO_TYPE, code=code, cell=self.cell(row, L.ANSWER_TYPE))
            return None
        kind = type_kind(found)
        template = template_for(kind) if kind is not None else None
        if template is None:
            self.error(
                R.IMPORT_UNKNOWN_TYPE,
                code=code,
                value=found,
                cell=self.cell(row, L.ANSWER_TYPE),
                known=KNOWN_TYPES,
            )
            return None
        templates[code] = template
        return template

    def answer_row(self, code: str, row: int, t: Template, weight: Fraction | None) -> AnswerRow:
        if t.kind == "number":
            middle = (t.min + t.max) / 2
            return AnswerRow(code, row, (), (t.min, t.max, middle), weight)
        spellings = tuple((c, (c, *t.spellings(c))) for c, _ in t.best_first())
        return AnswerRow(code, row, spellings, (), weight)

    def question(
        self,
        code: str,
        row: int,
        leaf: dict[str, Any],
        answer_rows: dict[str, AnswerRow],
        templates: dict[str, Template],
    ) -> dict[str, Any] | None:
        t = self.scale_of(code, row, templates)
        if t is None:
            return None
        q: dict[str, Any] = {"code": code, "text": self.text(row, L.TEXT) or leaf["name"]}
        q.update(self.explanation(row, t))
        answer_rows[code] = self.answer_row(code, row, t, None)
        return q

    def input(
        self,
        node: dict[str, Any],
        code: str,
        row: int,
        answer_rows: dict[str, AnswerRow],
        templates: dict[str, Template],
    ) -> None:
        t = self.scale_of(code, row, templates)
        if t is None:
            return
        node.update(self.explanation(row, t))
        node["source"] = "external"
        answer_rows[code] = self.answer_row(code, row, t, node["_weight"])

    def explanation(self, row: int, t: Template) -> dict[str, Any]:
        """Option texts ("a. … b. …") for a lettered scale; the text as guidance otherwise."""
        raw = self.ws.value(row, self.tree_block(L.OPTIONS).column(L.OPTIONS))
        if not isinstance(raw, str) or not raw.strip():
            return {}
        options: dict[str, str] = {}
        current = None
        for line in raw.splitlines():
            m = _OPTION.match(line)
            if m and m.group(1).upper() in t.codes():
                current = m.group(1).upper()
                options[current] = " ".join(m.group(2).split())
            elif current and line.strip():
                options[current] = f"{options[current]} {' '.join(line.split())}"
        if t.kind == "choice" and options and t.lettered:
            return {"options_text": options}
        return {"guidance": " ".join(raw.split())}

    # -- weights ----------------------------------------------------------------------------
    def check_weights(self, node: dict[str, Any]) -> Fraction:
        children = node.get("children", [])
        cell = self.cell(node["_row"], L.WEIGHT)
        if not children:
            if node["code"] in self.roots_and_areas:
                self.error(R.EMPTY_NODE, code=node["code"], cell=self.cell(node["_row"], L.AREA))
            elif not node.get("questions") and not node.get("_input"):
                where = self.cell(node["_row"], L.NAME_OR_NUMBER)
                self.error(R.EMPTY_LEAF, code=node["code"], cell=where)
            if node["_weight"] is None:
                self.error(R.NO_WEIGHT, code=node["code"], cell=cell)
                return Fraction(0)
            node["weight"] = format_exact(node["_weight"])
            return node["_weight"]
        total = sum((self.check_weights(c) for c in children), Fraction(0))
        stated = node["_weight"]
        if stated != total:
            self.note("guess", R.G_WEIGHT_SUM, code=node["code"], cell=cell,
                      stated="—" if stated is None else format_exact(stated),
                      total=format_exact(total))  # fmt: skip
        node["weight"] = format_exact(total)
        return total

    # -- the file ---------------------------------------------------------------------------
    def yaml(
        self,
        roots: list[dict[str, Any]],
        templates: dict[str, Template],
        values: dict[str, dict[str, Fraction]],
        fid: str | None,
        version: str | None,
        title: str | None,
    ) -> str:
        scales: dict[str, dict[str, Any]] = {}
        keys: dict[tuple[Any, ...], str] = {}
        for code, t in templates.items():
            signature = (t.label, tuple(sorted((values.get(code) or dict(t.options)).items())))
            if signature not in keys:
                key = t.key if t.key not in scales else f"{t.key} ({len(scales) + 1})"
                keys[signature] = key
                scales[key] = t.spec(values.get(code))
            _assign_scale(roots, code, keys[signature])
        heading = self.read.heading or ""
        year = _YEAR.search(heading)
        if version is None:
            version = year.group(0) if year else str(dt.date.today().year)
            if not year:
                self.note("guess", R.G_VERSION, version=version)
        title_cell = self.ws.value(1, self.b.column(L.COMPONENT))
        name = title or (" ".join(str(title_cell).split()) if title_cell else f"LKE {version}")
        fid = fid or _slug(name)
        self.note("guess", R.G_GRADES)
        self.note("guess", R.G_APPLIES, applies_to=", ".join(APPLIES_TO))
        max_score = sum((Fraction(r["weight"]) for r in roots), Fraction(0))
        doc = {
            "format": "rapor.framework/1",
            "id": fid,
            "version": version,
            "name": name,
            "basis": f"imported from {self.label} ({self.read.sheet}, block {self.read.block})",
            "status": "provisional",
            "notes": "Imported from an LKE workbook; review the list of guesses before activating.",
            "applies_to": APPLIES_TO,
            "max_score": format_exact(max_score),
            "decimals": "2",
            "scales": scales,
            "grades": {
                "compare": "above",
                "round_first": "true",
                "bands": [{"code": c, "min": m, "label": lab} for c, m, lab in GRADES],
            },
            "nodes": [_clean(r) for r in roots],
        }
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)

    def check_numbers(self, fw: Framework, nodes: dict[str, dict[str, Any]]) -> None:
        """Score the block's answers with the new framework; compare with column K."""
        raw = {c: v for c, v in self.read.answers.items() if c in fw.questions}
        try:
            answers = parse_answers(fw, raw)
        except AnswersError:
            answers = {}
            for code, value in raw.items():
                try:
                    answers.update(parse_answers(fw, {code: value}))
                except AnswersError:
                    continue
        result = score(fw, answers)
        self.sheets.overrides, self.sheets.memo = {}, {}
        column = self.b.column(L.VALUE)
        checked = 0
        for code, node in nodes.items():
            if code not in fw.nodes:
                continue
            try:
                got = self.sheets.value(None, node["_row"], column)
                workbook = number(got) if got not in (None, "") else None
            except FormulaError:
                workbook = None
            if workbook is None:
                continue
            checked += 1
            ours = result.nodes[code].score
            if format_fixed(workbook, fw.decimals) != format_fixed(ours, fw.decimals):
                self.note("check", R.CHECK_DIFFERS, code=code,
                          cell=self.cell(node["_row"], L.VALUE),
                          workbook=format_fixed(workbook, fw.decimals),
                          rapor=format_fixed(ours, fw.decimals))  # fmt: skip
        letter = self.b.letter(L.VALUE)
        if not checked:
            self.note("check", R.CHECK_NONE, column=letter)
        elif not self.of_kind("check"):
            self.note("check", R.CHECK_SAME, count=checked, column=letter)

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]


def _parent_code(kind: str, code: str) -> str:
    return code.rsplit(".", 1)[0] if kind in ("indicator", "input") else code[0]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "lke")[:50].strip("-")


def _assign_scale(roots: list[dict[str, Any]], code: str, key: str) -> None:
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node["code"] == code:
            node["scale"] = key
            return
        for q in node.get("questions", []):
            if q["code"] == code:
                q["scale"] = key
                return
        stack.extend(node.get("children", []))


_ORDER = ("code", "name", "text", "weight", "scale", "source", "options_text", "guidance",
          "depends_on", "children", "questions")  # fmt: skip


def _clean(node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _ORDER:
        if key not in node:
            continue
        value = node[key]
        if key == "children":
            value = [_clean(c) for c in value]
        elif key == "questions":
            value = [_clean(q) for q in value]
        out[key] = value
    return out
