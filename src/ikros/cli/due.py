"""`ikros due`: the annual wheel — what is due, and what is overdue."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.options import PERIOD_EXAMPLE, Period, bad_value
from ikros.cli.output import (
    escape,
    fail,
    fail_on_konfig_errors,
    stderr,
    stdout,
    write_output,
)
from ikros.due import Horizon
from ikros.printable import visible
from ikros.suggest import suggest


class DueFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    ICS = "ics"


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    stier: list[Path] = typer.Argument(
        None,
        help="Mapper eller filer å ta med. Standard: alle dokumentene under mappen med ikros.yaml.",
    ),
    innen: Horizon = typer.Option(
        "30d",
        "--innen",
        metavar="PERIODE",
        click_type=Period(),
        help=f"Hvor langt fram: {PERIOD_EXAMPLE}. Måneder og år følger kalenderen. "
        "Forfalte frister tas alltid med.",
    ),
    enhet: str = typer.Option(
        None,
        "--enhet",
        metavar="ENHET",
        help="Bare denne enheten eller dette området: id-en eller navnet i organisasjon.yaml.",
    ),
    format: DueFormat = typer.Option(
        DueFormat.TEXT, "--format", "-f", help="text, json eller ics (kalender)."
    ),
    out: Path = typer.Option(
        None, "--out", "-o", metavar="FIL", help="Skriv til en fil i stedet for til skjermen."
    ),
    fail_on_overdue: bool = typer.Option(
        False, "--fail-on-overdue", help="Avslutningskode 1 hvis noe er forfalt."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ikke bruk hurtigbufferen."),
) -> None:
    """Årshjulet: revisjoner, tiltak, aksepter og tilsyn som forfaller, gruppert per enhet.

    Med --format ics skrives en kalenderfil (iCalendar) som kan importeres i Outlook.
    """
    from ikros.due import collect, ics
    from ikros.engine.repository import Settings, run, today_from_env
    from ikros.load.discover import NoRootError
    from ikros.printable import json_text

    today = today_from_env()
    last = innen.last_day(today)
    try:
        settings = Settings(
            paths=tuple(stier or ()),
            cwd=Path.cwd(),
            use_cache=not no_cache,
            today=today,
            deadlines_until=last,
        )
        result = run(settings)
    except NoRootError as exc:
        fail(f"Fant ingen ikros.yaml i {escape(str(exc.start))} eller mappene over.")
    fail_on_konfig_errors(result.config_errors)
    all_units = [u for doc in result.index for u in doc.facts.units]
    units = {u.id: u.parent for u in all_units}
    if enhet is not None:
        enhet = _unit_id(enhet, all_units)
    items = collect(result.in_scope(), last, enhet, units)
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
        f"{len(items)} {'frist' if len(items) == 1 else 'frister'} innen {innen.words()} "
        f"(til og med {last.isoformat()}), {len(overdue)} forfalt.",
        markup=False,
    )
    if skipped := _with_errors(result):
        stderr().print(
            f"[yellow]advarsel:[/yellow] {skipped} {'fil' if skipped == 1 else 'filer'} med feil "
            "er ikke med, fordi fristene ikke kan leses ut av dem. Kjør `ikros validate`.",
        )
    if fail_on_overdue and overdue:
        raise typer.Exit(1)


def _unit_id(wanted: str, units) -> str:
    """The id of the enhet or område `wanted` names by id or by name, in
    any case; a usage error with the nearest id where none matches."""
    if wanted == "kommune" or any(u.id == wanted for u in units):
        return wanted
    key = wanted.strip().casefold()
    for field in ("id", "name"):
        found = sorted({u.id for u in units if getattr(u, field).strip().casefold() == key})
        if len(found) == 1:
            return found[0]
        if found:
            bad_value(
                "enhet",
                f"`{visible(wanted)}` er navnet på flere enheter og områder "
                f"({', '.join(visible(i) for i in found)}); bruk id-en.",
            )
    ids = sorted({u.id for u in units})
    names = {u.name: u.id for u in units}
    guess = suggest(wanted, [*ids, *names])
    hint = f" Mente du `{visible(names.get(guess, guess))}`?" if guess else ""
    bad_value(
        "enhet",
        f"Fant ingen enhet eller område `{visible(wanted)}` i organisasjon.yaml.{hint}",
    )


def _with_errors(result) -> int:
    """Files in scope whose errors keep their deadlines out: `due` must not
    drop a document silently."""
    paths = {d.path for d in result.diagnostics if d.is_error}
    if result.index_scope is not None:
        paths &= result.index_scope
    return len(paths)


def _render(items, today: dt.date) -> None:
    from ikros.deadlines import LABELS

    console = stdout()
    current = None
    table = None
    for item in items:
        if item.enhet != current:
            if table is not None:
                console.print(table)
            current = item.enhet
            table = Table(title=f"Enhet: {escape(current)}", title_justify="left")
            for column in ("Dato", "Hva", "Frist for", "Dokument"):
                table.add_column(column)
        d = item.deadline
        date = f"[bold red]{d.date} forfalt[/]" if d.date < today else str(d.date)
        table.add_row(
            date, LABELS[d.kind], escape(d.what), escape(f"{item.document} ({item.path})")
        )
    if table is not None:
        console.print(table)
