"""The two YAML readers give the same data for what users really paste:
line separators from Word, control characters, files without a final
line break. A disagreement once made `validate` clean, `accept` write a
fingerprint, and the next `validate` call the acceptance stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app
from ikros.engine.repository import Settings, run
from ikros.load import yamlio

BASE = Path(__file__).parent / "cases" / "_base"

ROS = """\
ikros: ros/1
id: ROS-LS
tittel: Innlimt tekst
type: generell
omfang_type: tjenestespesifikk
enhet: lia-barnehage
status: utkast
klassifisering: intern
eier: {{rolle: enhetsleder}}
dato: 2026-03-01
formål: Test.
omfang: Test.
hendelser:
  - id: H1
    tittel: Brann
    beskrivelse: Limt inn fra Word:{sep}andre linje
    sannsynlighet: 5
    konsekvens: {{liv_og_helse: 5}}
    begrunnelse: |
      Første avsnitt.{sep}Andre avsnitt."""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(BASE / name, tmp_path / name)
    (tmp_path / "ros").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _verdict(repo: Path) -> list[tuple[int, int, str, str]]:
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    return [(d.line, d.column, d.code, d.severity.value) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("sep", "name"),
    [
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\x85", "U+0085 NEXT LINE (NEL)"),
    ],
)
def test_pasted_line_separator_does_not_make_an_acceptance_stale(
    repo: Path, sep: str, name: str
) -> None:
    """No final line break either: the last block scalar ends the file."""
    (repo / "ros" / "a.yaml").write_text(ROS.format(sep=sep), encoding="utf-8")
    separators = [(16, 36, "usynlig-tegn", "advarsel"), (20, 22, "usynlig-tegn", "advarsel")]
    assert _verdict(repo) == [
        (14, 5, "mangler-aksept", "advarsel"),
        (14, 5, "mangler-usikkerhet", "advarsel"),
        *separators,
    ]
    result = CliRunner().invoke(
        app,
        [
            "accept",
            "ros/a.yaml",
            "H1",
            "--av",
            "Kari",
            "--rolle",
            "kommunedirektør",
            "--begrunnelse",
            "Lav.",
        ],
    )
    assert result.exit_code == 0, result.output
    assert _verdict(repo) == [(14, 5, "mangler-usikkerhet", "advarsel"), *separators]
    message = run(Settings(paths=(), cwd=repo, use_cache=False)).diagnostics[1].message
    assert message == (
        f"Teksten inneholder det usynlige tegnet {name}, ofte limt inn fra Word eller e-post."
    )


def test_readers_agree_on_the_pasted_text() -> None:
    raw = ROS.format(sep="\u2028").encode()
    fast = yamlio.read(raw, "a.yaml")
    slow = yamlio.read(raw, "a.yaml", positions=True)
    assert fast.data == slow.data
    h1 = slow.data["hendelser"][0]
    assert h1["beskrivelse"] == "Limt inn fra Word:\u2028andre linje"
    assert h1["begrunnelse"] == "Første avsnitt.\u2028Andre avsnitt.\n"


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x07", "U+0007"),
        ("\x1b", "U+001B ESC"),
        ("\x7f", "U+007F DEL"),
        ("\x9b", "U+009B"),
        ("\ufffe", "U+FFFE"),
    ],
)
def test_control_character_is_an_error_at_its_position(char: str, shown: str) -> None:
    raw = f"ikros: ros/1\ntittel: Brann{char}alarm\n".encode()
    for positions in (False, True):
        parsed = yamlio.read(raw, "a.yaml", positions=positions)
        assert parsed.data is None
        assert [(d.line, d.column, d.code, d.severity.value) for d in parsed.diagnostics] == [
            (2, 14, "ugyldig-tegn", "feil")
        ]
        assert parsed.diagnostics[0].message == (
            f"Filen inneholder kontrolltegnet {shown}, som YAML ikke tillater."
        )


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n",  # an empty block scalar at the end
        "a: |2-",
        "a: |\n  tekst",  # no final line break
        "a: {: x}\n",  # an empty key in a flow mapping
        "a:\n  - : x\n",
        "a: [>]\n",
        "{a: 1} : b\n",
        "a: !\n  1\n",
        ": x\n",
        "a: x\rb: y\r",  # classic Mac line ends
    ],
)
def test_readers_agree_on_corners_found_by_fuzzing(text: str) -> None:
    raw = text.encode()
    fast = yamlio.read(raw, "a.yaml")
    slow = yamlio.read(raw, "a.yaml", positions=True)
    assert (fast.ok, fast.data) == (slow.ok, slow.data)


def test_positions_count_bare_cr_and_crlf_as_line_ends() -> None:
    """As libyaml does, so that a finding from the text scan (personal data,
    control characters) and one from the parser point at the same line."""
    text = "a: 1\rb: 2\r\nc: \x07\nd: 4"
    assert yamlio.line_column(text, text.index("\x07")) == (3, 4)
    assert yamlio.line_column(text, text.index("d")) == (4, 1)
    assert yamlio.line_column(text, text.index("b")) == (2, 1)
    parsed = yamlio.read(text.encode(), "a.yaml")
    assert [(d.line, d.column, d.code) for d in parsed.diagnostics] == [(3, 4, "ugyldig-tegn")]
