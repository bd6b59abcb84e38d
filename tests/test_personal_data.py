"""The personal-data guard: what it finds, where, and how sure; what it
leaves alone; and how a line is silenced. Each test pins the whole verdict
(code, severity, line, column)."""

from __future__ import annotations

import pytest

from ikros.checks import personal_data
from ikros.checks.context import context_for
from ikros.diagnostics import Severity
from ikros.engine.document import process
from tests.conftest import minimal_ros

E, W = Severity.ERROR, Severity.WARNING
NBSP, NARROW = "\u00a0", "\u202f"
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
        ("fnr 010190-10046", [("personnummer", E, 1, 5)]),
        ("(010190-10046)", [("personnummer", E, 1, 2)]),
        (f"fnr 010190{NBSP}10046", [("personnummer", E, 1, 5)]),
        (f"fnr 010190{NARROW}10046", [("personnummer", E, 1, 5)]),
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
        (f"ring 912{NBSP}34{NBSP}567", [("telefonnummer", W, 1, 6)]),
        (f"ring +47{NBSP}912{NBSP}34{NBSP}567", [("telefonnummer", W, 1, 6)]),
        (f"ring +47{NARROW}912{NARROW}34{NARROW}567", [("telefonnummer", W, 1, 6)]),
        (f"ring 22{NBSP}33 44{NARROW}55", [("telefonnummer", W, 1, 6)]),
        ("91234567 92345678", [("telefonnummer", W, 1, 1), ("telefonnummer", W, 1, 10)]),
        (
            "22 33 44 55 91234567",
            [("telefonnummer", W, 1, 1), ("telefonnummer", W, 1, 13)],
        ),
        (f"{FNR} 91234567", [("personnummer", E, 1, 1), ("telefonnummer", W, 1, 13)]),
        (f"{FNR} {DNR}", [("personnummer", E, 1, 1), ("personnummer", E, 1, 13)]),
        ("ring 91234567 24 timer i døgnet", [("telefonnummer", W, 1, 6)]),
    ],
)
def test_phone_numbers_are_warnings_each_at_its_own_column(text: str, want: list) -> None:
    assert verdicts(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "      fingeravtrykk: 3f9a91234567bc0d",  # hex with an 8-digit run starting with 9
        "      fingeravtrykk: 91234567abcdef01",
        "      fingeravtrykk: abcdef0191234567",
        "      fingeravtrykk: 9123456712345678",  # all digits: 16 of them, no form
        "      fingeravtrykk: a01019010046bcd",
        "id: ROS2026a91234567",
        "id: ROS-2026_91234567",
        f"ref: x{FNR}",
        f"ref: {FNR}b",
        "dato: 2026-03-01",
        "tid: 2026-03-01T10:00",
        "beløp: 1.234.567 og 12.345.678,50",
        "beløp: 12 345 678 kr",
        "beløp: 45000000 kr, 95000000 kroner, NOK 91234567, kr 41234567 og 91234567,-",
        "org.nr. 974 760 673, 974760673 og MVA 974760673MVA",
        "ISBN 978-82-15-01234-5, ISBN 82-15-01234-5, 9788215012345",
        "sak 2026/91234567 og 91234567/2026",
        "internnummer 12345678, 23456789 og 123456789",
        "15038510191 (feil kontrollsiffer) og 32019010189 (dag 32)",
        f"{FNR}1 og 1{FNR}",
        "010190-10046-1 og 1-010190-10046",
        "912 34 5678 og 91 23 45 678",
        "912  34 567 (to mellomrom)",
    ],
)
def test_lookalikes_are_left_alone(text: str) -> None:
    assert verdicts(text) == []


def test_the_message_masks_the_number_and_cites_the_rules() -> None:
    (d,) = personal_data.scan(f"fnr 010190{NBSP}10046\n", "x.yaml")
    assert "01*********" in d.message
    assert "10046" not in d.message + (d.hint or "")
    assert "fødselsnummer" in d.message
    assert "personopplysningsloven § 12" in d.message
    assert "art. 5 nr. 1 bokstav c" in d.message
    assert "personvernombudet" in (d.hint or "")
    assert "# ikros: ignorer personnummer" in (d.hint or "")
    (d,) = personal_data.scan(f"dnr {DNR}\n", "x.yaml")
    assert "D-nummer (45*********)" in d.message
    (d,) = personal_data.scan("ring +47 912 34 567\n", "x.yaml")
    assert "(+4*********)" in d.message
    assert "# ikros: ignorer telefonnummer" in (d.hint or "")


