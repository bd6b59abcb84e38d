"""Consoles for the commands: data to stdout, summaries and errors to stderr."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape as _markup_escape

from ikros.printable import visible

# Exit codes, a contract (README): findings are 1, never a bug or a usage error.
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def escape(text: str) -> str:
    """A value for Rich markup: its control characters shown (`printable`),
    its square brackets not read as markup."""
    return _markup_escape(visible(text))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits with 1 (which means findings) when the reader of standard
        # output has gone; the command line's guard reports it, with exit 2.
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def _console(file: TextIO) -> Console:
    # NO_COLOR (no-color.org) asks for no styling at all, bold included.
    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(
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


def write_output(data: bytes, out: Path | None) -> None:
    """Data to the file `out` (written atomically) or to standard output;
    an OS error is a Norwegian message and exit 2, the old file intact."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    from ikros.load.atomic import write_atomic
    from ikros.oserrors import advice, describe

    try:
        write_atomic(out, data)
    except OSError as exc:
        fail(
            f"Kunne ikke skrive {escape(str(out))}: {describe(exc)}. "
            f"Ingenting er skrevet; {advice(exc, 'velg en annen fil med --out')} og kjør "
            "kommandoen på nytt."
        )


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
    if errors:
        first = errors[0]
        fail(
            f"ikros.yaml har feil; rett dem først (`ikros validate`). "
            f"{escape(first.path)}:{first.line}:{first.column}: {escape(first.message)}"
        )
