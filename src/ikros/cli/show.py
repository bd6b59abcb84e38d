"""`ikros show`: one analysis in the terminal, for the person who wrote it."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.output import context_or_fail, escape, fail, fail_no_root, fit, stdout
from ikros.oserrors import describe


class ShowFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


_ZONE_STYLE = {"grønn": "black on green", "gul": "black on yellow", "rød": "white on red"}
_RANK_STYLE = [
    "black on green",
    "black on yellow",
    "black on dark_orange",
    "white on red",
    "white on magenta",
]
_STATE = {
    "ikke_nødvendig": "ikke nødvendig",
    "mangler": "[bold red]MANGLER[/]",
    "akseptert": "[green]akseptert[/]",
    "utdatert": "[bold red]UTDATERT[/]",
    "utløpt": "[bold red]UTLØPT[/]",
    "uten_fingeravtrykk": "[yellow]uten fingeravtrykk[/]",
    "for_lav_rolle": "[bold red]FOR LAV ROLLE[/]",
}


def zone_style(zone_id: str, rank: int, count: int) -> str:
    if zone_id in _ZONE_STYLE:
        return _ZONE_STYLE[zone_id]
    position = round(rank * (len(_RANK_STYLE) - 1) / max(count - 1, 1))
    return _RANK_STYLE[position]


# What `show` says about a document that is not a ROS, and where to look instead.
_NOT_ROS = {
    "konfig/1": (
        "kommunens konfigurasjon (ikros: konfig/1)",
        "Risikometodene i den ser du med `ikros methods`.",
    ),
    "organisasjon/1": (
        "kommunens organisasjon (ikros: organisasjon/1)",
        "Fristene for en enhet ser du med `ikros due --enhet ID`.",
    ),
    "internkontroll/1": (
        "en beskrivelse av internkontrollen (ikros: internkontroll/1)",
        "Fristene i den (revisjoner, rutiner og tilsyn) ser du med `ikros due`, og feil i den "
        "med `ikros validate`.",
    ),
}
# Findings that mean the file holds no ikros document at all.
_NO_DOCUMENT = {"tom-fil", "ikke-dokument"}


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    # Read by the command, which says why it cannot (Click only «kan ikke leses»).
    fil: Path = typer.Argument(..., readable=False, help="ROS-analysen (YAML-filen)."),
    format: ShowFormat = typer.Option(ShowFormat.TEXT, "--format", "-f", help="text eller json."),
) -> None:
    """Vis én ROS-analyse: risikomatrisene før og etter tiltak, hendelsene og de åpne tiltakene.

    Avslutningskode 0 når analysen er vist, 1 når filen er en ROS-analyse med feil
    (kjør `ikros validate`), 2 når filen ikke er en ROS-analyse eller ikke
    kan leses.
    """
    from ikros.engine.document import process
    from ikros.engine.repository import today_from_env
    from ikros.load.discover import NoRootError, find_root, is_inside
    from ikros.load.read import read_file
    from ikros.model.ros import Ros
    from ikros.risk.summary import summarize

    try:
        raw = read_file(str(fil))
        # The repository that holds the file as written, as validate finds it.
        root = find_root(fil, follow_links=False)
    except OSError as exc:
        fail(f"Kan ikke lese {escape(str(fil))}: {describe(exc)}.")
    except NoRootError:
        fail_no_root(fil)
    if not is_inside(str(fil), os.path.realpath(root)):
        fail(
            f"{escape(str(fil))} fører via en symbolsk lenke til {escape(os.path.realpath(fil))}, "
            f"som ligger utenfor mappen med ikros.yaml ({escape(str(root))}); ikros leser den "
            "ikke. Legg filen i mappen i stedet for å lenke til den."
        )
    ctx = context_or_fail(root)
    result = process(raw, str(fil), ctx)
    if not isinstance(result.model, Ros):
        _not_shown(fil, result)
    ros = result.model
    matrix = ctx.matrices.get(ros.metode or ctx.default_method)
    if matrix is None:  # an unknown `metode`: the file's own finding says where
        _not_shown(fil, result)
    data = summarize(ros, matrix, today_from_env(), ctx.review_months)
    if format is ShowFormat.JSON:
        from ikros.printable import json_text

        stdout().print(json_text(data, indent=2), markup=False)
        return
    _render(data, matrix, _unit_name(root, ctx, ros.enhet))


def _not_shown(file: Path, result) -> None:
    """Exit with what the file is: 2 for a document of another kind or no
    document at all (the wrong file was given), 1 for a ROS (or a file that
    may be one) with errors."""
    kind = result.facts.kind if result.facts else None
    errors = [d for d in result.diagnostics if d.is_error]
    shows = (
        "`ikros show` viser risikomatrisene, hendelsene og de åpne tiltakene i én "
        "ROS-analyse, en fil som starter med `ikros: ros/1`."
    )
    if kind in _NOT_ROS:
        what, elsewhere = _NOT_ROS[kind]
        fail(f"{escape(str(file))} er {what}, ikke en ROS-analyse. {shows} {elsewhere}", code=2)
    if kind is None and not (errors and errors[0].code not in _NO_DOCUMENT):
        fail(
            f"{escape(str(file))} er ikke et ikros-dokument: den starter ikke med en linje som "
            f"`ikros: ros/1`. {shows}",
            code=2,
        )
    where = (
        f" ({errors[0].path}:{errors[0].line}:{errors[0].column}: {errors[0].message})"
        if errors
        else ""
    )
    fail(
        f"{escape(str(file))} er ikke en gyldig ROS-analyse{escape(where)}. Kjør `ikros validate`.",
        code=1,
    )


def _unit_name(root: Path, ctx, enhet: str) -> str:
    """The enhet's name from organisasjon.yaml; its id when the file cannot say."""
    from ikros.engine.document import process
    from ikros.load.read import read_file

    try:
        raw = read_file(str(root / "organisasjon.yaml"))
    except OSError:
        return enhet
    facts = process(raw, "organisasjon.yaml", ctx).facts
    units = {u.id: u.name for u in facts.units} if facts else {}
    return units.get(enhet, enhet)


