"""«Mente du …?»: the known word a user most likely meant.

A guess is tried in this order, each only when the one before finds
nothing: the same word in other letters (`Arsaker`, `arsaker`); the same
word written with combining characters (`å` as `a` + U+030A, as macOS often
stores text); the nynorsk form of a bokmål word (`eining` → `enhet`, from
the table in `ikros/data/nynorsk.yaml`); a close spelling (difflib); a
close spelling of a nynorsk form; and a word that holds the user's word, or
is held by it (`helse` → `liv_og_helse`).

Suggestions are only computed for findings that are shown: nothing here
runs for a file without findings, and the nynorsk table is read the first
time it is needed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import typing
import unicodedata
from dataclasses import dataclass
from importlib import resources

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})
# Below this many letters a word held by another says too little (`id`).
_MIN_CONTAINED = 4

# Bokmål names of the combining marks that Norwegian text meets most often.
_MARK_NAMES = {
    "\u030a": "en ring over",
    "\u0308": "to prikker over",
    "\u0301": "en aksent",
    "\u0300": "en aksent",
    "\u0303": "en tilde",
    "\u0327": "en cedille",
}


@dataclass(frozen=True, slots=True)
class Guess:
    word: str  # the known word
    nynorsk: bool = False  # the user's word is a nynorsk form of it
    composed: bool = False  # the user's word is it, written with combining characters


def _fold(word: str) -> str:
    return word.translate(_FOLD).casefold()


@functools.cache
def nynorsk_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """Section → bokmål word → its nynorsk forms (empty when the same)."""
    import yaml_rs

    text = (resources.files("ikros") / "data" / "nynorsk.yaml").read_text(encoding="utf-8")
    data = yaml_rs.loads(text)
    return {
        section: {word: tuple(forms or ()) for word, forms in words.items()}
        for section, words in data.items()
    }


@functools.cache
def _nynorsk_forms() -> dict[str, frozenset[str]]:
    """Folded nynorsk form → the bokmål words it may stand for."""
    forms: dict[str, set[str]] = {}
    for words in nynorsk_table().values():
        for bokmal, nynorsk in words.items():
            for form in nynorsk:
                forms.setdefault(_fold(form), set()).add(bokmal)
    return {form: frozenset(words) for form, words in forms.items()}


def guess(word: str, candidates: typing.Iterable[str]) -> Guess | None:
    """The known word the user most likely meant, if any is close."""
    candidates = [c for c in candidates if isinstance(c, str)]
    if not isinstance(word, str) or not candidates or word in candidates:
        return None
    composed = unicodedata.normalize("NFC", word)
    if composed != word:
        if composed in candidates:
            return Guess(composed, composed=True)
        word = composed
    folded = {_fold(c): c for c in candidates}
    key = _fold(word)
    if key in folded and folded[key] != word:
        return Guess(folded[key])
    nynorsk = _nynorsk_guess(key, candidates)
    if nynorsk is not None:
        return Guess(nynorsk, nynorsk=True)
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    if close:
        return Guess(folded[close[0]])
    nynorsk = _nynorsk_close(key, candidates)
    if nynorsk is not None:
        return Guess(nynorsk, nynorsk=True)
    held = _containing(key, folded)
    return Guess(held) if held is not None else None


def _nynorsk_guess(key: str, candidates: list[str]) -> str | None:
    meant = _nynorsk_forms().get(key, frozenset())
    return next((c for c in candidates if c in meant), None)


def _nynorsk_close(key: str, candidates: list[str]) -> str | None:
    """A candidate whose nynorsk form is spelt close to the user's word
    (`hendingane`, the definite form, for `hendingar`)."""
    forms = {
        _fold(form): bokmal
        for section in nynorsk_table().values()
        for bokmal, nynorsk in section.items()
        if bokmal in candidates
        for form in nynorsk
    }
    close = difflib.get_close_matches(key, list(forms), n=1, cutoff=0.8)
    return forms[close[0]] if close else None


def _containing(key: str, folded: dict[str, str]) -> str | None:
    """The one candidate that holds the user's word (`helse` in
    `liv_og_helse`), or else the one the user's word holds
    (`beskrivelse_av_hendelsen`); as a whole part of it if several do."""
    if len(key) < _MIN_CONTAINED:
        return None
    for found in (
        [c for c in folded if key in c],
        [c for c in folded if len(c) >= _MIN_CONTAINED and c in key],
    ):
        if len(found) > 1:
            found = [c for c in found if key in _parts(c) or c in _parts(key)]
        if len(found) == 1:
            return folded[found[0]]
    return None


def _parts(word: str) -> list[str]:
    return word.replace("-", "_").split("_")


def suggest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The known word the user most likely meant, if any is close."""
    found = guess(word, candidates)
    return found.word if found else None


def did_you_mean(word: str, candidates: typing.Iterable[str], what: str = "ordene") -> str:
    """` Mente du `x`?`, said so that the user learns why: `what` names the
    kind of word in the plural, for the nynorsk case («nøklene skrives på
    bokmål»)."""
    found = guess(word, candidates)
    if found is None:
        return ""
    if found.composed:
        return f" {composed_note(word, found.word)}"
    if found.nynorsk:
        return f" `{word}` er nynorsk; {what} skrives på bokmål. Mente du `{found.word}`?"
    return f" Mente du `{found.word}`?"


def composed_note(word: str, meant: str) -> str:
    """Why a word that looks right is not: a letter written as a base
    letter and a combining mark."""
    decomposed = unicodedata.normalize("NFD", word)
    letter, mark = next(
        (decomposed[i - 1], c) for i, c in enumerate(decomposed) if unicodedata.combining(c)
    )
    whole = unicodedata.normalize("NFC", letter + mark)
    mark_name = _MARK_NAMES.get(mark, "et tegn over")
    return (
        f"`{whole}` er her skrevet som to tegn, `{letter}` og {mark_name} (U+{ord(mark):04X}), "
        f"slik tekst fra macOS ofte blir lagret; ikros leser det ikke som `{whole}`. "
        f"Mente du `{meant}`, med `{whole}` som ett tegn?"
    )


def and_list(words: list[str]) -> str:
    """`a`, `a og b`, `a, b og c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"


# Dates as people write them: day first (30.06.2027, 30/6/2027, 30-6-27) or
# year first with other separators (2027.06.30, 2027/6/30, 2027-6-30).
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})\.?")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\.?")


def iso_date(value: object) -> str | None:
    """The date `value` most likely means, written ÅÅÅÅ-MM-DD (`30.06.2027`
    → `2027-06-30`), or the day of a timestamp; None where it reads as no
    date that exists (no guess is better than a wrong one), or is written
    ÅÅÅÅ-MM-DD already."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
        if len(year) == 2:
            year = f"20{year}"
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        meant = dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
    return meant if meant != text else None
