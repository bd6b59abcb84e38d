"""Validating a large document in pieces, so that memory stays bounded.

Pydantic collects every error of a call before it returns: for a 5 MB file
of 900,000 wrong list items that is 250 MB inside Pydantic and 800 MB more
as the dicts of `errors()`. A large document is therefore validated piece by
piece along its model: a mapping of a model field by field, a long list or
dictionary in slices of consecutive items, each piece by one Pydantic call
on at most PIECE_NODES nodes. The errors are Pydantic's own, with the same
`loc` as in one call over the whole; only a model's unknown keys and
missing fields are found here, as Pydantic reports them. Wherever that would
not be exact (a union, a validator on a field, a constraint other than a
minimum length, a setting in a model's config), the piece is validated whole.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from annotated_types import MinLen
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from ikros.diagnostics import Loc

# Nodes (keys, values, items) in one Pydantic call at most: its errors then
# take a few megabytes, and the calls are few.
PIECE_NODES = 20_000

Errors = list[dict[str, Any]]
M = typing.TypeVar("M", bound=BaseModel)
# Model settings that do not change how a field's value is validated.
_HARMLESS_CONFIG = {"extra", "frozen", "defer_build", "title", "json_schema_extra"}


class _NoFields(BaseModel):
    """Reports every key it is given as Pydantic reports unknown keys."""

    model_config = ConfigDict(extra="forbid")


def errors(annotation: Any, value: Any, piece_nodes: int = PIECE_NODES) -> Iterator[Errors]:
    """Pydantic's errors for `value` as `annotation` (a model class or a
    type), in batches: one per Pydantic call, at most about `piece_nodes`
    nodes each. Nothing when the value is valid, except for validators of
    a whole model, which run only on a model whose pieces are valid."""
    return _walk(annotation, value, (), piece_nodes)


def valid(model: type[M], value: Any) -> M | None:
    """`value` as `model`, or None when it is not valid; a large value is
    tried in pieces first, so that its errors are never all held at once."""
    if _nodes(value, PIECE_NODES) is None and next(errors(model, value), None) is not None:
        return None
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _walk(annotation: Any, value: Any, loc: Loc, limit: int) -> Iterator[Errors]:
    if _nodes(value, limit) is not None:
        yield from _whole(annotation, value, loc)
        return
    target, constraints = _unwrap(annotation)
    origin = typing.get_origin(target)
    if isinstance(target, type) and issubclass(target, BaseModel) and isinstance(value, dict):
        if _splittable(target):
            yield from _model(target, value, loc, limit)
            return
    elif origin is list and isinstance(value, list) and _plain_length(constraints, value):
        (item,) = typing.get_args(target)
        yield from _sequence(item, value, loc, limit)
        return
    elif origin is dict and isinstance(value, dict) and _plain_length(constraints, value):
        key, item = typing.get_args(target)
        yield from _mapping(key, item, value, loc, limit)
        return
    yield from _whole(annotation, value, loc)


def _whole(annotation: Any, value: Any, loc: Loc, shape: str = "") -> Iterator[Errors]:
    """One Pydantic call: `value` as `annotation`, or (`shape`) as a list
    of it, or as a dict of a pair of them (key, value)."""
    try:
        _adapter(shape, *(annotation if shape == "dict" else (annotation,))).validate_python(value)
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        for err in found:
            err["loc"] = (*loc, *err["loc"])
        yield found


def _model(model: type[BaseModel], value: dict[Any, Any], loc: Loc, limit: int) -> Iterator[Errors]:
    fields = model.model_fields
    found = 0
    unknown = [k for k in value if not (isinstance(k, str) and k in fields)]
    for start in range(0, len(unknown), limit):
        chunk = {k: value[k] for k in unknown[start : start + limit]}
        for batch in _whole(_NoFields, chunk, loc):  # unknown keys, and keys that are not text
            found += len(batch)
            yield batch
    missing = [
        {"type": "missing", "loc": (*loc, name), "msg": "Field required", "input": value}
        for name, field in fields.items()
        if name not in value and field.is_required()
    ]
    if missing:
        found += len(missing)
        yield missing
    for name in fields:
        if name in value:
            for batch in _walk(_field_annotation(model, name), value[name], (*loc, name), limit):
                found += len(batch)
                yield batch
    if not found and model.__pydantic_decorators__.model_validators:
        yield from _whole(model, value, loc)  # its fields are valid: at most its own errors


def _sequence(item: Any, value: list[Any], loc: Loc, limit: int) -> Iterator[Errors]:
    """Consecutive small items in slices; a large item on its own."""
    start, nodes = 0, 0
    for i, element in enumerate(value):
        size = _nodes(element, limit)
        if size is not None and nodes + size <= limit:
            nodes += size
            continue
        yield from _slice(item, value[start:i], loc, start)
        if size is None:
            yield from _walk(item, element, (*loc, i), limit)
            start, nodes = i + 1, 0
        else:
            start, nodes = i, size
    yield from _slice(item, value[start:], loc, start)


def _mapping(key: Any, item: Any, value: dict[Any, Any], loc: Loc, limit: int) -> Iterator[Errors]:
    """Entries whose values are small in slices; a large value on its own,
    after its key."""
    entries: dict[Any, Any] = {}
    nodes = 0
    for k, element in value.items():
        size = _nodes(element, limit)
        if size is not None and nodes + size + 1 <= limit:
            entries[k] = element
            nodes += size + 1
            continue
        if entries:
            yield from _whole((key, item), entries, loc, "dict")
        entries, nodes = {}, 0
        if size is None:
            yield from _whole((key, Any), {k: None}, loc, "dict")  # its key
            yield from _walk(item, element, (*loc, k), limit)
        else:
            entries, nodes = {k: element}, size + 1
    if entries:
        yield from _whole((key, item), entries, loc, "dict")


def _slice(item: Any, items: list[Any], loc: Loc, start: int) -> Iterator[Errors]:
    """The items of a list from index `start`, as a list of their own."""
    if not items:
        return
    for batch in _whole(item, items, (), "list"):
        for err in batch:
            index, *rest = err["loc"]
            err["loc"] = (*loc, index + start, *rest)
        yield batch


def _nodes(value: Any, limit: int) -> int | None:
    """The number of nodes in `value` (keys count), or None above `limit`."""
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, dict | list):
            if count + len(stack) + 2 * len(node) > limit:  # a lower bound
                return None
            if isinstance(node, dict):
                count += len(node)
                stack.extend(node.values())
            else:
                stack.extend(node)
        if count + len(stack) > limit:
            return None
    return count


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Annotated and Optional, and the constraints on it."""
    constraints: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *more = typing.get_args(annotation)
            constraints += more
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation, constraints  # a real union: validated whole
            annotation = options[0]
        else:
            return annotation, constraints


