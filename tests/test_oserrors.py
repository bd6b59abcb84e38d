"""Operating-system errors are told in bokmål, with what to do."""

from __future__ import annotations

import errno

import pytest

from ikros.oserrors import advice, describe


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOENT, "filen finnes ikke"),
        (errno.EACCES, "ingen tilgang"),
        (errno.EROFS, "filsystemet er skrivebeskyttet"),
        (errno.ENOSPC, "disken er full"),
        (errno.EDQUOT, "diskkvoten er brukt opp"),
        (errno.EIO, "inn/ut-feil på disken"),
        (errno.EXDEV, "filen kan ikke flyttes mellom to filsystemer"),
        (errno.EBUSY, "filen eller mappen er i bruk (eller montert for seg)"),
        (errno.ETXTBSY, "filen er i bruk av et program som kjører"),
    ],
)
def test_the_errors_of_a_write_are_told_in_bokmaal(code: int, said: str) -> None:
    assert describe(OSError(code, "English text")) == said


def test_advice_for_a_full_disk_and_a_fallback() -> None:
    assert advice(OSError(errno.ENOSPC, "No space left on device")) == "frigjør plass"
    assert advice(OSError(errno.EDOM, "Math")) == "rett feilen"
    assert advice(OSError(errno.ENOENT, "No such file"), "") == ""


def test_an_error_without_a_text_is_named_by_its_code_not_in_english() -> None:
    assert describe(OSError(errno.EDOM, "Numerical argument out of domain")) == (
        "operativsystemet meldte feil (EDOM)"
    )
    assert describe(OSError("Something broke")) == "operativsystemet meldte feil"
    assert describe(OSError(errno.ENOTEMPTY, "Directory not empty")) == "mappen er ikke tom"
