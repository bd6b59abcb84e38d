"""`ikros due`: the annual wheel — what is due, and what is overdue."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ikros.checks.facts import Unit
from ikros.cli.options import PERIOD_EXAMPLE, Period, Text, bad_value
from ikros.cli.output import (
    escape,
    fail_no_root,
    fail_on_empty_paths,
    fail_on_konfig_errors,
    fail_on_missing_paths,
    fit,
    stderr,
    stdout,
    write_output,
)
from ikros.due import KOMMUNE, WHOLE_KOMMUNE, Horizon
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
        readable=False,  # ikros reads them and says why it cannot (ulesbar)
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
        click_type=Text(
            "Skriv id-en eller navnet på en enhet eller et område, for eksempel "
            "--enhet lia-barnehage."
        ),
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

    Hver frist vises med hvem som følger den opp: tiltakets ansvarlige,
    rutinens eier, ellers dokumentets eier. Med --format ics skrives en
    kalenderfil (iCalendar) som kan importeres i Outlook.
    """
    from ikros.due import collect, ics
    from ikros.engine.repository import Settings, run, today_from_env
    from ikros.load.discover import NoRootError
    from ikros.printable import json_text

    today = today_from_env()
    last = innen.last_day(today)
    settings = Settings(
        paths=tuple(stier or ()),
        cwd=Path.cwd(),
        use_cache=not no_cache,
        today=today,
        deadlines_until=last,
    )
    fail_on_missing_paths(settings.paths, settings.cwd)
    try:
        result = run(settings)
    except NoRootError as exc:
        fail_no_root(exc.start)
    fail_on_konfig_errors(result.config_errors)
    fail_on_empty_paths(result.empty_paths)
    all_units = [u for doc in result.index for u in doc.facts.units]
    units = {u.id: u.parent for u in all_units}
    if enhet is not None:
        enhet = _unit_id(enhet, all_units)
    names = {u.id: u.name for u in all_units}
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
        f"{len(items)} {'frist' if len(items) == 1 else 'frister'} innen {innen.words()} "
        f"(til og med {last.isoformat()}), {len(overdue)} forfalt.",
        markup=False,
    )
    if skipped := _left_out(result):
        one = skipped == 1
        stderr().print(
            f"[yellow]advarsel:[/yellow] {skipped} {'fil' if one else 'filer'} med feil "
            f"er ikke med, fordi fristene ikke kan leses ut av {'den' if one else 'dem'}. "
            "Kjør `ikros validate`.",
        )
    if fail_on_overdue and overdue:
        raise typer.Exit(1)


def _unit_id(wanted: str, units) -> str:
    """The id of the enhet or område `wanted` names by id or by name, in
    any case; a usage error with the nearest id where none matches."""
    if any(u.id == wanted for u in units):
        return wanted
    known = bool(units)
    # What `gjelder: kommune` names: due shows it as an enhet of its own.
    units = [*units, Unit(KOMMUNE, "enhet", WHOLE_KOMMUNE, None, ())]
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
    if not known:  # nothing to look in: not «no such enhet»
        bad_value(
            "enhet",
            "ikros kjenner ingen enheter: organisasjon.yaml mangler eller kan ikke leses. "
            "Kjør `ikros validate`.",
        )
    ids = sorted({u.id for u in units})
    names = {u.name: u.id for u in units}
    guess = suggest(wanted, [*ids, *names])
    hint = f" Mente du `{visible(names.get(guess, guess))}`?" if guess else ""
    bad_value(
        "enhet",
        f"Fant ingen enhet eller område `{visible(wanted)}` i organisasjon.yaml.{hint}",
    )


def _left_out(result) -> int:
    """Files in scope whose errors keep their deadlines out (no document,
    or one whose errors keep it from being read): `due` must not drop a
    document silently, nor say it left out one it shows."""
    from ikros.checks.facts import UNREAD

    paths = {d.path for d in result.diagnostics if d.is_error}
    paths -= {d.source.display for d in result.index if not d.facts.extra.get(UNREAD)}
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
            if cell_len(line) <= console.width:
                console.print(escape(line), style="dim")
            else:  # the path on a line of its own, whole where it fits
                console.print(escape(f"  {document}:"), style="dim")
                console.print(escape(f"    {path}"), style="dim")
        console.print()
