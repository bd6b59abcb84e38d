"""Pydantic models of the four document kinds of FORMAT.md, version 1.

`KINDS` names every kind and version that exists, and `model_for` imports
the model of one only when it is needed: building the models is the
largest part of ikros's start-up, and a run that checks one changed
analysis needs two of them.
"""

import types
import typing
from importlib import import_module
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

KINDS: dict[str, str] = {
    "konfig/1": "ikros.model.konfig:Konfig",
    "organisasjon/1": "ikros.model.organisasjon:Organisasjon",
    "ros/1": "ikros.model.ros:Ros",
    "internkontroll/1": "ikros.model.internkontroll:Internkontroll",
}


def model_for(kind: str) -> type[BaseModel]:
    module, name = KINDS[kind].split(":")
    return getattr(import_module(module), name)


def validate(model: type[M], data: Any) -> M:
    """`model.model_validate(data)`, where an optional value written `null`
    means its default, as the format notes promise (`virkning: null` is
    `begge`, `årsaker: null` no årsaker). Pydantic reads `null` as a value,
    which a field whose default is not None refuses. The data are read as
    they are first, so a file without such a null costs nothing more; only
    when that fails are those nulls dropped and the data read again."""
    try:
        return model.model_validate(data)
    except ValidationError:
        cleaned = without_null_defaults(model, data)
        if cleaned is data:
            raise
        return model.model_validate(cleaned)


def without_null_defaults(annotation: Any, data: Any) -> Any:
    """`data` without the keys whose value is null where the model has a
    default that is not None; `data` itself when there are none."""
    annotation = _strip(annotation)
    if (
        isinstance(data, dict)
        and isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
    ):
        out: dict[Any, Any] = {}
        changed = False
        for key, value in data.items():
            field = annotation.model_fields.get(key) if isinstance(key, str) else None
            if field is None:
                out[key] = value
                continue
            if (
                value is None
                and not field.is_required()
                and field.get_default(call_default_factory=True) is not None
            ):
                changed = True
                continue
            inner = without_null_defaults(field.annotation, value)
            changed = changed or inner is not value
            out[key] = inner
        return out if changed else data
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and isinstance(data, list) and args:
        items = [without_null_defaults(args[0], item) for item in data]
        return items if any(a is not b for a, b in zip(items, data, strict=True)) else data
    if origin is dict and isinstance(data, dict) and len(args) == 2:
        values = {k: without_null_defaults(args[1], v) for k, v in data.items()}
        return values if any(values[k] is not data[k] for k in data) else data
    return data


def _strip(annotation: Any) -> Any:
    """The model or container inside Annotated and Optional."""
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


__all__ = ["KINDS", "model_for", "validate"]
