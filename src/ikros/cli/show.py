"""`ikros show`: one analysis in the terminal, for the person who wrote it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.output import context_or_fail, escape, fail, stdout
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


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    fil: Path = typer.Argument(..., help="ROS-analysen (YAML-filen)."),
    format: ShowFormat = typer.Option(ShowFormat.TEXT, "--format", "-f", help="text eller json."),
) -> None:
    """Vis én analyse: risikomatrise før og etter tiltak, hendelser og åpne tiltak."""
    from ikros.engine.document import process
    from ikros.engine.repository import today_from_env
    from ikros.load.discover import NoRootError, find_root
    from ikros.load.read import read_file
    from ikros.model.ros import Ros
    from ikros.risk.summary import summarize

    try:
        raw = read_file(str(fil))
        root = find_root(fil)
    except OSError as exc:
        fail(f"Kan ikke lese {escape(str(fil))}: {describe(exc)}.")
    except NoRootError:
        fail(f"Fant ingen ikros.yaml over {escape(str(fil))}.")
    ctx = context_or_fail(root)
    result = process(raw, str(fil), ctx)
    if not isinstance(result.model, Ros):
        errors = [d for d in result.diagnostics if d.is_error]
        where = (
            f" ({errors[0].path}:{errors[0].line}:{errors[0].column}: {errors[0].message})"
            if errors
            else ""
        )
        fail(
            f"{escape(str(fil))} er ikke en gyldig ROS-analyse{escape(where)}. Kjør `ikros validate`.",
            code=1,
        )
    ros = result.model
    matrix = ctx.matrices.get(ros.metode or ctx.default_method)
    if matrix is None:
        fail(
            f"Metoden `{escape(ros.metode or ctx.default_method)}` finnes ikke eller er ugyldig.",
            code=1,
        )
    data = summarize(ros, matrix, today_from_env(), ctx.review_months)
    if format is ShowFormat.JSON:
        from ikros.printable import json_text

        stdout().print(json_text(data, indent=2), markup=False)
        return
    _render(data, matrix)


def _render(data: dict, matrix) -> None:
    out = stdout()
    out.print(f"[bold]{escape(data['id'])}: {escape(data['tittel'])}[/bold]")
    out.print(
        f"{escape(data['type'])} · {escape(data['omfang_type'])} · enhet {escape(data['enhet'])} · "
        f"status {escape(data['status'])} · {escape(data['klassifisering'])} · eier {escape(data['eier'] or '')}"
    )
    late = " [bold red](forfalt)[/]" if data["revisjon_forfalt"] else ""
    out.print(
        f"Gjennomført {data['dato']} · neste revisjon {data['neste_revisjon'] or '–'}{late} · "
        f"metode {escape(matrix.name)} ({escape(matrix.id)})"
    )
    out.print()
    grids = Table.grid(padding=(0, 4))
    grids.add_row(
        _matrix("Før tiltak (iboende)", data["matrise"]["før"], matrix),
        _matrix("Etter tiltak (rest)", data["matrise"]["etter"], matrix),
    )
    out.print(grids)
    out.print()
    table = Table(title="Hendelser", title_justify="left", show_lines=False)
    for column in ("Id", "Hendelse", "Iboende", "Nå", "Rest", "Aksept"):
        table.add_column(column)
    for h in data["hendelser"]:
        if "feil" in h:
            table.add_row(escape(h["id"]), escape(h["tittel"]), "–", "–", "–", escape(h["feil"]))
            continue
        cells = []
        for key in ("iboende", "nåværende", "rest"):
            r = h[key]
            zone = matrix.zone_by_id(r["sone"])
            style = zone_style(zone.id, zone.rank, len(matrix.zones))
            cells.append(f"[{style}] {r['risiko']:>2} {escape(zone.id)} [/]")
        state = _STATE[h["aksept"]]
        if h["aksept_kreves_av"] and h["aksept"] != "akseptert":
            state += f" ({escape(h['aksept_kreves_av'])})"
        table.add_row(escape(h["id"]), escape(h["tittel"]), *cells, state)
    out.print(table)
    if data["åpne_tiltak"]:
        out.print()
        tiltak = Table(title="Åpne tiltak", title_justify="left")
        for column in ("Frist", "Id", "Hendelse", "Tiltak", "Ansvarlig", "Status"):
            tiltak.add_column(column)
        for t in data["åpne_tiltak"]:
            frist = t["frist"] or "–"
            if t["forfalt"]:
                frist = f"[bold red]{frist} forfalt[/]"
            tiltak.add_row(
                frist,
                escape(t["id"]),
                escape(t["hendelse"]),
                escape(t["beskrivelse"]),
                escape(t["ansvarlig"] or "–"),
                escape(t["status"]),
            )
        out.print(tiltak)


def _matrix(title: str, cells: list[dict], matrix) -> Table:
    """S from highest to lowest down, K from 1 to n across; each cell shows
    its zone and the hendelser placed in it."""
    placed = {(c["sannsynlighet"], c["konsekvens"]): c["hendelser"] for c in cells}
    k_levels = max(matrix.dimensions.values())
    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column("S \\ K", justify="right")
    for k in range(1, k_levels + 1):
        table.add_column(str(k), justify="center", min_width=7)
    for s in range(matrix.likelihood_levels, 0, -1):
        row = [str(s)]
        for k in range(1, k_levels + 1):
            zone = matrix.zone_of(s, k)
            style = zone_style(zone.id, zone.rank, len(matrix.zones))
            ids = " ".join(placed.get((s, k), []))
            row.append(f"[{style}]{escape(ids) if ids else '·'}[/]\n[dim]{escape(zone.id)}[/dim]")
        table.add_row(*row)
    return table
