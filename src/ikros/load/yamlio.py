"""Reading YAML bytes into plain data, with positions when they are needed.

Two readers give the same data for every file (a test holds them to it):

- the fast reader, yaml-rs (Rust, YAML 1.2), for the bulk of files that use
  nothing but plain mappings, lists and scalars;
- the positional reader: libyaml's C composer gives a node tree with marks,
  and `_Builder` turns it into data while recording the line and column of
  every key and value. It rejects what ikros does not accept (duplicate keys,
  tags, several documents, alias bombs) with a position.

Plain scalars are typed by yaml-rs on both paths, so that `no` stays a
string (YAML 1.2) and `2026-03-01` becomes a date on either path.

A file that uses anything the fast reader treats differently (tags,
anchors, tabs, quoted dates, directives, document markers, complex keys) is
sent straight to the positional reader; so is a file the fast reader
rejects, to get the error's position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml_rs

from ikros.diagnostics import Diagnostic, Loc, Severity
from ikros.load.read import MAX_FILE_BYTES

# Nodes in a document after aliases are expanded; the largest real files
# have a few hundred thousand.
MAX_NODES = 1_000_000

_PLAIN_TAG = "tag:ikros.no,2026:plain"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _Loader(yaml.CSafeLoader):
    """libyaml's composer with every plain scalar left untyped: typing is ours."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(_PLAIN_TAG, re.compile(r".*", re.S), None)

# Anything that the fast reader would read differently from the positional
# one, or that needs the positional reader's checks. Cheap substring tests
# first: most files have none of these characters.
# Anchors, aliases, tags, merge keys. `**` is left alone: Markdown bold.
_TOKEN = re.compile(rb"(?:^|[\s\[{,])(?:[&!]|\*[^\s*]|<<)", re.M)
# Documents, directives, complex keys and empty keys (`: x`): at the start
# of a line. The pattern starts with a literal newline, which the regex
# engine finds quickly.
_MARKERS = re.compile(rb"\n(?:---|\.\.\.|%| *(?:- +)*[?:](?:[ \r\n]|$))")
_MARKER_STARTS = (b"---", b"...", b"%", b"?", b":", b" ", b"-")
# In a flow collection: an empty key (`{: x}`, `[:]`), which YAML 1.2 reads
# as a null key and libyaml refuses, and a lone `|` or `>` (`[>]`), which
# yaml-rs reads as text and libyaml refuses. Literal first bytes keep
# these fast.
_FLOW_ODDITIES = (
    re.compile(rb"\{[ \r\n]*:"),
    re.compile(rb"\[[ \r\n]*:"),
    re.compile(rb",[ \r\n]*:"),
    re.compile(rb">[ \r\n]*[,\]}\"'@`]"),
    re.compile(rb"\|[ \r\n]*[,\]}\"'@`]"),
    re.compile(rb"\{[ \r\n]*[?>|]"),
    re.compile(rb"\[[ \r\n]*\?"),
    re.compile(rb",[ \r\n]*\?"),
)
_FLOW_KEYS = (re.compile(rb"\] *:"), re.compile(rb"\} *:"))
# A document that is one block scalar (`|` or `>` before any key): yaml-rs
# and libyaml indent it differently. Never an ikros document either way.
_BLOCK_DOCUMENT = re.compile(rb"\A(?:[ \t\r\n]*#[^\n]*\n)*[ \t\r\n]*[|>]")
# A block scalar header (`|`, `>-`, `|2+`) as the last thing in the file:
# yaml-rs reads its empty content as a line break, libyaml as nothing.
_BLOCK_HEADER_AT_END = re.compile(rb"(?:^|[ :-])[|>][-+0-9]*(?: +#[^\n]*)?$")
# Every digit made 0, so that a quoted date is one substring search.
DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _needs_positional(raw: bytes) -> bool:
    """Whether the file uses anything the fast reader would read
    differently from the positional one, or that needs the positional
    reader's checks. Substring tests on bytes are memchr-fast; the regexes
    run only when a candidate byte is there at all. A one-byte test is
    several times cheaper than a longer one: test the first byte, then
    the sequence."""
    if b"\t" in raw or (b"\xef" in raw and b"\xef\xbb\xbf" in raw):
        return True
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return True  # lines ended by a bare CR: the tests below look for LF
    if (
        b"&" in raw or b"*" in raw or b"!" in raw or (b"<" in raw and b"<<" in raw)
    ) and _TOKEN.search(raw):
        return True
    if (
        b"---" in raw
        or b"..." in raw
        or b"%" in raw
        or b"?" in raw
        or b"\n:" in raw
        or b" :" in raw
        or raw.startswith(_MARKER_STARTS)
    ) and (
        _MARKERS.search(raw) or (raw.startswith(_MARKER_STARTS) and _MARKERS.search(b"\n" + raw))
    ):
        return True
    if any(p.search(raw) for p in _FLOW_KEYS):  # a flow collection used as a key
        return True
    if (b"{" in raw or b"[" in raw) and any(p.search(raw) for p in _FLOW_ODDITIES):
        return True
    if _BLOCK_DOCUMENT.match(raw):
        return True
    tail = raw.rstrip(b" \t\r\n")
    if _BLOCK_HEADER_AT_END.search(tail[tail.rfind(b"\n") + 1 :]):
        return True
    if b"'" in raw or b'"' in raw:  # quoted dates stay text
        zeroed = raw.translate(DIGITS_TO_ZERO)
        return b"'0000-00-00" in zeroed or b'"0000-00-00' in zeroed
    return False


