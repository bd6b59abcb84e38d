"""Pydantic's validation errors as findings with Norwegian messages.

Each error's `loc` is a path into the document data; the loader's position
index turns it into line and column. Unknown keys and values get a
"mente du …?" suggestion when a known one is close (`ikros.suggest`: other
letters, combining characters, nynorsk, spelling); a key that belongs one
level down (`forhåndsdrøfting` at the top of a DPIA) is told where it goes;
a date written the Norwegian way gets its ISO form. No message carries
Pydantic's English text.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel

from ikros.checks.pieces import Batch
from ikros.diagnostics import Finding, Loc, error
from ikros.suggest import composed_note, guess, iso_date

# Singular names of list items, for messages such as "i hendelse H2".
_ITEM_NAMES = {
    "hendelser": "hendelse",
    "tiltak": "tiltak",
    "krav": "krav",
    "rutiner": "rutine",
    "områder": "område",
    "enheter": "enhet",
    "vesentlighetsvurdering": "vesentlighetsvurdering",
    "tilsyn": "tilsyn",
    "avvik": "avvik",
    "evalueringer": "evaluering",
    "metoder": "metode",
    "deltakere": "deltaker",
    "informert": "informert",
    "behandling": "behandlingssteg",
    "vedlegg": "vedlegg",
    "sårbarhet": "sårbarhet",
    "soner": "sone",
    "nivåer": "nivå",
    "funn": "funn",
}

_EXPECTED = {
    "string_type": "tekst",
    "int_type": "et heltall",
    "int_parsing": "et heltall",
    "bool_type": "`true` eller `false`",
    "float_type": "et tall",
    "list_type": "en liste",
    "dict_type": "en gruppe med nøkler (nøkkel: verdi)",
    "model_type": "en gruppe med nøkler (nøkkel: verdi)",
    "model_attributes_type": "en gruppe med nøkler (nøkkel: verdi)",
    "date_type": "en dato (ÅÅÅÅ-MM-DD)",
}


def describe(value: Any) -> str:
    """A value as the user wrote it, for messages."""
    if value is None:
        return "ingen verdi"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dt.datetime):
        return f"tidspunktet `{value.isoformat()}`"
    if isinstance(value, dt.date):
        return f"datoen `{value.isoformat()}`"
    if isinstance(value, int | float):
        return f"tallet `{value}`"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"teksten `{short}`"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "en gruppe med nøkler"
    return f"`{value}`"


def where(loc: Loc, data: Any) -> str:
    """ " i hendelse H2" for a location inside a list item with an id."""
    label = ""
    node = data
    parent_key: str | int | None = None
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(parent_key, str) and parent_key in _ITEM_NAMES:
                ident = node.get("id") if isinstance(node, dict) else None
                name = _ITEM_NAMES[parent_key]
                label = (
                    f" i {name} {ident}"
                    if isinstance(ident, str | int) and not isinstance(ident, bool)
                    else f" i {name} nr. {part + 1}"
                )
        else:
            break
        parent_key = part
    return label


def findings(
    batches: Iterable[Batch],
    data: Any,
    model: type[BaseModel],
    keep: int,
    base: Loc = (),
) -> tuple[list[Finding], int]:
    """The findings for Pydantic's errors, which come in batches, one per
    Pydantic call (the errors of a union's branches at one place come in the
    same one). Only the first `keep` findings in the document's order are
    made, with any more at the place of the last; the others are counted.
    Returns the findings made and the number counted."""
    order = _Order(data)
    meant = _Meant(data, model)
    allowed: dict[Loc, dict[str, None]] = {}  # a mapping's loc → the keys it allows
    expected_seen: set[tuple[Loc, str]] = set()
    chosen: list[_Chosen] = []
    counted = 0
    last: tuple[int, ...] | None = None  # the place of the last kept, once some are dropped
    # Keys that are not text: a type error of their value (validated apart
    # when it is large) is the same finding as the key's.
    odd_keys: set[Loc] = set()
    for batch in batches:
        if last is not None and not odd_keys and order.position(batch.start, batch.at_key) > last:
            count = batch.count()
            # All after the last kept: their number is enough. Small batches
            # are still read, since a missing key that an unknown key beside
            # it was meant to be is not counted (`_Meant`); in a batch of
            # thousands the count may then be off by those few.
            if count is not None and count > _COUNT_ONLY_FROM:
                counted += count
                continue
        seen: set[tuple[Loc, str]] = set()
        for err in batch.errors():
            raw_loc = tuple(err["loc"])
            if "[key]" in raw_loc or err["type"] == "invalid_key":
                loc = raw_loc[: raw_loc.index("[key]")] if "[key]" in raw_loc else raw_loc
                if loc and _NOT_TEXT_KEY.match(str(loc[-1])):
                    loc = _real_key(loc, data)
                code = "ukjent-nøkkel" if loc and isinstance(loc[-1], str) else "ugyldig-type"
                expected = err.get("ctx", {}).get("expected", "") if "[key]" in raw_loc else ""
                if expected and (loc[:-1], expected) not in expected_seen:
                    # a key may be checked against several choices at once
                    expected_seen.add((loc[:-1], expected))
                    names = allowed.setdefault(loc[:-1], {})
                    names.update(dict.fromkeys(re.findall(r"'([^']*)'", expected)))
                position = order.position(loc, True)
                key_error = True
                if code == "ugyldig-type":
                    odd_keys.add(loc)
            else:
                loc, position = order.place(raw_loc, err["type"] == "extra_forbidden")
                if err["type"] == "missing" and loc in meant:
                    continue  # the unknown key's «Mente du» says it already
                code = _code(err)
                key_error = False
            if (loc, code) in seen or (
                not key_error and code == "ugyldig-type" and loc in odd_keys
            ):
                continue
            seen.add((loc, code))
            if last is not None and position > last:
                counted += 1  # after every one kept: it can only be counted
                continue
            chosen.append(_Chosen(position, len(chosen) + counted, err, loc, key_error))
            if len(chosen) > 4 * keep:
                counted += _keep_first(chosen, keep)
                last = chosen[-1].position
    counted += _keep_first(chosen, keep)
    found = []
    for c in chosen:
        if c.key_error:
            finding = _key_error(c.loc, list(allowed.get(c.loc[:-1], ())))
        else:
            finding = _one(c.err, c.loc, data, model)
        found.append(
            Finding(
                (*base, *finding.loc),
                finding.code,
                finding.severity,
                finding.message,
                finding.hint,
                finding.at_key,
            )
        )
    return found, counted


class _Chosen(NamedTuple):
    position: tuple[int, ...]  # _Order.position
    number: int  # in Pydantic's order, for ties
    err: dict[str, Any]
    loc: Loc
    key_error: bool


def _keep_first(chosen: list[_Chosen], keep: int) -> int:
    """Keep the first `keep` in the document's order, and any more at the
    place of the last (the order by line and column among them is decided
    later, by the message); return how many were dropped."""
    chosen.sort(key=lambda c: (c.position, c.number))
    end = min(keep, len(chosen))
    while end < len(chosen) and chosen[end].position == chosen[end - 1].position:
        end += 1
    dropped = len(chosen) - end
    del chosen[end:]
    return dropped


class _Order:
    """Where a location lies in the document, as a tuple that sorts as the
    positions the loader's index gives (mappings keep their keys in file
    order), found from the data alone: for every step, the key's or item's
    number, then 0 for the key or 1 for its value. Values reached through
    YAML aliases sort where the alias stands, while their position is the
    anchor's."""

    def __init__(self, data: Any):
        self.data = data
        self._numbers: dict[int, dict[Any, int]] = {}  # id of a mapping → its keys' numbers

    def position(self, loc: Loc, at_key: bool) -> tuple[int, ...]:
        out: list[int] = []
        node = self.data
        for depth, part in enumerate(loc):
            if isinstance(node, dict) and part in node:
                out += (self._number(node, part), 0 if at_key and depth == len(loc) - 1 else 1)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                out += (part, 1)  # an item's position is its value's
                node = node[part]
            else:
                break  # a missing key: at its parent's value
        return tuple(out)

    def place(self, raw_loc: Loc, at_key: bool) -> tuple[Loc, tuple[int, ...]]:
        """`_data_loc` of a Pydantic loc and its position, in one walk."""
        loc: list[str | int] = []
        out: list[int] = []
        node = self.data
        keyed = False  # whether the last step was a mapping's key
        for part in raw_loc:
            if isinstance(node, dict):
                if part in node:
                    out += (self._number(node, part), 1)
                    loc.append(part)
                    node, keyed = node[part], True
                elif isinstance(part, str) and not _is_branch_name(part):
                    loc.append(part)  # a missing key: at its parent's value
                    return tuple(loc), tuple(out)
            elif isinstance(node, list):
                if isinstance(part, int) and 0 <= part < len(node):
                    out += (part, 1)
                    loc.append(part)
                    node, keyed = node[part], False
            else:
                break
        if at_key and keyed:
            out[-1] = 0  # at the key
        return tuple(loc), tuple(out)

    def _number(self, mapping: dict[Any, Any], key: Any) -> int:
        numbers = self._numbers.get(id(mapping))
        if numbers is None:
            numbers = self._numbers[id(mapping)] = {k: i for i, k in enumerate(mapping)}
        return numbers[key]


