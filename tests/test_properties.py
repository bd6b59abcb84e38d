"""Property tests: the loader never raises, and the two readers agree."""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikros.checks.context import context_for
from ikros.engine.document import process
from ikros.load import yamlio

CTX = context_for(None)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_processing_arbitrary_text_never_raises(text: str) -> None:
    result = process(text.encode("utf-8", "surrogatepass"), "x.yaml", CTX)
    assert all(d.line >= 1 and d.column >= 1 for d in result.diagnostics)
    assert not any(d.code == "intern-feil" for d in result.diagnostics)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_processing_arbitrary_bytes_never_raises(raw: bytes) -> None:
    result = process(raw, "x.yaml", CTX)
    assert not any(d.code == "intern-feil" for d in result.diagnostics)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ikros: rl/1\n-[]{}&*!#'\"|>\t 0.5~", max_size=60))
def test_yaml_like_text_never_raises(text: str) -> None:
    result = process(("ikros: ros/1\n" + text).encode(), "x.yaml", CTX)
    assert not any(d.code == "intern-feil" for d in result.diagnostics)


# Scalars as people write them, plain: numbers, dates, words, YAML 1.1 booleans.
plain_scalars = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(
        [
            "no",
            "yes",
            "on",
            "off",
            "y",
            "n",
            "true",
            "False",
            "NULL",
            "~",
            "0o17",
            "0x1F",
            ".inf",
            "-.Inf",
            ".nan",
            "1e3",
            "1_000",
            "0b11",
            "2026-02-30",
            "2026-03-01T10:00:00Z",
            "12:30",
            "+47",
            "007",
            "1.",
            ".5",
            "-0",
        ]
    ),
    st.from_regex(r"[A-Za-zæøåÆØÅ][A-Za-zæøå .,-]{0,20}[a-zæøå]", fullmatch=True),
)
keys = st.from_regex(r"[a-zæøå_]{1,10}", fullmatch=True)


def _render(value, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, dict | list) and v:
                lines.append(f"{pad}{k}:\n{_render(v, indent + 2)}")
            else:
                lines.append(f"{pad}{k}: {_render(v)}")
        return "\n".join(lines)
    if isinstance(value, list):
        return "\n".join(
            f"{pad}-\n{_render(v, indent + 2)}"
            if isinstance(v, dict | list) and v
            else f"{pad}- {_render(v)}"
            for v in value
        )
    return str(value) if value != {} and value != [] else ("{}" if value == {} else "[]")


documents = st.recursive(
    plain_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=20,
).filter(lambda v: isinstance(v, dict) and v)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_fast_and_positional_readers_agree(doc) -> None:
    raw = (_render(doc) + "\n").encode()
    fast = yamlio.read(raw, "x.yaml")
    slow = yamlio.read(raw, "x.yaml", positions=True)
    assert fast.ok == slow.ok
    if fast.ok:
        assert _typed(fast.data) == _typed(slow.data)


def _typed(value):
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def test_yaml_12_scalars() -> None:
    raw = b"a: no\nb: on\nc: 2026-03-01\nd: '2026-03-01'\ne: 012\nf: true\n"
    for parsed in (yamlio.read(raw, "x"), yamlio.read(raw, "x", positions=True)):
        assert parsed.data == {
            "a": "no",
            "b": "on",
            "c": dt.date(2026, 3, 1),
            "d": "2026-03-01",
            "e": 12,
            "f": True,
        }


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .,-+\n4a", max_size=40))
def test_personal_data_scan_never_raises(text: str) -> None:
    from ikros.checks import personal_data

    for d in personal_data.scan(text, "x.yaml"):
        assert d.code in ("personnummer", "telefonnummer")
        assert "*" in d.message


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=20),
        st.integers(),
        st.lists(st.text(max_size=5), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        st.none(),
        st.booleans(),
    )
)
def test_any_header_value_never_raises(header) -> None:
    import json

    raw = f"ikros: {json.dumps(header)}\nid: X\n".encode()
    result = process(raw, "x.yaml", CTX)
    assert not any(d.code == "intern-feil" for d in result.diagnostics)


# Code points where YAML 1.1 (libyaml) and YAML 1.2 (yaml-rs) part ways, or
# that YAML forbids, mixed with the characters that give text its structure.
ODD = "\u2028\u2029\x85\x07\x1b\x9b\x7f\x0c\x0b\ufeff\u200b\ufffe\x01\x1f\x80\x9f"
odd_text = st.text(alphabet=ODD + "ab æ:-#'\"\n\r{}[],|>", max_size=40)
odd_scalar = st.text(alphabet=ODD + "ab æ.,", min_size=1, max_size=12)


def _quoted(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return value


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(odd_text)
def test_readers_agree_on_odd_code_points(text: str) -> None:
    """Either both readers give the same data, or the file is refused by
    both with the same codes, and a forbidden character is reported at
    its own position."""
    raw = text.encode()
    fast = yamlio.read(raw, "x.yaml")
    slow = yamlio.read(raw, "x.yaml", positions=True)
    assert fast.ok == slow.ok
    if fast.ok:
        assert _typed(fast.data) == _typed(slow.data)
    else:
        assert [d.code for d in fast.diagnostics] == [d.code for d in slow.diagnostics]
    body = text.removeprefix("\ufeff")  # a BOM is not counted in columns
    for d in fast.diagnostics:
        if d.code == "ugyldig-tegn":
            line = re.split("\r\n|\r|\n", body)[d.line - 1]
            assert line[d.column - 1] in ODD


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(keys, st.tuples(odd_scalar, st.sampled_from(["plain", "single", "double"]))),
)
def test_readers_agree_on_scalars_with_odd_code_points(doc) -> None:
    text = "".join(f"{k}: {_quoted(v, style)}\n" for k, (v, style) in doc.items())
    raw = text.encode()
    fast = yamlio.read(raw, "x.yaml")
    slow = yamlio.read(raw, "x.yaml", positions=True)
    assert fast.ok == slow.ok
    if fast.ok:
        assert _typed(fast.data) == _typed(slow.data)
