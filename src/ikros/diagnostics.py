"""The one record every check returns, and the helpers to build it.

A `Diagnostic` is data: the core never prints. Its `code` is a stable
kebab-case identifier that users can search for and tools can filter on;
its `message` is Norwegian bokmål and says what is wrong and what is
expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# At most this many diagnostics are listed per file; a closing one says how
# many more there are. A file with more has usually one mistake repeated
# (a pasted list, a wrong indentation) far more often than anyone reads: a
# hundred show the pattern on a couple of screens and in a CI log, while a
# bound keeps the time and memory of a run, the output and a cached result
# small whatever the file holds.
MAX_PER_FILE = 100
TOO_MANY = "for-mange-funn"


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


def cap(diagnostics: list[Diagnostic], hidden: int = 0) -> tuple[list[Diagnostic], int]:
    """The first MAX_PER_FILE diagnostics of one file by position, and a
    closing `for-mange-funn` diagnostic for the rest; with the number of
    diagnostics the closing one stands for.

    `hidden` counts diagnostics of the file that are not in the list. Some
    are stood for by closing diagnostics in the list: one from an earlier
    cut (the run has found more in the file since), or a stand-in from a
    scan that stopped making them; they start at its position and are
    errors if it is one. The others are errors none of which comes before
    the (MAX_PER_FILE + 1)-th diagnostic of the list: findings that were
    counted but not made.

    The closing diagnostic stands at the first hidden diagnostic and is an
    error if any hidden one is, so that the exit code stays honest."""
    if len(diagnostics) <= MAX_PER_FILE and not hidden:
        return diagnostics, 0  # as they are: nothing to cut
    closing = [d for d in diagnostics if d.code == TOO_MANY]
    listed = sorted(d for d in diagnostics if d.code != TOO_MANY)
    shown, rest = listed[:MAX_PER_FILE], listed[MAX_PER_FILE:]
    count = hidden + len(rest)
    starts = [(d.line, d.column) for d in (*rest, *closing)]
    # Counted findings are errors, and the first of them made is in `rest`
    # (more were made than are shown); with no closing one, only they are hidden.
    any_error = any(d.is_error for d in (*rest, *closing)) or (hidden > 0 and not closing)
    if not starts:  # only counted ones (made with fewer listed than promised)
        starts = [(shown[-1].line, shown[-1].column)]
    line, column = min(starts)
    number = f"{count:,}".replace(",", " ")
    shown.append(
        Diagnostic(
            (shown or closing)[0].path,
            line,
            column,
            TOO_MANY,
            Severity.ERROR if any_error else Severity.WARNING,
            f"… og {number} funn til i denne filen; bare de {MAX_PER_FILE} første vises.",
            "Rett de første funnene og kjør `ikros validate` på nytt.",
        )
    )
    return shown, count
