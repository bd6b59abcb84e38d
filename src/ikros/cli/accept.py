"""`ikros accept`: record who accepted a hendelse's residual risk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from ikros.cli.output import context_or_fail, escape, fail, stderr
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
    akseptere risiko i hendelsens sone, hvis filen er skrivebeskyttet eller
    ligger utenfor repoet (via en symbolsk lenke), og hvis noen andre endrer
    filen samtidig.
    """
    from ikros.engine.repository import today_from_env
    from ikros.load.atomic import RewriteError, rewrite
    from ikros.load.discover import NoRootError, find_root
    from ikros.risk.accept import Acceptance, Accepted, AcceptError, accept

    try:
        # The repository the file is in as written: through a symbolic link,
        # the one that holds the link, so that a target outside it is refused.
        root = find_root(file, follow_links=False)
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
    done: list[Accepted] = []

    def transform(raw: bytes) -> bytes:
        done.append(accept(raw, str(file), ctx, request))
        return done[-1].text

    try:
        rewrite(file, transform, root=root)
    except AcceptError as exc:
        fail(escape(str(exc)), code=1)
    except RewriteError as exc:
        fail(escape(str(exc)))
    result = done[-1]
    what = "Erstattet aksepten" if result.replaced else "Skrev aksept"
    stderr().print(
        f"{what} for {escape(hendelse)} i {escape(str(file))} (sone {escape(result.zone)}, "
        f"fingeravtrykk {result.fingerprint}).",
    )