def _render(data: dict, matrix, enhet_name: str) -> None:
    out = stdout(wrap=True)  # wrapped at the terminal's width, never cut
    line = out.print
    line(f"[bold]{escape(data['id'])}: {escape(data['tittel'])}[/bold]")
    enhet = escape(data["enhet"])
    if enhet_name != data["enhet"]:
        enhet = f"{escape(enhet_name)} ({enhet})"
    line(f"Enhet {enhet} · eier {escape(data['eier'] or '–')}")
    line(
        f"Type {escape(data['type'])} · {escape(data['omfang_type'])} · "
        f"status {escape(data['status'])} · {escape(data['klassifisering'])}"
    )
    late = " [bold red](forfalt)[/]" if data["revisjon_forfalt"] else ""
    line(
        f"Gjennomført {data['dato']} · neste revisjon {data['neste_revisjon'] or '–'}{late} · "
        f"metode {escape(matrix.name)} ({escape(matrix.id)})"
    )
    out.print()
    _matrices(out, data, matrix)
    out.print()
    table = Table(title="Hendelser", title_justify="default", title_style="bold")
    table.add_column("Id", no_wrap=True)
    table.add_column("Hendelse", overflow="fold")
    for column in ("Iboende", "Nå", "Rest"):
        table.add_column(column, overflow="fold")
    table.add_column("Aksept", overflow="fold")
    for h in data["hendelser"]:
        if "feil" in h:
            table.add_row(escape(h["id"]), escape(h["tittel"]), "–", "–", "–", escape(h["feil"]))
            continue
        cells = []
        for key in ("iboende", "nåværende", "rest"):
            r = h[key]
            zone = matrix.zone_by_id(r["sone"])
            style = zone_style(zone.id, zone.rank, len(matrix.zones))
            cells.append(f"[{style}]{r['risiko']:>2} {escape(zone.id)}[/]")
        state = _STATE[h["aksept"]]
        if h["aksept_kreves_av"] and h["aksept"] != "akseptert":
            state += f" ({escape(h['aksept_kreves_av'])})"
        table.add_row(escape(h["id"]), escape(h["tittel"]), *cells, state)
    fit(out, table)
    out.print(table)
    if data["åpne_tiltak"]:
        out.print()
        tiltak = Table(title="Åpne tiltak", title_justify="default", title_style="bold")
        tiltak.add_column("Frist", overflow="fold")
        tiltak.add_column("Tiltak (hendelse)", overflow="fold")
        tiltak.add_column("Ansvarlig", overflow="fold")
        tiltak.add_column("Status", overflow="fold")
        for t in data["åpne_tiltak"]:
            frist = t["frist"] or "–"
            if t["forfalt"]:
                frist = f"[bold red]{frist} forfalt[/]"
            tiltak.add_row(
                frist,
                f"[bold]{escape(t['id'])}[/bold] ({escape(t['hendelse'])}): "
                f"{escape(t['beskrivelse'])}",
                escape(t["ansvarlig"] or "–"),
                escape(t["status"]),
            )
        fit(out, tiltak)
        out.print(tiltak)


