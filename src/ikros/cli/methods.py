"""`ikros methods`: the risk methods a repository can use."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ikros.cli.output import context_or_fail, escape, fail, stdout


def command(
    # Typer shows a positional argument by its Python name: this one is bokmål.
    metode: str = typer.Argument(None, metavar="[ID]", help="Vis denne metoden som matrise."),
    path: Path = typer.Option(
        Path("."),
        "--repo",
        metavar="MAPPE",
        show_default=False,
        help="Mappen med ikros.yaml, eller en mappe under den. Standard: mappen du står i.",
    ),
) -> None:
    """Vis metodene (innebygde og kommunens egne), eller én av dem som risikomatrise."""
    from ikros.cli.show import zone_style
    from ikros.load.discover import NoRootError, find_root
    from ikros.risk.methods import build_matrix, method_findings, methods_for
    from ikros.suggest import did_you_mean

    konfig = None
    try:
        root = find_root(path)
        konfig = context_or_fail(root).konfig
    except NoRootError:
        pass  # outside a repository: the built-in methods
    methods = methods_for(konfig)
    default = konfig.standardmetode if konfig else "enhet-5x5"
    out = stdout()
    if metode is None:
        table = Table(title="Metoder", title_justify="left")
        for column in ("Id", "Navn", "Matrise", "Dimensjoner", "Kilde"):
            table.add_column(column)
        for mid, (method, loc) in methods.items():
            size = f"{len(method.sannsynlighet)} × {max(len(d.nivåer) for d in method.konsekvens)}"
            source = "ikros.yaml" if loc is not None else "innebygd"
            if method_findings(method, ()):
                source += " [red](ugyldig)[/]"
            name = escape(method.navn) + (" [dim](standard)[/]" if mid == default else "")
            table.add_row(
                escape(mid), name, size, escape(", ".join(d.id for d in method.konsekvens)), source
            )
        out.print(table)
        return
    if metode not in methods:
        fail(
            f"Metoden `{escape(metode)}` finnes ikke.{escape(did_you_mean(metode, methods))}",
            code=1,
        )
    method, _ = methods[metode]
    if problems := method_findings(method, ()):
        fail(f"Metoden `{escape(metode)}` er ugyldig: {escape(problems[0].message)}", code=1)
    m = build_matrix(method)
    out.print(f"[bold]{escape(m.name)}[/bold] ({escape(m.id)})")
    if method.beskrivelse:
        out.print(escape(method.beskrivelse))
    k_levels = max(m.dimensions.values())
    grid = Table(
        show_lines=True, title="Risikomatrise (sannsynlighet × konsekvens)", title_justify="left"
    )
    grid.add_column("Sannsynlighet", justify="left")
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
    zones = Table(title="Soner og aksept", title_justify="left")
    for column in ("Sone", "Navn", "Til (S × K)", "Aksepteres av"):
        zones.add_column(column)
    for zone, source in zip(m.zones, method.soner, strict=True):
        style = zone_style(zone.id, zone.rank, len(m.zones))
        zones.add_row(
            f"[{style}] {escape(zone.id)} [/]",
            escape(zone.name),
            "" if source.til is None else str(source.til),
            escape(zone.accept_role.value if zone.accept_role else "–"),
        )
    out.print(zones)
    dims = Table(title="Konsekvensdimensjoner", title_justify="left")
    dims.add_column("Id")
    dims.add_column("Navn")
    for d in method.konsekvens:
        dims.add_row(escape(d.id), escape(d.navn))
    out.print(dims)
