"""Forbidden characters and lengths of the texts people type or upload (titles, notes, comments,
names in files, the texts of a framework file).

How this works: ``text_problem`` finds the first character a text must not contain and returns
what is wrong as data (``TextProblem``: the kind, the 1-based position, the code point), so the
command line can say it in English and the web in the user's language. Forbidden everywhere:
NUL and the other control characters (PostgreSQL refuses NUL; the rest are invisible and garble
exports), and the bidirectional controls (a right-to-left override makes ``gpj.exe`` read as
``exe.jpg``: text that shows something else than it says). Single-line texts (titles, names,
codes) also refuse line breaks and tabs. Letters of every script, right-to-left ones included,
are fine.
"""

from __future__ import annotations

import re
import unicodedata

from .records import record

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BREAKS = "\t\n\r\u2028\u2029"
_MULTILINE = re.compile(f"[{_CONTROLS}{_DIRECTION}]")
_SINGLE_LINE = re.compile(f"[{_CONTROLS}{_DIRECTION}{_BREAKS}]")
_DIRECTION_ONLY = re.compile(f"[{_DIRECTION}]")


@record
class TextProblem:
    kind: str
    """"length", "control", "direction" or "line_break"."""
    position: int = 0
    """1-based position of the character at fault (0 for length)."""
    char: str = ""
    limit: int = 0

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.char):04X}" if self.char else ""

    @property
    def described(self) -> str:
        """``U+202E RIGHT-TO-LEFT OVERRIDE``, or only the code point of a nameless control."""
        name = unicodedata.name(self.char, "") if self.char else ""
        return f"{self.code_point} {name}".strip()

    def english(self) -> str:
        """The problem in English (files and the command line)."""
        if self.kind == "length":
            return f"more than {self.limit} characters"
        what = {
            "control": "a control character",
            "direction": "a text direction control",
            "line_break": "a line break or tab",
        }[self.kind]
        return f"{what} ({self.described}) at character {self.position}"


def text_problem(
    text: str, *, multiline: bool = False, max_length: int | None = None
) -> TextProblem | None:
    """The first problem of ``text`` (too long, a forbidden character), or None."""
    if max_length is not None and len(text) > max_length:
        return TextProblem("length", limit=max_length)
    found = (_MULTILINE if multiline else _SINGLE_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    if char in _BREAKS:
        kind = "line_break"
    elif _DIRECTION_ONLY.match(char):
        kind = "direction"
    else:
        kind = "control"
    return TextProblem(kind, position=found.start() + 1, char=char)


def without_forbidden(text: str) -> str:
    """``text`` with every character a one-line text may not hold removed (for names that come
    with a file rather than from a person typing, such as an uploaded file's name)."""
    return _SINGLE_LINE.sub("", text)
