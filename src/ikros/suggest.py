"""«Mente du …?»: the known word a user most likely meant."""

from __future__ import annotations

import difflib
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
