"""Every error text libyaml and PyYAML can give reaches the user in bokmål,
explained, at the place the mistake was made (`ikros.load.syntax`).

BROKEN feeds a broken file for each text libyaml (the C library ikros
reads with) gives for a file ikros has decoded, checks that libyaml really
gives that text, and fails on English in what the user reads. PyYAML's own
texts for the same files are explained too. Texts no decoded file can
reach (the reader's, the emitter's) are held to the catalogue by name.
"""

from __future__ import annotations

import re

import pytest
import yaml

from ikros.load import yamlio
from ikros.load.syntax import explain, kind_of
from ikros.load.yamlio import _Loader

# name → (broken YAML, libyaml's problem text, kind of mistake)
BROKEN: dict[str, tuple[str, str, str]] = {
    "list item after a key": (
        "a: - b\n",
        "block sequence entries are not allowed in this context",
        "strek",
    ),
    "colon in a value": (
        "tittel: Brann: kjøkken\n",
        "mapping values are not allowed in this context",
        "kolon",
    ),
    "question mark": ("a: ? b\n", "mapping keys are not allowed in this context", "spørsmålstegn"),
    "line without colon": ("a: 1\nb\nc: 2\n", "could not find expected ':'", "mangler-kolon"),
    "colon in brackets": ("a: [x:]\n", "found unexpected ':'", "kolon-i-klammer"),
    "tab in indentation": (
        "a:\n  b: 1\n\tc: 2\n",
        "found a tab character that violates indentation",
        "tabulator",
    ),
    "tab in block text": (
        "a: |\n\tx\n",
        "found a tab character where an indentation space is expected",
        "tabulator",
    ),
    "at sign": ("a: @b\n", "found character that cannot start any token", "starttegn"),
    "unclosed quote": ('a: "hei\nb: 2\n', "found unexpected end of stream", "slutt"),
    "quote over a document line": (
        'a: "x\n---\ny"\n',
        "found unexpected document indicator",
        "dokumentskille",
    ),
    "unknown escape": ('a: "C:\\q"\n', "found unknown escape character", "escape"),
    "bad hex escape": ('a: "\\xZZ"\n', "did not find expected hexdecimal number", "escape"),
    "bad unicode escape": (
        'a: "\\ud800"\n',
        "found invalid Unicode character escape code",
        "escape",
    ),
    "list item among keys": ("tittel: x\n- a\n", "did not find expected key", "nøkkel-ventet"),
    "key among list items": (
        "- a\nb: 1\n",
        "did not find expected '-' indicator",
        "element-ventet",
    ),
    "unclosed list": ("a: [1, 2\nb: 3\n", "did not find expected ',' or ']'", "liste-uavsluttet"),
    "unclosed group": ("a: {x: 1\nb: 3\n", "did not find expected ',' or '}'", "gruppe-uavsluttet"),
    "missing value": ("- - ]\n", "did not find expected node content", "verdi-mangler"),
    "undefined reference": ("a: *x\n", "found undefined alias", "ukjent-henvisning"),
    "mark used twice": ("a: &x 1\nb: &x 2\n", "second occurrence", "merke-to-ganger"),
    "second document": (
        "a: 1\n...\nb: 2\n",
        "did not find expected <document start>",
        "dokumentstart",
    ),
    "too deep": (
        "a: " + "[" * 1100 + "]" * 1100 + "\n",
        "exceeded maximum nesting depth",
        "for-dypt",
    ),
    "block text indicator 0": (
        "a: |0\n  x\n",
        "found an indentation indicator equal to 0",
        "blokktekst",
    ),
    "text after block indicator": (
        "a: |x\n  y\n",
        "did not find expected comment or line break",
        "blokktekst",
    ),
    "unknown directive": ("%FOO\n---\na: 1\n", "found unknown directive name", "innstilling"),
    "lone percent": ("%\n", "could not find expected directive name", "innstilling"),
    "odd directive name": (
        "%YA!ML 1.1\n---\na: 1\n",
        "found unexpected non-alphabetical character",
        "innstilling",
    ),
    "bad version": (
        "%YAML 1\n---\na: 1\n",
        "did not find expected digit or '.' character",
        "innstilling",
    ),
    "no version": ("%YAML x\n---\n", "did not find expected version number", "innstilling"),
    "long version": (
        "%YAML 1.12345678901\n---\na: 1\n",
        "found extremely long version number",
        "innstilling",
    ),
    "two version lines": (
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "found duplicate %YAML directive",
        "innstilling",
    ),
    "two tag lines": (
        "%TAG ! x\n%TAG ! y\n---\na: 1\n",
        "found duplicate %TAG directive",
        "innstilling",
    ),
    "YAML 2": ("%YAML 2.0\n---\na: 1\n", "found incompatible YAML document", "innstilling"),
    "tag line without handle": (
        "%TAG x y\n---\na: 1\n",
        "did not find expected '!'",
        "innstilling",
    ),
    "tag line without space": (
        "%TAG !a!x y\n---\na: 1\n",
        "did not find expected whitespace",
        "innstilling",
    ),
    "tag line without URI": (
        "%TAG !a! \n---\na: 1\n",
        "did not find expected tag URI",
        "innstilling",
    ),
    "version line with more": (
        "%YAML 1.1 x\n---\na: 1\n",
        "did not find expected comment or line break",
        "innstilling",
    ),
    "undefined type handle": ("a: !x!y 1\n", "found undefined tag handle", "typeangivelse"),
    "unclosed type": ("a: !<x 1\n", "did not find the expected '>'", "typeangivelse"),
    "empty type": ("a: !<> 1\n", "did not find expected tag URI", "typeangivelse"),
    "bad escape in type": ("a: !<%zz> 1\n", "did not find URI escaped octet", "typeangivelse"),
    "type glued to text": (
        "a: !foo,bar 1\n",
        "did not find expected whitespace or line break",
        "typeangivelse",
    ),
    "empty mark": (
        "a: & b\n",
        "did not find expected alphabetic or numeric character",
        "merkenavn",
    ),
    "empty reference": (
        "a: * b\n",
        "did not find expected alphabetic or numeric character",
        "merkenavn",
    ),
}

