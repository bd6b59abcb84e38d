"""The outcome for one file, as computed and as cached."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ikros.checks.facts import Facts
from ikros.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(slots=True)
class FileResult:
    """The outcome for one file. `facts` is None for files that are not
    ikros documents (no `ikros:` key, or unreadable)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: Facts | None = None
    model: BaseModel | None = None  # not cached; only for the konfig

    def to_json(self) -> list[Any]:
        """A compact JSON form for the cache: lists, not objects, since ten
        thousand of them are decoded on every warm run."""
        return [
            [
                [d.line, d.column, d.code, d.severity.value, d.message, d.hint]
                for d in self.diagnostics
            ],
            self.facts.to_json() if self.facts else None,
        ]

    @classmethod
    def from_json(cls, raw: list[Any], path: str) -> FileResult:
        diagnostics, facts = raw
        return cls(
            [
                Diagnostic(path, line, col, code, Severity(sev), msg, hint)
                for line, col, code, sev, msg, hint in diagnostics
            ],
            Facts.from_json(facts) if facts else None,
        )
