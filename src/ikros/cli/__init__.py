"""The command line: the only layer that prints and picks exit codes.

Exit codes are a contract: 0 clean, 1 findings (errors, or warnings under
--strict), 2 usage, configuration or operating-system error, 3 an internal
error in ikros (a bug), never 1, which would read as findings.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import NoReturn

import click
import typer
from typer.core import TyperCommand, TyperGroup

from ikros import __version__
from ikros.cli import accept, due, methods, norsk, schema, show, validate
from ikros.cli.output import EXIT_INTERNAL, EXIT_USAGE, escape, stderr
from ikros.errors import UserError

norsk.install()


def _with_usage(parse_args):
    """Click's parser raises some usage errors (an option without its
    value, a flag given one) without the command: give them it, so that
    they show the usage line and where to find help, like the others."""

    def parse(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return parse_args(self, ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    return parse


class _Command(TyperCommand):
    """A command whose help is in bokmål."""

    parse_args = _with_usage(TyperCommand.parse_args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        norsk.rich_texts()
        super().format_help(ctx, formatter)


class _Guarded(TyperGroup):
    """Every command runs inside one guard: an OS error that a command did
    not handle (a closed or full standard output, say) is a Norwegian
    message and exit 2, and any other exception is an internal error with
    exit 3. Standard output is flushed inside the guard, so an error
    writing it is caught here, not at interpreter exit.

    Help, usage errors and an abort are printed by Typer in bokmål: the
    texts are set (`norsk.rich_texts`) where they are about to be printed,
    since loading them costs start-up time that a run without them should
    not pay."""

    parse_args = _with_usage(TyperGroup.parse_args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        norsk.rich_texts()
        super().format_help(ctx, formatter)

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except (click.ClickException, click.exceptions.Abort):
            norsk.rich_texts()
            raise
        except OSError as exc:  # help or the version, printed while reading the arguments
            _report_os_error(exc)

    def invoke(self, ctx: click.Context):
        try:
            try:
                return super().invoke(ctx)
            finally:
                if sys.stdout is not None:
                    sys.stdout.flush()
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.exceptions.Abort):
            norsk.rich_texts()
            raise
        except UserError as exc:
            stderr().print(f"[bold red]feil:[/bold red] {escape(str(exc))}")
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as exc:
            _report_os_error(exc)
        except Exception as exc:
            _silence_stdout()
            if os.environ.get("IKROS_DEBUG"):
                raise
            stderr().print(
                "[bold red]intern feil i ikros:[/bold red] "
                f"{escape(type(exc).__name__)}: {escape(str(exc))}. "
                "Dette er en feil i ikros, ikke i filene dine; meld fra og legg ved kommandoen "
                "(kjør den med IKROS_DEBUG=1 for detaljer)."
            )
            raise typer.Exit(EXIT_INTERNAL) from None


def _report_os_error(exc: OSError) -> NoReturn:
    """An OS error no command handled: a Norwegian message, exit 2. Where
    standard error is what failed, the message cannot be given; the exit
    code still says what happened."""
    _silence_stdout()
    try:
        stderr().print(f"[bold red]feil:[/bold red] {escape(_os_failure(exc))}")
    except OSError:
        _silence(sys.stderr)
    raise typer.Exit(EXIT_USAGE) from None


def _os_failure(exc: OSError) -> str:
    from ikros.oserrors import describe

    if exc.filename is None and exc.errno in _OUTPUT_ERRNOS:
        return f"Kan ikke skrive til standard ut: {describe(exc)}."
    where = f" med {exc.filename}" if exc.filename else ""
    return f"Noe gikk galt{where}: {describe(exc)}. Ingen filer er endret."


# Errors writing standard output: a closed pipe, a full disk, a closed
# descriptor, an I/O error.
_OUTPUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO}


def _silence_stdout() -> None:
    """Nothing more to a standard output that failed: Python would report
    the failed flush again at exit, from the buffer still pending."""
    _silence(sys.stdout)


def _silence(stream) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


app = typer.Typer(
    name="ikros",
    cls=_Guarded,
    help="Internkontroll og ROS-analyser som kode: sjekk, beregn og rapporter.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    options_metavar=norsk.USAGE_OPTIONS,
    subcommand_metavar=norsk.USAGE_COMMAND,
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


for _name, _module in (
    ("validate", validate),
    ("schema", schema),
    ("accept", accept),
    ("show", show),
    ("due", due),
    ("methods", methods),
):
    app.command(_name, cls=_Command, options_metavar=norsk.USAGE_OPTIONS)(_module.command)


class _ClosedStream:
    """Standard output when the process was started with it closed (`>&-`):
    Python then has none, and Rich would drop every line without a word."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor")  # reported by the guard

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> _ClosedStream:  # bytes (`due --format ics`) fail the same way
        return self

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor")


def main() -> None:
    if sys.stdout is None:
        sys.stdout = _ClosedStream()  # type: ignore[assignment]
    if sys.stderr is None:
        # Started with standard error closed (`2>&-`): Rich would write the
        # summary to standard output instead, into the data there.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        # A name that is not UTF-8 (from argv or the disk) never crashes a print.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        app()
    except OSError:
        # Click failed to print a usage error on a standard error that
        # fails (a full disk): there is nowhere left to say it.
        _silence(sys.stderr)
        sys.exit(EXIT_USAGE)