# How Pydantic writes a key that is not text (null, true, a number, a date):
# only such a key is looked for in the data, not each of 200,000 unknown ones.
_NOT_TEXT_KEY = re.compile(r"None$|True$|False$|-?[0-9]|datetime\.")


def _real_key(loc: Loc, data: Any) -> Loc:
    """Pydantic writes a key that is not text as text in its loc (`None`
    for `null:`, `datetime.date(2026, 1, 1)` for a date): the loc with the key as it is in the data, so that it is
    found there and shown as YAML writes it."""
    node = data
    for part in loc[:-1]:
        if isinstance(node, dict | list):
            try:
                node = node[part]
                continue
            except (KeyError, IndexError, TypeError):
                pass
        return loc
    if isinstance(node, dict) and loc[-1] not in node:
        for key in node:
            if not isinstance(key, str) and str(loc[-1]) in (str(key), repr(key)):
                return (*loc[:-1], key)
    return loc


def _yaml_word(value: Any) -> str:
    """A key or value as YAML writes it: `null`, `true`, not Python's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _key_error(loc: Loc, allowed: list[str]) -> Finding:
    """An error about a mapping key itself: a key that is not text, or not
    one of the allowed keys of a dictionary (`informeres`)."""
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return error(
            loc,
            "ugyldig-type",
            f"Nøkkelen `{_yaml_word(key)}` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
            at_key=True,
        )
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "dokumentet")
    return error(
        loc,
        "ukjent-nøkkel",
        _unknown("Nøkkelen", "Ukjent nøkkel", key, f" under `{parent}`", allowed, "nøklene"),
        f"Tillatte nøkler her: {', '.join(allowed)}." if allowed else None,
        at_key=True,
    )


def _data_loc(loc: Loc, data: Any) -> Loc:
    """Drop the parts of a pydantic loc that are not in the data (union
    branch names); keep the last key for missing and unknown fields."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not _is_branch_name(part):
            out.append(part)  # a missing key
            break
        elif not isinstance(node, dict | list):
            break
    return tuple(out)


