"""The personal-data guard: text that looks like a national identity
number, a D-number or a phone number does not belong in these files.

It scans the file's text (comments included), so positions are exact and
the scan is one regular expression over the file for the numbers and one
for the comments that silence them.

- An identity number (fødselsnummer or D-nummer) is an error whatever the
  document's status: once committed, it stays in the git history.
- A phone number is a warning: a switchboard or an on-call number may
  belong in a plan.
- `# ikros: ignorer personnummer` (several codes separated by commas) on a
  line silences those codes on that line. A code that cannot be silenced
  this way, and a suppression that silences nothing, are warnings: a
  forgotten suppression would hide a number written on its line later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ikros.diagnostics import Diagnostic, Severity
from ikros.load.yamlio import Lines
from ikros.suggest import did_you_mean

SUPPRESSIBLE = ("personnummer", "telefonnummer")

# Between the groups of a number: a space, or the no-break space (U+00A0)
# or narrow no-break space (U+202F) that text pasted from Word brings.
_SEP = "[ \u00a0\u202f]"
# Phone numbers in groups: xxx xx xxx and xx xx xx xx.
_GROUPED = (
    rf"[2-9][0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}"
    rf"|[2-9][0-9]{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}"
)
# Every number at once. A number is not glued to a word character on either
# side (hex fingerprints, ids like ROS2026a91234567) and does not continue
# through a joiner into more digits (1.234.567, 2026-03-01, 2026/1234); a
# full stop that ends a sentence does not hide it. The right side is tested
# after the whole alternation, so that the regex backtracks into a shorter
# form rather than stopping inside a longer number. The identity and phone
# forms never fit the same digits, so a matched identity shape that fails
# its checks hides no phone number.
#
# The pattern consumes the first character up front and each alternative
# goes on from there, its lookbehind saying which first characters it takes
# (`id` is set for an identity number). A leading character class lets the
# regex engine skip ahead to the next digit or `+`; a leading lookbehind
# would make it try every position, several times slower.
_NUMBER = re.compile(
    r"[+0-9](?<!\w.)(?<![0-9][-.,/+].)"
    r"(?:"
    rf"(?<=[0-9])(?P<id>[0-9]{{5}}(?:{_SEP}|-)?[0-9]{{5}})"  # ddmmåå nnnnn
    rf"|(?:(?<=\+)|(?<=0)0)47{_SEP}?(?:{_GROUPED}|[0-9]{{8}})"  # +47 …, 0047 …
    rf"|(?<=[2-9])[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}"  # xxx xx xxx
    rf"|(?<=[2-9])[0-9]{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}"  # xx xx xx xx
    r"|(?<=[49])[0-9]{7}"  # a mobile number
    r")"
    r"(?!\w)(?![-.,/+][0-9])"
)
_NOT_DIGIT = re.compile(r"[^0-9]")
_NOT_PHONE = re.compile(r"[^0-9+]")
# An amount in kroner is not a phone number: `45000000 kr`, `NOK 95000000`.
_AMOUNT_AFTER = re.compile(rf"{_SEP}?(?:kr\b|kroner\b|NOK\b|,-)")
_AMOUNT_BEFORE = re.compile(rf"(?<!\w)(?:kr\.?|NOK){_SEP}?$")

# `# ikros: ignorer kode[, kode …] [reason]`, a comment on the line it
# silences (in a block scalar, the words are part of the text).
# The literal `#` comes first, so that the regex engine skips to it quickly.
_SUPPRESSION = re.compile(r"#(?<!\S#)[ \t]*ikros[ \t]*:[ \t]*ignorer\b")
_CODE_LIST = re.compile(r"[ \t]+[^\s,]+(?:[ \t]*,[ \t]*[^\s,]+)*")
_CODE = re.compile(r"[^\s,]+")
_SHOWN_CODE = re.compile(r"[A-Za-zÆØÅæøå-]{1,40}")

# The pre-test: every digit made 0 and `-` made a space, so that each form
# of number is one of a few substring searches.
_ZEROED = bytes.maketrans(b"123456789-", b"000000000 ")
_SHAPES = (b"00000000", b"000000 00000", b"000 00 000", b"00 00 00 00")
_NBSP = b"\xc2\xa0"
_NARROW_NBSP = b"\xe2\x80\xaf"

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

_ID_MESSAGE = (
    "Teksten ser ut som et {kind} ({masked}). Fødselsnummer og D-nummer skal ikke stå i "
    "disse filene (personopplysningsloven § 12; dataminimering etter personvernforordningen "
    "art. 5 nr. 1 bokstav c), og git tar vare på alt som noen gang er lagt inn."
)
_ID_HINT = (
    "Fjern nummeret før endringen lagres i git, og beskriv hendelsen uten å identifisere noen; regelen er "
    "oppfylt når nummeret ikke står i filen. Er det allerede lagt inn i git, må historikken "
    "skrives om: kontakt IT og personvernombudet. Er det ikke et personnummer, skriv "
    "`# ikros: ignorer personnummer` på samme linje."
)
_PHONE_HINT = (
    "Oppgi rolle eller funksjon i stedet for personlige kontaktopplysninger. Et offentlig "
    "nummer (sentralbord, vakttelefon) kan stå: skriv da `# ikros: ignorer telefonnummer` "
    "på samme linje."
)
_SUPPRESSION_HINT = (
    "Skriv `# ikros: ignorer personnummer` eller `# ikros: ignorer telefonnummer` (flere "
    "koder skilt med komma) på linjen med nummeret."
)


class _Number(NamedTuple):
    start: int
    code: str
    severity: Severity
    message: str
    hint: str


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


def might_hold_numbers(raw: bytes) -> bool:
    """A quick test on bytes: False when no identity or phone number can be
    in the file (digit runs of the right shapes are rare in ROS text)."""
    zeroed = raw.translate(_ZEROED)
    # One-byte tests first: most files have no no-break space at all.
    if (b"\xa0" in raw and _NBSP in raw) or (b"\xaf" in raw and _NARROW_NBSP in raw):
        zeroed = zeroed.replace(_NBSP, b" ").replace(_NARROW_NBSP, b" ")
    return any(shape in zeroed for shape in _SHAPES)


def might_hold_suppression(raw: bytes) -> bool:
    """A quick test on bytes: False when no line has `# ikros: ignorer`.
    Only the comments are searched; most files have a few or none."""
    i = raw.find(b"#")
    while i >= 0:
        end = raw.find(b"\n", i)
        end = len(raw) if end < 0 else end
        if b"ignorer" in raw[i:end]:
            return True
        i = raw.find(b"#", end)
    return False


def needs_scan(raw: bytes) -> bool:
    return might_hold_numbers(raw) or might_hold_suppression(raw)


def scan(text: str, path: str) -> list[Diagnostic]:
    suppressed, found = _suppressions(text, path)
    used: set[tuple[int, str]] = set()
    lines = Lines(text)
    for number in _numbers(text):
        line, column = lines(number.start)
        if (line, number.code) in suppressed:
            used.add((line, number.code))
            continue
        found.append(
            Diagnostic(
                path, line, column, number.code, number.severity, number.message, number.hint
            )
        )
    lines = Lines(text)
    for key, start in suppressed.items():
        if key not in used:
            found.append(_unused(lines, path, key[1], start))
    return sorted(found)


def _numbers(text: str) -> Iterator[_Number]:
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if match.group("id") is not None:
            number = _NOT_DIGIT.sub("", match.group(0))
            if is_identity_number(number):
                kind = "D-nummer" if int(number[0]) >= 4 else "fødselsnummer"
                message = _ID_MESSAGE.format(kind=kind, masked=mask(number))
                yield _Number(start, "personnummer", Severity.ERROR, message, _ID_HINT)
        elif not _is_amount(text, start, end):
            shown = mask(_NOT_PHONE.sub("", match.group(0)))
            message = f"Teksten ser ut som et telefonnummer ({shown})."
            yield _Number(start, "telefonnummer", Severity.WARNING, message, _PHONE_HINT)


def _is_amount(text: str, start: int, end: int) -> bool:
    return bool(
        _AMOUNT_AFTER.match(text, end) or _AMOUNT_BEFORE.search(text, max(0, start - 5), start)
    )


def _suppressions(text: str, path: str) -> tuple[dict[tuple[int, str], int], list[Diagnostic]]:
    """The codes silenced per line (line, code → where the code is written),
    and warnings about codes that cannot be silenced."""
    suppressed: dict[tuple[int, str], int] = {}
    problems: list[Diagnostic] = []
    lines = Lines(text)
    for match in _SUPPRESSION.finditer(text):
        line, column = lines(match.start())
        codes = _CODE_LIST.match(text, match.end())
        if codes is None:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "ukjent-kode-i-ignorer",
                    Severity.WARNING,
                    "Kommentaren `# ikros: ignorer` nevner ingen kode, så den ignorerer ingenting.",
                    _SUPPRESSION_HINT,
                )
            )
            continue
        for code in _CODE.finditer(text, codes.start(), codes.end()):
            if code.group(0) in SUPPRESSIBLE:
                suppressed.setdefault((line, code.group(0)), code.start())
            else:
                problems.append(_unknown(lines, path, code.group(0), code.start()))
    return suppressed, problems


def _unknown(lines: Lines, path: str, code: str, start: int) -> Diagnostic:
    line, column = lines(start)
    if _SHOWN_CODE.fullmatch(code):  # never echo digits: they may be the number itself
        named = f"`{code}`"
        guess = did_you_mean(code, SUPPRESSIBLE)
    else:
        named, guess = "Det som står etter `ignorer`,", ""
    return Diagnostic(
        path,
        line,
        column,
        "ukjent-kode-i-ignorer",
        Severity.WARNING,
        f"{named} er ingen kode som kan ignoreres med en kommentar; bare personnummer og "
        f"telefonnummer kan det.{guess}",
        _SUPPRESSION_HINT,
    )


def _unused(lines: Lines, path: str, code: str, start: int) -> Diagnostic:
    line, column = lines(start)
    return Diagnostic(
        path,
        line,
        column,
        "ignorer-uten-funn",
        Severity.WARNING,
        f"`# ikros: ignorer {code}` står på en linje uten {code}.",
        "Fjern koden fra kommentaren: en glemt ignorering ville skjule et nummer som "
        "skrives på linjen senere.",
    )
