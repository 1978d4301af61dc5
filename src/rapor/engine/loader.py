"""Load and validate framework files (format ``rapor.framework/1``).

How this works: the YAML is read with PyYAML's BaseLoader, so every scalar arrives as the text the
author wrote and numbers are parsed exactly (``0.67`` is 67/100). The raw mapping is then checked
rule by rule; the first broken rule raises FrameworkError naming the file and the node or question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

from .errors import FrameworkError
from .model import (
    NOT_APPLICABLE_SPELLINGS,
    ONE,
    ZERO,
    Answer,
    Correction,
    Dependency,
    Framework,
    GradeBand,
    Grading,
    Node,
    Question,
    Scale,
    loose_text,
    normalise_text,
)
from .numbers import NumberBoundError, format_exact, format_fixed, parse_exact, shown
from .textfiles import read_text
from .texts import text_problem

FORMAT = "rapor.framework/1"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "frameworks"
# Bounds checked before the file is built: its size, how deep its structure nests, the length of
# a code (the database keeps codes in 60 characters) and of a one-line text, the decimals shown.
MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_CODE_CHARS = 60
MAX_LINE_CHARS = 500
MAX_DECIMALS_SHOWN = 10


def shipped_framework_path(framework_id: str) -> Path | None:
    """The file of a shipped framework by id (``rb-2014``), or None."""
    path = SHIPPED_DIR / f"{framework_id}.yaml"
    return path if path.is_file() else None


def shipped_framework_ids() -> list[str]:
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml"))


def load_framework(path: str | Path, *, cache_dir: Path | None = None) -> Framework:
    """Load a framework file, or a shipped framework by id; raise FrameworkError if it is invalid.

    With ``cache_dir`` the parsed document is kept there as JSON, keyed by the file's hash, so
    that the next load skips PyYAML (the command line's start-up; see doccache.py).
    """
    p = Path(path)
    if not p.is_file():
        shipped = shipped_framework_path(str(path))
        if shipped is None:
            raise FrameworkError(str(path), "", "no such file, and no shipped framework of that id")
        p = shipped
    text = read_text(p, error=FrameworkError, max_bytes=MAX_FRAMEWORK_BYTES)
    if cache_dir is not None:
        from .doccache import cached_document

        raw = cached_document(text, cache_dir, lambda: parse_yaml(text, source=p.name))
        return framework_from_document(raw, source=p.name)
    return load_framework_text(text, source=p.name)


def load_framework_text(text: str, *, source: str = "<framework>") -> Framework:
    return framework_from_document(parse_yaml(text, source=source), source=source)


def parse_yaml(text: str, *, source: str = "<framework>") -> Any:
    """The YAML document with every scalar as the text written (numbers stay exact), within
    bounds (its size; no aliases; its depth)."""
    import yaml  # imported here: ~10 ms that a cached command-line load does without

    if len(text) > MAX_FRAMEWORK_BYTES:
        raise FrameworkError(
            source, "", f"the file is larger than {MAX_FRAMEWORK_BYTES // (1024 * 1024)} MB"
        )
    try:
        _check_events(text, source)
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        raise FrameworkError(source, "", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise FrameworkError(source, "", "not valid YAML: nested too deeply") from None


def _yaml_loader() -> Any:
    """BaseLoader keeps every scalar as the text written (numbers stay exact); libyaml is faster."""
    import yaml

    return getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def framework_from_document(raw: Any, *, source: str = "<framework>") -> Framework:
    """Check a parsed framework document rule by rule and build the Framework."""
    return _Builder(source).build(raw)


def _check_events(text: str, source: str) -> None:
    """Refuse YAML aliases (a few lines of ``*ref`` can stand for billions of items once walked)
    and nesting deeper than any framework needs, from the parser's events, before anything is
    built."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_yaml_loader()):
        if isinstance(event, yaml.AliasEvent):
            raise FrameworkError(
                source,
                _line(event),
                "YAML anchors and aliases (&, *) are not allowed",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrameworkError(
                    source,
                    _line(event),
                    f"nested deeper than {MAX_DEPTH} levels",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _line(event: Any) -> str:
    mark = event.start_mark
    return f"line {mark.line + 1}" if mark is not None else ""


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes: dict[str, Node] = {}
        self.questions: dict[str, Question] = {}
        self.codes: set[str] = set()
        self.scales: dict[str, Scale] = {}
        self.raw_deps: dict[str, Any] = {}
        self.evidence_required = False

    def fail(self, where: str, message: str) -> FrameworkError:
        return FrameworkError(self.source, where, message)

    # ---- helpers -------------------------------------------------------------------------
    def text(
        self,
        raw: Mapping[str, Any],
        key: str,
        where: str,
        *,
        required: bool = True,
        multiline: bool = False,
    ) -> str:
        value = raw.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(where, f"'{key}' is required")
            return ""
        if not isinstance(value, str):
            raise self.fail(where, f"'{key}' must be text")
        return self.checked(value, where, key, multiline=multiline)

    def checked(self, value: Any, where: str, key: str, *, multiline: bool = False) -> str:
        """``value`` as text, refused if it holds a forbidden character or a one-line text is
        too long."""
        text = value if isinstance(value, str) else str(value)
        problem = text_problem(
            text, multiline=multiline, max_length=None if multiline else MAX_LINE_CHARS
        )
        if problem is not None:
            raise self.fail(where, f"'{key}' has {problem.english()}")
        return text

    def number(self, value: Any, where: str, key: str) -> Fraction:
        if not isinstance(value, str):
            raise self.fail(where, f"'{key}' must be a number, not {type(value).__name__}")
        try:
            return parse_exact(value)
        except NumberBoundError as exc:
            raise self.fail(where, f"{key} {exc}") from None
        except ValueError:
            raise self.fail(where, f"'{key}' is not a number: {value!r}") from None

    def flag(self, value: Any, where: str, key: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, str) and value.lower() in _TRUE:
            return True
        if isinstance(value, str) and value.lower() in _FALSE:
            return False
        raise self.fail(where, f"'{key}' must be true or false, not {value!r}")

    # ---- the file ------------------------------------------------------------------------
    def build(self, raw: Any) -> Framework:
        if not isinstance(raw, dict):
            raise self.fail("", "the file must be a YAML mapping with format, id, version, nodes …")
        fmt = raw.get("format")
        if fmt != FORMAT:
            raise self.fail("format", f"must be exactly {FORMAT!r}, found {fmt!r}")
        fid = self.text(raw, "id", "id")
        if not _ID.match(fid):
            raise self.fail("id", f"{fid!r} must match ^[a-z0-9][a-z0-9-]*$")
        version = self.text(raw, "version", "version")
        status = raw.get("status", "official")
        if status not in ("official", "provisional"):
            raise self.fail("status", f"must be official or provisional, not {status!r}")
        max_score = self.number(raw.get("max_score"), "max_score", "max_score")
        if max_score <= 0:
            raise self.fail("max_score", "must be greater than 0")
        index_scale = max_score
        if raw.get("index_scale") is not None:
            index_scale = self.number(raw["index_scale"], "index_scale", "index_scale")
            if index_scale <= 0:
                raise self.fail("index_scale", "must be greater than 0")
        decimals_raw = raw.get("decimals", "2")
        if not (
            isinstance(decimals_raw, str)
            and decimals_raw.isdigit()
            and len(decimals_raw) <= 2
            and int(decimals_raw) <= MAX_DECIMALS_SHOWN
        ):
            raise self.fail(
                "decimals",
                f"must be a whole number from 0 to {MAX_DECIMALS_SHOWN}, not {shown(decimals_raw)}",
            )
        applies = raw.get("applies_to") or []
        if not isinstance(applies, list):
            raise self.fail("applies_to", "must be a list")
        self.build_scales(raw.get("scales"))
        # the file's default for its questions (each question may say otherwise)
        self.evidence_required = self.flag(
            raw.get("evidence_required"), "evidence_required", "evidence_required", False
        )
        grading = self.build_grading(raw.get("grades"))
        roots_raw = raw.get("nodes")
        if not isinstance(roots_raw, list) or not roots_raw:
            raise self.fail("nodes", "the framework needs a non-empty list of nodes")
        roots = tuple(
            self.build_node(item, None, f"nodes[{i}]") for i, item in enumerate(roots_raw)
        )
        corrections = self.build_corrections(raw.get("corrections"), roots)
        total = sum((r.weight for r in roots), ZERO)
        if total != max_score:
            raise self.fail(
                "nodes",
                f"the root weights add up to {_describe(total)}, "
                f"but max_score is {_describe(max_score)}",
            )
        self.resolve_dependencies()
        known = {
            "format",
            "id",
            "version",
            "name",
            "basis",
            "status",
            "notes",
            "applies_to",
            "max_score",
            "index_scale",
            "decimals",
            "scales",
            "grades",
            "nodes",
            "round_points",
            "corrections",
            "evidence_required",
        }
        return Framework(
            id=fid,
            version=version,
            name=self.text(raw, "name", "name", required=False) or fid,
            basis=self.text(raw, "basis", "basis", required=False, multiline=True),
            status=cast(Any, status),
            notes=self.text(raw, "notes", "notes", required=False, multiline=True),
            applies_to=tuple(self.checked(a, "applies_to", "applies_to") for a in applies),
            max_score=max_score,
            index_scale=index_scale,
            decimals=int(decimals_raw),
            scales=self.scales,
            grading=grading,
            roots=roots,
            nodes=dict(self.ordered_nodes(roots)),
            questions=self.questions,
            round_points=self.flag(raw.get("round_points"), "round_points", "round_points", False),
            corrections=corrections,
            source=self.source,
            extra={k: v for k, v in raw.items() if k not in known},
        )

    def ordered_nodes(self, roots: tuple[Node, ...]) -> list[tuple[str, Node]]:
        out: list[tuple[str, Node]] = []

        def walk(node: Node) -> None:
            out.append((node.code, node))
            for child in node.children:
                walk(child)

        for root in roots:
            walk(root)
        return out

    # ---- scales --------------------------------------------------------------------------
    def build_scales(self, raw: Any) -> None:
        if not isinstance(raw, dict) or not raw:
            raise self.fail("scales", "the framework needs a mapping of answer scales")
        for key, spec in raw.items():
            where = f"scale {shown(key, 60, quote=False)}"
            self.checked(key, where, "scale")
            if not isinstance(spec, dict):
                raise self.fail(where, "must be a mapping with 'kind'")
            kind = spec.get("kind")
            if kind == "choice":
                self.scales[key] = self.choice_scale(key, spec, where)
            elif kind == "number":
                lo = self.number(spec.get("min"), where, "min")
                hi = self.number(spec.get("max"), where, "max")
                if hi <= lo:
                    raise self.fail(
                        where, f"max ({format_exact(hi)}) must exceed min ({format_exact(lo)})"
                    )
                conversion = spec.get("conversion", "range")
                if conversion not in ("range", "ratio"):
                    raise self.fail(
                        where, f"'conversion' must be range or ratio, not {conversion!r}"
                    )
                if conversion == "ratio" and lo < 0:
                    # x / max must stay in 0 … 1
                    raise self.fail(where, "a ratio scale needs min >= 0")
                self.scales[key] = Scale(
                    key=key, kind="number", min=lo, max=hi, conversion=conversion
                )
            else:
                raise self.fail(where, f"'kind' must be choice or number, not {kind!r}")

    def choice_scale(self, key: str, spec: Mapping[str, Any], where: str) -> Scale:
        options_raw = spec.get("options")
        if not isinstance(options_raw, dict) or not options_raw:
            raise self.fail(where, "a choice scale needs options {code: value}")
        options: list[tuple[str, Fraction]] = []
        lookup: dict[str, str] = {}
        for code, value in options_raw.items():
            self.checked(code, where, "option")
            if len(str(code)) > MAX_CODE_CHARS:  # the option code is the stored answer
                raise self.fail(
                    where, f"option {shown(code)} is longer than {MAX_CODE_CHARS} characters"
                )
            v = self.number(value, f"{where}, option {code}", "value")
            if not ZERO <= v <= ONE:
                raise self.fail(
                    f"{where}, option {code}", f"value {format_exact(v)} is outside 0 … 1"
                )
            norm = normalise_text(code)
            if norm in lookup:
                raise self.fail(where, f"option {code!r} is listed twice (ignoring case)")
            lookup[norm] = code
            options.append((code, v))
        aliases_raw = spec.get("aliases") or {}
        if not isinstance(aliases_raw, dict):
            raise self.fail(where, "'aliases' must be a mapping {spelling: option code}")
        for alias, target in aliases_raw.items():
            self.checked(alias, where, "alias")
            if target not in options_raw:
                raise self.fail(
                    where, f"alias {alias!r} points to {target!r}, which is not an option"
                )
            norm = normalise_text(alias)
            if norm in lookup and lookup[norm] != target:
                raise self.fail(where, f"alias {alias!r} clashes with option {lookup[norm]!r}")
            lookup[norm] = target
        # second chance for spellings with stray punctuation ("a.", "WTP - DPP"), unless ambiguous
        loose: dict[str, str | None] = {}
        for norm, target in list(lookup.items()):
            k = loose_text(norm)
            if k and k not in lookup:
                loose[k] = target if loose.get(k, target) == target else None
        lookup.update({k: v for k, v in loose.items() if v is not None})
        provisional = spec.get("provisional") or []
        if not isinstance(provisional, list) or any(o not in options_raw for o in provisional):
            raise self.fail(where, "'provisional' must list option codes of this scale")
        return Scale(
            key=key,
            kind="choice",
            options=tuple(options),
            aliases=dict(aliases_raw),
            lookup=lookup,
            values=dict(options),
            provisional=frozenset(provisional),
        )

    # ---- grades --------------------------------------------------------------------------
    def build_grading(self, raw: Any) -> Grading:
        if not isinstance(raw, dict):
            raise self.fail(
                "grades", "the framework needs 'grades' with compare, round_first, bands"
            )
        compare = raw.get("compare", "above")
        if compare not in ("above", "at_least"):
            raise self.fail("grades", f"'compare' must be above or at_least, not {compare!r}")
        round_first = self.flag(raw.get("round_first"), "grades", "round_first", True)
        bands_raw = raw.get("bands")
        if not isinstance(bands_raw, list) or not bands_raw:
            raise self.fail("grades", "'bands' must be a non-empty list")
        bands: list[GradeBand] = []
        for i, band in enumerate(bands_raw):
            if not isinstance(band, dict):
                raise self.fail(f"grades.bands[{i}]", "must be a mapping {code, min, label}")
            code = self.text(band, "code", f"grades.bands[{i}]")
            low = self.number(band.get("min"), f"grade {code}", "min")
            if bands and low >= bands[-1].min:
                raise self.fail(
                    f"grade {code}", "bands must be listed highest first with falling min"
                )
            own = band.get("compare")
            if own is not None and own not in ("above", "at_least"):
                raise self.fail(
                    f"grade {code}", f"'compare' must be above or at_least, not {own!r}"
                )
            variant = None
            if band.get("below_target") is not None:
                spec = band["below_target"]
                if not isinstance(spec, dict):
                    raise self.fail(f"grade {code}", "'below_target' must be {code, label}")
                vcode = self.text(spec, "code", f"grade {code}, below_target")
                variant = GradeBand(
                    code=vcode,
                    min=low,
                    label=self.checked(spec.get("label") or vcode, f"grade {vcode}", "label"),
                    compare=own,
                    provisional=self.flag(spec.get("provisional"), vcode, "provisional", False),
                )
            bands.append(
                GradeBand(
                    code=code,
                    min=low,
                    label=self.checked(band.get("label") or code, f"grade {code}", "label"),
                    compare=own,
                    provisional=self.flag(band.get("provisional"), code, "provisional", False),
                    below_target=variant,
                )
            )
        if bands[-1].min != 0:
            raise self.fail(f"grade {bands[-1].code}", "the last band must have min 0")
        return Grading(compare=cast(Any, compare), round_first=round_first, bands=tuple(bands))

    # ---- nodes ---------------------------------------------------------------------------
    def claim(self, code: Any, where: str) -> str:
        if not isinstance(code, str) or not code.strip():
            raise self.fail(where, "'code' is required")
        if len(code) > MAX_CODE_CHARS:
            raise self.fail(
                where, f"the code {shown(code)} is longer than {MAX_CODE_CHARS} characters"
            )
        self.checked(code, where, "code")
        if code in self.codes:
            raise self.fail(code, "this code is used twice; codes must be unique in a file")
        self.codes.add(code)
        return code

    def build_node(self, raw: Any, parent: str | None, where: str) -> Node:
        if not isinstance(raw, dict):
            raise self.fail(where, "a node must be a mapping")
        code = self.claim(raw.get("code"), where)
        name = self.text(raw, "name", code)
        weight = self.number(raw.get("weight"), code, "weight")
        if weight < 0:
            raise self.fail(code, f"weight {format_exact(weight)} must not be negative")
        area = raw.get("area")
        kinds = [k for k in ("children", "questions", "scale") if raw.get(k) is not None]
        if len(kinds) != 1:
            raise self.fail(code, "a node needs exactly one of children, questions or scale")
        if kinds[0] == "children":
            items = raw["children"]
            if not isinstance(items, list) or not items:
                raise self.fail(code, "'children' must be a non-empty list")
            children = tuple(
                self.build_node(c, code, f"{code}.children[{i}]") for i, c in enumerate(items)
            )
            total = sum((c.weight for c in children), ZERO)
            if total != weight:
                raise self.fail(
                    code,
                    f"the weights of its children add up to {_describe(total)}, "
                    f"but its weight is {_describe(weight)}",
                )
            node = Node(
                code=code, name=name, weight=weight, parent=parent, area=area, children=children
            )
        elif kinds[0] == "questions":
            items = raw["questions"]
            if not isinstance(items, list) or not items:
                raise self.fail(code, "'questions' must be a non-empty list")
            questions = tuple(
                self.build_question(q, code, f"{code}.questions[{i}]") for i, q in enumerate(items)
            )
            node = Node(
                code=code, name=name, weight=weight, parent=parent, area=area, questions=questions
            )
        else:
            question = self.build_question(
                {**raw, "text": raw.get("text") or name}, code, code, own=True
            )
            node = Node(
                code=code,
                name=name,
                weight=weight,
                parent=parent,
                area=area,
                questions=(question,),
                answerable=True,
            )
        self.nodes[code] = node
        return node

    def build_question(self, raw: Any, node: str, where: str, *, own: bool = False) -> Question:
        if not isinstance(raw, dict):
            raise self.fail(where, "a question must be a mapping")
        code = raw.get("code") if own else self.claim(raw.get("code"), where)
        assert isinstance(code, str)
        text = self.text(raw, "text", code, multiline=True)
        scale_key = raw.get("scale")
        if scale_key not in self.scales:
            raise self.fail(code, f"scale {scale_key!r} is not defined under 'scales'")
        weight = ONE
        if not own and raw.get("weight") is not None:
            weight = self.number(raw["weight"], code, "weight")
            if weight <= 0:
                raise self.fail(code, "a question's weight must be greater than 0")
        source = raw.get("source", "self")
        if source not in ("self", "external"):
            raise self.fail(code, f"'source' must be self or external, not {source!r}")
        options_text = raw.get("options_text") or {}
        if not isinstance(options_text, dict):
            raise self.fail(code, "'options_text' must be a mapping {option: text}")
        evidence = raw.get("evidence") or []
        if isinstance(evidence, str):
            evidence = [evidence]
        if raw.get("depends_on") is not None:
            self.raw_deps[code] = raw["depends_on"]
        scale = self.scales[scale_key]
        not_applicable = self.flag(raw.get("not_applicable"), code, "not_applicable", False)
        if not_applicable and any(
            normalise_text(k) in NOT_APPLICABLE_SPELLINGS for k in scale.lookup
        ):
            raise self.fail(
                code, f"scale {scale_key!r} has an option that reads as 'not applicable'"
            )
        evidence_required = self.flag(
            raw.get("evidence_required"),
            code,
            "evidence_required",
            self.evidence_required,
        )
        question = Question(
            code=code,
            text=text,
            scale=self.scales[scale_key],
            node=node,
            weight=weight,
            options_text={
                str(k): self.checked(v, code, "options_text", multiline=True)
                for k, v in options_text.items()
            },
            guidance=self.checked(raw.get("guidance") or "", code, "guidance", multiline=True),
            evidence=tuple(self.checked(e, code, "evidence", multiline=True) for e in evidence),
            source=cast(Any, source),
            not_applicable=not_applicable,
            target=self.answer_of(scale, raw.get("target"), code, "target"),
            scorer=self.checked(raw.get("scorer") or "", code, "scorer"),
            owner=self.checked(raw.get("owner") or "", code, "owner"),
            forecasts=self.forecasts(scale, raw.get("forecasts"), code),
            evidence_required=evidence_required,
        )
        self.questions[code] = question
        return question

    def answer_of(self, scale: Scale, value: Any, code: str, key: str) -> Answer | None:
        """An optional answer written in the file (a target), checked against the scale."""
        if value is None:
            return None
        from .answers import canonical_answer  # local: answers imports the model only

        try:
            return canonical_answer(scale, value)
        except ValueError as exc:
            raise self.fail(code, f"'{key}': {exc}") from None

    def forecasts(self, scale: Scale, raw: Any, code: str) -> tuple[tuple[Answer, Fraction], ...]:
        """The planner's default moves {answer: effort} (format version 1, additions)."""
        if raw is None:
            return ()
        if not isinstance(raw, dict) or not raw:
            raise self.fail(code, "'forecasts' must be a mapping {answer: effort}")
        out: list[tuple[Answer, Fraction]] = []
        for answer, effort in raw.items():
            value = self.answer_of(scale, answer, code, "forecasts")
            assert value is not None
            cost = self.number(effort, code, f"forecasts {answer}")
            if cost < 0:
                raise self.fail(code, f"'forecasts' {answer}: the effort must not be negative")
            out.append((value, cost))
        return tuple(out)

    # ---- corrections ---------------------------------------------------------------------
    def build_corrections(self, raw: Any, roots: tuple[Node, ...]) -> dict[str, Correction]:
        """Signed inputs added to a root before its rescale (the 2023 koefisien)."""
        if raw is None:
            return {}
        if not isinstance(raw, list):
            raise self.fail("corrections", "must be a list of {code, name, root, min, max}")
        out: dict[str, Correction] = {}
        root_codes = {r.code for r in roots}
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                raise self.fail(
                    f"corrections[{i}]", "must be a mapping {code, name, root, min, max}"
                )
            code = self.claim(item.get("code"), f"corrections[{i}]")
            root = item.get("root")
            if root not in root_codes:
                raise self.fail(code, f"'root' must be the code of a root node, not {root!r}")
            lo = self.number(item.get("min"), code, "min")
            hi = self.number(item.get("max"), code, "max")
            if hi <= lo:
                raise self.fail(
                    code, f"max ({format_exact(hi)}) must exceed min ({format_exact(lo)})"
                )
            out[code] = Correction(
                code=code,
                name=self.text(item, "name", code),
                root=root,
                min=lo,
                max=hi,
                provisional=self.flag(item.get("provisional"), code, "provisional", False),
            )
        return out

    # ---- dependencies --------------------------------------------------------------------
    def resolve_dependencies(self) -> None:
        from .answers import canonical_answer  # local: answers imports the model only

        for code, raw in self.raw_deps.items():
            if not isinstance(raw, dict):
                raise self.fail(
                    code,
                    "'depends_on' must be {question: X, zero_if: [...]} or {question: X, multiply: true}",
                )
            target = raw.get("question")
            if target not in self.questions:
                raise self.fail(
                    code, f"depends on {target!r}, which is not a question of this file"
                )
            if target == code:
                raise self.fail(code, "a question cannot depend on itself")
            zero_if = raw.get("zero_if")
            multiply = self.flag(raw.get("multiply"), code, "multiply", False)
            if (zero_if is not None) == multiply:
                raise self.fail(code, "'depends_on' needs exactly one of zero_if or multiply: true")
            answers: set[Answer] = set()
            if zero_if is not None:
                if not isinstance(zero_if, list) or not zero_if:
                    raise self.fail(code, "'zero_if' must be a non-empty list of answers")
                for item in zero_if:
                    try:
                        answers.add(canonical_answer(self.questions[target].scale, item))
                    except ValueError as exc:
                        raise self.fail(
                            code, f"zero_if answer {item!r} of {target}: {exc}"
                        ) from None
            dep = Dependency(question=target, zero_if=frozenset(answers), multiply=multiply)
            q = self.questions[code]
            self.questions[code] = _replace(q, depends_on=dep)
        self.check_cycles()
        # nodes hold the question objects: rebuild them with the resolved dependencies
        for node in list(self.nodes.values()):
            if node.questions:
                object.__setattr__(
                    node, "questions", tuple(self.questions[q.code] for q in node.questions)
                )

    def check_cycles(self) -> None:
        state: dict[str, int] = {}
        for start in self.questions:
            path: list[str] = []
            code: str | None = start
            while code is not None and state.get(code) != 2:
                if state.get(code) == 1:
                    cycle = path[path.index(code) :] + [code]
                    raise self.fail(code, "dependency cycle: " + " -> ".join(cycle))
                state[code] = 1
                path.append(code)
                dep = self.questions[code].depends_on
                code = dep.question if dep else None
            for seen in path:
                state[seen] = 2


def _describe(value: Fraction) -> str:
    """An exact number for a message, with a decimal approximation when it has no finite one."""
    exact = format_exact(value)
    return f"{exact} (≈ {format_fixed(value, 4)})" if "/" in exact else exact


def _replace(question: Question, **changes: Any) -> Question:
    from dataclasses import replace

    return replace(question, **changes)
