"""JSON Schemas generated from the models, one per document kind, for
editors (VS Code's YAML extension) and other tools."""

from __future__ import annotations

import json

from ikros.model import KINDS, model_for

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def file_name(kind: str) -> str:
    return f"{kind.split('/')[0]}.schema.json"


# What describes a property rather than constrains its value.
_ANNOTATIONS = ("title", "description", "default", "examples")


def _optional_may_be_null(definition: dict) -> None:
    """An optional property accepts `null` for its default, as ikros does
    (`ikros.model.validate`): `virkning: null` is `begge`. Properties whose
    default is None allow null already."""
    required = set(definition.get("required", ()))
    for name, prop in definition.get("properties", {}).items():
        if name in required or _allows_null(prop):
            continue
        value = {k: v for k, v in prop.items() if k not in _ANNOTATIONS}
        notes = {k: v for k, v in prop.items() if k in _ANNOTATIONS}
        prop.clear()
        prop.update({"anyOf": [value, {"type": "null"}], **notes})


def _allows_null(prop: dict) -> bool:
    return prop.get("type") == "null" or any(
        branch.get("type") == "null" for branch in prop.get("anyOf", ())
    )


def generate() -> dict[str, str]:
    """File name → schema text, exactly as checked in."""
    out = {}
    for kind in KINDS:
        model = model_for(kind)
        schema = model.model_json_schema(mode="validation")
        for definition in (schema, *schema.get("$defs", {}).values()):
            _optional_may_be_null(definition)
        schema = {"$schema": DRAFT, **schema}
        out[file_name(kind)] = (
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        )
    return out
