"""The annual wheel: every dated obligation in the documents.

`collect` takes them from a validated document (they are cached with its
facts); `overdue` turns the ones past due into warnings for `ikros
validate`, and `ikros due` lists the ones coming up. Neither reads files:
a date-dependent finding is never cached, only the dates are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from ikros.diagnostics import Loc, warning

if TYPE_CHECKING:
    from ikros.checks.context import Context
    from ikros.checks.cross import Pending


REVISJON = "revisjon"
TILTAK = "tiltak"
AKSEPT = "aksept"
RUTINE = "rutine"
TILSYN = "tilsyn"

LABELS = {
    REVISJON: "Revisjon",
    TILTAK: "Tiltak",
    AKSEPT: "Aksept utløper",
    RUTINE: "Rutinerevisjon",
    TILSYN: "Tilsynsfrist",
}


class Deadline(NamedTuple):  # a tuple: dozens are made per analysis
    kind: str
    date: dt.date
    what: str  # e.g. "T3: Innføre tofaktorautentisering"
    loc: Loc
    # Who follows it up, as written: a tiltak's `ansvarlig`, a rutine's
    # `eier`, otherwise the document's `eier`; None where the file names nobody.
    who: str | None = None

    def to_json(self) -> list[Any]:
        return [self.kind, self.date.isoformat(), self.what, list(self.loc), self.who]

    @staticmethod
    def from_json(raw: list[Any]) -> Deadline:
        """Raises ValueError or TypeError for a malformed (cached) item."""
        kind, date, what, loc, who = raw
        if (
            kind not in LABELS
            or not isinstance(what, str)
            or not isinstance(loc, list)
            or not isinstance(who, str | None)
        ):
            raise ValueError("malformed deadline")
        return Deadline(kind, dt.date.fromisoformat(date), what, tuple(loc), who)


def person(value: Any) -> str | None:
    """A `Person` as people write it: "Ola Nordmann (enhetsleder)", or
    whichever of the two is given."""
    if value is None:
        return None
    if value.navn and value.rolle:
        return f"{value.navn} ({value.rolle})"
    return value.navn or value.rolle


def add_months(day: dt.date, months: int) -> dt.date | None:
    """The same day `months` calendar months later (the month's last day
    where it is shorter); None past the calendar's end (year 9999)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


_OPEN = ("planlagt", "pågår")  # tiltak statuses (StrEnum members compare equal)


def collect(kind: str, model: Any, ctx: Context) -> list[Deadline]:
    """The dated obligations of one valid document."""
    out: list[Deadline] = []
    if kind not in ("ros/1", "internkontroll/1") or model.status.value == "arkivert":
        return out
    owner = person(model.eier)
    if kind == "ros/1":
        review = model.neste_revisjon or add_months(model.dato, ctx.review_months)
        if review is not None:  # None: past the calendar, reported by the checks
            out.append(
                Deadline(
                    REVISJON,
                    review,
                    f"{model.id}: {model.tittel}",
                    ("neste_revisjon",) if model.neste_revisjon else ("dato",),
                    owner,
                )
            )
        for h, hendelse in enumerate(model.hendelser):
            for t, tiltak in enumerate(hendelse.tiltak):
                if tiltak.frist and tiltak.status in _OPEN:
                    out.append(
                        Deadline(
                            TILTAK,
                            tiltak.frist,
                            f"{tiltak.id}: {tiltak.beskrivelse}",
                            ("hendelser", h, "tiltak", t, "frist"),
                            person(tiltak.ansvarlig),
                        )
                    )
            if hendelse.aksept and hendelse.aksept.gjelder_til:
                out.append(
                    Deadline(
                        AKSEPT,
                        hendelse.aksept.gjelder_til,
                        f"{hendelse.id}: {hendelse.tittel}",
                        ("hendelser", h, "aksept", "gjelder_til"),
                        owner,
                    )
                )
    else:
        if model.neste_revisjon:
            out.append(
                Deadline(REVISJON, model.neste_revisjon, f"{model.id}", ("neste_revisjon",), owner)
            )
        for r, rutine in enumerate(model.rutiner):
            if rutine.neste_revisjon:
                out.append(
                    Deadline(
                        RUTINE,
                        rutine.neste_revisjon,
                        f"{rutine.id}: {rutine.tittel}",
                        ("rutiner", r, "neste_revisjon"),
                        person(rutine.eier) or owner,
                    )
                )
        for t, tilsyn in enumerate(model.tilsyn):
            if tilsyn.frist and tilsyn.status.value == "åpen":
                out.append(
                    Deadline(
                        TILSYN,
                        tilsyn.frist,
                        f"{tilsyn.myndighet}: {tilsyn.tema}",
                        ("tilsyn", t, "frist"),
                        owner,
                    )
                )
    return out


_OVERDUE = {
    REVISJON: ("revisjon-forfalt", "Revisjonen skulle vært gjort {date} ({what})."),
    RUTINE: ("revisjon-forfalt", "Rutinen skulle vært revidert {date} ({what})."),
    TILTAK: ("tiltak-forfalt", "Tiltaket har frist {date} og er ikke gjennomført ({what})."),
    AKSEPT: ("aksept-utløpt", "Aksepten gjaldt til {date} og må fornyes ({what})."),
    TILSYN: ("tilsyn-forfalt", "Fristen for oppfølging av tilsynet var {date} ({what})."),
}


def overdue(documents: list[Any], today: dt.date) -> list[Pending]:
    """Warnings for every deadline before `today`."""
    from ikros.checks.cross import Pending

    out = []
    cutoff = today.isoformat()
    for doc in documents:
        if not doc.first_deadline or doc.first_deadline >= cutoff:
            continue
        for item in doc.deadlines or ():
            if item.date < today:
                code, message = _OVERDUE[item.kind]
                what = item.what if len(item.what) <= 60 else item.what[:57] + "…"
                out.append(
                    Pending(
                        doc.source,
                        warning(item.loc, code, message.format(date=item.date, what=what)),
                    )
                )
    return out
