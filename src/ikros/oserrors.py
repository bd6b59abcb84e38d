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


class NotRegularFile(OSError):
    """The path names a FIFO, a socket or a device, not a regular file."""


def describe(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return "det er ikke en vanlig fil (en FIFO, socket eller enhet)"
    return _MESSAGES.get(exc.errno or 0, exc.strerror or str(exc))
