"""Operating-system errors in bokmål (their own text is English): what
happened (`describe`) and what the user can do about it (`advice`)."""

from __future__ import annotations

import errno


def _codes(*names: str) -> list[int]:
    # Some codes exist on some platforms only (EDQUOT, ESTALE, ETXTBSY are
    # not in Windows' errno).
    return [getattr(errno, name) for name in names if hasattr(errno, name)]


def _table(rows: list[tuple[list[int], str]]) -> dict[int, str]:
    return {code: text for codes, text in rows for code in codes}


_MESSAGES = _table(
    [
        (_codes("ENOENT"), "filen finnes ikke"),
        (_codes("EACCES", "EPERM"), "ingen tilgang"),
        (_codes("EISDIR"), "det er en mappe"),
        (_codes("ENOTDIR"), "en del av stien er ikke en mappe"),
        (_codes("ENOSPC"), "disken er full"),
        (_codes("EDQUOT"), "diskkvoten er brukt opp"),
        (_codes("EFBIG"), "filen blir for stor for filsystemet"),
        (_codes("EROFS"), "filsystemet er skrivebeskyttet"),
        (_codes("ELOOP"), "for mange symbolske lenker (en løkke?)"),
        (_codes("ENAMETOOLONG"), "navnet er for langt"),
        (_codes("EIO"), "inn/ut-feil på disken"),
        (_codes("EPIPE"), "mottakeren har lukket røret (pipe)"),
        (_codes("EBADF"), "den er lukket"),
        (_codes("EXDEV"), "filen kan ikke flyttes mellom to filsystemer"),
        (_codes("EBUSY"), "filen eller mappen er i bruk (eller montert for seg)"),
        (_codes("ETXTBSY"), "filen er i bruk av et program som kjører"),
        (_codes("EMFILE", "ENFILE"), "for mange åpne filer"),
        (_codes("ENOMEM"), "ikke nok minne"),
        (_codes("ESTALE"), "nettverksfilen er ikke lenger gyldig (foreldet NFS-referanse)"),
        (_codes("ENOLCK"), "ingen låser ledige"),
        (_codes("EAGAIN"), "ressursen er midlertidig utilgjengelig"),
        (_codes("EINVAL"), "ugyldig operasjon for denne filen eller dette filsystemet"),
        (_codes("EEXIST"), "filen finnes allerede"),
        (_codes("ENOTEMPTY"), "mappen er ikke tom"),
        (_codes("ENXIO", "ENODEV"), "enheten finnes ikke eller er ikke tilkoblet"),
        (_codes("EOVERFLOW"), "filen er for stor til å leses"),
        (_codes("ETIMEDOUT"), "tidsavbrudd (nettverket eller filtjeneren svarer ikke)"),
        (_codes("EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH"), "nettverket er nede"),
        (_codes("ENOTSUP", "EOPNOTSUPP"), "filsystemet støtter ikke dette"),
        (_codes("EINTR"), "avbrutt"),
    ]
)

_ADVICE = _table(
    [
        (_codes("ENOSPC", "EDQUOT", "EFBIG"), "frigjør plass"),
        (_codes("EACCES", "EPERM"), "sjekk tilgangen til filen og mappen den ligger i"),
        (_codes("EROFS"), "skriv til et filsystem som ikke er skrivebeskyttet"),
        (_codes("EIO"), "sjekk disken (og systemloggen)"),
        (
            _codes("EXDEV", "EBUSY"),
            "rediger filen der den egentlig ligger, ikke gjennom en montering av filen alene",
        ),
        (_codes("ETXTBSY"), "avslutt programmet som bruker filen"),
        (_codes("EMFILE", "ENFILE", "ENOMEM", "EAGAIN", "ENOLCK"), "vent litt"),
        (_codes("ESTALE"), "gå ut av mappen og inn igjen"),
    ]
)


class NotRegularFile(OSError):
    """The path names a FIFO, a socket or a device, not a regular file."""


def describe(exc: OSError) -> str:
    """What went wrong, as a clause: «disken er full». An error without a
    text of its own here is named by its code, never by the system's
    English text."""
    if isinstance(exc, NotRegularFile):
        return "det er ikke en vanlig fil (en FIFO, socket eller enhet)"
    if exc.errno in _MESSAGES:
        return _MESSAGES[exc.errno]
    code = errno.errorcode.get(exc.errno or 0)
    return f"operativsystemet meldte feil ({code})" if code else "operativsystemet meldte feil"


def advice(exc: OSError, default: str = "rett feilen") -> str:
    """What the user can do, as a clause to put before «og kjør kommandoen
    på nytt»: «frigjør plass»; `default` where there is nothing specific."""
    return _ADVICE.get(exc.errno or 0, default)
