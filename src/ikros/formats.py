"""Output formats for diagnostics: each a function from the same list of
records (and a summary) to a string. Nothing here prints."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from rich.markup import escape

from ikros.diagnostics import Diagnostic, count
from ikros.printable import json_text, visible


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    GITLAB = "gitlab"


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    documents: Counter[str]

    def line(self, diagnostics: list[Diagnostic]) -> str:
        errors, warnings = count(diagnostics)
        kinds = [
            (self.documents.get("ros", 0), "ROS-analyse", "ROS-analyser"),
            (
                self.documents.get("internkontroll", 0),
                "internkontrollbeskrivelse",
                "internkontrollbeskrivelser",
            ),
            (self.documents.get("organisasjon", 0), "organisasjon", "organisasjoner"),
            (self.documents.get("konfig", 0), "konfigurasjon", "konfigurasjoner"),
        ]
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in kinds if n]
        what = f"{self.files} {'fil' if self.files == 1 else 'filer'}"
        if parts:
            what += f" ({', '.join(parts)})"
        if not diagnostics:
            return f"Sjekket {what}: ingen funn."
        found = []
        if errors:
            found.append(f"{errors} feil")
        if warnings:
            found.append(f"{warnings} {'advarsel' if warnings == 1 else 'advarsler'}")
        return f"Sjekket {what}: {' og '.join(found)}."


def render(fmt: Format, diagnostics: list[Diagnostic], summary: Summary) -> str:
    match fmt:
        case Format.TEXT:
            return text(diagnostics)
        case Format.JSON:
            return as_json(diagnostics, summary)
        case Format.GITHUB:
            return github(diagnostics)
        case Format.GITLAB:
            return gitlab(diagnostics)


def text(diagnostics: list[Diagnostic]) -> str:
    """Rich markup: coloured on a terminal, plain when piped."""
    lines = []
    for d in diagnostics:
        style = "bold red" if d.is_error else "yellow"
        lines.append(
            f"[bold]{escape(visible(d.path))}:{d.line}:{d.column}[/bold]: "
            f"[{style}]{d.severity.value}[/{style}] "
            f"[dim]\\[{escape(d.code)}][/dim] {escape(visible(d.message))}"
        )
        if d.hint:
            lines.append(f"  [cyan]→[/cyan] {escape(visible(d.hint))}")
    return "\n".join(lines)


def as_json(diagnostics: list[Diagnostic], summary: Summary) -> str:
    errors, warnings = count(diagnostics)
    payload = {
        "diagnostics": [d.to_dict() for d in diagnostics],
        "summary": {
            "files": summary.files,
            "documents": dict(sorted(summary.documents.items())),
            "errors": errors,
            "warnings": warnings,
        },
    }
    return json_text(payload, indent=2)


def _gh_escape(value: str, *, prop: bool = False) -> str:
    """A workflow command's value: every control character shown (so none
    reaches the log), then GitHub's own escapes."""
    value = visible(value).replace("%", "%25")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request."""
    lines = []
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        message = d.message + (f" {d.hint}" if d.hint else "")
        lines.append(
            f"::{level} file={_gh_escape(d.path, prop=True)},line={d.line},col={d.column},"
            f"title={_gh_escape('ikros ' + d.code, prop=True)}::{_gh_escape(message)}"
        )
    return "\n".join(lines)


def gitlab(diagnostics: list[Diagnostic]) -> str:
    """A GitLab Code Quality report (a JSON list of issues)."""
    issues = []
    for d in diagnostics:
        key = f"{d.path}:{d.line}:{d.column}:{d.code}:{d.message}"
        issues.append(
            {
                "description": d.message + (f" {d.hint}" if d.hint else ""),
                "check_name": d.code,
                "fingerprint": hashlib.md5(key.encode(), usedforsecurity=False).hexdigest(),
                "severity": "major" if d.is_error else "minor",
                "location": {
                    "path": d.path,
                    "positions": {"begin": {"line": d.line, "column": d.column}},
                },
            }
        )
    return json_text(issues, indent=2)
