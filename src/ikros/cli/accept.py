"""`ikros accept`: record who accepted a hendelse's residual risk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from ikros.cli.options import DATE_METAVAR, Date, Text, bad_value
from ikros.cli.output import context_or_fail, escape, fail, fail_no_root, stderr
from ikros.printable import visible
from ikros.roles import Rolle, find_step
from ikros.suggest import and_list, did_you_mean


def command(
    # Typer shows a positional argument by its Python name: these are bokmål.
    # Read by the command, which says why it cannot (Click only «kan ikke leses»).
    fil: Path = typer.Argument(..., readable=False, help="ROS-analysen (YAML-filen)."),
    hendelse: str = typer.Argument(..., help="Id-en til hendelsen, for eksempel H3."),
    av: str = typer.Option(
        ...,
        "--av",
        metavar="NAVN",
        click_type=Text('Skriv navnet på den som aksepterer, for eksempel --av "Kari Nordmann".'),
        help="Navnet på den som aksepterer.",
    ),
    rolle: str = typer.Option(
        ...,
        "--rolle",
        metavar="ROLLE",
        help="Rollen til den som aksepterer: et trinn i fullmaktsstigen, for eksempel "
        "enhetsleder, kommunalområdedirektør eller kommunedirektør.",
    ),
    begrunnelse: str = typer.Option(
        ...,
        "--begrunnelse",
        metavar="TEKST",
        click_type=Text(
            "Skriv hvorfor restrisikoen kan aksepteres, for eksempel "
            '--begrunnelse "Tiltakene er finansiert i 2027.".'
        ),
        help="Hvorfor restrisikoen kan aksepteres.",
    ),
    til: dt.date = typer.Option(
        None, "--til", metavar=DATE_METAVAR, click_type=Date(), help="Aksepten gjelder til."
    ),
    dato: dt.date = typer.Option(
        None,
        "--dato",
        metavar=DATE_METAVAR,
        click_type=Date(),
        help="Datoen for aksepten. Standard: i dag.",
    ),
) -> None:
    """Skriv `aksept` med fingeravtrykk for en hendelse, rett i filen.

    En aksept har alltid et navn (--av), en rolle (--rolle) og en
    begrunnelse (--begrunnelse). Resten av filen (kommentarer, rekkefølge,
    formatering) blir stående uendret. Nekter hvis rollen ikke kan
    akseptere risiko i hendelsens sone, hvis filen er skrivebeskyttet eller
    ligger utenfor mappen med ikros.yaml (via en symbolsk lenke), og hvis
    noen andre endrer filen samtidig.
    """
    from ikros.engine.repository import today_from_env
    from ikros.load.atomic import RewriteError, rewrite
    from ikros.load.discover import NoRootError, find_root
    from ikros.risk.accept import Acceptance, Accepted, AcceptError, accept

    try:
        # The repository the file is in as written: through a symbolic link,
        # the one that holds the link, so that a target outside it is refused.
        root = find_root(fil, follow_links=False)
    except NoRootError:
        fail_no_root(fil)
    ctx = context_or_fail(root)
    step = find_step(rolle, ctx.ladder)
    if step is None:
        bad_value("rolle", _unknown_step(rolle, ctx.ladder))
    dato = dato or today_from_env()
    if til is not None and til <= dato:
        bad_value("til", f"Aksepten må gjelde til en dato etter {dato} (datoen for aksepten).")
    request = Acceptance(
        hendelse=hendelse,
        navn=av,
        rolle=Rolle(step),
        dato=dato,
        gjelder_til=til,
        begrunnelse=begrunnelse,
    )
    done: list[Accepted] = []

    def transform(raw: bytes) -> bytes:
        done.append(accept(raw, str(fil), ctx, request))
        return done[-1].text

    try:
        rewrite(fil, transform, root=root)
    except AcceptError as exc:
        fail(escape(str(exc)), code=1)
    except RewriteError as exc:
        fail(escape(str(exc)))
    result = done[-1]
    what = "Erstattet aksepten" if result.replaced else "Skrev aksept"
    stderr().print(
        f"{what} for {escape(hendelse)} i {escape(str(fil))} (sone {escape(result.zone)}, "
        f"fingeravtrykk {result.fingerprint}).",
    )


def _unknown_step(rolle: str, ladder: tuple[str, ...]) -> str:
    # Plain text: Typer prints a usage error without reading markup.
    return (
        f"`{visible(rolle)}` er ikke et trinn i fullmaktsstigen.{did_you_mean(rolle, ladder, 'rollene')} "
        f"Trinnene er {and_list(list(ladder))}."
    )
