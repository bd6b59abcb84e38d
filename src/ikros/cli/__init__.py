"""The command line: the only layer that prints and picks exit codes.

Exit codes are a contract: 0 clean, 1 findings (errors, or warnings under
--strict), 2 usage or configuration error.
"""

from __future__ import annotations

import typer

from ikros import __version__
from ikros.cli import accept, due, methods, schema, show, validate

app = typer.Typer(
    name="ikros",
    help="Internkontroll og ROS-analyser som kode: sjekk, beregn og rapporter.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    # A crash shows the error, never the values of local variables: those
    # may hold the contents of confidential analyses.
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ikros {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Vis versjonen og avslutt."
    ),
) -> None:
    """Internkontroll og ROS-analyser som kode for norske kommuner."""


app.command("validate")(validate.command)
app.command("schema")(schema.command)
app.command("accept")(accept.command)
app.command("show")(show.command)
app.command("due")(due.command)
app.command("methods")(methods.command)


def main() -> None:
    app()
