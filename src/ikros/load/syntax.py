"""libyaml's errors in bokmål, explained, at the place the mistake was made.

libyaml (and PyYAML, whose texts differ a little) says what its parser
expected, in English and in the parser's words: "while parsing a block
mapping … did not find expected key". A unit leader needs what is wrong in
the file and what to write instead. `explain` turns every problem text
libyaml and PyYAML can give into a message and a hint in bokmål; a text it
does not know (a newer libyaml) still gets a bokmål message, never the
English one.

Where libyaml's position is not where the mistake is, the position moves:
an unclosed quote is reported where the quote opens (libyaml finds the
end of the file, or a later line where the runaway text runs into
something); a line without its colon where the line starts; an
unclosed `[` or `{` where it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# One kind of mistake per entry: the problem texts of libyaml (C) and of
# PyYAML (Python, with the variable part as `%r`), as patterns.
_PROBLEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("kolon", r"mapping values are not allowed (?:in this context|here)"),
        ("strek", r"(?:block )?sequence entries are not allowed (?:in this context|here)"),
        ("spørsmålstegn", r"mapping keys are not allowed (?:in this context|here)"),
        ("mangler-kolon", r"could not find expected ':'"),
        ("kolon-i-klammer", r"found unexpected ':'"),
        (
            "tabulator",
            r"found a tab character (?:that violates indentation|where an indentation space is expected)",
        ),
        ("starttegn", r"found character (?:.+ )?that cannot start any token"),
        ("slutt", r"found unexpected end of stream"),
        ("dokumentskille", r"found unexpected document (?:indicator|separator)"),
        ("escape", r"found unknown escape character.*"),
        ("escape", r"did not find expected hexdecimal number"),
        ("escape", r"expected escape sequence of \d+ hexadecimal numbers, but found .*"),
        ("escape", r"found invalid Unicode character escape code"),
        ("nøkkel-ventet", r"did not find expected key"),
        ("element-ventet", r"did not find expected '-' indicator"),
        ("blokkslutt", r"expected <block end>, but found .*"),
        ("liste-uavsluttet", r"did not find expected ',' or '\]'"),
        ("liste-uavsluttet", r"expected ',' or '\]', but got .*"),
        ("gruppe-uavsluttet", r"did not find expected ',' or '\}'"),
        ("gruppe-uavsluttet", r"expected ',' or '\}', but got .*"),
        ("verdi-mangler", r"did not find expected node content"),
        ("verdi-mangler", r"expected the node content, but found .*"),
        ("ukjent-henvisning", r"found undefined alias.*"),
        ("merke-to-ganger", r"second occurrence"),
        ("dokumentstart", r"did not find expected <document start>"),
        ("dokumentstart", r"expected '<document start>', but found .*"),
        ("dokumentstart", r"expected a single document in the stream|but found another document"),
        ("for-dypt", r"exceeded maximum nesting depth"),
        ("blokktekst", r"found an indentation indicator equal to 0"),
        ("blokktekst", r"expected indentation indicator in the range 1-9, but found 0"),
        ("blokktekst", r"expected chomping or indentation indicators, but found .*"),
        ("innstilling", r"found duplicate %?YAML directive"),
        ("innstilling", r"found duplicate %TAG directive|duplicate tag handle .*"),
        ("innstilling", r"found incompatible YAML document.*|incompatible %YAML directive"),
        ("innstilling", r"found unknown directive name|could not find expected directive name"),
        ("innstilling", r"found unexpected non-alphabetical character"),
        ("innstilling", r"did not find expected digit or '\.' character"),
        (
            "innstilling",
            r"found extremely long version number|did not find expected version number",
        ),
        ("innstilling", r"expected a digit(?: or '\.'| or ' ')?, but found .*"),
        ("innstilling", r"did not find expected whitespace"),
        ("typeangivelse", r"found undefined tag handle.*"),
        ("typeangivelse", r"did not find the expected '>'|expected '>', but found .*"),
        ("typeangivelse", r"did not find expected tag URI|expected URI, but found .*"),
        ("typeangivelse", r"did not find URI escaped octet"),
        ("typeangivelse", r"expected URI escape sequence of 2 hexadecimal numbers, but found .*"),
        ("typeangivelse", r"found non-specific tag .*"),
        # Texts whose kind depends on what was being read (the context).
        ("etter-kontekst", r"did not find expected alphabetic or numeric character"),
        ("etter-kontekst", r"expected alphabetic or numeric character, but found .*"),
        ("etter-kontekst", r"did not find expected comment or line break"),
        ("etter-kontekst", r"expected a comment or a line break, but found .*"),
        ("etter-kontekst", r"did not find expected whitespace or line break"),
        ("etter-kontekst", r"did not find expected '!'|expected '!', but found .*"),
        ("etter-kontekst", r"expected ' ', but found .*"),
        # The reader's texts: a file ikros has decoded never gives them.
        ("tegn", r"control characters are not allowed|special characters are not allowed"),
        ("tegn", r"invalid (?:leading|trailing) UTF-8 octet|incomplete UTF-8 octet sequence"),
        ("tegn", r"found an incorrect (?:leading|trailing) UTF-8 octet"),
        ("tegn", r"invalid length of a UTF-8 sequence|invalid Unicode character"),
        ("tegn", r"incomplete UTF-16 (?:character|surrogate pair)|unexpected low surrogate area"),
        ("tegn", r"input is too long|input error|unacceptable character .*"),
    )
)

# What was being read, for the texts above that depend on it.
_DIRECTIVE = re.compile(r"while (?:scanning|parsing) an? (?:%YAML |%TAG |tag )?directive")
_CONTEXT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("merkenavn", r"while scanning an? (?:anchor|alias)"),
        ("blokktekst", r"while scanning a block scalar"),
        ("typeangivelse", r"while (?:scanning|parsing) a tag"),
    )
)

_QUOTES = "\"'"
# A line that reads as a new key or a list item rather than more text.
_KEY_OR_ITEM = re.compile(r"(?:-(?: |$)|[^\s#\"'\[{][^:#]*:(?: |$))")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Explained:
    line: int  # 1-based
    column: int
    code: str
    message: str
    hint: str | None


def kind_of(problem: str | None, context: str | None) -> str | None:
    """The kind of mistake behind libyaml's or PyYAML's texts; None for a
    text this module does not know."""
    problem = (problem or "").strip()
    context = (context or "").strip()
    if _DIRECTIVE.fullmatch(context):
        return "innstilling"  # whatever is wrong on a `%` line, the line is the mistake
    kind = next((kind for kind, pattern in _PROBLEMS if pattern.fullmatch(problem)), None)
    if kind != "etter-kontekst":
        return kind
    return next((kind for kind, pattern in _CONTEXT_KINDS if pattern.fullmatch(context)), None)


def explain(exc: yaml.YAMLError, text: str) -> Explained:
    """Line, column, code, message and hint for a YAML error in `text`."""
    lines = _LINE_END.split(text)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return _reader(exc, text)
    problem = exc.problem_mark or exc.context_mark
    start = exc.context_mark
    at = (problem.line, problem.column) if problem else (0, 0)
    since = (start.line, start.column) if start else at
    kind = kind_of(exc.problem, exc.context)
    if kind == "tabulator" or _tab_indent(lines, at[0]) is not None or _char(lines, at) == "\t":
        return _tab(lines, at)
    if kind in ("slutt", "dokumentskille") and "quoted scalar" in (exc.context or ""):
        return _unclosed_quote(lines, since, None)
    runaway = _runaway_quote(text, lines, at)
    if runaway is not None:
        return runaway
    explain_kind = _KINDS.get(kind or "", _unknown)
    return explain_kind(lines, at, since, exc)


# --- one function per kind: (lines, problem (0-based), context, exc) -----------


def _say(pos: tuple[int, int], message: str, hint: str | None, code: str = "yaml-syntaks"):
    return Explained(pos[0] + 1, pos[1] + 1, code, message, hint)


def _char(lines: list[str], pos: tuple[int, int]) -> str:
    line = lines[pos[0]] if pos[0] < len(lines) else ""
    return line[pos[1]] if pos[1] < len(line) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _at_end(lines: list[str], pos: tuple[int, int]) -> bool:
    """Whether nothing but white space and comments follows `pos`."""
    rest = [lines[pos[0]][pos[1] :]] if pos[0] < len(lines) else []
    rest += lines[pos[0] + 1 :]
    return all(not part.strip() or part.lstrip().startswith("#") for part in rest)


def _tab_indent(lines: list[str], line: int) -> int | None:
    text = lines[line] if line < len(lines) else ""
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return indent.find("\t") if "\t" in indent else None


def _tab(lines: list[str], at: tuple[int, int]) -> Explained:
    """At the first tab of the indentation, or the tab libyaml stopped at."""
    column = _tab_indent(lines, at[0])
    if column is None:
        line = lines[at[0]] if at[0] < len(lines) else ""
        found = line.rfind("\t", 0, at[1] + 1)
        column = found if found >= 0 else at[1]
    return _say(
        (at[0], column),
        "Tabulator brukt til innrykk; YAML krever mellomrom.",
        "Erstatt tabulatorene med mellomrom (for eksempel to per nivå).",
        "tabulator",
    )


def _quote_hint(quote: str) -> str:
    if quote == "'":
        return (
            "Sett `'` der teksten slutter. En apostrof inne i teksten skrives `''` "
            "(`'Barnas ''uteområde'''`), eller sett hele teksten i doble anførselstegn."
        )
    return (
        'Sett `"` der teksten slutter. Skal teksten selv inneholde anførselstegn, sett den i '
        "enkle anførselstegn: `'Kurset \"Trygg barnehage\"'`."
    )


def _unclosed_quote(lines: list[str], opening: tuple[int, int], until: int | None) -> Explained:
    quote = _char(lines, opening) or '"'
    if until is None:
        message = (
            f"Teksten som starter med anførselstegnet (`{quote}`) her, blir aldri avsluttet; "
            "resten av filen blir lest som en del av teksten."
        )
    else:
        message = (
            f"Teksten som starter med anførselstegnet (`{quote}`) her, blir ikke avsluttet på "
            f"linjen, så også linje {until} blir lest som en del av teksten."
        )
    return _say(opening, message, _quote_hint(quote))


def _runaway_quote(text: str, lines: list[str], at: tuple[int, int]) -> Explained | None:
    """A quoted text that runs on over lines that look like keys or list
    items: the real mistake is its missing closing quote. Such lines are
    written no further in than the line the quote opens on; a quoted text
    that goes on over several lines on purpose is indented further."""
    loader = _scanner(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            start, end = token.start_mark, token.end_mark
            if (start.line, start.column) >= at:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and end.line > start.line
            ):
                opened = _indent(lines[start.line])
                for number in range(start.line + 1, end.line + 1):
                    line = lines[number][: end.column] if number == end.line else lines[number]
                    if _indent(line) <= opened and _KEY_OR_ITEM.match(line.lstrip(" ")):
                        return _unclosed_quote(lines, (start.line, start.column), number + 1)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


def _scanner(text: str):
    from ikros.load.yamlio import _Loader  # the same libyaml as the reader

    return _Loader(text)


def _colon(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Et kolon (`:`) står der det ikke kan stå.",
        'Hører kolonet til teksten, sett hele verdien i anførselstegn: `tittel: "Brann: '
        'kjøkkenet"`. Er det en ny nøkkel, skal den stå på en egen linje, rett under nøkkelen '
        "over.",
    )


def _dash(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Et listeelement (`- `) kan ikke begynne midt på en linje.",
        "Skriv hvert element på en egen linje under nøkkelen, rykket inn: `årsaker:` og på neste "
        "linje `  - Gammelt anlegg`. Hører `-` til teksten, sett verdien i anførselstegn.",
    )


def _question(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Et spørsmålstegn (`?`) fulgt av mellomrom kan ikke stå her.",
        "Starter teksten med `?`, sett den i anførselstegn.",
    )


def _missing_colon(lines, at, since, exc) -> Explained:
    return _say(
        since,
        "Linjen mangler et kolon (`:`) mellom nøkkel og verdi.",
        "Skriv `nøkkel: verdi`, med mellomrom etter kolonet. Fortsetter linjen teksten på "
        "linjen over, rykk den inn mer enn nøkkelen der, eller sett hele teksten i "
        "anførselstegn.",
    )


def _colon_in_brackets(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Et kolon (`:`) inne i `[ ]` eller `{ }` står der det ikke kan stå.",
        "Sett teksten med kolonet i anførselstegn.",
    )


def _bad_start(lines, at, since, exc) -> Explained:
    char = _char(lines, at)
    if char == "`":
        shown, example = "aksenttegnet `", ""
    elif char.isprintable() and char.strip():
        shown, example = f"tegnet `{char}`", f': `"{char}…"`'
    else:
        shown, example = "tegnet her", ""
    return _say(
        at,
        f"Verdien kan ikke starte med {shown}.",
        f"Sett verdien i anførselstegn{example}.",
    )


def _end(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Filen slutter midt i en verdi.",
        "Sjekk at alle anførselstegn er avsluttet, og at hver `[` og `{` er lukket.",
    )


def _escape(lines, at, since, exc) -> Explained:
    message = (
        "Tegnkoden etter `\\u` eller `\\U` finnes ikke."
        if "Unicode" in (exc.problem or "")
        else "En omvendt skråstrek (`\\`) i tekst i doble anførselstegn må følges av en kjent "
        "kode, som `\\n` for linjeskift."
    )
    return _say(
        at,
        message,
        "Sett teksten i enkle anførselstegn (`'C:\\Dokumenter'`), eller skriv `\\\\` for hver "
        "omvendt skråstrek.",
    )


def _after_quote(lines: list[str], at: tuple[int, int]) -> str | None:
    """The quote that ends a text before `at` on the same line, if the
    line goes on after it."""
    before = lines[at[0]][: at[1]].rstrip() if at[0] < len(lines) else ""
    if before and before[-1] in _QUOTES and at[1] > _indent(lines[at[0]]):
        return before[-1]
    return None


def _block(lines, at, since, exc) -> Explained:
    """The parser expected a new key (in a group of keys) or a new `- `
    (in a list), and found something else: a line indented wrongly, a list
    item among keys, more text after a closing quote."""
    in_list = "collection" in (exc.context or "") or "'-' indicator" in (exc.problem or "")
    quote = _after_quote(lines, at)
    if quote is not None:
        return _say(
            at,
            "Teksten i anførselstegn slutter før linjen gjør: etter det avsluttende "
            f"anførselstegnet (`{quote}`) står det mer.",
            "Skal teksten inneholde anførselstegn, sett hele verdien i den andre typen: "
            "`'Kurset \"Trygg barnehage\"'`. I enkle anførselstegn skrives `'` som `''`.",
        )
    line = lines[at[0]] if at[0] < len(lines) else ""
    if at[1] > _indent(line):
        return _say(
            at,
            "Her står det mer på linjen etter verdien.",
            "En linje har én nøkkel og én verdi: `nøkkel: verdi`. Er verdien en tekst, sett "
            "den i anførselstegn.",
        )
    column, start_line, start_column = at[1] + 1, since[0] + 1, since[1] + 1
    if not in_list and _char(lines, at) == "-":
        return _say(
            at,
            f"Et listeelement (`- `) står der ikros ventet en ny nøkkel i gruppen som starter på "
            f"linje {start_line}.",
            "Et listeelement hører til nøkkelen over seg (`hendelser:`) og rykkes inn under den. "
            "Sjekk innrykket på linjen.",
        )
    if in_list and column == start_column:
        return _say(
            at,
            f"Her ventet ikros et nytt listeelement (`- `) i listen som starter på linje "
            f"{start_line}, men fant noe annet i samme kolonne.",
            "En liste og nøkler kan ikke stå på samme nivå. Hører linjen til elementet over, "
            "rykk den inn under det; ellers gi listen en egen nøkkel.",
        )
    if in_list:
        return _say(
            at,
            f"Innrykket stemmer ikke: linjen starter i kolonne {column}, men elementene i listen "
            f"som starter på linje {start_line}, starter i kolonne {start_column}.",
            "Et nytt element starter med `- ` i samme kolonne som de andre; en nøkkel som hører "
            "til elementet over, står rett under den første nøkkelen i elementet.",
        )
    return _say(
        at,
        f"Innrykket stemmer ikke: linjen starter i kolonne {column}, men nøklene i gruppen som "
        f"starter på linje {start_line}, står i kolonne {start_column}.",
        "Nøkler som hører sammen, står rett under hverandre; det som hører til en nøkkel, "
        "rykkes inn under den med mellomrom (for eksempel to).",
    )


def _brackets(opening: str, closing: str, what: str):
    def explain_brackets(lines, at, since, exc) -> Explained:
        where = since if _at_end(lines, at) else at
        return _say(
            where,
            f"{what} i `{opening} {closing}` som starter på linje {since[0] + 1}, er ikke lukket "
            f"med `{closing}`, eller mangler et komma mellom to verdier.",
            f"Skriv `{opening}a, b{closing}` med komma mellom verdiene og `{closing}` til slutt. "
            "Inneholder en verdi komma eller kolon, sett den i anførselstegn.",
        )

    return explain_brackets


def _no_value(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Her mangler en verdi.",
        "Skriv en verdi, eller fjern tegnet som står her. Skal verdien starte med `[`, `]`, "
        "`{`, `}`, `,` eller `:`, sett den i anførselstegn.",
    )


def _name_at(lines: list[str], pos: tuple[int, int]) -> str:
    line = lines[pos[0]] if pos[0] < len(lines) else ""
    match = re.match(r"[&*]([^\s,\[\]{}]*)", line[pos[1] :])
    return match.group(1) if match else ""


def _undefined_reference(lines, at, since, exc) -> Explained:
    name = _name_at(lines, at)
    return _say(
        at,
        f"`*{name}` viser til en verdi merket `&{name}` tidligere i filen, men ingen verdi er "
        "merket slik.",
        "Skriv verdien ut i stedet. Starter teksten med `*`, sett den i anførselstegn.",
    )


def _mark_twice(lines, at, since, exc) -> Explained:
    name = _name_at(lines, at)
    return _say(
        at,
        f"Merket `&{name}` er brukt to ganger; første gang på linje {since[0] + 1}.",
        "Gi merkene ulike navn. Starter teksten med `&`, sett den i anførselstegn.",
    )


def _mark_name(lines, at, since, exc) -> Explained:
    return _say(
        since,
        "Etter `&` eller `*` først i en verdi må det stå et navn av bokstaver a–z og sifre.",
        "Starter teksten med `&` eller `*`, sett den i anførselstegn.",
    )


def _document(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Etter en linje med `...` eller `%` kan det bare komme et nytt dokument som starter "
        "med `---`.",
        "En ikros-fil er ett dokument: fjern linjene som starter med `---`, `...` eller `%`.",
    )


def _too_deep(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Filen har for mange nivåer inni hverandre (mer enn 1000).",
        "Sjekk innrykket, og at hver `[` og `{` er lukket.",
    )


def _block_text(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Etter `|` eller `>` kan det bare stå `-`, `+` eller et siffer fra 1 til 9 på samme "
        "linje; teksten begynner på linjen under.",
        "Flytt teksten til linjen under og rykk den inn. Starter teksten med `|` eller `>`, "
        "sett den i anførselstegn.",
    )


def _setting(lines, at, since, exc) -> Explained:
    return _say(
        since,
        "En linje som starter med `%`, er en innstilling for YAML-leseren, og denne er ugyldig.",
        "ikros-filer trenger ingen slike linjer: slett linjen. Skal en verdi starte med `%`, "
        "sett den i anførselstegn.",
    )


def _type_mark(lines, at, since, exc) -> Explained:
    return _say(
        since,
        "Et utropstegn (`!`) først i en verdi leses som en YAML-typeangivelse, og denne er "
        "ugyldig.",
        "ikros-filer bruker ikke typeangivelser: fjern `!…`. Starter teksten med `!`, sett den "
        "i anførselstegn.",
    )


def _characters(lines, at, since, exc) -> Explained:
    return _say(
        at,
        "Filen inneholder et tegn som YAML ikke kan lese.",
        "Lagre filen som UTF-8 tekst, og slett usynlige tegn limt inn fra andre programmer.",
    )


def _unknown(lines, at, since, exc) -> Explained:
    # A text this module does not know (a newer libyaml): still bokmål.
    return _say(
        at,
        "Her er filen ikke gyldig YAML.",
        "Sjekk innrykket, kolonene og anførselstegnene på denne linjen og linjen over.",
    )


def _reader(exc: yaml.YAMLError, text: str) -> Explained:
    """A reader error has an offset, not a mark (libyaml's in bytes of
    UTF-8, PyYAML's in characters)."""
    offset = getattr(exc, "position", 0) or 0
    if getattr(exc, "encoding", None) == "?":  # libyaml
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    lines = _LINE_END.split(text[:offset])
    return _characters(lines, (len(lines) - 1, len(lines[-1])), (0, 0), exc)


_KINDS = {
    "kolon": _colon,
    "strek": _dash,
    "spørsmålstegn": _question,
    "mangler-kolon": _missing_colon,
    "kolon-i-klammer": _colon_in_brackets,
    "starttegn": _bad_start,
    "slutt": _end,
    "dokumentskille": _document,
    "escape": _escape,
    "nøkkel-ventet": _block,
    "element-ventet": _block,
    "blokkslutt": _block,
    "liste-uavsluttet": _brackets("[", "]", "Listen"),
    "gruppe-uavsluttet": _brackets("{", "}", "Gruppen"),
    "verdi-mangler": _no_value,
    "ukjent-henvisning": _undefined_reference,
    "merke-to-ganger": _mark_twice,
    "dokumentstart": _document,
    "for-dypt": _too_deep,
    "blokktekst": _block_text,
    "innstilling": _setting,
    "typeangivelse": _type_mark,
    "merkenavn": _mark_name,
    "tegn": _characters,
}