# Texts of libyaml that no file ikros has decoded to text can reach: the
# reader's (ikros refuses such bytes first, with their position), and the
# parser's about its own state. Known by name, so that none is English.
UNREACHABLE = [
    ("control characters are not allowed", None),
    ("invalid leading UTF-8 octet", None),
    ("invalid trailing UTF-8 octet", None),
    ("incomplete UTF-8 octet sequence", None),
    ("invalid length of a UTF-8 sequence", None),
    ("invalid Unicode character", None),
    ("found an incorrect leading UTF-8 octet", None),
    ("found an incorrect trailing UTF-8 octet", None),
    ("incomplete UTF-16 character", None),
    ("incomplete UTF-16 surrogate pair", None),
    ("unexpected low surrogate area", None),
    ("input is too long", None),
    ("input error", None),
    ("incompatible %YAML directive", None),
    ("expected a single document in the stream", None),
]

# PyYAML's texts (the pure-Python reader), with their variable parts.
PYYAML_ONLY = [
    ("expected <block end>, but found '<scalar>'", "while parsing a block mapping"),
    ("expected <block end>, but found '-'", "while parsing a block collection"),
    ("expected ',' or ']', but got '<stream end>'", "while parsing a flow sequence"),
    ("expected ',' or '}', but got ':'", "while parsing a flow mapping"),
    ("expected the node content, but found ']'", "while parsing a block node"),
    ("found character '@' that cannot start any token", "while scanning for the next token"),
    ("found unknown escape character 'q'", "while scanning a double-quoted scalar"),
    ("expected escape sequence of 2 hexadecimal numbers, but found 'Z'", None),
    ("found undefined alias 'x'", None),
    ("expected '<document start>', but found '<scalar>'", None),
    ("expected indentation indicator in the range 1-9, but found 0", None),
    ("expected chomping or indentation indicators, but found 'x'", None),
    ("expected a comment or a line break, but found 'x'", "while scanning a block scalar"),
    ("expected alphabetic or numeric character, but found ' '", "while scanning an anchor"),
    ("expected alphabetic or numeric character, but found '!'", "while scanning a directive"),
    ("expected a digit or '.', but found '\\n'", "while scanning a directive"),
    ("expected ' ', but found 'x'", "while scanning a tag"),
    ("expected '!', but found 'x'", "while scanning a directive"),
    ("found undefined tag handle '!x!'", "while parsing a node"),
    ("expected '>', but found ' '", "while parsing a tag"),
    ("expected URI, but found '>'", "while parsing a tag"),
    (
        "expected URI escape sequence of 2 hexadecimal numbers, but found 'z'",
        "while scanning a tag",
    ),
    ("found incompatible YAML document (version 1.* is required)", None),
    ("found duplicate YAML directive", None),
    ("duplicate tag handle '!'", None),
    ("found unexpected document separator", "while scanning a quoted scalar"),
    ("sequence entries are not allowed here", None),
    ("mapping values are not allowed here", None),
    ("mapping keys are not allowed here", None),
]