def _is_branch_name(part: str) -> bool:
    return part in {"str", "int", "float", "bool", "date", "list", "dict", "none"} or "[" in part


# Codes of the errors that are not told apart by value or place.
_CODES = {
    "missing": "mangler-felt",
    "extra_forbidden": "ukjent-nøkkel",
    "ikros_date": "ugyldig-dato",
    "ikros_person": "mangler-felt",
    "too_short": "for-få-elementer",
    "string_too_short": "mangler-verdi",
    "string_pattern_mismatch": "ugyldig-id",
}


_COUNT_ONLY_FROM = 1000


class _Meant:
    """Whether a missing key is one that an unknown key beside it was meant
    to be (`eining` for `enhet`): then one finding says it, not two. Found
    from the data, so that it does not matter which of Pydantic's calls (a
    large file is validated in pieces) reported the two. A bounded number of
    unknown keys per mapping is tried: 200,000 unknown keys do not make
    200,000 guesses."""

    TRIES = 50

    def __init__(self, data: Any, model: type[BaseModel]):
        self.data = data
        self.model = model
        self._meant: dict[Loc, set[str]] = {}

    def __contains__(self, loc: Loc) -> bool:
        parent, name = loc[:-1], loc[-1]
        if parent not in self._meant:
            self._meant[parent] = self._guesses(parent)
        return name in self._meant[parent]

    def _guesses(self, parent: Loc) -> set[str]:
        mapping: Any = self.data
        for part in parent:
            try:
                mapping = mapping[part]
            except (KeyError, IndexError, TypeError):
                return set()
        if not isinstance(mapping, dict):
            return set()
        known = _known_fields(self.model, parent)
        unknown = [k for k in mapping if isinstance(k, str) and k not in known]
        found = (guess(key, known) for key in unknown[: self.TRIES])
        return {g.word for g in found if g is not None}


def _unknown(
    the: str, unknown: str, word: str, where: str, candidates: list[str], what: str
) -> str:
    """«Ukjent nøkkel `x` i hendelse H1. Mente du `y`?», said so that the
    user learns why when the word is nynorsk or has combining characters."""
    found = guess(word, candidates)
    if found is not None and found.nynorsk:
        return (
            f"{the} `{word}`{where} er nynorsk; {what} skrives på bokmål. Mente du `{found.word}`?"
        )
    if found is not None and found.composed:
        return f"{unknown} `{word}`{where}: {composed_note(word, found.word)}"
    return f"{unknown} `{word}`{where}." + (f" Mente du `{found.word}`?" if found else "")