@pytest.mark.parametrize("status", ["utkast", "til_godkjenning", "godkjent", "arkivert"])
def test_an_identity_number_is_an_error_whatever_the_status(status: str) -> None:
    text = minimal_ros().replace("status: utkast", f"status: {status}")
    text = text.replace("formål: Test.", f"formål: Barnet {FNR} ble glemt.")
    result = process(text.encode(), "x.yaml", context_for(None))
    found = [(d.code, d.severity, d.line, d.column) for d in result.diagnostics]
    assert ("personnummer", E, 11, 16) in found


# Suppression


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (f"a: {FNR}  # ikros: ignorer personnummer", []),
        (f"a: {FNR} # ikros:ignorer personnummer fordi det er testdata", []),
        (f"a: {FNR} 91234567 # ikros: ignorer personnummer, telefonnummer", []),
        (f"a: {FNR} 91234567 # ikros: ignorer telefonnummer,personnummer", []),
        # only the named code is silenced
        (f"a: {FNR} 91234567 # ikros: ignorer telefonnummer", [("personnummer", E, 1, 4)]),
        # only on its own line
        (
            f"# ikros: ignorer personnummer\na: {FNR}",
            [("ignorer-uten-funn", W, 1, 18), ("personnummer", E, 2, 4)],
        ),
        # two numbers of the same kind on the line: both silenced
        (f"a: {FNR} og {DNR} # ikros: ignorer personnummer", []),
    ],
)
def test_a_suppression_silences_its_codes_on_its_line(text: str, want: list) -> None:
    assert verdicts(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # silences nothing
        ("a: tekst # ikros: ignorer telefonnummer", [("ignorer-uten-funn", W, 1, 27)]),
        (
            "a: 91234567 # ikros: ignorer telefonnummer, personnummer",
            [("ignorer-uten-funn", W, 1, 45)],
        ),
        # a glued number is no number, so nothing is silenced
        ("a: x91234567 # ikros: ignorer telefonnummer", [("ignorer-uten-funn", W, 1, 31)]),
        # unknown or not suppressible: the number is still reported
        (
            f"a: {FNR} # ikros: ignorer personummer",
            [("personnummer", E, 1, 4), ("ukjent-kode-i-ignorer", W, 1, 33)],
        ),
        (
            "a: 91234567 # ikros: ignorer mangler-usikkerhet, telefonnummer",
            [("ukjent-kode-i-ignorer", W, 1, 30)],
        ),
        (
            "a: 91234567 # ikros: ignorer",
            [("telefonnummer", W, 1, 4), ("ukjent-kode-i-ignorer", W, 1, 13)],
        ),
        (
            "a: 91234567 # ikros: ignorer: telefonnummer",
            [("telefonnummer", W, 1, 4), ("ukjent-kode-i-ignorer", W, 1, 13)],
        ),
    ],
)
def test_suppressions_that_do_not_do_what_they_say_are_warnings(text: str, want: list) -> None:
    assert verdicts(text) == want


def test_an_unknown_code_gets_a_suggestion_and_digits_are_never_echoed() -> None:
    (_, d) = personal_data.scan(f"a: {FNR} # ikros: ignorer Personnummer\n", "x.yaml")
    assert d.code == "ukjent-kode-i-ignorer"
    assert "`Personnummer`" in d.message and "Mente du `personnummer`?" in d.message
    found = personal_data.scan(f"a: tekst # ikros: ignorer {FNR}\n", "x.yaml")
    assert [d.code for d in found] == ["personnummer", "ukjent-kode-i-ignorer"]
    assert not any(FNR[2:] in f"{d.message} {d.hint}" for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "a: x # not ikros: ignorer personnummer",
        "a: x#ikros: ignorer personnummer",  # not a comment: `#` glued to the word
        "a: x # ikros: ignorerer personnummer",
    ],
)
def test_what_is_not_a_suppression(text: str) -> None:
    assert verdicts(text) == []


# The pre-tests on bytes


@pytest.mark.parametrize(
    "text",
    [
        FNR,
        "010190 10046",
        "010190-10046",
        f"010190{NBSP}10046",
        f"010190{NARROW}10046",
        "91234567",
        "912 34 567",
        f"912{NBSP}34{NARROW}567",
        f"+47{NBSP}22{NBSP}33{NBSP}44{NBSP}55",
    ],
)
def test_the_byte_pretest_lets_every_form_through(text: str) -> None:
    assert personal_data.might_hold_numbers(f"a: {text}\n".encode())
    assert personal_data.needs_scan(f"a: {text}\n".encode())


