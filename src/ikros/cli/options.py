"""Option values that forgive as `ikros validate` does: a date written
30.06.2027 gets «Mente du `2027-06-30`?», a period counts calendar months,
a missing name says what it is for.

Values that can only be checked against the repository (a role against the
authority ladder, an enhet against organisasjon.yaml) are read as text and
checked by the command once it has loaded the konfig; `bad_value` reports
them as Click reports its own: a usage error, exit 2.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NoReturn

import click

from ikros.due import DAYS, MONTHS, WEEKS, YEARS, Horizon
from ikros.printable import visible
from ikros.suggest import iso_date

DATE_METAVAR = "ÅÅÅÅ-MM-DD"


class Text(click.ParamType):
    """Text that may not be blank; `missing` says what it is for when the
    option is left out."""

    name = "tekst"

    def __init__(self, missing: str) -> None:
        self.missing = missing

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not text:
            self.fail(f"Verdien kan ikke være tom. {self.missing}", param, ctx)
        return text

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return self.missing


class Date(click.ParamType):
    """A date written ÅÅÅÅ-MM-DD; another way of writing it gets the
    ÅÅÅÅ-MM-DD form it most likely means."""

    name = "dato"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = visible(str(value).strip())
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                self.fail(f"`{text}` finnes ikke i kalenderen.", param, ctx)
        if guess := iso_date(text):
            self.fail(f"`{text}` er ikke skrevet {DATE_METAVAR}. Mente du `{guess}`?", param, ctx)
        self.fail(
            f"`{text}` er ikke en dato skrevet {DATE_METAVAR}, for eksempel 2027-06-30.",
            param,
            ctx,
        )


# The units of a period, in bokmål and nynorsk, short and long.
_UNITS = {
    **dict.fromkeys(("d", "dag", "dager", "dagar"), DAYS),
    **dict.fromkeys(("u", "uke", "uker", "veke", "veker"), WEEKS),
    **dict.fromkeys(("m", "mnd", "måned", "måneder", "månad", "månader"), MONTHS),
    **dict.fromkeys(("å", "a", "år", "ar"), YEARS),
}
# English units, understood well enough to suggest the bokmål one.
_ENGLISH = {
    **dict.fromkeys(("day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "week", "weeks"), "u"),
    **dict.fromkeys(("mo", "mon", "month", "months"), "m"),
    **dict.fromkeys(("y", "yr", "year", "years"), "å"),
}
_PERIOD = re.compile(r"(\d+)\s*(\D*)")
PERIOD_EXAMPLE = "30d (dager), 8u (uker), 12m (måneder) eller 1å (år)"


class Period(click.ParamType):
    """How far ahead: `30d`, `8u`, `12m` (calendar months), `1å` (a year);
    a number alone is days."""

    name = "periode"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Horizon:
        if isinstance(value, Horizon):
            return value
        text = visible(str(value).strip())
        match = _PERIOD.fullmatch(text.casefold())
        if match:
            count, unit = int(match.group(1)), match.group(2).strip().rstrip(".")
            if not unit:
                return Horizon(count, DAYS)
            if unit in _UNITS:
                return Horizon(count, _UNITS[unit])
            if unit in _ENGLISH:
                self.fail(
                    f"`{text}` er ikke en periode ikros forstår. Mente du `{count}{_ENGLISH[unit]}`?",
                    param,
                    ctx,
                )
        self.fail(
            f"`{text}` er ikke en periode ikros forstår. Skriv for eksempel {PERIOD_EXAMPLE}.",
            param,
            ctx,
        )


def bad_value(name: str, message: str) -> NoReturn:
    """Report `message` about the value of the running command's parameter
    `name` as a usage error (exit 2), as Click reports a value it rejects.
    The message is plain text (no Rich markup), its values made visible."""
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == name)
    raise click.BadParameter(message, ctx=ctx, param=param)