def _home_below(model: type[BaseModel], loc: Loc, key: str) -> tuple[str, ...] | None:
    """Where `key` belongs, when it is not a key at `loc` but is one of a
    group one or two levels below it (`forhåndsdrøfting` under
    `personvernkonsekvenser`), and only one such group has it. Groups that
    describe a person (`eier`, `ansvarlig`) are left out: `navn` and
    `rolle` are keys of every one of them."""
    target = _model_at(model, loc)
    if target is None:
        return None
    homes = []
    for path, child in _groups_below(target, (), depth=2):
        if key in child.model_fields:
            homes.append(path)
    return homes[0] if len(homes) == 1 else None


def _groups_below(
    target: type[BaseModel], path: tuple[str, ...], depth: int
) -> list[tuple[tuple[str, ...], type[BaseModel]]]:
    from ikros.model.common import Beslutter, Person

    found = []
    for name, field in target.model_fields.items():
        child = _unwrap(field.annotation)
        if (
            isinstance(child, type)
            and issubclass(child, BaseModel)
            and child not in (Person, Beslutter)
        ):
            found.append(((*path, name), child))
            if depth > 1:
                found += _groups_below(child, (*path, name), depth - 1)
    return found


def _under(home: tuple[str, ...]) -> str:
    """`behandling:` i `personvernkonsekvenser:`."""
    return f"`{home[-1]}:`" + "".join(f" i `{part}:`" for part in reversed(home[:-1]))


def _dpia_note(home: tuple[str, ...]) -> str:
    if home[0] != "personvernkonsekvenser":
        return ""
    return (
        " Vurderingen av personvernkonsekvenser (DPIA, personvernforordningen art. 35) samles der."
    )


def _belongs_below(loc: Loc, name: str, context: str, home: tuple[str, ...]) -> Finding:
    message = f"Nøkkelen `{name}`{context} skal stå under {_under(home)}, ikke her."
    message += _dpia_note(home)
    return error(
        loc,
        "ukjent-nøkkel",
        message,
        f"Flytt linjen inn under `{home[-1]}:`, rykket inn to mellomrom mer.",
        at_key=True,
    )


def _code(err: dict[str, Any]) -> str:
    """The code of the finding for an error (`_one` makes its message)."""
    kind = err["type"]
    if kind in _EXPECTED:
        return "mangler-verdi" if err.get("input") is None else "ugyldig-type"
    if kind in _EMPTY_IS_MISSING and err.get("input") in (None, ""):
        return "mangler-verdi"
    return _CODES.get(kind, "ugyldig-verdi")


# Errors whose value, left empty, is a value missing rather than a wrong one.
_EMPTY_IS_MISSING = {"enum", "literal_error", "ikros_date", "string_pattern_mismatch"}