def _plain_length(constraints: list[Any], value: list[Any] | dict[Any, Any]) -> bool:
    """Whether the only constraints are minimum lengths that `value` meets."""
    return all(isinstance(c, MinLen) and len(value) >= c.min_length for c in constraints)


@functools.cache
def _splittable(model: type[BaseModel]) -> bool:
    """Whether the model's fields can be validated one by one."""
    decorators = model.__pydantic_decorators__
    return (
        model.model_config.get("extra") == "forbid"
        and set(model.model_config) <= _HARMLESS_CONFIG
        and not decorators.field_validators
        and not decorators.validators
        and not decorators.root_validators
        and all(d.info.mode == "after" for d in decorators.model_validators.values())
        and all(f.alias is None and f.validation_alias is None for f in model.model_fields.values())
    )


@functools.cache
def _field_annotation(model: type[BaseModel], name: str) -> Any:
    return model.model_fields[name].rebuild_annotation()


# Adapters by shape and the identity of their annotations (not all of them
# can be hashed), which are kept alive with them.
_ADAPTERS: dict[tuple[Any, ...], tuple[tuple[Any, ...], TypeAdapter[Any]]] = {}


def _adapter(shape: str, *annotations: Any) -> TypeAdapter[Any]:
    key = (shape, *map(id, annotations))
    entry = _ADAPTERS.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], annotations, strict=True)):
        if shape == "list":
            built = list[annotations[0]]  # type: ignore[valid-type]
        elif shape == "dict":
            built = dict[annotations[0], annotations[1]]  # type: ignore[misc]
        else:
            built = annotations[0]
        entry = _ADAPTERS[key] = (annotations, TypeAdapter(built))
    return entry[1]
