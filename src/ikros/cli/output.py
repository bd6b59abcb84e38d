"""Consoles for the commands: data to stdout, summaries and errors to stderr."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console


def _console(file: TextIO) -> Console:
    # NO_COLOR (no-color.org) asks for no styling at all, bold included.
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=file, highlight=False, soft_wrap=True, color_system=None if plain else "auto"
    )


def stdout() -> Console:
    return _console(sys.stdout)


def stderr() -> Console:
    return _console(sys.stderr)


def fail(message: str, code: int = 2) -> None:
    """Print a usage or configuration error and exit."""
    import typer

    stderr().print(f"[bold red]feil:[/bold red] {message}", markup=True)
    raise typer.Exit(code)