def _one(err: dict[str, Any], loc: Loc, data: Any, model: type[BaseModel]) -> Finding:
    kind = err["type"]
    code = _code(err)
    name = next((p for p in reversed(loc) if isinstance(p, str)), "dokumentet")
    value = err.get("input")
    context = where(loc, data)
    if len(loc) >= 2 and isinstance(loc[-1], int) and isinstance(loc[-2], str):
        # the list item itself: "tiltak nr. 2 i hendelse H1", not "tiltak i tiltak nr. 2"
        name = f"{_ITEM_NAMES.get(loc[-2], loc[-2])} nr. {loc[-1] + 1}"
        context = where(loc[:-1], data)
    if kind == "missing":
        return error(
            loc,
            code,
            f"Mangler påkrevd felt `{name}`{context}.",
            _fields_hint(model, loc[:-1]),
        )
    if kind == "extra_forbidden":
        home = _home_below(model, loc[:-1], name)
        if home:
            return _belongs_below(loc, name, context, home)
        known = _known_fields(model, loc[:-1])
        return error(
            loc,
            code,
            _unknown("Nøkkelen", "Ukjent nøkkel", name, context, known, "nøklene"),
            f"Tillatte nøkler her: {', '.join(known)}." if known else None,
            at_key=True,
        )
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        hint = f"Tillatte verdier: {', '.join(allowed)}." if allowed else None
        if value is None:
            return error(loc, code, f"`{name}`{context} står uten verdi.", hint)
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            # never Python's own way of writing it (`True`, `['lav']`)
            return error(
                loc,
                code,
                f"`{name}`{context} skal være en av de tillatte verdiene, men er "
                f"{describe(value)}.",
                hint,
            )
        return error(
            loc,
            code,
            _unknown(
                "Verdien",
                "Ugyldig verdi",
                str(value),
                f" for `{name}`{context}",
                allowed,
                "verdiene",
            ),
            f"Tillatte verdier: {', '.join(allowed)}." if allowed else None,
        )
    if value is None and kind in _EXPECTED:
        return error(
            loc,
            code,
            f"`{name}`{context} står uten verdi.",
            "Fyll ut elementet, eller fjern den tomme `-`-linjen."
            if " nr. " in name
            else f"Skriv {_EXPECTED[kind]} etter `{name}:`.",
        )
    if kind == "list_type" and isinstance(value, dict) and loc:
        home = _home_below(model, loc[:-1], name)
        if home:  # `behandling:` of a DPIA written at the top, where a list is
            below = _belongs_below(loc, name, context, home)
            return error(
                loc,
                code,
                f"`{name}`{context} skal her være {_EXPECTED[kind]}, men er {describe(value)}. "
                f"En gruppe `{name}:` med nøkler hører hjemme under {_under(home)}."
                + _dpia_note(home),
                below.hint,
            )
    if kind in _EXPECTED:
        hint = (
            "Sett verdien i anførselstegn hvis den skal leses som tekst."
            if kind == "string_type"
            else None
        )
        return error(
            loc,
            code,
            f"`{name}`{context} skal være {_EXPECTED[kind]}, men er {describe(value)}.",
            hint,
        )
    if kind == "ikros_date" and value is None:
        return error(
            loc,
            code,
            f"`{name}`{context} står uten verdi.",
            f"Skriv {_EXPECTED['date_type']} etter `{name}:`.",
        )
    if kind == "ikros_date":
        meant = iso_date(value)
        return error(
            loc,
            code,
            f"`{name}`{context}: {err['msg']}; fant {describe(value)}."
            + (f" Mente du `{meant}`?" if meant else ""),
            "Datoer skrives år-måned-dag med bindestrek, for eksempel `2026-12-01` for "
            "1. desember 2026.",
        )
    if kind == "ikros_person":
        return error(loc, code, f"`{name}`{context}: oppgi minst `navn` eller `rolle`.")
    if kind == "too_short":
        minimum = err.get("ctx", {}).get("min_length", 1)
        what = "element" if isinstance(value, list) else "oppføring"
        return error(loc, code, f"`{name}`{context} må ha minst {minimum} {what}.")
    if kind == "string_too_short":
        return error(loc, code, f"`{name}`{context} kan ikke være tom.")
    if kind == "string_pattern_mismatch" and value == "":
        return error(loc, code, f"`{name}`{context} kan ikke være tom.")
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in err.get("ctx", {}).get("pattern", ""):
            rule = "bruk små bokstaver a–z, sifre og bindestrek (uten æ, ø, å og mellomrom)"
        else:
            rule = "en id kan ikke inneholde mellomrom"
        described = describe(value)  # capitalize() would lower the value's own letters
        return error(
            loc,
            code,
            f"{described[:1].upper()}{described[1:]} er ikke en gyldig id for `{name}`{context}: {rule}.",
        )
    if kind in ("less_than_equal", "less_than"):
        limit = err.get("ctx", {}).get("le", err.get("ctx", {}).get("lt"))
        return error(
            loc,
            "ugyldig-verdi",
            f"`{name}`{context} kan være høyst {limit}; fant {describe(value)}.",
        )
    if kind in ("greater_than_equal", "greater_than"):
        limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt"))
        return error(
            loc,
            code,
            f"`{name}`{context} må være minst {limit}; fant {describe(value)}.",
        )
    # A kind of error no branch above knows: Pydantic's own text is English,
    # so say what we can in bokmål.
    return error(loc, code, f"`{name}`{context} har en ugyldig verdi: {describe(value)}.")


def _fields_hint(model: type[BaseModel], loc: Loc) -> str | None:
    target = _model_at(model, loc)
    if target is None:
        return None
    required = [n for n, f in target.model_fields.items() if f.is_required()]
    return f"Påkrevde felt her: {', '.join(required)}." if required else None


def _known_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target is not None else []


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            current = field.annotation
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin is list and isinstance(part, int):
                current = args[0]
            elif origin is dict and isinstance(part, str):
                current = args[1]
            else:
                return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and unions down to the model or container."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel | Enum)]
            containers = [a for a in args if typing.get_origin(a) in (list, dict)]
            annotation = (models or containers or args)[0]
        else:
            return annotation
