"""Pydantic's validation errors as findings with Norwegian messages.

Each error's `loc` is a path into the document data; the loader's position
index turns it into line and column. Unknown keys and values get a
"mente du …?" suggestion when a known one is close.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from ikros.diagnostics import Finding, Loc, error
from ikros.suggest import did_you_mean

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
    "dict_type": "en mapping (nøkkel: verdi)",
    "model_type": "en mapping (nøkkel: verdi)",
    "model_attributes_type": "en mapping (nøkkel: verdi)",
    "date_type": "en dato (ÅÅÅÅ-MM-DD)",
}


def describe(value: Any) -> str:
    """A value as the user wrote it, for messages."""
    if value is None:
        return "tom"
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
        return "en mapping"
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
                    if isinstance(ident, str | int)
                    else f" i {name} nr. {part + 1}"
                )
        else:
            break
        parent_key = part
    return label


def findings(
    exc: ValidationError, data: Any, model: type[BaseModel], base: Loc = ()
) -> list[Finding]:
    found: list[Finding] = []
    seen: set[tuple[Loc, str]] = set()
    errors = exc.errors(include_url=False)
    for err in errors:
        raw_loc = tuple(err["loc"])
        if "[key]" in raw_loc or err["type"] == "invalid_key":
            finding = _key_error(err, raw_loc, errors)
        else:
            finding = _one(err, _data_loc(raw_loc, data), data, model)
        located = Finding(
            (*base, *finding.loc),
            finding.code,
            finding.severity,
            finding.message,
            finding.hint,
            finding.at_key,
        )
        if (located.loc, located.code) not in seen:
            seen.add((located.loc, located.code))
            found.append(located)
    return found


def _key_error(err: dict[str, Any], raw_loc: Loc, errors: list[dict[str, Any]]) -> Finding:
    """An error about a mapping key itself: a key that is not text, or not
    one of the allowed keys of a dictionary (`informeres`)."""
    loc = raw_loc[: raw_loc.index("[key]")] if "[key]" in raw_loc else raw_loc
    key = loc[-1] if loc else None
    if not isinstance(key, str):
        return error(
            loc,
            "ugyldig-type",
            f"Nøkkelen `{key}` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
            at_key=True,
        )
    allowed: list[str] = []
    for other in errors:  # a key may be checked against several choices at once
        other_loc = tuple(other["loc"])
        if "[key]" in other_loc and other_loc[: other_loc.index("[key]")] == loc:
            allowed += re.findall(r"'([^']*)'", other.get("ctx", {}).get("expected", ""))
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "dokumentet")
    return error(
        loc,
        "ukjent-nøkkel",
        f"Ukjent nøkkel `{key}` under `{parent}`.{did_you_mean(key, allowed)}",
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


def _one(err: dict[str, Any], loc: Loc, data: Any, model: type[BaseModel]) -> Finding:
    kind = err["type"]
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
            "mangler-felt",
            f"Mangler påkrevd felt `{name}`{context}.",
            _fields_hint(model, loc[:-1]),
        )
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        return error(
            loc,
            "ukjent-nøkkel",
            f"Ukjent nøkkel `{name}`{context}.{did_you_mean(name, known)}",
            f"Tillatte nøkler her: {', '.join(known)}." if known else None,
            at_key=True,
        )
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        return error(
            loc,
            "ugyldig-verdi",
            f"Ugyldig verdi `{value}` for `{name}`{context}.{did_you_mean(str(value), allowed)}",
            f"Tillatte verdier: {', '.join(allowed)}." if allowed else None,
        )
    if value is None and kind in _EXPECTED:
        return error(
            loc,
            "mangler-verdi",
            f"`{name}`{context} står uten verdi.",
            "Fyll ut elementet, eller fjern den tomme `-`-linjen."
            if " nr. " in name
            else f"Skriv {_EXPECTED[kind]} etter `{name}:`.",
        )
    if kind in _EXPECTED:
        hint = (
            "Sett verdien i anførselstegn hvis den skal leses som tekst."
            if kind == "string_type"
            else None
        )
        return error(
            loc,
            "ugyldig-type",
            f"`{name}`{context} skal være {_EXPECTED[kind]}, men er {describe(value)}.",
            hint,
        )
    if kind == "ikros_date":
        return error(
            loc, "ugyldig-dato", f"`{name}`{context}: {err['msg']}; fant {describe(value)}."
        )
    if kind == "ikros_person":
        return error(loc, "mangler-felt", f"`{name}`{context}: oppgi minst `navn` eller `rolle`.")
    if kind == "too_short":
        minimum = err.get("ctx", {}).get("min_length", 1)
        what = "element" if isinstance(value, list) else "oppføring"
        return error(loc, "for-få-elementer", f"`{name}`{context} må ha minst {minimum} {what}.")
    if kind == "string_too_short":
        return error(loc, "mangler-verdi", f"`{name}`{context} kan ikke være tom.")
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in err.get("ctx", {}).get("pattern", ""):
            rule = "bruk små bokstaver a–z, sifre og bindestrek (uten æ, ø, å og mellomrom)"
        else:
            rule = "et id kan ikke inneholde mellomrom"
        described = describe(value)  # capitalize() would lower the value's own letters
        return error(
            loc,
            "ugyldig-id",
            f"{described[:1].upper()}{described[1:]} er ikke et gyldig id for `{name}`: {rule}.",
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
            "ugyldig-verdi",
            f"`{name}`{context} må være minst {limit}; fant {describe(value)}.",
        )
    return error(
        loc, "ugyldig-verdi", f"`{name}`{context}: ugyldig verdi {describe(value)} ({err['msg']})."
    )


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
