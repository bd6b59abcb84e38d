"""The checked-in JSON Schemas are generated from the models, and agree
with `ikros validate` on which documents are valid."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from ikros.checks.context import context_for
from ikros.cli import app
from ikros.engine.document import process
from ikros.load import yamlio
from ikros.model import KINDS, model_for, validate
from ikros.model.jsonschema import file_name, generate

REPO = Path(__file__).resolve().parents[1]
# Rules of one document that the schemas also express (with if/then).
MIRRORED_RULES = {"mangler-godkjenning", "mangler-personvernkonsekvenser"}
SCHEMAS = REPO / "schemas"


def test_checked_in_schemas_are_current() -> None:
    result = CliRunner().invoke(app, ["schema", "--check", "--out", str(SCHEMAS)])
    assert result.exit_code == 0, result.stderr


def test_check_fails_on_drift(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["schema", "--out", str(tmp_path)]).exit_code == 0
    (tmp_path / "ros.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "ros.schema.json" in result.stderr


def test_out_that_is_a_file_says_so(tmp_path: Path) -> None:
    """Not «filen finnes allerede», which reads as a refusal to overwrite."""
    (tmp_path / "ikros.yaml").write_text("ikros: konfig/1\n", encoding="utf-8")
    out = str(tmp_path / "ikros.yaml")
    for args in (["schema", "--out", out], ["schema", "--check", "--out", out]):
        result = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
        assert (result.exit_code, result.stderr) == (
            2,
            f"feil: {out} er en fil, ikke en mappe. Velg en mappe med --out, for eksempel "
            "--out schemas.\n",
        ), args
    assert (tmp_path / "ikros.yaml").read_text(encoding="utf-8") == "ikros: konfig/1\n"


def test_schemas_have_norwegian_descriptions() -> None:
    ros = json.loads(generate()["ros.schema.json"])
    assert ros["title"] == "ROS-analyse (ikros: ros/1)"
    assert ros["properties"]["omfang_type"]["description"].startswith("sektorovergripende")
    assert ros["$defs"]["Hendelse"]["description"] == "En uønsket hendelse."


def _json_ready(value):
    """Data as an editor sees it: dates are text."""
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _documents():
    roots = [REPO / "examples", REPO / "tests" / "cases"]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            parsed = yamlio.read(path.read_bytes(), str(path))
            kind = parsed.data.get("ikros") if parsed.ok and isinstance(parsed.data, dict) else None
            if isinstance(kind, str) and kind in KINDS:
                yield pytest.param(path, parsed.data, id=str(path.relative_to(REPO)))


@pytest.mark.parametrize(("path", "data"), list(_documents()))
def test_schema_agrees_with_model(path: Path, data: dict) -> None:
    """Valid for the JSON Schema ⇔ valid for the model and the rules the
    schema mirrors."""
    kind = data["ikros"]
    schema = json.loads((SCHEMAS / file_name(kind)).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    schema_ok = validator.is_valid(_json_ready(data))
    try:
        validate(model_for(kind), data)
        model_ok = True
    except Exception:
        model_ok = False
    codes = {d.code for d in process(path.read_bytes(), path.name, context_for(None)).diagnostics}
    assert schema_ok == (model_ok and not codes & MIRRORED_RULES)


def test_example_files_name_their_schema() -> None:
    for path in (REPO / "examples").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.parent == SCHEMAS and target.is_file(), path
