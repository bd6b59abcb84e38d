"""The one record every check returns, and the helpers to build it.

A `Diagnostic` is data: the core never prints. Its `code` is a stable
kebab-case identifier that users can search for and tools can filter on;
its `message` is Norwegian bokmål and says what is wrong and what is
expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """A finding at a position in a file. Positions are 1-based."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


# A location inside a document: keys and list indexes from the root.
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic before its position is known: it points at a location
    in the document's data, and the loader's position index turns it into
    line and column. `at_key` points at the key rather than its value."""

    loc: Loc
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    at_key: bool = False


def error(loc: Loc, code: str, message: str, hint: str | None = None, *, at_key: bool = False):
    return Finding(loc, code, Severity.ERROR, message, hint, at_key)


def warning(loc: Loc, code: str, message: str, hint: str | None = None, *, at_key: bool = False):
    return Finding(loc, code, Severity.WARNING, message, hint, at_key)


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors
