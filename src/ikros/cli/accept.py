"""`ikros accept`: record who accepted a hendelse's residual risk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.markup import escape

from ikros.cli.output import context_or_fail, fail, stderr
from ikros.oserrors import describe
from ikros.roles import Rolle


def command(
    file: Path = typer.Argument(..., help="ROS-analysen (YAML-filen)."),
    hendelse: str = typer.Argument(..., help="Id-en til hendelsen, for eksempel H3."),
    av: str = typer.Option(None, "--av", help="Navnet på den som aksepterer."),
    rolle: Rolle = typer.Option(
        ..., "--rolle", help="Rollen i fullmaktsstigen, for eksempel kommunalområdedirektør."
    ),
    til: dt.datetime = typer.Option(
        None, "--til", formats=["%Y-%m-%d"], help="Aksepten gjelder til (ÅÅÅÅ-MM-DD)."
    ),
    begrunnelse: str = typer.Option(
        None, "--begrunnelse", help="Hvorfor restrisikoen kan aksepteres."
    ),
    dato: dt.datetime = typer.Option(
        None, "--dato", formats=["%Y-%m-%d"], help="Datoen for aksepten. Standard: i dag."
    ),
) -> None:
    """Skriv `aksept` med fingeravtrykk for en hendelse, rett i filen.

    Resten av filen (kommentarer, rekkefølge, formatering) blir stående
    uendret, og filen skrives atomisk. Nekter hvis rollen ikke kan
    akseptere risiko i hendelsens sone.
    """
    from ikros.engine.repository import today_from_env
    from ikros.load.atomic import write_atomic
    from ikros.load.discover import NoRootError, find_root
    from ikros.risk.accept import Acceptance, AcceptError, accept

    try:
        raw = file.read_bytes()
    except OSError as exc:
        fail(f"Kan ikke lese {escape(str(file))}: {describe(exc)}.")
    try:
        root = find_root(file)
    except NoRootError:
        fail(f"Fant ingen ikros.yaml over {escape(str(file))}.")
    ctx = context_or_fail(root)
    request = Acceptance(
        hendelse=hendelse,
        navn=av,
        rolle=rolle,
        dato=(dato.date() if dato else today_from_env()),
        gjelder_til=til.date() if til else None,
        begrunnelse=begrunnelse,
    )
    try:
        result = accept(raw, str(file), ctx, request)
    except AcceptError as exc:
        fail(escape(str(exc)), code=1)
    write_atomic(file, result.text)
    what = "Erstattet aksepten" if result.replaced else "Skrev aksept"
    stderr().print(
        f"{what} for {hendelse} i {escape(str(file))} (sone {result.zone}, fingeravtrykk {result.fingerprint}).",
        markup=False,
    )
