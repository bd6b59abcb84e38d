"""Property tests: the loader never raises, and the two readers agree."""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ikros.checks.context import context_for
from ikros.diagnostics import Severity
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


# The personal-data guard. The check digits are computed here, apart from
# the code under test.
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_JOINERS = "-.,/+"
_AROUND = st.text(alphabet="abzæøåXØ_0123456789 \u00a0\u202f.,;:!?()[]-/+'\"\n", max_size=20)


def _control(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if rest == 11 else None if rest == 10 else rest


@st.composite
def identity_numbers(draw) -> str:
    """A fødselsnummer or D-nummer: a plausible date, then both check digits."""
    day = draw(st.integers(1, 31)) + draw(st.sampled_from([0, 40]))
    nine = f"{day:02d}{draw(st.integers(1, 12)):02d}{draw(st.integers(0, 99)):02d}"
    nine += f"{draw(st.integers(0, 999)):03d}"
    digits = [int(c) for c in nine]
    k1 = _control(digits, _W1)
    assume(k1 is not None)
    k2 = _control([*digits, k1], _W2)
    assume(k2 is not None)
    written = nine + str(k1) + str(k2)
    separator = draw(st.sampled_from(["", "", " ", "\u00a0", "\u202f", "-"]))
    return written[:6] + separator + written[6:]


def _glued(text: str, start: int, end: int) -> bool:
    """Joined to a letter or digit, directly or through a joiner (2026-…)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if any(c.isalnum() or c == "_" for c in before + after):
        return True
    if before and before in _JOINERS and text[start - 2 : start - 1].isdigit():
        return True
    return bool(after) and after in _JOINERS and text[end + 1 : end + 2].isdigit()


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@settings(max_examples=500, deadline=None)
@given(_AROUND, identity_numbers(), _AROUND)
def test_an_identity_number_is_found_where_it_is(before: str, number: str, after: str) -> None:
    from ikros.checks import personal_data

    text = before + number + after
    start, end = len(before), len(before) + len(number)
    found = personal_data.scan(text, "x.yaml")
    at = [
        (d.severity, d.message)
        for d in found
        if d.code == "personnummer" and (d.line, d.column) == _line_column(text, start)
    ]
    if _glued(text, start, end):
        assert at == []
    else:
        assert len(at) == 1
        severity, message = at[0]
        assert severity is Severity.ERROR
        assert f"({number[:2]}*********)" in message
        assert personal_data.might_hold_numbers(text.encode())
    digits = "".join(c for c in number if c.isdigit())
    assert not any(digits[2:] in f"{d.message} {d.hint}" for d in found)


@settings(max_examples=300, deadline=None)
@given(_AROUND, identity_numbers(), _AROUND)
def test_a_suppressed_line_yields_no_finding(before: str, number: str, after: str) -> None:
    from ikros.checks import personal_data

    text = before + number + after
    start = len(before)
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    text = text[:line_end] + " # ikros: ignorer personnummer" + text[line_end:]
    line, _ = _line_column(text, start)
    found = personal_data.scan(text, "x.yaml")
    assert not [d for d in found if d.code == "personnummer" and d.line == line]
    if not _glued(text, start, start + len(number)):
        assert not [d for d in found if d.code == "ignorer-uten-funn" and d.line == line]


_FRAGMENTS = st.sampled_from(
    [
        "01019010046",
        "010190",
        "10046",
        "91234567",
        "912",
        "34",
        "567",
        "+47",
        "0047",
        "2026",
        " ",
        "\u00a0",
        "\u202f",
        "-",
        ".",
        "\n",
        "a",
        "# ikros: ignorer ",
        "personnummer",
        "telefonnummer",
        ", ",
        "#",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12).map("".join))
def test_the_byte_pretests_never_hide_a_finding(text: str) -> None:
    """Whatever the scan reports, the quick tests on bytes let through."""
    from ikros.checks import personal_data

    found = {d.code for d in personal_data.scan(text, "x.yaml")}
    raw = text.encode()
    if found & {"personnummer", "telefonnummer"}:
        assert personal_data.might_hold_numbers(raw)
    if found - {"personnummer", "telefonnummer"}:
        assert personal_data.might_hold_suppression(raw)
    assert personal_data.needs_scan(raw) or not found


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789 .,-+\n4a", max_size=40),
        st.tuples(_AROUND, identity_numbers(), _AROUND).map("".join),
        st.lists(_FRAGMENTS, max_size=12).map("".join),
    )
)
def test_personal_data_findings_are_what_they_say(text: str) -> None:
    """Every finding stands where its number starts, shows that number's
    first digits, and an identity number passes both check digits and has
    a plausible date, computed here apart from the code under test."""
    from ikros.checks import personal_data

    lines = text.split("\n")
    for d in personal_data.scan(text, "x.yaml"):
        if d.code not in ("personnummer", "telefonnummer"):
            continue  # about `# ikros: ignorer` comments, tested elsewhere
        rest = lines[d.line - 1][d.column - 1 :]
        assert rest[:1] in set("0123456789+"), (d, rest)
        assert d.severity is (Severity.ERROR if d.code == "personnummer" else Severity.WARNING)
        if d.code == "personnummer":
            digits = re.match("[0-9]{6}[ \u00a0\u202f-]?[0-9]{5}", rest)
            assert digits, (d, rest)
            number = re.sub("[^0-9]", "", digits.group(0))
            assert _control([int(c) for c in number[:9]], _W1) == int(number[9])
            assert _control([int(c) for c in number[:10]], _W2) == int(number[10])
            day, month = int(number[:2]) % 40, int(number[2:4])
            assert 1 <= day <= 31 and 1 <= month <= 12, number
            assert f"({number[:2]}*********)" in d.message
        else:
            assert d.code == "telefonnummer"
            shown = re.sub("[^0-9+]", "", rest)[:2]
            assert f"({shown}" in d.message, (d.message, rest)
