"""Reading YAML bytes into plain data, with positions when they are needed.

Two readers give the same data for every file (a test holds them to it):

- the fast reader, yaml-rs (Rust, YAML 1.2), for the bulk of files that use
  nothing but plain mappings, lists and scalars;
- the positional reader: libyaml's C parser gives events with marks, and
  `_Builder` turns them into data while recording the line and column of
  every key and value in compact arrays (no node tree: a 5 MB file may hold
  a million nodes). It rejects what ikros does not accept (duplicate keys,
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
from array import array
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
import yaml_rs

from ikros.diagnostics import MAX_PER_FILE, TOO_MANY, Diagnostic, Loc, Severity
from ikros.load.read import MAX_FILE_BYTES

# Nodes in a document after aliases are expanded; the largest real files
# have a few hundred thousand.
MAX_NODES = 1_000_000
# Deeper nesting is refused: real documents nest fewer than ten levels, and
# the code that walks the data recursively needs the rest of Python's stack.
MAX_DEPTH = 400

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
# Anchors (`&a`), aliases (`*a`), tags (`!x`) and merge keys (`<<`) start at
# a token's start: the file's, or after white space, `[`, `{` or `,`.
_TOKEN_BEFORE = frozenset(b" \t\r\n\f\v[{,")
_NOT_ALIAS_NEXT = frozenset(b" \t\r\n\f\v*")  # `**` is Markdown bold, `* ` a bullet


def _has_token(raw: bytes) -> bool:
    """Whether an anchor, alias, tag or merge key starts anywhere. A loop
    over the few occurrences of `&`, `!`, `*` and `<<`: a regex that starts
    with a character class scans every file at a fraction of that speed."""
    for char in (b"&", b"!", b"*", b"<<"):
        if char[0] not in raw:  # one byte: the quickest test there is
            continue
        i = raw.find(char)
        while i >= 0:
            if i == 0 or raw[i - 1] in _TOKEN_BEFORE:
                if char != b"*":
                    return True
                if i + 1 < len(raw) and raw[i + 1] not in _NOT_ALIAS_NEXT:
                    return True
            i = raw.find(char, i + 1)
    return False


# Documents, directives, complex keys and empty keys (`: x`): at the start
# of a line. The pattern starts with a literal newline, which the regex
# engine finds quickly.
_MARKERS = re.compile(
    rb"\n(?:---|\.\.\.|%| *+(?:- ++)*+[?:](?:[ \r\n]|$))"
)  # possessive: no backtracking
_MARKER_STARTS = (b"---", b"...", b"%", b"?", b":", b" ", b"-")
# In a flow collection: an empty key (`{: x}`, `[:]`), which YAML 1.2 reads
# as a null key and libyaml refuses; a lone `|` or `>` (`[>]`), which
# yaml-rs reads as text and libyaml refuses; a complex key (`[? a]`); and a
# flow collection used as a key (`{a: 1}: b`). One regex per pattern, each
# starting with a literal byte, which the regex engine finds at memory
# speed: together cheaper than one regex that starts with a class.
_FLOW_ODDITIES = (
    re.compile(rb"\{[ \r\n]*[:?>|]"),
    re.compile(rb"\[[ \r\n]*[:?]"),
    re.compile(rb",[ \r\n]*[:?]"),
    re.compile(rb">[ \r\n]*[,\]}\"'@`]"),
    re.compile(rb"\|[ \r\n]*[,\]}\"'@`]"),
    re.compile(rb"\] *:"),
    re.compile(rb"\} *:"),
)
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
    if _has_token(raw):
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
    if any(p.search(raw) for p in _FLOW_ODDITIES):
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


_COLUMN = (1 << 32) - 1  # a position packed in one int: line << 32 | column


def _pack(mark: yaml.Mark) -> int:
    return (mark.line + 1) << 32 | (mark.column + 1)


class _Children:
    """The positions of one mapping's or sequence's children, compactly: a
    document may have a million of them, and a Python object each would
    cost a gigabyte. Positions are packed ints in arrays."""

    __slots__ = ("inner", "keys", "numbers", "values")

    def __init__(self, mapping: bool):
        self.numbers: dict[Any, int] | None = {} if mapping else None  # key → child number
        self.keys = array("q") if mapping else None  # where each key stands
        self.values = array("q")  # where each value (or item) starts
        self.inner: dict[int, _Children] = {}  # for the children that are collections


class Marks:
    """The Mark of every key and value in a document, by location."""

    __slots__ = ("_root", "_tree")

    def __init__(self, root: int = 0, tree: _Children | None = None):
        self._root = root  # where the document's value starts; 0 for no document
        self._tree = tree

    def get(self, loc: Loc, default: Mark | None = None) -> Mark | None:
        mark, depth = self.deepest(loc)
        return mark if depth == len(loc) else default

    def deepest(self, loc: Loc) -> tuple[Mark | None, int]:
        """The Mark of `loc` or of its nearest ancestor that exists, and
        the length of that ancestor's location."""
        if not self._root:
            return None, 0
        line, column = self._root >> 32, self._root & _COLUMN
        mark = Mark(line, column, line, column)
        node = self._tree
        for depth, part in enumerate(loc):
            if node is None:
                return mark, depth
            if node.numbers is not None:
                n = node.numbers.get(part)
                if n is None:
                    return mark, depth
                key = node.keys[n]  # type: ignore[index]
            elif isinstance(part, int) and 0 <= part < len(node.values):
                n = part
                key = node.values[n]  # an item's key is its value
            else:
                return mark, depth
            value = node.values[n]
            mark = Mark(key >> 32, key & _COLUMN, value >> 32, value & _COLUMN)
            node = node.inner.get(n)
        return mark, len(loc)


