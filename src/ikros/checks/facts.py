"""What cross-document checks need to know about each document, taken
from its data. Facts are small and JSON-safe, so they are cached with the
file's own diagnostics and the cross checks run without re-reading files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ikros.diagnostics import Loc


class Ref(NamedTuple):
    kind: str  # "enhet" (an enhet or område), "gjelder" (also `kommune`), "ros"
    target: str
    loc: Loc


class Unit(NamedTuple):
    id: str
    level: str  # "område" | "enhet"
    name: str
    parent: str | None
    loc: Loc


@dataclass(slots=True)  # built ten thousand times per run from the cache
class Facts:
    kind: str  # the `ikros:` header, e.g. "ros/1"
    id: str | None = None
    title: str | None = None
    refs: tuple[Ref, ...] = ()
    units: tuple[Unit, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> list[Any]:
        return [
            self.kind,
            self.id,
            self.title,
            [list(r) for r in self.refs],
            [list(u) for u in self.units],
            self.extra,
        ]

    @classmethod
    def from_json(cls, raw: list[Any]) -> Facts:
        """Facts from the cache; ValueError when the entry is malformed (a
        damaged cache entry is a miss). Every part is checked, down to the
        type of each field of a reference or a unit: a wrong one would
        otherwise crash a cross check or drop a document from `due`."""
        kind, ident, title, refs, units, extra = raw
        if not (
            isinstance(kind, str)
            and isinstance(ident, str | None)
            and isinstance(title, str | None)
            and isinstance(refs, list)
            and isinstance(units, list)
            and isinstance(extra, dict)
            and _is_date(extra.get("første_frist", "0000-00-00"))
            and extra.get(UNREAD, True) is True
            and all(_is_ref(r) for r in refs)
            and all(_is_unit(u) for u in units)
        ):
            raise ValueError("malformed facts")
        return cls(
            kind,
            ident,
            title,
            tuple([Ref(k, t, tuple(loc)) for k, t, loc in refs]),
            tuple([Unit(i, lv, n, p, tuple(loc)) for i, lv, n, p, loc in units]) if units else (),
            extra,
        )


# In `extra` of a document whose errors keep its model, and so its
# deadlines, from being read.
UNREAD = "uten_modell"
_REF_KINDS = ("enhet", "gjelder", "ros")
_LEVELS = ("område", "enhet")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(value: Any) -> bool:
    return type(value) is str and _DATE.fullmatch(value) is not None


def _is_loc(value: Any) -> bool:
    return type(value) is list and all(type(p) is str or type(p) is int for p in value)


def _is_ref(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 3
        and value[0] in _REF_KINDS
        and type(value[1]) is str
        and _is_loc(value[2])
    )


def _is_unit(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 5
        and type(value[0]) is str
        and value[1] in _LEVELS
        and type(value[2]) is str
        and (value[3] is None or type(value[3]) is str)
        and _is_loc(value[4])
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def extract(kind: str, data: dict[str, Any]) -> Facts:
    """Facts from a document's data, leniently: a document with schema
    errors still takes part in id and reference checks."""
    refs: list[Ref] = []
    units: list[Unit] = []
    if kind == "ros/1" and (target := _str(data.get("enhet"))):
        refs.append(Ref("enhet", target, ("enhet",)))
    if kind == "internkontroll/1":
        if target := _str(data.get("gjelder")):
            refs.append(Ref("gjelder", target, ("gjelder",)))
        for v, item in _items(data.get("vesentlighetsvurdering")):
            for r, ros_id in _items(item.get("ros") if isinstance(item, dict) else None):
                if isinstance(ros_id, str):
                    refs.append(Ref("ros", ros_id, ("vesentlighetsvurdering", v, "ros", r)))
    if kind == "organisasjon/1":
        for o, område in _items(data.get("områder")):
            if not isinstance(område, dict) or not (oid := _str(område.get("id"))):
                continue
            units.append(
                Unit(oid, "område", _str(område.get("navn")) or oid, None, ("områder", o, "id"))
            )
            for e, enhet in _items(område.get("enheter")):
                if isinstance(enhet, dict) and (eid := _str(enhet.get("id"))):
                    units.append(
                        Unit(
                            eid,
                            "enhet",
                            _str(enhet.get("navn")) or eid,
                            oid,
                            ("områder", o, "enheter", e, "id"),
                        )
                    )
    ident = _str(data.get("id")) if kind in ("ros/1", "internkontroll/1") else None
    return Facts(kind, ident, _str(data.get("tittel")), tuple(refs), tuple(units))


def _items(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []
