"""Writing an acceptance into an analysis (`ikros accept`), bytes in and
bytes out.

The `aksept` block is spliced into the text at the hendelse's position
rather than dumped by a YAML emitter, so every other byte of the file —
comments, key order, quoting, line breaks — stays as it was. The result is
read back and compared with what was meant before it is returned: a
splice that would change anything else is refused.

Line endings. The text is split on `\r\n`, `\r` and `\n` only (not with
`str.splitlines`, which also splits on form feed, U+0085, U+2028 and
others that are content in YAML 1.2), and every line keeps its own ending.
The block takes the line ending of the line it follows: the hendelse's
last line, or the `aksept:` line it replaces. So an LF, CRLF or CR-only
(classic Mac) file stays what it was, and in a mixed file the block reads
like its neighbour. Only where that line has none (the last line of a file
without a final line break) is the file's most common ending used, and
`\n` in a file without any.

The positional reader counts lines as these do: it reads U+0085, U+2028
and U+2029 as text, as YAML 1.2 does (see `load.yamlio`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from pydantic import ValidationError

from ikros.checks.context import Context
from ikros.load import yamlio
from ikros.model import validate
from ikros.model.ros import Ros
from ikros.risk.compute import assess
from ikros.risk.fingerprint import fingerprint
from ikros.roles import Rolle


class AcceptError(Exception):
    """Why the acceptance was not written (a Norwegian message)."""


@dataclass(frozen=True, slots=True)
class Acceptance:
    hendelse: str
    navn: str | None
    rolle: Rolle
    dato: dt.date
    gjelder_til: dt.date | None = None
    begrunnelse: str | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    text: bytes
    zone: str
    needed: Rolle | None
    fingerprint: str
    replaced: bool  # an earlier acceptance was replaced


_PLAIN = re.compile(r"[A-Za-zÆØÅæøå][\w æøåÆØÅ.()/-]*[\w.)]|[A-Za-zÆØÅæøå]", re.UNICODE)


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    if _PLAIN.fullmatch(value) and yamlio.resolve_plain(value) == value and ": " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def accept(raw: bytes, path: str, ctx: Context, request: Acceptance) -> Accepted:
    parsed = yamlio.read(raw, path, positions=True)
    if not parsed.ok or not isinstance(parsed.data, dict) or parsed.index is None:
        raise AcceptError(
            "Filen kan ikke leses som YAML; kjør `ikros validate` og rett feilene først."
        )
    data = parsed.data
    if data.get("ikros") != "ros/1":
        raise AcceptError("Filen er ikke en ROS-analyse (`ikros: ros/1`).")
    try:
        ros = validate(Ros, data)
    except ValidationError:
        raise AcceptError(
            "Analysen har skjemafeil; kjør `ikros validate` og rett dem først."
        ) from None
    ids = [h.id for h in ros.hendelser]
    if request.hendelse not in ids:
        raise AcceptError(
            f"Fant ingen hendelse `{request.hendelse}` i analysen. Hendelsene er: {', '.join(ids)}."
        )
    i = ids.index(request.hendelse)
    hendelse = ros.hendelser[i]
    method_id = ros.metode or ctx.default_method
    matrix = ctx.matrices.get(method_id)
    if matrix is None:
        raise AcceptError(
            f"Metoden `{method_id}` finnes ikke eller er ugyldig; se `ikros validate`."
        )
    risk = assess(matrix, hendelse)
    if risk is None:
        raise AcceptError(
            f"Nivåene i hendelse {hendelse.id} er utenfor metodens skalaer; se `ikros validate`."
        )
    zone = risk.residual.zone
    floor = risk.accept_role or zone.accept_role
    if floor is not None and request.rolle.rank < floor.rank:
        raise AcceptError(
            f"{request.rolle.value.capitalize()} kan ikke akseptere restrisiko i sonen `{zone.id}`; "
            f"det krever {floor.value} eller høyere."
        )
    if request.gjelder_til is not None and request.gjelder_til <= request.dato:
        raise AcceptError("`--til` må være etter datoen for aksepten.")
    mark = fingerprint(hendelse)
    text = raw.decode("utf-8-sig")
    bom = raw.startswith(b"\xef\xbb\xbf")
    new_text, replaced = _splice(text, parsed.index, i, _block(request, mark))
    expected = dict(data)
    expected["hendelser"] = [dict(h) for h in data["hendelser"]]
    expected["hendelser"][i]["aksept"] = _as_data(request, mark)
    check = yamlio.read(new_text.encode(), path, positions=True)
    if not check.ok or check.data != expected:
        raise AcceptError(
            "ikros klarte ikke å skrive aksepten uten å endre noe annet i filen (uvanlig formatering?); "
            "filen er ikke endret. Skriv `aksept:` for hånd og kjør `ikros accept` på nytt."
        )
    out = new_text.encode()
    return Accepted(
        (b"\xef\xbb\xbf" if bom else b"") + out, zone.id, risk.accept_role, mark, replaced
    )


def _as_data(request: Acceptance, mark: str) -> dict:
    av: dict = {"rolle": request.rolle.value}
    if request.navn:
        av = {"navn": request.navn, **av}
    out: dict = {"av": av, "dato": request.dato}
    if request.begrunnelse:
        out["begrunnelse"] = request.begrunnelse
    if request.gjelder_til:
        out["gjelder_til"] = request.gjelder_til
    out["fingeravtrykk"] = mark
    return out


def _block(request: Acceptance, mark: str) -> list[str]:
    """The lines of the block, indented relative to `aksept:`."""
    av = f"rolle: {request.rolle.value}"
    if request.navn:
        av = f"navn: {_scalar(request.navn)}, {av}"
    lines = ["aksept:", f"  av: {{{av}}}", f"  dato: {request.dato.isoformat()}"]
    if request.begrunnelse:
        lines.append(f"  begrunnelse: {_scalar(request.begrunnelse)}")
    if request.gjelder_til:
        lines.append(f"  gjelder_til: {request.gjelder_til.isoformat()}")
    # A mark of digits only (or digits and one `e`) would read back as a
    # number: quote it then, and only then.
    quoted = mark if isinstance(yamlio.resolve_plain(mark), str) else f'"{mark}"'
    lines.append(f"  fingeravtrykk: {quoted}")
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_ENDING = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    """The lines of `text`, each with its own ending."""
    return _LINE.findall(text)


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return line[-1] if line.endswith(("\r", "\n")) else ""


def _most_common_ending(text: str) -> str:
    counts = {"\n": 0, "\r\n": 0, "\r": 0}  # on a tie, the first
    for ending in _ENDING.findall(text):
        counts[ending] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "\n"


def _splice(text: str, index: yamlio.PositionIndex, i: int, block: list[str]) -> tuple[str, bool]:
    lines = _lines(text)

    def at(number: int) -> int:  # a 1-based line number → an index into `lines`
        return number - 1

    id_mark = index.marks.get(("hendelser", i, "id"))
    item_mark = index.marks.get(("hendelser", i))
    if (
        id_mark is None
        or item_mark is None
        or (
            id_mark.key_line == item_mark.line
            and lines[at(item_mark.line)][item_mark.column - 1 :].startswith("{")
        )
    ):
        raise AcceptError(
            "Hendelsen er skrevet på én linje (`{…}`); skriv den som en blokk for å bruke `ikros accept`."
        )
    indent = id_mark.key_column - 1
    pad = " " * indent
    existing = index.marks.get(("hendelser", i, "aksept"))
    if existing is not None:
        start = at(existing.key_line)
        end = start + 1
        while end < len(lines) and (not _is_content(lines[end]) or _indent(lines[end]) > indent):
            end += 1
        while end > start + 1 and not _is_content(lines[end - 1]):
            end -= 1  # blank lines and comments after the block stay
        newline = _ending(lines[start]) or _most_common_ending(text)
        lines[start:end] = [f"{pad}{line}{newline}" for line in block]
        return "".join(lines), True
    start = at(item_mark.line)
    end = start + 1
    while end < len(lines) and (not _is_content(lines[end]) or _indent(lines[end]) >= indent):
        end += 1
    while end > start + 1 and not _is_content(lines[end - 1]):
        end -= 1
    newline = _ending(lines[end - 1]) or _most_common_ending(text)
    if not _ending(lines[end - 1]):
        lines[end - 1] += newline
    lines[end:end] = [f"{pad}{line}{newline}" for line in block]
    return "".join(lines), False
