"""`ikros methods`: the risk methods a repository can use."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.options import bad_value
from ikros.cli.output import context_or_fail, escape, fail, fail_no_root, fit, stdout
from ikros.printable import visible


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    metode: str = typer.Argument(None, metavar="[ID]", help="Vis denne metoden som matrise."),
    path: Path = typer.Option(
        None,
        "--repo",
        readable=False,
        metavar="MAPPE",
        show_default=False,
        help="Mappen med ikros.yaml, eller en mappe under den. Standard: mappen du står i.",
    ),
) -> None:
    """Vis metodene (innebygde og kommunens egne), eller én av dem som risikomatrise."""
    from ikros.load.discover import NoRootError, find_root
    from ikros.risk.methods import build_matrix, method_findings, methods_for
    from ikros.suggest import and_list, did_you_mean

    konfig = None
    if path is not None and not path.exists():
        fail(f"Finner ikke {escape(str(path))}.")
    try:
        root = find_root(path or Path("."))
        konfig = context_or_fail(root).konfig
    except NoRootError:
        if path is not None:  # a folder named on purpose: never the built-ins in its place
            fail_no_root(path)
        # outside a repository: the built-in methods
    methods = methods_for(konfig)
    default = konfig.standardmetode if konfig else "enhet-5x5"
    out = stdout(wrap=True)
    if metode is None:
        table = Table(title="Metoder", title_justify="default", title_style="bold")
        table.add_column("Id", no_wrap=True)
        for column in ("Navn", "Matrise", "Dimensjoner", "Kilde"):
            table.add_column(column, overflow="fold")
        for mid, (method, loc) in methods.items():
            size = f"{len(method.sannsynlighet)} × {max(len(d.nivåer) for d in method.konsekvens)}"
            source = "ikros.yaml" if loc is not None else "innebygd"
            if method_findings(method, ()):
                source += " [red](ugyldig)[/]"
            name = escape(method.navn) + (" [dim](standard)[/]" if mid == default else "")
            table.add_row(
                escape(mid),
                name,
                size,
                "\n".join(escape(d.navn) for d in method.konsekvens),
                source,
            )
        fit(out, table)
        out.print(table)
        return
    if metode not in methods:
        # A usage error (exit 2), as Click reports one; plain text, values made visible.
        bad_value(
            "metode",
            f"Metoden `{visible(metode)}` finnes ikke.{did_you_mean(metode, methods, 'metodene')} "
            f"Metodene er {and_list(list(methods))}.",
        )
    method, _ = methods[metode]
    if problems := method_findings(method, ()):
        fail(f"Metoden `{escape(metode)}` er ugyldig: {escape(problems[0].message)}", code=1)
    m = build_matrix(method)
    _show(out, method, m)


def _show(out, method, m) -> None:
    """One method: the matrix, the zones and who accepts them, and every
    scale with its levels' names and descriptions. Wrapped, never cut."""
    from ikros.cli.show import zone_style

    out.print(f"[bold]{escape(m.name)}[/bold] ({escape(m.id)})")
    if method.beskrivelse:
        out.print(escape(method.beskrivelse))
    out.print()
    k_levels = max(m.dimensions.values())
    grid = Table(
        show_lines=True,
        title="Risikomatrise (sannsynlighet × konsekvens)",
        title_justify="default",
        title_style="bold",
    )
    grid.add_column("Sannsynlighet", justify="left", overflow="fold")
    for k in range(1, k_levels + 1):
        grid.add_column(f"K{k}", justify="center", min_width=8)
    for s in range(m.likelihood_levels, 0, -1):
        level = method.sannsynlighet[s - 1]
        cells = [f"{s} {escape(level.navn)}"]
        for k in range(1, k_levels + 1):
            zone = m.zone_of(s, k)
            style = zone_style(zone.id, zone.rank, len(m.zones))
            score = "" if m.grid else f"{s * k} "
            cells.append(f"[{style}] {score}{escape(zone.id)} [/]")
        grid.add_row(*cells)
    out.print(grid)
    out.print()
    described = any(z.beskrivelse for z in method.soner)
    zones = Table(title="Soner og aksept", title_justify="default", title_style="bold")
    zones.add_column("Sone", no_wrap=True)
    zones.add_column("Navn", overflow="fold")
    if not m.grid:
        zones.add_column("Til (S × K)", overflow="fold")
    zones.add_column("Aksepteres av", overflow="fold")
    if described:
        zones.add_column("Beskrivelse", overflow="fold")
    for zone, source in zip(m.zones, method.soner, strict=True):
        style = zone_style(zone.id, zone.rank, len(m.zones))
        row = [f"[{style}] {escape(zone.id)} [/]", escape(zone.name)]
        if not m.grid:
            row.append("" if source.til is None else str(source.til))
        row.append(escape(zone.accept_role.value if zone.accept_role else "–"))
        if described:
            row.append(escape(source.beskrivelse or ""))
        zones.add_row(*row)
    fit(out, zones)
    out.print(zones)
    out.print()
    scales = [("Sannsynlighet", None, method.sannsynlighet)]
    for dimension in method.konsekvens:
        title = f"Konsekvens: {escape(dimension.navn)} ({escape(dimension.id)})"
        scales.append((title, dimension.beskrivelse, dimension.nivåer))
    for i, (title, description, levels) in enumerate(scales):
        if i:
            out.print()
        out.print(f"[bold]{title}[/bold]")
        if description:
            out.print(escape(description))
        table = _scale(levels)
        fit(out, table)
        out.print(table)


def _scale(levels) -> Table:
    """A scale's levels, lowest first, with name and description (and the
    code and frequency per year where the method gives them)."""
    coded = any(level.kode for level in levels)
    described = any(level.beskrivelse for level in levels)
    counted = any(level.per_år is not None for level in levels)
    table = Table()
    table.add_column("Nivå", justify="right", no_wrap=True)
    if coded:
        table.add_column("Kode", no_wrap=True)
    table.add_column("Navn", overflow="fold")
    if described:
        table.add_column("Beskrivelse", overflow="fold")
    if counted:
        table.add_column("Per år", justify="right", no_wrap=True)
    for level in levels:
        row = [str(level.nivå)]
        if coded:
            row.append(escape(level.kode or ""))
        row.append(escape(level.navn))
        if described:
            row.append(escape(level.beskrivelse or ""))
        if counted:
            row.append("" if level.per_år is None else _number(level.per_år))
        table.add_row(*row)
    return table


def _number(value: float) -> str:
    """A number as written in Norwegian: decimal comma, no trailing zeros."""
    return f"{value:g}".replace(".", ",")