# Words of libyaml's English that must never reach the user.
ENGLISH = re.compile(
    r"\b(?:expected|found|while|allowed|mapping|sequence|scalar|token|stream|could|did|"
    r"not|the|character|indentation|directive|anchor|alias|block|flow|node|key|context|"
    r"parsing|scanning|tag|occurrence|document|indicator|escape|octet)\b",
    re.I,
)


def _no_english(text: str | None) -> None:
    assert text is None or not ENGLISH.search(text.replace("`", " ")), text


def _fail(text: str, loader) -> yaml.YAMLError:
    with pytest.raises(yaml.YAMLError) as caught:
        list(yaml.compose_all(text, Loader=loader))
    return caught.value


@pytest.mark.parametrize("name", list(BROKEN))
def test_libyaml_text_is_explained_in_bokmal(name: str) -> None:
    text, problem, kind = BROKEN[name]
    exc = _fail(text, _Loader)
    assert exc.problem == problem  # the file really gives libyaml's text
    assert kind_of(exc.problem, exc.context) == kind
    parsed = yamlio.read(text.encode(), "a.yaml", positions=True)
    (diagnostic,) = parsed.diagnostics
    assert diagnostic.code in ("yaml-syntaks", "tabulator")
    _no_english(diagnostic.message)
    _no_english(diagnostic.hint)
    assert diagnostic.message != "Her er filen ikke gyldig YAML."  # not the fallback


@pytest.mark.parametrize("name", list(BROKEN))
def test_pyyaml_text_for_the_same_file_is_explained(name: str) -> None:
    text = BROKEN[name][0]
    try:
        list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        if exc.problem is not None:
            assert kind_of(exc.problem, exc.context) is not None, exc.problem
        found = explain(exc, text)
        _no_english(found.message)
        _no_english(found.hint)
    except (yaml.YAMLError, RecursionError, ValueError):
        pass  # PyYAML fails otherwise (or not at all) where libyaml refuses


@pytest.mark.parametrize(("problem", "context"), UNREACHABLE + PYYAML_ONLY)
def test_every_other_text_is_known(problem: str, context: str | None) -> None:
    assert kind_of(problem, context) is not None


def test_a_text_nobody_knows_still_reads_in_bokmal() -> None:
    exc = yaml.MarkedYAMLError(problem="some future libyaml text", problem_mark=None)
    found = explain(exc, "a: 1\n")
    assert (found.line, found.column, found.message) == (1, 1, "Her er filen ikke gyldig YAML.")
    _no_english(found.hint)