# Plain scalars that may be something other than a string.
_MAYBE_TYPED = re.compile(r"[-+]?[0-9.]")
_PLAIN_CONSTANTS: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}


@dataclass(frozen=True, slots=True)
class Mark:
    key_line: int
    key_column: int
    line: int
    column: int


@dataclass(slots=True)
class PositionIndex:
    """Line and column (1-based) of every key and value in a document."""

    marks: dict[Loc, Mark] = field(default_factory=dict)

    def locate(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that exists
        (a missing key is reported where its parent is)."""
        for end in range(len(loc), -1, -1):
            mark = self.marks.get(tuple(loc[:end]))
            if mark is not None:
                if at_key and end == len(loc):
                    return mark.key_line, mark.key_column
                return mark.line, mark.column
        return 1, 1


@dataclass(slots=True)
class Parsed:
    """The outcome of reading one file. `data` is None when it failed;
    `index` is None when the fast reader was used."""

    data: Any = None
    index: PositionIndex | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, with lines ended by
    LF, CRLF or a bare CR, as YAML (and libyaml's marks) count them."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    if "\r" in text:
        line += text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
        start = max(start, text.rfind("\r", 0, offset) + 1)
    return line, offset - start + 1


# Characters YAML 1.2 does not allow in a stream (c-printable): C0 controls
# but tab, line feed and carriage return; DEL; C1 controls but NEL; and the
# non-characters U+FFFE and U+FFFF. NUL makes a file binary (see decode).
_FORBIDDEN = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# Line separators that YAML 1.2 reads as ordinary characters and libyaml
# (YAML 1.1) as line breaks: the two readers would give different data.
SEPARATORS = "\u2028\u2029\x85"
_SEPARATOR = re.compile(f"[{SEPARATORS}]")
_CHARACTER_NAMES = {
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\x85": "NEXT LINE (NEL)",
    "\x1b": "ESC",
    "\x7f": "DEL",
}
# Cheap tests on bytes first (each runs at gigabytes a second): most files
# hold none of these, and only then is the text searched.
_ORDINARY_BYTES = bytes(
    b for b in range(256) if not (b < 0x20 and b not in b"\t\n\r") and b != 0x7F
)
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")  # C1 controls and NEL in UTF-8
_LS_BYTES = re.compile(rb"\xe2\x80[\xa8\xa9]")  # U+2028, U+2029
_NONCHAR_BYTES = re.compile(rb"\xef\xbf[\xbe\xbf]")  # U+FFFE, U+FFFF


_NEL_BYTES = re.compile(rb"\xc2\x85")


def _has_separators(raw: bytes) -> bool:
    return bool(_LS_BYTES.search(raw) or _NEL_BYTES.search(raw))


def _odd_bytes(raw: bytes) -> bool:
    return bool(
        raw.translate(None, _ORDINARY_BYTES)
        or _C1_BYTES.search(raw)
        or _LS_BYTES.search(raw)
        or _NONCHAR_BYTES.search(raw)
    )


def _character_name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = _CHARACTER_NAMES.get(char)
    return f"{code} {name}" if name else code


def _characters(text: str, path: str) -> list[Diagnostic]:
    """Errors for characters YAML does not allow, warnings for the line
    separators that look like nothing in an editor, each at its position."""
    found = []
    for match in _FORBIDDEN.finditer(text):
        line, column = line_column(text, match.start())
        found.append(
            _diag(
                path,
                line,
                column,
                "ugyldig-tegn",
                f"Filen inneholder kontrolltegnet {_character_name(match.group())}, som YAML "
                "ikke tillater.",
                "Slett tegnet (det er usynlig i de fleste editorer og kommer ofte fra innliming "
                "fra et annet program).",
            )
        )
    for match in _SEPARATOR.finditer(text):
        line, column = line_column(text, match.start())
        found.append(
            _diag(
                path,
                line,
                column,
                "usynlig-tegn",
                f"Teksten inneholder det usynlige tegnet {_character_name(match.group())}, "
                "ofte limt inn fra Word eller e-post.",
                "Erstatt det med et vanlig linjeskift eller et mellomrom.",
                Severity.WARNING,
            )
        )
    return found


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, or diagnostics saying why they are not YAML text."""
    problems: list[Diagnostic] = []
    if len(raw) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        return None, [
            _diag(
                path,
                1,
                1,
                "fil-for-stor",
                f"Filen er større enn grensen på {mb} MB og blir ikke lest.",
                "Del analysen i flere filer, eller flytt vedlegg ut av YAML-filen.",
            )
        ]
    if b"\x00" in raw:
        return None, [
            _diag(
                path,
                1,
                1,
                "binærfil",
                "Filen inneholder binære data og er ikke en tekstfil.",
                "Gi filen en annen filendelse enn .yaml hvis den ikke er et ikros-dokument.",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            _diag(
                path,
                1,
                1,
                "bom",
                "Filen starter med et usynlig tegn (BOM, byte order mark) som noen programmer legger "
                "til.",
                "Lagre filen som UTF-8 uten BOM.",
                Severity.WARNING,
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(
            _diag(
                path,
                line,
                column,
                "ugyldig-tegnkoding",
                f"Filen er ikke lagret med tegnkoding UTF-8; tegnet her kan ikke leses "
                f"(byteverdi 0x{raw[exc.start]:02x}).",
                "Lagre filen med tegnkoding UTF-8 (for eksempel i Notisblokk: Lagre som, Koding: "
                "UTF-8).",
            )
        )
        return None, problems
    if _odd_bytes(raw):
        problems += _characters(text, path)
        if any(d.is_error for d in problems):
            return None, problems
    return text, problems


def read(raw: bytes, path: str, *, positions: bool = False) -> Parsed:
    """Read one YAML file. With `positions`, always use the positional reader."""
    text, problems = decode(raw, path)
    if text is None:
        return Parsed(diagnostics=problems)
    if text and not text.endswith(("\n", "\r")):
        # A block scalar that ends the file keeps its last line break in
        # yaml-rs and loses it in libyaml: end every file with one.
        text += "\n"
    if not positions and not _needs_positional(raw) and not _has_separators(raw):
        try:
            data = yaml_rs.loads(text)
        except Exception:
            pass
        else:
            return Parsed(data=data, diagnostics=problems)
    parsed = read_positional(text, path)
    parsed.diagnostics[:0] = problems
    return parsed


def _placeholders(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """Private-use characters not in `text` to stand for the line separators
    while libyaml reads it, and the table that puts them back."""
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    there = {ord(c): next(free) for c in SEPARATORS}
    return there, {ord(v): chr(k) for k, v in there.items()}


def read_positional(text: str, path: str) -> Parsed:
    restore = None
    if any(c in text for c in SEPARATORS):
        # libyaml would break lines at them, as YAML 1.1 does; YAML 1.2 and
        # the fast reader keep them as text. Stand-ins libyaml reads as text
        # keep the data the same and the positions right.
        there, restore = _placeholders(text)
        text = text.translate(there)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return Parsed(diagnostics=[_syntax_error(exc, text, path)])
    except RecursionError:
        return Parsed(diagnostics=[_too_deep(path)])
    if len(nodes) > 1:
        return Parsed(
            diagnostics=[
                _diag(
                    path,
                    _separator_line(text, nodes[1].start_mark.line),
                    1,
                    "flere-dokumenter",
                    "Filen inneholder flere YAML-dokumenter (adskilt med `---`).",
                    "Legg hvert dokument i sin egen fil.",
                )
            ]
        )
    if not nodes:
        return Parsed(data=None, index=PositionIndex())
    builder = _Builder(path, restore)
    try:
        builder.check_size(nodes[0])
        builder.mark_root(nodes[0])
        data = builder.build(nodes[0], ())
    except _Reject as exc:
        return Parsed(diagnostics=[exc.diagnostic])
    except RecursionError:
        return Parsed(diagnostics=[_too_deep(path)])
    return Parsed(data=data, index=builder.index)


def _too_deep(path: str) -> Diagnostic:
    return _diag(
        path,
        1,
        1,
        "yaml-syntaks",
        "Filen har for mange nivåer inni hverandre.",
        "Sjekk innrykket, og at hver `[` og `{` er lukket.",
    )


def _separator_line(text: str, content_line: int) -> int:
    """The 1-based line of the `---` that starts the document whose content
    begins on 0-based `content_line`."""
    lines = text.splitlines()
    for i in range(min(content_line, len(lines) - 1), -1, -1):
        if lines[i].startswith("---"):
            return i + 1
    return content_line + 1


class _Reject(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class _Builder:
    """Turns a composed node tree into data and a position index."""

    def __init__(self, path: str, restore: dict[int, str] | None = None):
        self.path = path
        self.index = PositionIndex()
        self.restore = restore  # stand-ins to translate back in scalars

    def _reject(self, node: yaml.Node, code: str, message: str, hint: str | None = None):
        mark = node.start_mark
        raise _Reject(_diag(self.path, mark.line + 1, mark.column + 1, code, message, hint))

    def check_size(self, root: yaml.Node) -> None:
        """Refuse documents whose aliases expand past MAX_NODES, and
        aliases that refer to themselves, before building anything."""
        sizes: dict[int, int] = {}
        active: set[int] = set()

        def size(node: yaml.Node) -> int:
            key = id(node)
            if key in sizes:
                return sizes[key]
            if key in active:
                anchor = f" `&{node.anchor}`" if getattr(node, "anchor", None) else ""
                self._reject(
                    node,
                    "yaml-alias",
                    f"Verdien merket{anchor} viser til seg selv: henvisningen står inne i verdien den "
                    "viser til.",
                    "En henvisning (`*navn`) kan bare vise til en verdi som er ferdig skrevet.",
                )
            active.add(key)
            total = 1
            if isinstance(node, yaml.SequenceNode):
                total += sum(size(child) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                total += sum(size(k) + size(v) for k, v in node.value)
            active.discard(key)
            sizes[key] = total
            if total > MAX_NODES:
                self._reject(
                    node,
                    "for-mange-noder",
                    f"Dokumentet blir større enn {MAX_NODES:,} verdier når henvisningene (`*navn`) "
                    "blir fylt ut.".replace(",", " "),
                    "Skriv innholdet ut i stedet for å gjenbruke det med `&navn` og `*navn`.",
                )
            return total

        size(root)

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = node.value if self.restore is None else node.value.translate(self.restore)
            if node.tag == _PLAIN_TAG:
                return resolve_plain(value)
            if node.tag == _STR_TAG:
                return value
            return self._bad_tag(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node)
            items = []
            for i, child in enumerate(node.value):
                self._mark(loc + (i,), child, child)
                items.append(self.build(child, loc + (i,)))
            return items
        if node.tag != _MAP_TAG:
            return self._bad_tag(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._reject(
                    key_node,
                    "ugyldig-nøkkel",
                    "En nøkkel må være et ord eller en tekst, ikke en liste eller en gruppe med nøkler.",
                )
            key = self.build(key_node, loc)
            if key in mapping:
                self._reject(
                    key_node,
                    "duplikat-nøkkel",
                    f"Nøkkelen `{key}` står to ganger på samme nivå.",
                    "Slå sammen innholdet under én nøkkel.",
                )
            self._mark(loc + (key,), key_node, value_node)
            mapping[key] = self.build(value_node, loc + (key,))
        return mapping

    def mark_root(self, node: yaml.Node) -> None:
        self._mark((), node, node)

    def _bad_tag(self, node: yaml.Node) -> Any:
        self._reject(
            node,
            "yaml-tagg",
            f"Typeangivelsen `{node.tag}` er ikke tillatt i ikros-filer.",
            "Fjern den; sett tekst i anførselstegn hvis den skal leses som tekst.",
        )

    def _mark(self, loc: Loc, key_node: yaml.Node, value_node: yaml.Node) -> None:
        k, v = key_node.start_mark, value_node.start_mark
        self.index.marks[loc] = Mark(k.line + 1, k.column + 1, v.line + 1, v.column + 1)


def resolve_plain(value: str) -> Any:
    """Type a plain scalar exactly as the fast reader does (YAML 1.2 core
    schema, plus ISO dates and timestamps)."""
    if value in _PLAIN_CONSTANTS:
        return _PLAIN_CONSTANTS[value]
    if not _MAYBE_TYPED.match(value):
        return value
    try:
        return yaml_rs.loads(f"v: {value}")["v"]
    except Exception:
        return value


def _syntax_error(exc: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    from ikros.load.syntax import explain

    found = explain(exc, text)
    return _diag(path, found.line, found.column, found.code, found.message, found.hint)


def _diag(
    path: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    return Diagnostic(path, line, column, code, severity, message, hint)
