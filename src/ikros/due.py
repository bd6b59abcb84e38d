"""The annual wheel for `ikros due`: deadlines within a horizon, grouped
by enhet, and as an iCalendar file. Pure: data in, data or text out."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from ikros.deadlines import LABELS, Deadline, add_months
from ikros.printable import visible

# The name shown for `gjelder: kommune`, which organisasjon.yaml does not list.
KOMMUNE = "kommune"  # what `gjelder: kommune` names: the whole kommune
WHOLE_KOMMUNE = "Hele kommunen"


@dataclass(frozen=True, slots=True)
class DueItem:
    deadline: Deadline
    document: str  # id
    title: str
    enhet: str  # id, as written in the document
    path: str
    enhet_name: str = ""  # from organisasjon.yaml; the id when it names none

    @property
    def ansvarlig(self) -> str | None:
        return self.deadline.who

    @property
    def overdue_on(self) -> dt.date:
        return self.deadline.date

    def to_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "dato": self.deadline.date.isoformat(),
            "type": self.deadline.kind,
            "hva": self.deadline.what,
            "dokument": self.document,
            "tittel": self.title,
            "enhet": self.enhet,
            "enhet_navn": self.enhet_name,
            "ansvarlig": self.deadline.who,
            "fil": self.path,
            "forfalt": self.deadline.date < today,
        }


DAYS, WEEKS, MONTHS, YEARS = "d", "u", "m", "å"
_WORDS = {
    DAYS: ("dag", "dager"),
    WEEKS: ("uke", "uker"),
    MONTHS: ("måned", "måneder"),
    YEARS: ("år", "år"),
}


@dataclass(frozen=True, slots=True)
class Horizon:
    """How far ahead `ikros due` looks: days and weeks by the day, months
    and years by the calendar (12 months from 2026-03-31 is 2027-03-31)."""

    count: int
    unit: str  # DAYS, WEEKS, MONTHS or YEARS

    def last_day(self, today: dt.date) -> dt.date:
        """The last day inside the horizon; the calendar's last day beyond it."""
        if self.unit in (MONTHS, YEARS):
            months = self.count * (12 if self.unit == YEARS else 1)
            return add_months(today, months) or dt.date.max
        try:
            return today + dt.timedelta(days=self.count * (7 if self.unit == WEEKS else 1))
        except OverflowError:
            return dt.date.max

    def words(self) -> str:
        """«30 dager», «1 uke», «12 måneder», «1 år»."""
        one, many = _WORDS[self.unit]
        return f"{self.count} {one if self.count == 1 else many}"


def collect(
    documents: list[Any],
    last: dt.date,
    enhet: str | None = None,
    units: dict[str, str | None] | None = None,
    names: dict[str, str] | None = None,
) -> list[DueItem]:
    """Deadlines up to `last` (overdue ones included), sorted by enhet, then
    date. `units` maps enhet id → område id, so that an område selects its
    enheter too; `names` maps enhet and område ids to their names."""
    names = {KOMMUNE: WHOLE_KOMMUNE, **(names or {})}
    out = []
    for doc in documents:
        facts = doc.facts
        owner = next((r.target for r in facts.refs if r.kind in ("enhet", "gjelder")), KOMMUNE)
        if enhet is not None and owner != enhet and (units or {}).get(owner) != enhet:
            continue
        for item in doc.deadlines or ():
            if item.date <= last:
                out.append(
                    DueItem(
                        item,
                        facts.id or "",
                        facts.title or facts.id or "",
                        owner,
                        doc.source.display,
                        names.get(owner, owner),
                    )
                )
    out.sort(key=lambda i: (i.enhet, i.deadline.date, i.document, i.deadline.what))
    return out


def ics(items: list[DueItem], stamp: dt.datetime) -> bytes:
    """One all-day event per deadline, as an iCalendar file (RFC 5545).
    The icalendar library escapes and folds every value; text from the
    documents is made visible first (`printable`), so no control character
    (a bare CR, say) can start a property of its own."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//ikros//frister//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "ikros frister")
    for item in items:
        d = item.deadline
        uid = hashlib.sha256(f"{item.document}|{d.kind}|{list(d.loc)}".encode()).hexdigest()[:24]
        event = Event()
        event.add("uid", f"{uid}@ikros")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        if d.date < dt.date.max:
            event.add("dtend", d.date + dt.timedelta(days=1))
        event.add("summary", visible(f"{LABELS[d.kind]}: {d.what} ({item.document})"))
        lines = [
            item.title,
            f"Enhet: {item.enhet_name} ({item.enhet})",
            f"Ansvarlig: {d.who or 'ikke oppgitt'}",
            f"Fil: {item.path}",
        ]
        event.add("description", "\n".join(visible(line) for line in lines))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