def _natural_width(out, renderable) -> int:
    from rich.measure import Measurement

    return Measurement.get(out, out.options.update_width(10**6), renderable).maximum


def _matrices(out, data: dict, matrix) -> None:
    """Before and after tiltak side by side where the terminal is wide
    enough, else one above the other; a matrix still too wide is drawn
    tighter, then with its zones shortened: a matrix is never cut."""
    for compact in (0, 1, 2):
        labels = _zone_labels(matrix, short=compact == 2)
        before = _matrix(
            "Før tiltak (iboende risiko)", data["matrise"]["før"], matrix, labels, compact
        )
        after = _matrix(
            "Etter tiltak (restrisiko)", data["matrise"]["etter"], matrix, labels, compact
        )
        pair = Table.grid(padding=(0, 2))
        pair.add_row(before, after)
        if compact == 0 and _natural_width(out, pair) <= out.width:
            out.print(pair)
            break
        if _natural_width(out, before) <= out.width or compact == 2:
            out.print(before)
            out.print()
            out.print(after)
            break
    legend = ""
    if compact == 2:
        legend = (
            " Sonene: "
            + ", ".join(f"{escape(labels[z.id])} er {escape(z.id)}" for z in matrix.zones)
            + "."
        )
    out.print(
        "[dim]S er sannsynlighet, K er konsekvens (hendelsens høyeste nivå). "
        f"Hver rute viser hendelsene i den og sonen.{legend}[/dim]",
    )


def _zone_labels(matrix, short: bool) -> dict[str, str]:
    """Each zone's id, or its shortest prefix that tells the zones apart."""
    ids = [z.id for z in matrix.zones]
    if not short:
        return {z: z for z in ids}
    for n in range(1, max(len(z) for z in ids) + 1):
        if len({z[:n] for z in ids}) == len(ids):
            return {z: z[:n] for z in ids}
    return {z: z for z in ids}


def _matrix(title: str, cells: list[dict], matrix, labels: dict[str, str], compact: int) -> Table:
    """S from highest to lowest down, K from 1 to n across; each cell shows
    its zone and the hendelser placed in it."""
    placed = {(c["sannsynlighet"], c["konsekvens"]): c["hendelser"] for c in cells}
    k_levels = max(matrix.dimensions.values())
    table = Table(
        title=title, title_justify="default", show_lines=True, padding=(0, 0 if compact else 1)
    )
    table.add_column("S \\ K", justify="right", no_wrap=True)
    for k in range(1, k_levels + 1):
        # Folded, never cut with `…`, where an id is wider than the column.
        table.add_column(
            str(k), justify="center", min_width=None if compact else 7, overflow="fold"
        )
    for s in range(matrix.likelihood_levels, 0, -1):
        row = [str(s)]
        for k in range(1, k_levels + 1):
            zone = matrix.zone_of(s, k)
            style = zone_style(zone.id, zone.rank, len(matrix.zones))
            ids = " ".join(placed.get((s, k), []))
            row.append(
                f"[{style}]{escape(ids) if ids else '·'}[/]\n[dim]{escape(labels[zone.id])}[/dim]"
            )
        table.add_row(*row)
    return table
