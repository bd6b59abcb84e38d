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


def _console(file: TextIO, wrap: bool = False) -> Console:
    # NO_COLOR (no-color.org) asks for no styling at all, bold included.
    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=file,
        highlight=False,
        soft_wrap=not wrap,
        emoji=False,  # `:fire:` in a title is text, not an emoji
        color_system=None if plain else "auto",
    )


def stdout(wrap: bool = False) -> Console:
    """Standard output. Lines are left whole for diagnostics and data (one
    finding a line, for grep and editors); `wrap` breaks text and table
    titles at the terminal's width instead, for what people read there."""
    return _console(sys.stdout, wrap)


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


def fit(console, table) -> None:
    """Fix the column widths of a table that is wider than the terminal:
    every column gets at least its longest word, and the room left is
    shared out evenly, a column taking no more than its longest line, so
    short columns are whole and the long texts share what remains. Rich
    alone narrows the widest columns first and then folds words, a role
    such as `kommunalområdedirektør` among them. Where even the longest
    words do not fit, Rich folds as before."""
    from rich.measure import Measurement
    from rich.text import Text

    options = console.options.update_width(10**6)
    ranges = []
    for column in table.columns:
        low = high = 1
        for cell in (column.header, *column.cells):
            text = Text.from_markup(cell) if isinstance(cell, str) else cell
            measured = Measurement.get(console, options, text)
            low, high = max(low, measured.minimum), max(high, measured.maximum)
        if column.no_wrap:
            low = high
        ranges.append((low, high))
    columns = len(table.columns)
    # Borders between and around the columns, and one space each side in them.
    room = console.width - (columns + 1) - 2 * columns
    if sum(high for _, high in ranges) <= room or sum(low for low, _ in ranges) > room:
        return
    spare = room - sum(low for low, _ in ranges)
    widths = [low for low, _ in ranges]
    wanting = sorted(range(columns), key=lambda i: ranges[i][1] - ranges[i][0])
    for place, index in enumerate(wanting):
        share = min(ranges[index][1] - ranges[index][0], spare // (columns - place))
        widths[index] += share
        spare -= share
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
