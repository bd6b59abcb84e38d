"""`ikros due`: the annual wheel — what is due, and what is overdue."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.output import (
    escape,
    fail,
    fail_on_konfig_errors,
    fit,
    stderr,
    stdout,
    write_output,
)


class DueFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    ICS = "ics"


def _days(value: str) -> int:
    match = re.fullmatch(r"(\d+)\s*([dum]?)", value.strip())
    if not match:
        raise typer.BadParameter("skriv for eksempel 30d (dager), 8u (uker) eller 3m (måneder)")
    number, unit = int(match.group(1)), match.group(2) or "d"
    return number * {"d": 1, "u": 7, "m": 30}[unit]


def command(
    paths: list[Path] = typer.Argument(None, help="Repo eller mapper. Standard: repoet du står i."),
    innen: str = typer.Option(
        "30d", "--innen", help="Hvor langt fram: 30d, 8u eller 3m. Forfalte tas alltid med."
    ),
    enhet: str = typer.Option(None, "--enhet", help="Bare denne enheten (eller dette området)."),
    format: DueFormat = typer.Option(
        DueFormat.TEXT, "--format", "-f", help="text, json eller ics."
    ),
    out: Path = typer.Option(None, "--out", "-o", help="Skriv til fil i stedet for standard ut."),
    fail_on_overdue: bool = typer.Option(
        False, "--fail-on-overdue", help="Exit-kode 1 hvis noe er forfalt."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ikke bruk hurtigbufferen."),
) -> None:
    """Årshjulet: revisjoner, tiltak, aksepter og tilsyn som forfaller, gruppert per enhet.

    Hver frist vises med hvem som følger den opp: tiltakets ansvarlige,
    rutinens eier, ellers dokumentets eier. Med --format ics skrives en
    kalenderfil som kan importeres i Outlook.
    """
    from ikros.due import collect, ics, until
    from ikros.engine.repository import Settings, run, today_from_env
    from ikros.load.discover import NoRootError
    from ikros.printable import json_text

    horizon = _days(innen)
    today = today_from_env()
    last = until(today, horizon)
    try:
        settings = Settings(
            paths=tuple(paths or ()),
            cwd=Path.cwd(),
            use_cache=not no_cache,
            today=today,
            deadlines_until=last,
        )
        result = run(settings)
    except NoRootError as exc:
        fail(f"Fant ingen ikros.yaml i {escape(str(exc.start))} eller mappene over.")
    fail_on_konfig_errors(result.config_errors)
    units = {u.id: u.parent for doc in result.index for u in doc.facts.units}
    if enhet is not None and enhet not in units and enhet != "kommune":
        fail(f"Enheten `{escape(enhet)}` finnes ikke i organisasjon.yaml.")
    names = {u.id: u.name for doc in result.index for u in doc.facts.units}
    items = collect(result.in_scope(), last, enhet, units, names)
    overdue = [i for i in items if i.deadline.date < today]
    data: bytes | None = None
    if format is DueFormat.ICS:
        data = ics(items, dt.datetime.now(dt.UTC))
    elif format is DueFormat.JSON:
        data = (json_text([i.to_dict(today) for i in items], indent=2) + "\n").encode()
    if data is not None:
        write_output(data, out)
    else:
        _render(items, today)
    stderr().print(
        f"{len(items)} {'frist' if len(items) == 1 else 'frister'} innen {horizon} "
        f"{'dag' if horizon == 1 else 'dager'}, {len(overdue)} forfalt.",
        markup=False,
    )
    if skipped := _with_errors(result):
        stderr().print(
            f"[yellow]advarsel:[/yellow] {skipped} {'fil' if skipped == 1 else 'filer'} med feil "
            "er ikke med, fordi fristene ikke kan leses ut av dem. Kjør `ikros validate`.",
        )
    if fail_on_overdue and overdue:
        raise typer.Exit(1)


def _with_errors(result) -> int:
    """Files in scope whose errors keep their deadlines out: `due` must not
    drop a document silently."""
    paths = {d.path for d in result.diagnostics if d.is_error}
    if result.index_scope is not None:
        paths &= result.index_scope
    return len(paths)


def _render(items, today: dt.date) -> None:
    """One table per enhet, named as in organisasjon.yaml: what is due, who
    follows it up and in which document; then where those documents lie.
    Long words fold rather than being cut, so nothing is lost at 80 columns."""
    from itertools import groupby

    from rich.cells import cell_len

    from ikros.deadlines import LABELS

    console = stdout(wrap=True)
    for enhet, group in groupby(items, key=lambda i: i.enhet):
        rows = list(group)
        name = rows[0].enhet_name
        title = escape(name) if name == enhet else f"{escape(name)} [dim]({escape(enhet)})[/dim]"
        table = Table(title=title, title_justify="default", title_style="bold")
        table.add_column("Dato", no_wrap=True)
        table.add_column("Hva", overflow="fold")
        table.add_column("Ansvarlig", overflow="fold")
        table.add_column("Dokument", overflow="fold")
        files: dict[str, str] = {}
        for item in rows:
            d = item.deadline
            date = f"[bold red]{d.date}\nforfalt[/]" if d.date < today else str(d.date)
            table.add_row(
                date,
                f"[bold]{LABELS[d.kind]}[/bold] {escape(d.what)}",
                escape(d.who) if d.who else "[dim]ikke oppgitt[/dim]",
                escape(item.document),
            )
            files.setdefault(item.document, item.path)
        fit(console, table)
        console.print(table)
        for document, path in files.items():
            line = f"  {document}: {path}"
            if cell_len(line) > console.width:  # the path on a line of its own, whole where it fits
                line = f"  {document}:\n    {path}"
            console.print(escape(line), style="dim")
        console.print()
