"""The authority ladder (fullmaktsstigen), lowest first.

Kept apart from the models so that the command line can offer the roles
without importing Pydantic.
"""

import unicodedata
from collections.abc import Iterable
from enum import StrEnum


class Rolle(StrEnum):
    """Trinn i fullmaktsstigen, lavest først. Et trinn kan akseptere det et lavere trinn kan."""

    # The docstring above is user-facing: it is the description in the JSON Schemas.

    MEDARBEIDER = "medarbeider"
    ENHETSLEDER = "enhetsleder"
    KOMMUNALOMRÅDEDIREKTØR = "kommunalområdedirektør"
    KOMMUNEDIREKTØR = "kommunedirektør"
    FORMANNSKAP = "formannskap"
    KOMMUNESTYRE = "kommunestyre"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {role: rank for rank, role in enumerate(Rolle)}


def find_step(text: str, ladder: Iterable[str]) -> str | None:
    """The step of `ladder` that `text` names, whatever its case
    (`Kommunedirektør`); None if it names none."""
    wanted = _key(text)
    return next((step for step in ladder if _key(step) == wanted), None)


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip()).casefold()
