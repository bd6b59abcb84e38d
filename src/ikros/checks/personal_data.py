"""The personal-data guard: text that looks like a national identity
number, a D-number or a phone number does not belong in these files.

It scans the file's text (comments included), so positions are exact and
the scan is one regular expression over the file.

- An identity number (fødselsnummer or D-nummer) is an error whatever the
  document's status: once committed, it stays in the git history.
- A phone number is a warning: a switchboard or an on-call number may
  belong in a plan.
"""

from __future__ import annotations

import re

from ikros.diagnostics import Diagnostic, Severity
from ikros.load.yamlio import DIGITS_TO_ZERO, line_column

# Candidates: runs of digits (and single spaces), with an optional +47 or
# 0047 prefix. Each is then held against the exact forms below; text has
# few digit runs, so the scan is one quick pass.
_CANDIDATE = re.compile(r"(?:\+|00)?\d[\d ]{6,14}\d")
_ID_NUMBER = re.compile(r"(\d{6}) ?(\d{5})")
_PHONE = re.compile(
    r"(?:(?:\+|00)47 ?)?(?:[2-9]\d{2} \d{2} \d{3}|[2-9]\d \d{2} \d{2} \d{2}|[49]\d{7})"
    r"|(?:\+|00)47 ?\d{8}"
)
_DIGITS = set("0123456789")
_JOINERS = set(".,-+/")
# The digit shapes, with every digit as 0, that a candidate must contain.
_SHAPES = (b"00000000", b"000000 00000", b"000 00 000", b"00 00 00 00")
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

_ID_MESSAGE = (
    "Teksten ser ut som et {kind} ({masked}). Fødselsnummer og D-nummer skal ikke stå i "
    "disse filene (personopplysningsloven § 12; dataminimering etter personvernforordningen "
    "art. 5 nr. 1 bokstav c), og git tar vare på alt som noen gang er lagt inn."
)
_ID_HINT = (
    "Fjern nummeret før commit, og beskriv hendelsen uten å identifisere noen; regelen er "
    "oppfylt når nummeret ikke står i filen. Er det allerede lagt inn i git, må historikken "
    "skrives om: kontakt IT og personvernombudet."
)
_PHONE_HINT = "Oppgi rolle eller funksjon i stedet for personlige kontaktopplysninger."


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_identity_number(number: str) -> bool:
    """11 digits passing both mod-11 checks, with a plausible birth date
    (day + 40 for a D-number)."""
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    if _check_digit(digits[:9], _W1) != digits[9] or _check_digit(digits[:10], _W2) != digits[10]:
        return False
    day, month = int(number[:2]), int(number[2:4])
    day = day - 40 if day > 40 else day
    return 1 <= day <= 31 and 1 <= month <= 12


def mask(number: str) -> str:
    return number[:2] + "*" * (len(number) - 2)


def _joined(text: str, i: int, step: int) -> bool:
    """True when the character at i continues the number: a digit, or a
    joiner such as `.` or `-` with a digit behind it (1.234.567, 2026-03-01)
    — but not a full stop that ends a sentence."""
    if not 0 <= i < len(text):
        return False
    if text[i] in _DIGITS:
        return True
    after = i + step
    return text[i] in _JOINERS and 0 <= after < len(text) and text[after] in _DIGITS


def might_hold_numbers(raw: bytes) -> bool:
    """A quick test on bytes: False when no identity or phone number can be
    in the file (digit runs of the right shapes are rare in ROS text)."""
    zeroed = raw.translate(DIGITS_TO_ZERO)
    return any(shape in zeroed for shape in _SHAPES)


def scan(text: str, path: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def add(start: int, code: str, severity: Severity, message: str, hint: str) -> None:
        line, column = line_column(text, start)
        found.append(Diagnostic(path, line, column, code, severity, message, hint))

    for candidate in _CANDIDATE.finditer(text):
        start, end = candidate.span()
        if _joined(text, start - 1, -1) or _joined(text, end, 1):
            continue  # part of a longer number, an amount or a date
        chunk = candidate.group(0)
        match = _ID_NUMBER.fullmatch(chunk)
        number = match.group(1) + match.group(2) if match else ""
        if match and is_identity_number(number):
            kind = "D-nummer" if int(number[0]) >= 4 else "fødselsnummer"
            message = _ID_MESSAGE.format(kind=kind, masked=mask(number))
            add(start, "personnummer", Severity.ERROR, message, _ID_HINT)
        elif _PHONE.fullmatch(chunk):
            message = f"Teksten ser ut som et telefonnummer ({mask(chunk.replace(' ', ''))})."
            add(start, "telefonnummer", Severity.WARNING, message, _PHONE_HINT)
    return found
