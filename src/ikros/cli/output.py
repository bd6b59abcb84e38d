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


def fail_on_missing_paths(paths, cwd: Path) -> None:
    """Exit 2 naming the first path given on the command line that does not
    exist: a typo must not pass as a folder with nothing in it."""
    from ikros.oserrors import describe

    for path in paths:
        try:
            found = (cwd / path).exists()
        except OSError as exc:  # in a folder without access: whether it exists is unknown
            fail(f"Kan ikke lese {escape(str(path))}: {describe(exc)}.")
        if not found:
            fail(f"Finner ikke {escape(str(path))}.")


def fail_on_empty_paths(empty: list[Path]) -> None:
    """Exit 2 naming the paths given on the command line that hold no
    document (an empty folder, a YAML file without `ikros:`)."""
    if empty:
        shown = ", ".join(str(p) for p in empty)
        fail(
            f"Fant ingen ikros-dokumenter i {escape(shown)}. "
            "Et dokument er en YAML-fil som starter med `ikros:`, for eksempel `ikros: ros/1`."
        )


def fail_no_root(where) -> None:
    """Exit 2: no ikros.yaml at or above `where`; said the same way by
    every command, with where to stand instead."""
    fail(
        f"Fant ingen ikros.yaml i {escape(str(where))} eller mappene over. Kjør kommandoen i "
        "kommunens mappe (den med ikros.yaml), eller i en mappe under den."
    )


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
    """Fix the column widths of a table that is wider than the terminal so
    that it takes as few lines as it can: every column gets at least its
    longest word, and each further character of width goes where it saves
    most lines (then where it makes a cell whole). Rich alone narrows the widest columns first and then folds
    words, a role such as `kommunalområdedirektør` among them. Where even
    the longest words do not fit, Rich folds as before."""
    from rich.cells import cell_len
    from rich.text import Text

    texts = [
        [
            Text.from_markup(c).plain if isinstance(c, str) else str(c)
            for c in (col.header, *col.cells)
        ]
        for col in table.columns
    ]
    ranges = []
    for column, cells in zip(table.columns, texts, strict=True):
        words = [cell_len(w) for text in cells for w in text.split()]
        high = max([cell_len(line) for text in cells for line in text.splitlines()] or [1])
        ranges.append((high if column.no_wrap else max([1, *words]), high))
    # Borders between and around the columns, and one space each side in them.
    room = console.width - (len(ranges) + 1) - 2 * len(ranges)
    if sum(high for _, high in ranges) <= room or sum(low for low, _ in ranges) > room:
        return
    sample = [cells[:_FIT_ROWS] for cells in texts]  # enough rows to judge the widths by
    counts = [
        {w: [_wrapped_lines(t, w) for t in cells] for w in range(low, high + 1)}
        for cells, (low, high) in zip(sample, ranges, strict=True)
    ]
    widths = [low for low, _ in ranges]
    spare = room - sum(widths)
    while spare > 0:
        best = None  # (lines saved per character, column, characters)
        for c, (_, high) in enumerate(ranges):
            others = [
                max((counts[o][widths[o]][r] for o in range(len(ranges)) if o != c), default=0)
                for r in range(len(sample[c]))
            ]
            now = sum(max(m, n) for m, n in zip(others, counts[c][widths[c]], strict=True))
            for extra in range(1, min(spare, high - widths[c]) + 1):
                then = sum(
                    max(m, n) for m, n in zip(others, counts[c][widths[c] + extra], strict=True)
                )
                if then < now:
                    if best is None or (now - then) / extra > best[0]:
                        best = ((now - then) / extra, c, extra)
                    break
        if best is None:
            break
        widths[best[1]] += best[2]
        spare -= best[2]
    # Room that saves no line still makes cells whole: the shortest first.
    for c in sorted(range(len(ranges)), key=lambda c: ranges[c][1] - widths[c]):
        extra = min(ranges[c][1] - widths[c], spare)
        widths[c] += extra
        spare -= extra
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


_FIT_ROWS = 60


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped at `width`, words longer than
    the width folded: near enough to Rich to choose widths by."""
    from rich.cells import cell_len

    total = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0
        for word in paragraph.split():
            size = cell_len(word)
            if used and used + 1 + size <= width:
                used += 1 + size
                continue
            if used:
                count += 1
            folds = (size - 1) // width
            count += folds
            used = size - folds * width
        total += count
    return total