@dataclass(slots=True)
class PositionIndex:
    """Line and column (1-based) of every key and value in a document."""

    marks: Marks = field(default_factory=Marks)

    def locate(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that exists
        (a missing key is reported where its parent is)."""
        mark, depth = self.marks.deepest(loc)
        if mark is None:
            return 1, 1
        if at_key and depth == len(loc):
            return mark.key_line, mark.key_column
        return mark.line, mark.column


@dataclass(slots=True)
class Parsed:
    """The outcome of reading one file. `data` is None when it failed;
    `index` is None when the fast reader was used."""

    data: Any = None
    index: PositionIndex | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Diagnostics left out of `diagnostics`; a `for-mange-funn` stand-in
    # among them says where they start (diagnostics.cap).
    hidden: int = 0

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


class Lines:
    """Line and column of offsets in one text, as `line_column` gives them,
    in time proportional to the text when the offsets come in order: a scan
    that finds a hundred thousand things must not count the lines before
    each of them again."""

    def __init__(self, text: str):
        self._text = text
        self._cr = "\r" in text
        self._offset = 0
        self._lf = self._crs = self._crlf = 0  # line breaks in text[: self._offset]
        self._start = 0  # where the line that holds self._offset starts

    def __call__(self, offset: int) -> tuple[int, int]:
        if offset < self._offset:
            self.__init__(self._text)  # type: ignore[misc]  # back to the start: rare
        text, done = self._text, self._offset
        if offset > done:
            self._lf += text.count("\n", done, offset)
            start = text.rfind("\n", done, offset) + 1
            if self._cr:
                self._crs += text.count("\r", done, offset)
                # a CRLF split by `done` is counted once it is all before `offset`
                split = done > 0 and text[done - 1] == "\r" and text[done] == "\n"
                self._crlf += text.count("\r\n", done, offset) + split
                start = max(start, text.rfind("\r", done, offset) + 1)
            self._start = max(self._start, start)
            self._offset = offset
        return self._lf + 1 + self._crs - self._crlf, offset - self._start + 1


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


def _characters(text: str, path: str) -> tuple[list[Diagnostic], int]:
    """Errors for characters YAML does not allow, warnings for the line
    separators that look like nothing in an editor, each at its position;
    and how many were left out. Past MAX_PER_FILE + 1 of a kind (a pasted
    binary can hold millions) only a stand-in for the file's closing
    diagnostic is made, where the first left out stands."""
    found: list[Diagnostic] = []
    left_out = 0
    for pattern, make in ((_FORBIDDEN, _forbidden), (_SEPARATOR, _separator)):
        lines = Lines(text)
        made = 0
        for match in pattern.finditer(text):
            made += 1
            if made <= MAX_PER_FILE + 1:
                found.append(make(path, *lines(match.start()), match.group()))
                continue
            if made == MAX_PER_FILE + 2:
                first = make(path, *lines(match.start()), match.group())
                found.append(replace(first, code=TOO_MANY, message="… og flere av samme slag."))
            left_out += 1
    return found, left_out


def _forbidden(path: str, line: int, column: int, char: str) -> Diagnostic:
    return _diag(
        path,
        line,
        column,
        "ugyldig-tegn",
        f"Filen inneholder kontrolltegnet {_character_name(char)}, som YAML ikke tillater.",
        "Slett tegnet (det er usynlig i de fleste editorer og kommer ofte fra innliming "
        "fra et annet program).",
    )


def _separator(path: str, line: int, column: int, char: str) -> Diagnostic:
    return _diag(
        path,
        line,
        column,
        "usynlig-tegn",
        f"Teksten inneholder det usynlige tegnet {_character_name(char)}, "
        "ofte limt inn fra Word eller e-post.",
        "Erstatt det med et vanlig linjeskift eller et mellomrom.",
        Severity.WARNING,
    )


_SAVE_AS_UTF8 = (
    "Lagre filen med tegnkoding UTF-8 (for eksempel i Notisblokk: Lagre som, Koding: UTF-8)."
)
_UTF16 = "Filen er lagret med tegnkodingen UTF-16 («Unicode» i Notisblokk); ikros leser bare UTF-8."


def _utf16_without_bom(raw: bytes) -> bool:
    """Text saved as UTF-16 (Notepad's «Unicode», PowerShell 5's `>`) without
    its byte order mark: a zero byte beside every character of the text's
    start, which is ASCII in a YAML file."""
    start = raw[:200] if len(raw) % 2 == 0 else b""
    return len(start) >= 4 and (
        (not any(start[1::2]) and all(start[0::2])) or (not any(start[0::2]) and all(start[1::2]))
    )


def decode(raw: bytes, path: str, odd: bool = True) -> tuple[str | None, list[Diagnostic], int]:
    """Bytes to text, or diagnostics saying why they are not YAML text
    (`odd`: whether `_odd_bytes(raw)`, which the caller has tested); and
    how many diagnostics were left out of them (see `_characters`)."""
    problems: list[Diagnostic] = []
    if len(raw) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        return (
            None,
            [
                _diag(
                    path,
                    1,
                    1,
                    "fil-for-stor",
                    f"Filen er større enn grensen på {mb} MB og blir ikke lest.",
                    "Del analysen i flere filer, eller flytt vedlegg ut av YAML-filen.",
                )
            ],
            0,
        )
    nul = b"\x00" in raw
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (nul and _utf16_without_bom(raw)):
        return None, [_diag(path, 1, 1, "ugyldig-tegnkoding", _UTF16, _SAVE_AS_UTF8)], 0
    if nul:
        return (
            None,
            [
                _diag(
                    path,
                    1,
                    1,
                    "binærfil",
                    "Filen inneholder binære data og er ikke en tekstfil.",
                    "Gi filen en annen filendelse enn .yaml hvis den ikke er et ikros-dokument.",
                )
            ],
            0,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            _diag(
                path,
                1,
                1,
                "bom",
                "Filen starter med et usynlig tegn (BOM, byte order mark) som noen programmer "
                "legger til.",
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
                _SAVE_AS_UTF8,
            )
        )
        return None, problems, 0
    left_out = 0
    if odd:
        found, left_out = _characters(text, path)
        problems += found
        if any(d.is_error for d in problems):
            return None, problems, left_out
    return text, problems, left_out


def read(raw: bytes, path: str, *, positions: bool = False) -> Parsed:
    """Read one YAML file. With `positions`, always use the positional reader."""
    odd = _odd_bytes(raw)
    text, problems, left_out = decode(raw, path, odd)
    if text is None:
        return Parsed(diagnostics=problems, hidden=left_out)
    if text and not text.endswith(("\n", "\r")):
        # A block scalar that ends the file keeps its last line break in
        # yaml-rs and loses it in libyaml: end every file with one.
        text += "\n"
    if not positions and not (odd and _has_separators(raw)) and not _needs_positional(raw):
        try:
            data = yaml_rs.loads(text)
        except Exception:
            pass
        else:
            return Parsed(data=data, diagnostics=problems, hidden=left_out)
    parsed = read_positional(text, path)
    parsed.diagnostics[:0] = problems
    parsed.hidden = left_out
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
    builder = _Builder(path, restore)
    loader = _Loader(text)
    try:
        builder.read(loader)
    except yaml.YAMLError as exc:
        return Parsed(diagnostics=[_syntax_error(exc, text, path)])
    finally:
        loader.dispose()
    # What libyaml refuses anywhere in the file comes first (above), then
    # several documents, then what the size check refuses, then the rest.
    if builder.documents > 1:
        return Parsed(
            diagnostics=[
                _diag(
                    path,
                    _separator_line(text, builder.second_document_line),
                    1,
                    "flere-dokumenter",
                    "Filen inneholder flere YAML-dokumenter (adskilt med `---`).",
                    "Legg hvert dokument i sin egen fil.",
                )
            ]
        )
    if builder.refused is not None:
        return Parsed(diagnostics=[builder.refused])
    if builder.rejected is not None:
        return Parsed(diagnostics=[builder.rejected])
    return Parsed(data=builder.data, index=PositionIndex(Marks(builder.root, builder.tree)))


def _separator_line(text: str, content_line: int) -> int:
    """The 1-based line of the `---` that starts the document whose content
    begins on 0-based `content_line`."""
    lines = text.splitlines()
    for i in range(min(content_line, len(lines) - 1), -1, -1):
        if lines[i].startswith("---"):
            return i + 1
    return content_line + 1


class _Open:
    """A mapping or sequence whose end has not been read yet."""

    __slots__ = ("anchor", "children", "has_key", "key", "key_at", "size", "start", "value")

    def __init__(self, value: Any, children: _Children | None, anchor: str | None, start: Any):
        self.value = value  # the dict or list being built; None when nothing is built
        self.children = children
        self.size = 1  # nodes in it, aliases expanded
        self.anchor = anchor
        self.start = start  # yaml.Mark
        self.key: Any = None  # a mapping's key whose value comes next
        self.key_at = 0
        self.has_key = False


class _Builder:
    """Turns libyaml's events into data and the positions of every key and
    value, one event at a time: no node tree is held. It refuses what
    ikros does not accept (duplicate keys, tags, aliases that expand past
    MAX_NODES or into themselves) with a position, as the composer-based
    reader before it did, in the same order of precedence."""

    def __init__(self, path: str, restore: dict[int, str] | None = None):
        self.path = path
        self.restore = restore  # stand-ins to translate back in scalars
        self.data: Any = None
        self.root = 0  # where the document's value starts, packed
        self.tree: _Children | None = None
        self.documents = 0
        self.second_document_line = 0  # 0-based line where the second document's content starts
        self.refused: Diagnostic | None = None  # by the size check (sizes, self-aliases, depth)
        self.rejected: Diagnostic | None = None  # by building (tags, keys)
        self._building = True  # until something is rejected
        self._sizing = True  # until something is refused
        self._open: list[_Open] = []
        # Anchors of this document: name → (value, packed position, children, size, start mark).
        self._anchors: dict[str, tuple[Any, int, _Children | None, int, Any]] = {}
        self._open_anchors: dict[str, _Open] = {}

    def read(self, loader: _Loader) -> None:
        next_event = loader.get_event
        scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is scalar:
                self._scalar(event)
            elif kind is mapping_start or kind is sequence_start:
                self._start(event, kind is mapping_start)
            elif kind in ends:
                self._end()
            elif kind is alias:
                self._alias(event)
            elif kind is yaml.DocumentStartEvent:
                self._document()

    def _document(self) -> None:
        self.documents += 1
        self._anchors.clear()  # anchors belong to one document
        self._open_anchors.clear()
        if self.documents == 2:
            self._building = self._sizing = False
            self.second_document_line = -1  # set by the next node

    def _node(self, event: Any) -> bool:
        """Check the anchor of a node's first event; False when the node
        belongs to a second document (only YAML errors matter there)."""
        anchor = event.anchor
        if anchor is not None:
            first = self._anchors.get(anchor)
            first_mark = (
                first[4] if first else getattr(self._open_anchors.get(anchor), "start", None)
            )
            if first_mark is not None:
                raise yaml.composer.ComposerError(
                    "found duplicate anchor; first occurrence",
                    first_mark,
                    "second occurrence",
                    event.start_mark,
                )
        if self.documents > 1:
            if self.second_document_line < 0:
                self.second_document_line = event.start_mark.line
            return False
        return True

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        # The most frequent event by far: the usual case takes no detours.
        anchor = event.anchor
        if (anchor is not None or self.documents > 1) and not self._node(event):
            if anchor is not None:
                self._anchors[anchor] = (None, 0, None, 1, event.start_mark)
            return
        value = None
        if self._building:
            tag = event.tag
            text = event.value if self.restore is None else event.value.translate(self.restore)
            if tag is None:
                value = resolve_plain(text) if event.implicit[0] else text
            elif tag == "!" or tag == _STR_TAG:
                value = resolve_plain(text) if tag == "!" and event.implicit[0] else text
            else:
                self._bad_tag(tag, event.start_mark)
        mark = event.start_mark
        packed = (mark.line + 1) << 32 | (mark.column + 1)
        if anchor is not None:
            self._anchors[anchor] = (value, packed, None, 1, mark)
        self._add(value, packed, None, 1, mark, scalar=True)

    def _start(self, event: Any, mapping: bool) -> None:
        if not self._node(event):
            self._open.append(_Open(None, None, event.anchor, event.start_mark))
            if event.anchor is not None:
                self._open_anchors[event.anchor] = self._open[-1]
            return
        if self._building:
            parent = self._open[-1] if self._open else None
            siblings = parent.children if parent is not None else None
            if siblings is not None and siblings.numbers is not None and not parent.has_key:
                self._reject(
                    event.start_mark,
                    "ugyldig-nøkkel",
                    "En nøkkel må være et ord eller en tekst, ikke en liste eller en gruppe med nøkler.",
                )
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP_TAG if mapping else _SEQ_TAG):
                self._bad_tag(tag, event.start_mark)
        if self._sizing and len(self._open) >= MAX_DEPTH:
            self._refuse(_too_deep(self.path))
        building = self._building
        item = _Open(
            ({} if mapping else []) if building else None,
            _Children(mapping) if building else None,
            event.anchor,
            event.start_mark,
        )
        self._open.append(item)
        if event.anchor is not None:
            self._open_anchors[event.anchor] = item

    def _end(self) -> None:
        item = self._open.pop()
        if item.anchor is not None:
            self._open_anchors.pop(item.anchor, None)
        if self.documents > 1:
            if item.anchor is not None:
                self._anchors[item.anchor] = (None, 0, None, 1, item.start)
            return
        if self._sizing and item.size > MAX_NODES:
            self._refuse(
                self._at(
                    item.start,
                    "for-mange-noder",
                    f"Dokumentet blir større enn {MAX_NODES:,} verdier når henvisningene (`*navn`) "
                    "blir fylt ut.".replace(",", " "),
                    "Skriv innholdet ut i stedet for å gjenbruke det med `&navn` og `*navn`.",
                )
            )
        packed = _pack(item.start)
        if item.anchor is not None:
            self._anchors[item.anchor] = (item.value, packed, item.children, item.size, item.start)
        self._add(item.value, packed, item.children, item.size, item.start, scalar=False)

    def _alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor
        if anchor in self._open_anchors:  # its own value, still being read
            if self.documents == 1 and self._sizing:
                self._refuse(
                    self._at(
                        self._open_anchors[anchor].start,
                        "yaml-alias",
                        "Verdien viser til seg selv: henvisningen står inne i verdien den viser til.",
                        "En henvisning (`*navn`) kan bare vise til en verdi som er ferdig skrevet.",
                    )
                )
            return
        if anchor not in self._anchors:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        if self.documents > 1:
            return
        value, packed, children, size, start = self._anchors[anchor]
        # The alias gives the anchored value and its positions (shared, not copied).
        self._add(value, packed, children, size, start, scalar=children is None)

    def _add(
        self,
        value: Any,
        packed: int,
        children: _Children | None,
        size: int,
        start: Any,
        *,
        scalar: bool,
    ) -> None:
        """A finished node: the root, an item, a key or a value."""
        parent = self._open[-1] if self._open else None
        if self._sizing and parent is not None:
            parent.size += size
        if not self._building:
            return
        if parent is None:
            self.data, self.root, self.tree = value, packed, children
            return
        siblings = parent.children
        assert siblings is not None
        if siblings.numbers is None:
            n = len(parent.value)
            parent.value.append(value)
        elif not parent.has_key:
            if not scalar:  # an alias to a collection, used as a key
                self._reject(
                    start,
                    "ugyldig-nøkkel",
                    "En nøkkel må være et ord eller en tekst, ikke en liste eller en gruppe med nøkler.",
                )
                return
            if value in parent.value:
                self._reject(
                    start,
                    "duplikat-nøkkel",
                    f"Nøkkelen `{value}` står to ganger på samme nivå.",
                    "Slå sammen innholdet under én nøkkel.",
                )
                return
            parent.key, parent.key_at, parent.has_key = value, packed, True
            return
        else:
            n = len(parent.value)
            parent.value[parent.key] = value
            siblings.numbers[parent.key] = n
            siblings.keys.append(parent.key_at)  # type: ignore[union-attr]
            parent.has_key = False
        siblings.values.append(packed)
        if children is not None:
            siblings.inner[n] = children

    def _bad_tag(self, tag: str, mark: Any) -> None:
        self._reject(
            mark,
            "yaml-tagg",
            f"Typeangivelsen `{tag}` er ikke tillatt i ikros-filer.",
            "Fjern den; sett tekst i anførselstegn hvis den skal leses som tekst.",
        )

    def _at(self, mark: Any, code: str, message: str, hint: str | None = None) -> Diagnostic:
        return _diag(self.path, mark.line + 1, mark.column + 1, code, message, hint)

    def _reject(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        """Stop building: the first of these is the file's diagnostic,
        unless libyaml or the size check refuses the file."""
        if self.rejected is None:
            self.rejected = self._at(mark, code, message, hint)
        self._building = False

    def _refuse(self, diagnostic: Diagnostic) -> None:
        if self.refused is None:
            self.refused = diagnostic
        self._sizing = self._building = False


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


def _too_deep(path: str) -> Diagnostic:
    return _diag(
        path,
        1,
        1,
        "yaml-syntaks",
        "Filen har for mange nivåer inni hverandre.",
        "Sjekk innrykket, og at hver `[` og `{` er lukket.",
    )


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
