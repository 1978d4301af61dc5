"""Errors of bad input: each names the file and the node, question, line or cell at fault."""

from __future__ import annotations


class RaporInputError(ValueError):
    """Bad input from a user's file: the message says what is wrong and where."""

    def __init__(self, source: str, where: str, message: str) -> None:
        self.source = source
        self.where = where
        self.message = message
        parts = [p for p in (source, where) if p]
        super().__init__(": ".join([*parts, message]))


class FrameworkError(RaporInputError):
    """A framework file breaks a rule of the format."""


class AnswersError(RaporInputError):
    """An answer does not fit the framework (unknown code, unknown option, number out of range)."""
