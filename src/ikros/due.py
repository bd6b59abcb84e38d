"""The annual wheel for `ikros due`: deadlines within a horizon, grouped
by enhet, and as an iCalendar file. Pure: data in, data or text out."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from ikros.deadlines import LABELS, Deadline


@dataclass(frozen=True, slots=True)
class DueItem:
    deadline: Deadline
    document: str  # id
    title: str
    enhet: str
    path: str

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
            "fil": self.path,
            "forfalt": self.deadline.date < today,
        }


def collect(
    documents: list[Any],
    today: dt.date,
    horizon_days: int,
    enhet: str | None = None,
    units: dict[str, str | None] | None = None,
) -> list[DueItem]:
    """Deadlines up to `horizon_days` from today (overdue ones included),
    sorted by enhet, then date. `units` maps enhet id → område id, so that
    an område selects its enheter too."""
    last = today + dt.timedelta(days=horizon_days)
    out = []
    for doc in documents:
        facts = doc.facts
        owner = next((r.target for r in facts.refs if r.kind in ("enhet", "gjelder")), "kommune")
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
                    )
                )
    out.sort(key=lambda i: (i.enhet, i.deadline.date, i.document, i.deadline.what))
    return out


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 3.1: lines of at most 75 octets, continued with a space."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def ics(items: list[DueItem], stamp: dt.datetime) -> str:
    """One all-day event per deadline."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ikros//frister//NO",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ikros frister",
    ]
    for item in items:
        d = item.deadline
        uid = hashlib.sha256(f"{item.document}|{d.kind}|{list(d.loc)}".encode()).hexdigest()[:24]
        summary = f"{LABELS[d.kind]}: {d.what} ({item.document})"
        description = f"{item.title}\nEnhet: {item.enhet}\nFil: {item.path}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@ikros",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{d.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
