"""«Mente du …?»: the known word a user most likely meant."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})


def suggest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The known word the user most likely meant, if any is close."""
    candidates = [c for c in candidates if isinstance(c, str)]
    if not isinstance(word, str) or not candidates:
        return None
    folded = {c.translate(_FOLD).lower(): c for c in candidates}
    key = word.translate(_FOLD).lower()
    if key in folded and folded[key] != word:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str:
    guess = suggest(word, candidates)
    return f" Mente du `{guess}`?" if guess else ""


def and_list(words: list[str]) -> str:
    """`a`, `a og b`, `a, b og c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"


# Dates as people write them: day first (30.06.2027, 30/6/2027, 30-6-27) or
# year first with other separators (2027.06.30, 2027/6/30, 2027-6-30).
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})\.?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\.?")


def iso_date(text: str) -> str | None:
    """The date `text` most likely means, written ÅÅÅÅ-MM-DD (`30.06.2027`
    → `2027-06-30`); None where it reads as no date that exists."""
    text = text.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
        if len(year) == 2:
            year = f"20{year}"
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
