"""`ikros validate`: check documents and print diagnostics."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ikros.cli.output import (
    EXIT_INTERNAL,
    EXIT_USAGE,
    escape,
    fail_no_root,
    fail_on_empty_paths,
    fail_on_missing_paths,
    stderr,
    stdout,
)
from ikros.engine.repository import Settings, run
from ikros.formats import Format, Summary, render
from ikros.load.discover import NoRootError


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    stier: list[Path] = typer.Argument(
        None,
        readable=False,  # ikros reads them and says why it cannot (ulesbar)
        help="Filer eller mapper som skal sjekkes. Standard: alt under mappen med ikros.yaml.",
    ),
    format: Format | None = typer.Option(
        None,
        "--format",
        "-f",
        help="Hvordan funnene skrives: text (standard), json, github (merknader i GitHub; "
        "velges av seg selv i GitHub Actions) eller gitlab (kodekvalitetsrapport for GitLab).",
    ),
    strict: bool = typer.Option(False, "--strict", help="La advarsler også gi avslutningskode 1."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Ikke bruk eller oppdater hurtigbufferen."
    ),
) -> None:
    """Sjekk ikros-dokumentene: skjema, kryssreferanser og risikoregler.

    Finner roten (mappen med ikros.yaml, søker oppover) og sjekker alle
    dokumenter under stiene. Funn skrives som fil:linje:kolonne.

    Avslutningskoder: 0 ingen feil, 1 feil (eller advarsler med --strict),
    2 feil i bruk, konfigurasjon eller filsystem, 3 intern feil i ikros.
    """
    fmt = format or (Format.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Format.TEXT)
    settings = Settings(paths=tuple(stier or ()), cwd=Path.cwd(), use_cache=not no_cache)
    fail_on_missing_paths(settings.paths, settings.cwd)
    try:
        result = run(settings)
    except NoRootError as exc:
        fail_no_root(exc.start)
    summary = Summary(result.files, result.documents)
    out = render(fmt, result.diagnostics, summary)
    if out:
        stdout().print(out, markup=fmt is Format.TEXT)
    if result.diagnostics or sum(result.documents.values()) or not result.empty_paths:
        # Not «ingen funn» where nothing at all was found to check.
        stderr().print(escape(summary.line(result.diagnostics)), markup=True)
    fail_on_empty_paths(result.empty_paths)
    if result.config_errors:
        raise typer.Exit(EXIT_USAGE)
    if any(d.code == "intern-feil" for d in result.diagnostics):
        raise typer.Exit(EXIT_INTERNAL)  # a bug in ikros, not findings in the files
    failing = [d for d in result.diagnostics if d.is_error or strict]
    raise typer.Exit(1 if failing else 0)