def test_a_reader_error_has_a_position_and_bokmal() -> None:
    exc = yaml.reader.ReaderError("a.yaml", 7, 0x1B, "?", "control characters are not allowed")
    found = explain(exc, "a: 1\nb: \x1b\n")
    assert (found.line, found.column) == (2, 3)
    _no_english(found.message)


def _one(text: str) -> tuple[int, int, str, str | None]:
    (d,) = yamlio.read(text.encode(), "a.yaml", positions=True).diagnostics
    return d.line, d.column, d.message, d.hint


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    assert _one('ikros: ros/1\ntittel: "Brann i barnehagen\ntype: generell\n') == (
        2,
        9,
        'Teksten som starter med anførselstegnet (`"`) her, blir aldri avsluttet; resten av '
        "filen blir lest som en del av teksten.",
        'Sett `"` der teksten slutter. Skal teksten selv inneholde anførselstegn, sett den i '
        "enkle anførselstegn: `'Kurset \"Trygg barnehage\"'`.",
    )


def test_a_runaway_quote_is_reported_where_it_opens() -> None:
    """libyaml finds the text closed by the next quote in the file and
    stumbles on line 3; the mistake is on line 2."""
    text = 'ikros: ros/1\ntittel: "Brann i barnehagen\ntype: generell\neier: {navn: "Ola"}\n'
    assert _fail(text, _Loader).problem_mark.line + 1 == 4
    assert _one(text)[:3] == (
        2,
        9,
        'Teksten som starter med anførselstegnet (`"`) her, blir ikke avsluttet på linjen, så '
        "også linje 3 blir lest som en del av teksten.",
    )


def test_a_quote_that_runs_over_lines_on_purpose_is_not_blamed() -> None:
    """A long quoted text indented under its key goes on over lines; an
    error further down is not the quote's."""
    text = 'beskrivelse: "Lang tekst\n  som fortsetter: her"\ntittel: x\n- a\n'
    line, column, message, _ = _one(text)
    assert (line, column) == (4, 1)
    assert message.startswith("Et listeelement (`- `) står der ikros ventet en ny nøkkel")


def test_an_apostrophe_in_single_quotes() -> None:
    assert _one("tittel: 'Barnas mat'pakke'\n") == (
        1,
        21,
        "Teksten i anførselstegn slutter før linjen gjør: etter det avsluttende "
        "anførselstegnet (`'`) står det mer.",
        "Skal teksten inneholde anførselstegn, sett hele verdien i den andre typen: "
        "`'Kurset \"Trygg barnehage\"'`. I enkle anførselstegn skrives `'` som `''`.",
    )


def test_a_line_without_colon_is_reported_where_it_starts() -> None:
    assert _one("tittel: x\nbeskrivelse\ndato: 2026-01-01\n")[:3] == (
        2,
        1,
        "Linjen mangler et kolon (`:`) mellom nøkkel og verdi.",
    )


def test_a_wrong_indentation_names_the_columns() -> None:
    text = "hendelser:\n  - id: H1\n    tittel: x\n   sannsynlighet: 3\n"
    assert _one(text)[:3] == (
        4,
        4,
        "Innrykket stemmer ikke: linjen starter i kolonne 4, men elementene i listen som "
        "starter på linje 2, starter i kolonne 3.",
    )
    assert _one("a:\n  b: 1\n c: 2\n")[:3] == (
        3,
        2,
        "Innrykket stemmer ikke: linjen starter i kolonne 2, men nøklene i gruppen som starter "
        "på linje 1, står i kolonne 1.",
    )


def test_a_colon_in_a_value() -> None:
    assert _one("tittel: Brann: kjøkken\n") == (
        1,
        14,
        "Et kolon (`:`) står der det ikke kan stå.",
        'Hører kolonet til teksten, sett hele verdien i anførselstegn: `tittel: "Brann: '
        'kjøkkenet"`. Er det en ny nøkkel, skal den stå på en egen linje, rett under nøkkelen '
        "over.",
    )
