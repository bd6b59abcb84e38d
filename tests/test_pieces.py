"""Validation in pieces gives Pydantic's own errors: the same as one call
over the whole document, for every test case and for thousands of broken
variants of them, with pieces as small as one node; and the same findings
made and counted from them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from ikros.checks import pieces, schema
from ikros.load import yamlio
from ikros.model import KINDS, model_for

CASES = Path(__file__).parent / "cases"


def _documents() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.rglob("*.yaml")):
        parsed = yamlio.read(path.read_bytes(), path.name)
        data = parsed.data if parsed.ok else None
        if isinstance(data, dict) and isinstance(data.get("ikros"), str) and data["ikros"] in KINDS:
            out.append((str(path.relative_to(CASES)), data))
    return out


DOCUMENTS = _documents()


def _normal(errors: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    return sorted(
        (repr(tuple(e["loc"])), e["type"], e["msg"], repr(e.get("input")), repr(e.get("ctx")))
        for e in errors
    )


def _same_errors(data: dict[str, Any]) -> None:
    model = model_for(data["ikros"])
    try:
        model.model_validate(data)
        whole: list[dict[str, Any]] = []
    except ValidationError as exc:
        whole = exc.errors(include_url=False)
    for piece_nodes in (1, 3, 50):
        got = [e for batch in pieces.errors(model, data, piece_nodes) for e in batch.errors()]
        assert _normal(got) == _normal(whole), piece_nodes
        # the findings made, and those counted, some of them by Pydantic's count
        for keep in (1, 5):
            made, counted = schema.findings([pieces.Batch((), errors=whole)], data, model, keep)
            made_in_pieces, counted_in_pieces = schema.findings(
                pieces.errors(model, data, piece_nodes), data, model, keep
            )
            assert sorted(map(repr, made_in_pieces)) == sorted(map(repr, made)), (piece_nodes, keep)
            assert counted_in_pieces == counted, (piece_nodes, keep)


@pytest.mark.parametrize("name,data", DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_the_pieces_of_a_test_case_give_pydantics_errors(name: str, data: dict[str, Any]) -> None:
    _same_errors(data)


ODD_VALUES = [None, 1, 1.5, True, "", "x", [], {}, [1, "x"], {"a": 1}, {1: "x"}]


def _broken(value: Any, rng: random.Random) -> Any:
    """`value` with keys misspelt, dropped or not text, and values of the
    wrong kind, here and there."""
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            roll = rng.random()
            if roll < 0.05:
                continue
            if roll < 0.1 and isinstance(key, str):
                out[key + "x"] = item
            else:
                out[key] = _broken(item, rng)
        if rng.random() < 0.05:
            out[rng.choice([1, None, "zz", 2.5])] = "x"
        return out
    if isinstance(value, list):
        items = [_broken(item, rng) for item in value]
        return items + [rng.choice(ODD_VALUES)] if rng.random() < 0.1 else items
    return rng.choice(ODD_VALUES) if rng.random() < 0.05 else value


def test_the_pieces_of_broken_documents_give_pydantics_errors() -> None:
    rng = random.Random(6)
    for _ in range(1_500):
        _, data = rng.choice(DOCUMENTS)
        broken = _broken(data, rng)
        broken["ikros"] = data["ikros"]
        _same_errors(broken)
