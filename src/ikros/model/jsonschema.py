"""JSON Schemas generated from the models, one per document kind, for
editors (VS Code's YAML extension) and other tools."""

from __future__ import annotations

import json

from ikros.model import KINDS, model_for

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def file_name(kind: str) -> str:
    return f"{kind.split('/')[0]}.schema.json"


def generate() -> dict[str, str]:
    """File name → schema text, exactly as checked in."""
    out = {}
    for kind in KINDS:
        model = model_for(kind)
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": DRAFT, **schema}
        out[file_name(kind)] = (
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        )
    return out
