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
        file=file,
        highlight=False,
        soft_wrap=True,
        emoji=False,  # `:fire:` in a title is text, not an emoji
        color_system=None if plain else "auto",
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


def context_or_fail(root):
    """The repository's context, or exit 2 with the first error in its
    ikros.yaml: acting on a broken konfig would use the wrong method."""
    from pathlib import Path

    from ikros.engine.repository import konfig_context

    ctx, errors = konfig_context(root, Path.cwd())
    fail_on_konfig_errors(errors)
    return ctx


def fail_on_konfig_errors(errors) -> None:
    """Exit 2 naming the first error in ikros.yaml, if there is one."""
    from rich.markup import escape

    if errors:
        first = errors[0]
        fail(
            f"ikros.yaml har feil; rett dem først (`ikros validate`). "
            f"{escape(first.path)}:{first.line}:{first.column}: {escape(first.message)}"
        )
