"""The documentation is tested like code: every command shown in the README
and the user guide runs against the example kommune with the exit code and
the output shown, the format reference's tables are the models', and no
link leads out of the repository.

How a document is run, top to bottom, in a copy of examples/eksempel-kommune:

- a ```console block holds commands (`$ ikros …`, continued with `\\`) and,
  below each, lines of its output; each shown line must be a line of what
  the command prints (standard output and standard error), in order. A
  trailing `# avslutningskode N` says the command exits with N (default 0). Every
  command in a console block must be an `ikros` command: what cannot be
  run here (installing, `cd`) goes in a ```sh block.
- `<!-- fil: PATH -->` before a ```yaml block writes the block to PATH.
- `<!-- bytt: PATH -->` before a ```diff block applies it: the lines
  starting with `-` or a space (once, in this order) become the lines
  starting with `+` or a space.
- `<!-- inneholder: PATH -->` before a ```yaml block: the file holds it
  (what a command wrote, shown to the reader).
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app
from ikros.model import reference
from tests.conftest import EXAMPLES, REPO

TODAY = "2026-12-01"  # the day the outputs in the docs were taken
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "IKROS_TODAY": TODAY}
RUN_DOCS = ["README.md", "docs/brukerveiledning.md"]


@dataclass
class Step:
    line: int  # in the document, for messages
    kind: str  # "run", "file", "patch", "holds"
    path: str = ""
    text: str = ""
    args: list[str] = field(default_factory=list)
    exit_code: int = 0
    expected: list[str] = field(default_factory=list)
    out: str | None = None  # `> FILE`


_FENCE = re.compile(r"^(\s*)```(\w*)\s*$")  # also indented, in a list
_DIRECTIVE = re.compile(r"^<!-- (fil|bytt|inneholder): (\S+) -->$")


def steps(path: Path) -> list[Step]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[Step] = []
    directive: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        if m := _DIRECTIVE.match(lines[i]):
            directive = (m[1], m[2])
            i += 1
            continue
        fence = _FENCE.match(lines[i])
        if not fence or not fence[2]:
            i += 1
            continue
        start = i + 1
        indent, language = fence[1], fence[2]
        end = next(j for j in range(start, len(lines)) if lines[j].strip() == "```")
        body = [line.removeprefix(indent) for line in lines[start:end]]
        if directive and directive[0] in ("fil", "inneholder"):
            assert language == "yaml", f"{path}:{i + 1}: `{directive[0]}:` goes before a yaml block"
            kind = "file" if directive[0] == "fil" else "holds"
            out.append(Step(start, kind, directive[1], "\n".join(body) + "\n"))
        elif directive and directive[0] == "bytt":
            assert language == "diff", f"{path}:{i + 1}: `bytt:` goes before a diff block"
            out.append(Step(start, "patch", directive[1], "\n".join(body)))
        elif language == "console":
            out += _commands(path, start, body)
        directive = None
        i = end + 1
    return out


def _commands(path: Path, start: int, body: list[str]) -> list[Step]:
    out: list[Step] = []
    j = 0
    while j < len(body):
        line = body[j]
        if not line.startswith("$ "):
            assert out, f"{path}:{start + j + 1}: output before any command"
            out[-1].expected.append(line.rstrip())
            j += 1
            continue
        command = line[2:]
        first = start + j + 1
        while command.rstrip().endswith("\\"):
            j += 1
            command = command.rstrip()[:-1] + " " + body[j].strip()
        code = re.search(r"#\s*avslutningskode (\d)", command)
        args = shlex.split(command, comments=True)
        assert args[0] == "ikros", f"{path}:{first}: only ikros commands run in a console block"
        redirect = None
        if ">" in args:
            at = args.index(">")
            redirect, args = args[at + 1], args[:at]
        out.append(
            Step(first, "run", args=args[1:], exit_code=int(code[1]) if code else 0, out=redirect)
        )
        j += 1
    return out


def _patch(file: Path, diff: str, where: str) -> None:
    text = file.read_text(encoding="utf-8")
    old = "\n".join(line[1:] for line in diff.splitlines() if line.startswith(("-", " ")))
    new = "\n".join(line[1:] for line in diff.splitlines() if line.startswith(("+", " ")))
    assert text.count(old) == 1, f"{where}: the lines to replace are not in {file.name} once"
    file.write_text(text.replace(old, new), encoding="utf-8")


def _contains_in_order(got: list[str], wanted: list[str]) -> bool:
    position = 0
    for line in wanted:
        try:
            position = got.index(line, position) + 1
        except ValueError:
            return False
    return True


@pytest.mark.parametrize("doc", RUN_DOCS)
def test_every_command_in_the_docs_runs_as_shown(
    doc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "eksempel-kommune"
    shutil.copytree(EXAMPLES, work)
    monkeypatch.chdir(work)
    found = steps(REPO / doc)
    assert any(s.kind == "run" for s in found), f"{doc} shows no command"
    for step in found:
        where = f"{doc}:{step.line}"
        if step.kind == "file":
            (work / step.path).parent.mkdir(parents=True, exist_ok=True)
            (work / step.path).write_text(step.text, encoding="utf-8")
            continue
        if step.kind == "patch":
            _patch(work / step.path, step.text, where)
            continue
        if step.kind == "holds":
            assert step.text in (work / step.path).read_text(encoding="utf-8"), where
            continue
        result = CliRunner().invoke(app, step.args, env=ENV)
        said = result.stdout + result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{where}: ikros {' '.join(step.args)} raised {result.exception!r}"
        )
        assert "Traceback" not in said and "intern feil" not in said, where
        assert result.exit_code == step.exit_code, (
            f"{where}: ikros {' '.join(step.args)} exited {result.exit_code}, "
            f"not {step.exit_code}:\n{said}"
        )
        if step.out:
            (work / step.out).write_text(result.stdout, encoding="utf-8")
        got = [line.rstrip() for line in said.splitlines()]
        assert _contains_in_order(got, step.expected), (
            f"{where}: ikros {' '.join(step.args)} printed\n{said}\nnot the lines shown:\n"
            + "\n".join(step.expected)
        )


def test_the_tour_runs_show_due_and_accept() -> None:
    """The runner above is only as good as what the README gives it."""
    commands = [s.args[0] for s in steps(REPO / "README.md") if s.kind == "run"]
    for command in ("validate", "methods", "show", "accept", "due"):
        assert command in commands, command


def test_a_wrong_line_in_the_docs_is_caught(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "```console\n$ ikros methods\nMetoder\n$ ikros show finnes-ikke.yaml  # avslutningskode 2\n"
        "feil: Kan ikke lese finnes-ikke.yaml: filen finnes ikke.\n```\n",
        encoding="utf-8",
    )
    (first, second) = steps(doc)
    assert (first.args, first.exit_code, first.expected) == (["methods"], 0, ["Metoder"])
    assert (second.args, second.exit_code) == (["show", "finnes-ikke.yaml"], 2)
    assert not _contains_in_order(["Metoder", "x"], ["x", "Metoder"])
    indented = tmp_path / "indented.md"
    indented.write_text("- Lag mappen:\n\n  ```console\n  $ ikros schema\n  Skrev\n  ```\n")
    (step,) = steps(indented)
    assert (step.args, step.expected) == (["schema"], ["Skrev"])
    bad = tmp_path / "bad.md"
    bad.write_text("```console\n$ cd examples\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="only ikros commands"):
        steps(bad)


# --- the format reference -------------------------------------------------------

REFERENCE = REPO / "docs" / "formatreferanse.md"


def test_the_format_reference_tables_are_the_models() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    assert reference.missing(text) == []
    assert reference.render(text) == text, (
        "docs/formatreferanse.md has drifted from the models; run "
        "`python -m ikros.model.reference` (or `make docs`)"
    )


def test_the_reference_check_fails_on_drift(tmp_path: Path) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    stale = tmp_path / "ref.md"
    stale.write_text(text.replace("| `årsaker` | nei |", "| `årsaker` | ja |"), encoding="utf-8")
    assert stale.read_text(encoding="utf-8") != text
    assert reference.main(["--check", str(stale)]) == 1
    assert reference.main([str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == text
    gap = tmp_path / "gap.md"
    gap.write_text(text.replace("<!-- felter: Funn -->", "<!-- felt: Funn -->"), encoding="utf-8")
    assert reference.missing(gap.read_text(encoding="utf-8")) == ["Funn"]
    assert reference.main(["--check", str(gap)]) == 1


def test_a_reference_row_says_type_required_and_values() -> None:
    rows = reference.table("Tiltak").splitlines()
    assert (
        "| `status` | ja | én av `planlagt`, `pågår`, `gjennomført` eller `forkastet` | "
        "**Status.** planlagt, pågår, gjennomført eller forkastet. |"
    ) in rows
    assert (
        "| `virkning` | nei (standard `begge`) | én av `sannsynlighet`, `konsekvens` eller "
        "`begge` | **Virkning.** Hva tiltaket reduserer: sannsynlighet, konsekvens eller begge. |"
    ) in rows
    assert "| `frist` | nei | dato (ÅÅÅÅ-MM-DD) |" in "\n".join(rows)
    assert "| `ansvarlig` | nei | [Person](#felter-person) |" in "\n".join(rows)
    with pytest.raises(reference.UnknownSection):
        reference.table("Finnes")


# --- links ------------------------------------------------------------------------

_LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")


@pytest.mark.parametrize(
    "doc", ["README.md", *sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("docs/*.md"))]
)
def test_no_link_leads_out_of_the_repository(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    assert "shared/spec" not in text
    for target, _ in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        resolved = ((REPO / doc).parent / target).resolve()
        assert resolved.is_relative_to(REPO), f"{doc}: {target} is outside the repository"
        assert resolved.exists(), f"{doc}: {target} does not exist"


def test_the_readme_links_the_guide_first() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    links = [target for target, _ in _LINK.findall(text)]
    assert links[0] == "docs/brukerveiledning.md"
    assert "docs/formatreferanse.md" in links
