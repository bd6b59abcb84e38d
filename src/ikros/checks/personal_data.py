"""The personal-data guard: text that looks like a national identity
number, a D-number or a phone number does not belong in these files.

It scans the file's text (comments included), so positions are exact and
the scan is one regular expression over the file.
"""

from __future__ import annotations

import re

from ikros.diagnostics import Diagnostic, Severity
from ikros.load.yamlio import line_column

# 11 digits, optionally written `ddmmåå nnnnn`, not part of a longer number.
_ID_NUMBER = re.compile(r"(?<![\d.,-])(\d{6}) ?(\d{5})(?![\d.,-])")
# +47/0047 numbers, or 8 digits grouped as Norwegians write them.
_PHONE = re.compile(
    r"(?<![\w.,+-])(?:(?:\+|00)47[ ]?)?"
    r"(?:[2-9]\d{2} \d{2} \d{3}|[2-9]\d \d{2} \d{2} \d{2}|[49]\d{7})"
    r"(?![\w.,-])"
    r"|(?<![\w.,+-])(?:\+|00)47[ ]?\d{8}(?![\w.,-])"
)
_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


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


def scan(text: str, path: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for match in _ID_NUMBER.finditer(text):
        number = match.group(1) + match.group(2)
        if is_identity_number(number):
            kind = "D-nummer" if int(number[0]) >= 4 else "fødselsnummer"
            line, column = line_column(text, match.start())
            found.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "personnummer",
                    Severity.WARNING,
                    f"Teksten ser ut som et {kind} ({mask(number)}). Personopplysninger hører ikke hjemme i disse filene.",
                    "Fjern nummeret; beskriv avvik samlet, aldri som enkeltsaker.",
                )
            )
    for match in _PHONE.finditer(text):
        line, column = line_column(text, match.start())
        found.append(
            Diagnostic(
                path,
                line,
                column,
                "telefonnummer",
                Severity.WARNING,
                f"Teksten ser ut som et telefonnummer ({mask(match.group(0).replace(' ', ''))}).",
                "Oppgi rolle eller funksjon i stedet for personlige kontaktopplysninger.",
            )
        )
    return found
