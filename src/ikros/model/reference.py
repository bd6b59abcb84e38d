"""The field tables of the format reference (docs/formatreferanse.md),
generated from the models, so that the reference cannot drift from what
`ikros validate` accepts.

The reference is written by hand in bokmål; each table stands between two
markers that name a model by its title:

    <!-- felter: Hendelse -->
    …generated…
    <!-- /felter -->

`python -m ikros.model.reference` rewrites the tables in place;
`--check` only reports whether they are up to date (exit 1 if not), as
`ikros schema --check` does for the JSON Schemas. The tables are built
from the models' JSON Schemas (the same source editors see): key, whether
it is required, its type in plain words with the allowed values, and the
Norwegian title and description given in the model.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from ikros.model import KINDS, model_for

START = re.compile(r"<!-- felter: (?P<name>[^ ]+) -->\n")
END = "<!-- /felter -->"
DEFAULT_FILE = Path("docs") / "formatreferanse.md"  # from the root of a checkout

# Patterns of the shared types, as a writer of documents knows them.
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "id med små bokstaver a–z, sifre og bindestrek",
    r"^\S+$": "id uten mellomrom",
}


class UnknownSection(ValueError):
    """A marker names no model."""


def schemas() -> dict[str, dict[str, Any]]:
    """Every object model by its title, each with the `$defs` it refers to."""
    found: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        schema = model_for(kind).model_json_schema(mode="validation")
        defs = schema.get("$defs", {})
        for node in [schema, *defs.values()]:
            if node.get("type") == "object" and "properties" in node:
                found.setdefault(_name(node), {**node, "$defs": defs})
    return found


def _name(node: dict[str, Any]) -> str:
    """A model's name: the class name, or a root document's (the title
    of a root reads `ROS-analyse (ikros: ros/1)`)."""
    title = node.get("title", "")
    return {
        "ROS-analyse (ikros: ros/1)": "Ros",
        "Internkontroll (ikros: internkontroll/1)": "Internkontroll",
        "Organisasjon (ikros: organisasjon/1)": "Organisasjon",
        "Konfigurasjon (ikros: konfig/1)": "Konfig",
    }.get(title, title)


def anchor(name: str) -> str:
    return "felter-" + name.lower()


def table(name: str) -> str:
    """The generated block for one model: an anchor, its description, and
    one row per key."""
    models = schemas()
    if name not in models:
        raise UnknownSection(name)
    node = models[name]
    defs = node["$defs"]
    required = set(node.get("required", ()))
    out = [f'<a id="{anchor(name)}"></a>', ""]
    if node.get("description"):
        out += [f"*{node['description']}*", ""]
    out += [
        "| Nøkkel | Påkrevd | Verdi | Beskrivelse |",
        "|---|---|---|---|",
    ]
    for key, field in node["properties"].items():
        needed = "ja" if key in required else _optional(field)
        out.append(
            f"| `{key}` | {needed} | {_cell(_kind(field, defs))} | {_cell(_explain(field, defs))} |"
        )
    if one_of := _at_least_one(node):
        out += ["", f"Oppgi minst én av {one_of}."]
    return "\n".join(out) + "\n"


def _optional(field: dict[str, Any]) -> str:
    default = field.get("default")
    if default in (None, [], {}):
        return "nei"
    shown = json.dumps(default, ensure_ascii=False).strip('"')
    return f"nei (standard `{shown}`)"


def _explain(field: dict[str, Any], defs: dict[str, Any]) -> str:
    target = _ref(field, defs)
    title = field.get("title") or (target or {}).get("title", "")
    description = field.get("description")
    if title and description:
        return f"**{title}.** {description}"
    return f"**{title}.**" if title else (description or "")


def _ref(field: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    if "$ref" in field:
        return defs[field["$ref"].rsplit("/", 1)[1]]
    return None


def _kind(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A value's type in plain words, with the allowed values."""
    if (target := _ref(node, defs)) is not None:
        if "enum" in target:
            return "én av " + _values(target["enum"])
        name = _name(target)
        return f"[{name}](#{anchor(name)})"
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        return " eller ".join(_kind(o, defs) for o in options)
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "én av " + _values(node["enum"])
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "date":
            return "dato (ÅÅÅÅ-MM-DD)"
        return _PATTERNS.get(node.get("pattern", ""), "tekst")
    if kind == "integer":
        return "heltall" + _bounds(node)
    if kind == "number":
        return "tall"
    if kind == "boolean":
        return "`true` eller `false`"
    if kind == "array":
        items = _kind(node.get("items", {}), defs)
        least = "; minst én" if node.get("minItems") == 1 else ""
        return f"liste med {items}{least}"
    if kind == "object":
        names = node.get("propertyNames", {}).get("enum")
        keys = f"nøkler ({', '.join(f'`{n}`' for n in names)})" if names else "nøkler"
        value = _kind(node.get("additionalProperties", {}), defs)
        least = "; minst én" if node.get("minProperties") == 1 else ""
        return f"{keys}, hver med {value}{least}"
    return "tekst"


def _bounds(node: dict[str, Any]) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f" ({low}–{high})"
    if low is not None:
        return f" ({low} eller høyere)"
    return ""


def _values(values: list[Any]) -> str:
    shown = [f"`{v}`" for v in values]
    return ", ".join(shown[:-1]) + " eller " + shown[-1] if len(shown) > 1 else shown[0]


def _at_least_one(node: dict[str, Any]) -> str:
    groups = node.get("anyOf", ())
    keys = [g["required"][0] for g in groups if len(g.get("required", ())) == 1]
    return " og ".join(f"`{k}`" for k in keys) if len(keys) > 1 else ""


def _cell(text: str) -> str:
    """Table cells are one line; a `|` would end the cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render(text: str) -> str:
    """The text with every marked table generated afresh."""
    out = []
    position = 0
    for match in START.finditer(text):
        end = text.find(END, match.end())
        if end < 0:
            raise ValueError(f"marker for {match['name']} is never closed with {END}")
        out += [text[position : match.end()], table(match["name"])]
        position = end
    out.append(text[position:])
    return "".join(out)


def missing(text: str) -> list[str]:
    """Models that the reference has no table for."""
    present = {m["name"] for m in START.finditer(text)}
    return sorted(set(schemas()) - present)


def main(argv: list[str] | None = None) -> int:
    """`python -m ikros.model.reference [--check] [FILE]` (a tool for
    developers; FILE defaults to docs/formatreferanse.md)."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    path = Path(paths[0]) if paths else DEFAULT_FILE
    text = path.read_text(encoding="utf-8")
    wanted = render(text)
    if absent := missing(text):
        print(f"{path}: no table for {', '.join(absent)}", file=sys.stderr)
        return 1
    if wanted == text:
        print(f"{path} is up to date.", file=sys.stderr)
        return 0
    if check:
        print(
            f"{path} has drifted from the models; run `python -m ikros.model.reference`.",
            file=sys.stderr,
        )
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"Wrote the field tables of {path}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
