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
from ikros.model import validate

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


class Batch:
    """The errors of one Pydantic call, made into dicts only when asked for:
    past the findings a file lists, their number is enough. None of them
    lies before `start` (a loc, at its key or its value)."""

    __slots__ = ("_call", "_errors", "_exc", "_loc", "_shift", "_value", "at_key", "start")

    def __init__(
        self,
        start: Loc,
        at_key: bool = False,
        *,
        errors: Errors | None = None,
        exc: ValidationError | None = None,
        loc: Loc = (),
        shift: int | None = None,
        call: _Call | None = None,
        value: Any = None,
    ):
        self.start, self.at_key = start, at_key
        self._errors, self._exc = errors, exc
        self._loc = loc  # to put before each error's loc
        self._shift = shift  # to add to the first part of each error's loc (a slice of a list)
        self._call, self._value = call, value  # the call that failed, and on what

    def errors(self) -> Errors:
        if self._errors is None:
            assert self._exc is not None
            found = self._exc.errors(include_url=False)
            for err in found:
                if self._shift is None:
                    err["loc"] = (*self._loc, *err["loc"])
                else:
                    index, *rest = err["loc"]
                    err["loc"] = (*self._loc, index + self._shift, *rest)
            self._errors, self._exc = found, None
        return self._errors

    def count(self) -> int | None:
        """How many findings the errors make, if that is known without
        making them: one each, unless two report one place with one code.
        That happens where a union's branches fail at the same place, and
        where both a key that is not text and its value are wrong."""
        if self._exc is None or self._call is None:
            return None
        if self._call.union or (self._call.dicts and not _text_keys(self._value)):
            return None
        return self._exc.error_count()


def errors(annotation: Any, value: Any, piece_nodes: int = PIECE_NODES) -> Iterator[Batch]:
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
        return validate(model, value)  # an optional value written null means its default
    except ValidationError:
        return None


def _walk(annotation: Any, value: Any, loc: Loc, limit: int) -> Iterator[Batch]:
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


def _whole(
    annotation: Any,
    value: Any,
    loc: Loc,
    shape: str = "",
    *,
    start: Loc | None = None,
    at_key: bool = False,
    shift: int | None = None,
) -> Iterator[Batch]:
    """One Pydantic call: `value` as `annotation`, or (`shape`) as a list
    of it, or as a dict of a pair of them (key, value)."""
    call = _call(shape, *(annotation if shape == "dict" else (annotation,)))
    try:
        call.adapter.validate_python(value)
    except ValidationError as exc:
        place = loc if start is None else start
        yield Batch(place, at_key, exc=exc, loc=loc, shift=shift, call=call, value=value)


def _model(model: type[BaseModel], value: dict[Any, Any], loc: Loc, limit: int) -> Iterator[Batch]:
    fields = model.model_fields
    found = False
    unknown = [k for k in value if not (isinstance(k, str) and k in fields)]
    for first in range(0, len(unknown), limit):
        keys = unknown[first : first + limit]
        chunk = {k: value[k] for k in keys}
        # unknown keys, and keys that are not text, as Pydantic reports them
        for batch in _whole(_NoFields, chunk, loc, start=(*loc, keys[0]), at_key=True):
            found = True
            yield batch
    missing = [
        {"type": "missing", "loc": (*loc, name), "msg": "Field required", "input": value}
        for name, field in fields.items()
        if name not in value and field.is_required()
    ]
    if missing:
        found = True
        yield Batch(loc, errors=missing)
    for name in fields:
        if name in value:
            for batch in _walk(_field_annotation(model, name), value[name], (*loc, name), limit):
                found = True
                yield batch
    if not found and model.__pydantic_decorators__.model_validators:
        yield from _whole(model, value, loc)  # its fields are valid: at most its own errors


def _sequence(item: Any, value: list[Any], loc: Loc, limit: int) -> Iterator[Batch]:
    """Consecutive small items in slices; a large item on its own."""
    start, nodes = 0, 0
    for i, element in enumerate(value):
        size = _nodes(element, limit) if isinstance(element, dict | list) else 1
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


def _mapping(key: Any, item: Any, value: dict[Any, Any], loc: Loc, limit: int) -> Iterator[Batch]:
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
        yield from _entries(key, item, entries, loc)
        entries, nodes = {}, 0
        if size is None:
            yield from _entries(key, Any, {k: None}, loc)  # its key
            yield from _walk(item, element, (*loc, k), limit)
        else:
            entries, nodes = {k: element}, size + 1
    yield from _entries(key, item, entries, loc)


def _entries(key: Any, item: Any, entries: dict[Any, Any], loc: Loc) -> Iterator[Batch]:
    if entries:
        first = next(iter(entries))
        yield from _whole((key, item), entries, loc, "dict", start=(*loc, first), at_key=True)


def _slice(item: Any, items: list[Any], loc: Loc, start: int) -> Iterator[Batch]:
    """The items of a list from index `start`, as a list of their own."""
    if items:
        yield from _whole(item, items, loc, "list", start=(*loc, start), shift=start)


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


class _Call:
    """A Pydantic validator for one shape of annotation, and what its core
    schema holds (known once it has validated something: models build their
    schema when first used)."""

    __slots__ = ("_kinds", "adapter")

    def __init__(self, adapter: TypeAdapter[Any]):
        self.adapter = adapter
        self._kinds: set[str] | None = None

    @property
    def union(self) -> bool:
        return bool(self._schema_kinds() & {"union", "tagged-union"})

    @property
    def dicts(self) -> bool:
        return "dict" in self._schema_kinds()

    def _schema_kinds(self) -> set[str]:
        if self._kinds is None:
            self._kinds = set()
            stack = [self.adapter.core_schema]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    if isinstance(node.get("type"), str):
                        self._kinds.add(node["type"])
                    stack.extend(node.values())
                elif isinstance(node, list | tuple):
                    stack.extend(node)
        return self._kinds


def _text_keys(value: Any) -> bool:
    """Whether every key of every mapping in `value` is text."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(type(k) is str for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


# Validators by shape and the identity of their annotations (not all of them
# can be hashed), which are kept alive with them.
_CALLS: dict[tuple[Any, ...], tuple[tuple[Any, ...], _Call]] = {}


def _call(shape: str, *annotations: Any) -> _Call:
    key = (shape, *map(id, annotations))
    entry = _CALLS.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], annotations, strict=True)):
        if shape == "list":
            built = list[annotations[0]]  # type: ignore[valid-type]
        elif shape == "dict":
            built = dict[annotations[0], annotations[1]]  # type: ignore[misc]
        else:
            built = annotations[0]
        entry = _CALLS[key] = (annotations, _Call(TypeAdapter(built)))
    return entry[1]
