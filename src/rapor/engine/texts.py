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
from dataclasses import dataclass

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BREAKS = "\t\n\r\u2028\u2029"
_SINGLE_LINE = f"[{_CONTROLS}{_DIRECTION}{_BREAKS}]"
_MULTILINE = f"[{_CONTROLS}{_DIRECTION}]"
# Every forbidden character is one that Python does not print (a control, a format character,
# a surrogate, a noncharacter, a line or paragraph separator): a printable text, as most are,
# holds none, and the patterns (about 1 ms to compile, for the command line's start) are
# compiled only for the others (re keeps them once compiled).


@dataclass(frozen=True)
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
        import unicodedata  # here: only a message needs a character's name

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
    if (text.replace("\n", " ") if multiline else text).isprintable():
        return None
    found = re.search(_MULTILINE if multiline else _SINGLE_LINE, text)
    if found is None:
        return None
    char = found.group()
    if char in _BREAKS:
        kind = "line_break"
    elif re.match(f"[{_DIRECTION}]", char):
        kind = "direction"
    else:
        kind = "control"
    return TextProblem(kind, position=found.start() + 1, char=char)


def without_forbidden(text: str) -> str:
    """``text`` with every character a one-line text may not hold removed (for names that come
    with a file rather than from a person typing, such as an uploaded file's name)."""
    return re.sub(_SINGLE_LINE, "", text)
