"""Every word ikros prints is bokmål, Click's and Typer's included."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from ikros.cli import app, norsk

BASE = Path(__file__).parent / "cases" / "_base"
COMMANDS = ("validate", "schema", "accept", "show", "due", "methods")

# Common English words, and the words of Click's and Typer's own texts.
ENGLISH = (
    "the", "is", "not", "a", "an", "and", "of", "you", "this", "that", "with", "does",
    "usage", "options", "option", "arguments", "argument", "commands", "command", "args",
    "show", "message", "exit", "missing", "invalid", "value", "values", "such", "try",
    "help", "error", "one of", "format", "formats", "match", "required", "default",
    "did you mean", "got", "unexpected", "aborted", "path", "paths", "file",
    "integer", "boolean", "directory", "version", "choose", "from", "repo",
)  # fmt: skip
# What may stand in the output as it is: option and command names.
ALLOWED = re.compile(r"(?<![\w-])--?[\w-]+|\b(?:validate|schema|accept|show|due|methods)\b")


def english(output: str) -> list[str]:
    """The English words in `output` (whole words, any case)."""
    text = ALLOWED.sub(" ", output)
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){w}(?![\w-])", text, re.IGNORECASE)]


def test_the_check_finds_english() -> None:
    """Click's own English fails the check, so the check can fail."""
    assert english("Usage: ikros show [OPTIONS] FILE\nTry 'ikros show -h' for help.") == [
        "usage",
        "options",
        "try",
        "help",
        "file",
    ]
    assert english("Error: 'x' is not one of 'text', 'json'.") == [
        "is",
        "not",
        "of",
        "error",
        "one of",
    ]
    assert english("Bruk: ikros show [VALG] FIL --format text --help") == []


def _msgids(module_file: Path) -> set:
    """The literal msgids passed to `_`, `gettext` and `ngettext` in a file."""
    found: set = set()
    for node in ast.walk(ast.parse(module_file.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id in ("_", "gettext") and len(literals) == 1:
            found.add(literals[0])
        elif node.func.id == "ngettext" and len(literals) >= 2:
            found.add((literals[0], literals[1]))
    return found


@pytest.mark.parametrize("package", [click, typer], ids=["click", "typer"])
def test_every_msgid_of_click_and_typer_has_a_bokmaal_text(package) -> None:
    folder = Path(package.__file__).parent
    wanted = set().union(*(_msgids(f) for f in folder.glob("*.py")))
    assert wanted, "no msgids found: has the library stopped using gettext?"
    missing = sorted(str(m) for m in wanted if m not in norsk.MESSAGES and m not in norsk.PLURALS)
    assert missing == []


def test_the_catalog_keeps_clicks_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{[^}]*\}|%\(\w+\)s", text))

    for msgid, text in norsk.MESSAGES.items():
        if "{" in msgid or "%(" in msgid:
            assert fields(text) <= fields(msgid), msgid
    for (one, many), (one_nb, many_nb) in norsk.PLURALS.items():
        assert fields(one_nb) <= fields(one) | fields(many), one
        assert fields(many_nb) <= fields(one) | fields(many), many


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(BASE / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, columns: int = 80):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"]] + [[c, "--help"] for c in COMMANDS])
def test_help_is_bokmaal(repo: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == (2 if args == [] else 0)
    assert "Bruk: ikros" in result.output
    assert english(result.output) == [], result.output


WRONG = {
    "missing argument": ["accept"],
    "unknown option": ["validate", "--strictt"],
    "unknown command": ["valider"],
    "bad choice": ["show", "x.yaml", "--format", "xml"],
    "bad date": ["accept", "a.yaml", "H1", "--av", "Kari", "--rolle", "x", "--til", "30.06.2027"],
    "extra argument": ["show", "a.yaml", "b.yaml"],
    "bad period": ["due", "--innen", "ett år"],
    "option without its value": ["due", "--innen"],
    "flag with a value": ["validate", "--strict=ja"],
    "missing command": ["--"],
    "top-level flag with a value": ["--version=x"],
    "missing option": ["accept", "a.yaml", "H1", "--rolle", "enhetsleder"],
}


@pytest.mark.parametrize("args", WRONG.values(), ids=WRONG.keys())
def test_wrong_invocations_are_told_in_bokmaal(repo: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Feil" in result.output and "for å få hjelp" in result.output
    assert english(result.output) == [], result.output


def test_an_unknown_command(repo: Path) -> None:
    assert invoke("valider").output == (
        "Bruk: ikros [VALG] KOMMANDO [ARGUMENTER]...\n"
        "Skriv 'ikros -h' for å få hjelp.\n"
        "╭─ Feil ───────────────────────────────────────────────────────────────────────╮\n"
        "│ Ukjent kommando 'valider'. Mente du 'validate'?                              │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_a_missing_argument(repo: Path) -> None:
    result = invoke("show")
    assert result.exit_code == 2
    assert result.output == (
        "Bruk: ikros show [VALG] FIL\n"
        "Skriv 'ikros show -h' for å få hjelp.\n"
        "╭─ Feil ───────────────────────────────────────────────────────────────────────╮\n"
        "│ Du må oppgi 'FIL'.                                                           │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_an_unknown_option_suggests_the_nearest(repo: Path) -> None:
    assert invoke("validate", "--strictt").output == (
        "Bruk: ikros validate [VALG] [STIER]...\n"
        "Skriv 'ikros validate -h' for å få hjelp.\n"
        "╭─ Feil ───────────────────────────────────────────────────────────────────────╮\n"
        "│ Ukjent valg '--strictt'. Mente du '--strict'?                                │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_an_option_without_its_value_shows_the_usage_too(repo: Path) -> None:
    assert invoke("due", "--innen").output == (
        "Bruk: ikros due [VALG] [STIER]...\n"
        "Skriv 'ikros due -h' for å få hjelp.\n"
        "╭─ Feil ───────────────────────────────────────────────────────────────────────╮\n"
        "│ Valget '--innen' trenger en verdi.                                           │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_a_bad_choice_and_an_extra_argument(repo: Path) -> None:
    assert invoke("show", "a.yaml", "--format", "xml").output.splitlines()[3:5] == [
        "│ Ugyldig verdi for '--format' / '-f': 'xml' er ikke et gyldig valg; velg      │",
        "│ blant 'text', 'json'.                                                        │",
    ]
    assert invoke("show", "a.yaml", "b.yaml").output.splitlines()[3] == (
        "│ Uventet ekstra verdi: b.yaml.                                                │"
    )


def test_positional_arguments_show_their_help(repo: Path) -> None:
    output = invoke("accept", "--help").output
    assert "│ *    fil           STI    ROS-analysen (YAML-filen). [påkrevd]" in output
    assert "│ *    hendelse      TEKST  Id-en til hendelsen, for eksempel H3. [påkrevd]" in output
    assert "Vis denne metoden som matrise." in invoke("methods", "--help").output


def test_an_abort_is_told_in_bokmaal(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ikros.cli.validate

    def abort(settings):
        raise click.exceptions.Abort()

    monkeypatch.setattr(ikros.cli.validate, "run", abort)
    result = invoke("validate")
    assert (result.exit_code, result.output) == (1, "Avbrutt.\n")
