"""The outcome for one file, as computed and as cached."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ikros.checks.facts import Facts
from ikros.diagnostics import TOO_MANY, Diagnostic, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(slots=True)
class FileResult:
    """The outcome for one file. `facts` is None for files that are not
    ikros documents (no `ikros:` key, or unreadable)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: Facts | None = None
    model: BaseModel | None = None  # not cached; only for the konfig
    # Deadline.to_json() items; cached apart from the rest, and read back
    # only for documents with a deadline soon enough to matter.
    deadlines: list[Any] | None = None
    encoded: str | None = None  # to_json() as JSON text, for the cache
    deadlines_json: str | None = None  # deadlines as JSON text; `deadlines` is then None
    # Diagnostics left out of `diagnostics` (diagnostics.cap): the number
    # its closing `for-mange-funn` diagnostic stands for.
    hidden: int = 0

    def encode(self) -> str:
        """Encode for the cache (in the worker that made the result)."""
        self.encoded = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        if self.deadlines:
            self.deadlines_json = json.dumps(
                self.deadlines, ensure_ascii=False, separators=(",", ":")
            )
        self.deadlines = None
        return self.encoded

    def to_json(self) -> list[Any]:
        """A compact JSON form for the cache: lists, not objects, since ten
        thousand of them are decoded on every warm run."""
        return [
            [
                [d.line, d.column, d.code, d.severity.value, d.message, d.hint]
                for d in self.diagnostics
            ],
            self.facts.to_json() if self.facts else None,
            self.hidden,
        ]

    @classmethod
    def from_json(cls, raw: list[Any], path: str) -> FileResult:
        """A result from the cache; ValueError when the entry is malformed
        (the caller treats that as a miss)."""
        try:
            return cls._from_json(raw, path)
        except (IndexError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError("malformed cache entry") from exc

    @classmethod
    def _from_json(cls, raw: list[Any], path: str) -> FileResult:
        diagnostics, facts, hidden = raw
        if type(hidden) is not int or hidden < 0:
            raise ValueError("malformed count")
        if hidden and not any(d[2] == TOO_MANY for d in diagnostics):
            raise ValueError("a count without its closing diagnostic")
        for line, col, code, _severity, msg, hint in diagnostics:
            if not (
                type(line) is int
                and type(col) is int
                and isinstance(code, str)
                and isinstance(msg, str)
                and isinstance(hint, str | None)
            ):
                raise ValueError("malformed diagnostic")
        return cls(
            [
                Diagnostic(path, line, col, code, Severity(sev), msg, hint)
                for line, col, code, sev, msg, hint in diagnostics
            ],
            # Only null means «not a document»: {} or [] is a damaged entry.
            Facts.from_json(facts) if facts is not None else None,
            hidden=hidden,
        )