@pytest.mark.parametrize(
    "text",
    ["dato: 2026-03-01", "beløp: 12 345 678 kr", "sak 2026/1234", f"a{NBSP}b 12 34", "1234567"],
)
def test_the_byte_pretest_stops_ordinary_text(text: str) -> None:
    assert not personal_data.needs_scan(f"# kommentar\na: {text}\n".encode())


def test_the_suppression_pretest_reads_comments_only() -> None:
    assert personal_data.might_hold_suppression(b"a: b # ikros: ignorer personnummer")
    assert personal_data.might_hold_suppression(b"# x\n# y\na: b #ikros:ignorer")
    assert not personal_data.might_hold_suppression(b"a: vi ignorerer ikke # kommentar\nb: c")
    assert not personal_data.might_hold_suppression(b"a: ignorer\n")


def _with_check_digits(nine: str) -> str | None:
    """The 11 digits for 9, with both check digits computed here (None
    where a check digit would be 10: no such number exists)."""
    w1, w2 = (3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

    def control(digits, weights):
        rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        return 0 if rest == 11 else None if rest == 10 else rest

    digits = [int(c) for c in nine]
    k1 = control(digits, w1)
    if k1 is None:
        return None
    k2 = control([*digits, k1], w2)
    return None if k2 is None else nine + str(k1) + str(k2)


def _numbers(date: str) -> list[str]:
    """Numbers with valid check digits for a birth date ddmmåå."""
    found = [_with_check_digits(f"{date}{n:03d}") for n in range(100, 140)]
    return [n for n in found if n][:3]


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        ("010190", True),
        ("311299", True),  # 31 December
        ("410190", True),  # D-nummer, day 1
        ("710190", True),  # D-nummer, day 31
        ("000190", False),  # day 0
        ("400190", False),  # D-nummer day 0
        ("320190", False),
        ("720190", False),
        ("010090", False),  # month 0
        ("011390", False),  # month 13
    ],
)
def test_the_birth_date_of_an_identity_number(date: str, valid: bool) -> None:
    numbers = _numbers(date)
    assert numbers
    for number in numbers:
        assert personal_data.is_identity_number(number) is valid, number
        assert (verdicts(f"nr {number}") == [("personnummer", E, 1, 4)]) is valid


def test_only_eleven_digits_can_be_an_identity_number() -> None:
    assert personal_data.is_identity_number(FNR) is True
    for text in (FNR[:10], FNR + "0", FNR[:10] + "a", "", " " + FNR[:10]):
        assert personal_data.is_identity_number(text) is False, text
    assert personal_data.is_identity_number(FNR[:10] + "7") is False  # second check digit


def test_a_fodselsnummer_or_a_d_nummer_by_its_first_digit() -> None:
    for number, kind in [
        (DECEMBER, "fødselsnummer"),
        (_numbers("310190")[0], "fødselsnummer"),
        (DNR, "D-nummer"),
        (_numbers("410190")[0], "D-nummer"),
        (_numbers("710190")[0], "D-nummer"),
    ]:
        (d,) = personal_data.scan(f"nr {number}", "x.yaml")
        assert f"som et {kind} ({number[:2]}*********)" in d.message, number


def test_an_amount_at_the_start_of_the_text_is_no_phone_number() -> None:
    assert verdicts("NOK 91234567") == []
    assert verdicts("kr 91234567") == []
    assert verdicts("91234567 kr") == []
    assert verdicts("xNOK 91234567") == [("telefonnummer", W, 1, 6)]


def test_an_unused_suppression_names_its_code() -> None:
    (d,) = personal_data.scan("a: b # ikros: ignorer telefonnummer\n", "x.yaml")
    assert (d.code, d.message) == (
        "ignorer-uten-funn",
        "`# ikros: ignorer telefonnummer` står på en linje uten telefonnummer.",
    )


def test_an_empty_suppression_does_not_stop_the_next() -> None:
    text = "a: b # ikros: ignorer\nc: ring 91234567 # ikros: ignorer telefonnummer\n"
    assert verdicts(text) == [("ukjent-kode-i-ignorer", W, 1, 6)]


def test_the_suppression_pretest_stops_at_the_end_of_the_comment_line() -> None:
    assert personal_data.might_hold_suppression(b"# x\nignorer: 1\n") is False
    assert personal_data.might_hold_suppression(b"a: 1") is False
    assert personal_data.might_hold_suppression(b"# ignorer") is True
