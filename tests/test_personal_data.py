"""The personal-data guard: what it finds, where, and how sure. Each test
pins the whole verdict (code, severity, line, column)."""

from __future__ import annotations

import pytest

from ikros.checks import personal_data
from ikros.checks.context import context_for
from ikros.diagnostics import Severity
from ikros.engine.document import process
from tests.conftest import minimal_ros

E, W = Severity.ERROR, Severity.WARNING
FNR = "01019010046"  # a fødselsnummer that passes both checks (1 January 1990)
DNR = "45038510022"  # a D-nummer (day 05 + 40)
DECEMBER = "31129910065"  # 31 December 1999


def verdicts(text: str) -> list[tuple[str, Severity, int, int]]:
    return [(d.code, d.severity, d.line, d.column) for d in personal_data.scan(text, "x.yaml")]


def test_the_numbers_the_examples_use_are_valid() -> None:
    for number in (FNR, DNR, DECEMBER, "15038510190", "24128513732"):
        assert personal_data.is_identity_number(number), number
    for number in ("15038510191", "32019010189", "01139010046"):
        assert not personal_data.is_identity_number(number), number


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"fnr {FNR}", [("personnummer", E, 1, 5)]),
        (f"fnr {DNR}", [("personnummer", E, 1, 5)]),
        (f"født {DECEMBER}.", [("personnummer", E, 1, 6)]),
        ("født 24128513732, ", [("personnummer", E, 1, 6)]),
        ("fnr 010190 10046 i saken", [("personnummer", E, 1, 5)]),
        ("fnr 311299 10065", [("personnummer", E, 1, 5)]),
        ("a:\n  b: x\n  c: |\n    barnet 01019010046 var", [("personnummer", E, 4, 12)]),
    ],
)
def test_identity_numbers_are_errors(text: str, want: list) -> None:
    assert verdicts(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ring 91234567", [("telefonnummer", W, 1, 6)]),
        ("ring 41234567.", [("telefonnummer", W, 1, 6)]),
        ("ring 912 34 567", [("telefonnummer", W, 1, 6)]),
        ("ring 22 33 44 55", [("telefonnummer", W, 1, 6)]),
        ("ring +47 23 45 67 89", [("telefonnummer", W, 1, 6)]),
        ("ring 0047 91234567", [("telefonnummer", W, 1, 6)]),
        ("ring +4723456789", [("telefonnummer", W, 1, 6)]),
    ],
)
def test_phone_numbers_are_warnings(text: str, want: list) -> None:
    assert verdicts(text) == want


def test_the_message_masks_the_number_and_cites_the_rules() -> None:
    (d,) = personal_data.scan(f"fnr {FNR}\n", "x.yaml")
    assert "fødselsnummer (01*********)" in d.message
    assert FNR[2:] not in d.message + (d.hint or "")
    assert "personopplysningsloven § 12" in d.message
    assert "art. 5 nr. 1 bokstav c" in d.message
    assert "personvernombudet" in (d.hint or "")
    (d,) = personal_data.scan(f"dnr {DNR}\n", "x.yaml")
    assert "D-nummer (45*********)" in d.message
    (d,) = personal_data.scan("ring +47 912 34 567\n", "x.yaml")
    assert "(+4*********)" in d.message


@pytest.mark.parametrize("status", ["utkast", "til_godkjenning", "godkjent", "arkivert"])
def test_an_identity_number_is_an_error_whatever_the_status(status: str) -> None:
    text = minimal_ros().replace("status: utkast", f"status: {status}")
    text = text.replace("formål: Test.", f"formål: Barnet {FNR} ble glemt.")
    result = process(text.encode(), "x.yaml", context_for(None))
    found = [(d.code, d.severity, d.line, d.column) for d in result.diagnostics]
    assert ("personnummer", E, 11, 16) in found
