"""Optional values may be written `null` (docs/format-notes.md): every
optional field whose default is not None reads `null` as its default, in
the models and in the JSON Schemas."""

from __future__ import annotations

import copy
import json
import types
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from ikros.load import yamlio
from ikros.model import KINDS, model_for, validate
from ikros.model.jsonschema import file_name
from ikros.model.ros import Tiltak, Virkning

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "examples", *sorted((REPO / "tests" / "cases").glob("ok-*"))]


def _strip(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _defaulted(model: type[BaseModel]) -> list[str]:
    return [
        name
        for name, field in model.model_fields.items()
        if not field.is_required() and field.get_default(call_default_factory=True) is not None
    ]


def _all_models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()

    def walk(annotation: Any) -> None:
        annotation = _strip(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen.add(annotation)
                for field in annotation.model_fields.values():
                    walk(field.annotation)
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    for kind in KINDS:
        walk(model_for(kind))
    return seen


def _places(annotation: Any, data: Any, path: tuple) -> list[tuple[type[BaseModel], tuple]]:
    """Every mapping in `data` with the model that describes it."""
    annotation = _strip(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(data, dict):
            return []
        found = [(annotation, path)]
        for name, field in annotation.model_fields.items():
            if name in data:
                found += _places(field.annotation, data[name], (*path, name))
        return found
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and isinstance(data, list):
        return [p for i, item in enumerate(data) for p in _places(args[0], item, (*path, i))]
    if origin is dict and isinstance(data, dict):
        return [p for k, v in data.items() for p in _places(args[1], v, (*path, k))]
    return []


def _documents() -> list[tuple[str, dict]]:
    docs = []
    for root in SOURCES:
        for path in sorted(root.rglob("*.yaml")):
            parsed = yamlio.read(path.read_bytes(), path.name)
            if parsed.ok and isinstance(parsed.data, dict) and parsed.data.get("ikros") in KINDS:
                docs.append((str(path.relative_to(REPO)), parsed.data))
    return docs


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def test_every_optional_value_with_a_default_accepts_null() -> None:
    wanted = {(m, f) for m in _all_models() for f in _defaulted(m)}
    assert (Tiltak, "virkning") in wanted
    tried: set[tuple[type[BaseModel], str]] = set()
    for name, data in _documents():
        kind = model_for(data["ikros"])
        try:
            expected_model = validate(kind, data)
        except ValidationError:
            continue  # an ok-case is valid for its rules, not always alone
        schema = json.loads((REPO / "schemas" / file_name(data["ikros"])).read_text("utf-8"))
        for model, path in _places(kind, data, ()):
            for field in _defaulted(model):
                if (model, field) in tried:
                    continue
                nulled = copy.deepcopy(data)
                _at(nulled, path)[field] = None
                without = copy.deepcopy(data)
                _at(without, path).pop(field, None)
                assert validate(kind, nulled) == validate(kind, without), (name, path, field)
                editor = jsonschema.Draft202012Validator(schema)
                assert editor.is_valid(_json_ready(nulled)), (name, path, field)
                tried.add((model, field))
        assert expected_model is not None
    missing = sorted(f"{m.__name__}.{f}" for m, f in wanted - tried)
    assert not missing, f"no example holds these, add one: {missing}"


def _json_ready(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_virkning_null_is_begge() -> None:
    tiltak = validate(
        Tiltak, {"id": "T1", "beskrivelse": "x", "status": "planlagt", "virkning": None}
    )
    assert tiltak.virkning is Virkning.BEGGE


def test_a_required_value_is_still_required_when_null() -> None:
    with pytest.raises(ValidationError):
        validate(Tiltak, {"id": "T1", "beskrivelse": "x", "status": None})


def test_data_without_such_nulls_is_read_once() -> None:
    from ikros.model import without_null_defaults

    data = {"id": "T1", "beskrivelse": "x", "status": "planlagt", "ansvarlig": None}
    assert without_null_defaults(Tiltak, data) is data
