"""Operating-system errors in bokmål (their own text is English)."""

from __future__ import annotations

import errno

_MESSAGES = {
    errno.ENOENT: "filen finnes ikke",
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ingen tilgang",
    errno.EISDIR: "det er en mappe",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.ENOSPC: "disken er full",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.ELOOP: "for mange symbolske lenker (en løkke?)",
    errno.ENAMETOOLONG: "navnet er for langt",
}


def describe(exc: OSError) -> str:
    return _MESSAGES.get(exc.errno or 0, exc.strerror or str(exc))
