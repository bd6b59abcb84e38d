"""`ikros validate` in-process, with the exact output of every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app

CASES = Path(__file__).parent / "cases"
HINT = (
    "Tillatte nøkler her: id, tittel, beskrivelse, gruppe, årsaker, eksisterende_tiltak, sannsynlighet, "
    "konsekvens, begrunnelse, usikkerhet, varighet, følgehendelser, tidligere_hendelser, tiltak, "
    "restrisiko, aksept."
)
MESSAGE = "Ukjent nøkkel `arsaker` i hendelse H1. Mente du `årsaker`?"
SUMMARY = "Sjekket 3 filer (1 ROS-analyse, 1 organisasjon, 1 konfigurasjon): 1 feil.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CASES / "unknown-key" / "ros", tmp_path / "ros")
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(CASES / "_base" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["validate", *args], env=env)


def test_text(repo: Path) -> None:
    result = invoke()
    assert result.exit_code == 1
    assert result.stdout == f"ros/a.yaml:16:5: feil [ukjent-nøkkel] {MESSAGE}\n  → {HINT}\n"
    assert result.stderr == SUMMARY


def test_text_is_plain_with_no_color_even_when_forced_terminal(repo: Path) -> None:
    result = invoke(env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout
    assert result.stdout.startswith("ros/a.yaml:16:5: feil")


def test_text_has_colour_on_a_terminal(repo: Path) -> None:
    result = invoke(env={"FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout


def test_json(repo: Path) -> None:
    result = invoke("--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "diagnostics": [
            {
                "path": "ros/a.yaml",
                "line": 16,
                "column": 5,
                "severity": "feil",
                "code": "ukjent-nøkkel",
                "message": MESSAGE,
                "hint": HINT,
            }
        ],
        "summary": {
            "files": 3,
            "documents": {"konfig": 1, "organisasjon": 1, "ros": 1},
            "errors": 1,
            "warnings": 0,
        },
    }


def test_github(repo: Path) -> None:
    result = invoke("--format", "github")
    assert result.stdout == (
        f"::error file=ros/a.yaml,line=16,col=5,title=ikros ukjent-nøkkel::{MESSAGE} {HINT}\n"
    )


def test_github_is_chosen_inside_github_actions(repo: Path) -> None:
    result = invoke(env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=ros/a.yaml,line=16,col=5,")


def test_gitlab(repo: Path) -> None:
    result = invoke("--format", "gitlab")
    issues = json.loads(result.stdout)
    assert len(issues) == 1
    issue = issues[0]
    assert len(issue.pop("fingerprint")) == 32
    assert issue == {
        "description": f"{MESSAGE} {HINT}",
        "check_name": "ukjent-nøkkel",
        "severity": "major",
        "location": {"path": "ros/a.yaml", "positions": {"begin": {"line": 16, "column": 5}}},
    }


def test_clean_repository_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CASES / "ok-minimal", tmp_path, dirs_exist_ok=True)
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(CASES / "_base" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert (result.exit_code, result.stdout) == (0, "")
    assert (
        result.stderr
        == "Sjekket 3 filer (1 ROS-analyse, 1 organisasjon, 1 konfigurasjon): ingen funn.\n"
    )


def test_warnings_fail_only_under_strict(repo: Path) -> None:
    ros = repo / "ros" / "a.yaml"
    ros.write_text(
        ros.read_text(encoding="utf-8")
        .replace("    arsaker: [Komfyr]\n", "")
        .replace("    usikkerhet: lav\n", ""),
        encoding="utf-8",
    )
    assert invoke().exit_code == 0
    strict = invoke("--strict")
    assert strict.exit_code == 1
    assert strict.stdout.startswith("ros/a.yaml:14:5: advarsel [mangler-usikkerhet]")


def test_path_limits_the_report_but_not_the_cross_checks(repo: Path) -> None:
    # 0.yaml, outside the path, uses the same id: a.yaml (later in path order) is
    # told so, which needs every document, not only the one asked about.
    text = (repo / "ros" / "a.yaml").read_text(encoding="utf-8")
    (repo / "ros" / "0.yaml").write_text(text.replace("arsaker", "årsaker"), encoding="utf-8")
    (repo / "ros" / "b.yaml").write_text("ikros: ros/1\n", encoding="utf-8")
    result = invoke("ros/a.yaml")
    assert [
        line.split(" [")[1].split("]")[0] for line in result.stdout.splitlines() if " [" in line
    ] == [
        "duplikat-id",
        "ukjent-nøkkel",
    ]
    assert "er også brukt i ros/0.yaml:2:5." in result.stdout
    assert "ros/b.yaml" not in result.stdout and "ros/0.yaml:" not in result.stdout.split(" ")[0]
    assert result.stderr == "Sjekket 1 fil (1 ROS-analyse): 2 feil.\n"


def test_no_repository_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("feil: Fant ingen ikros.yaml i ")


def test_missing_path_is_exit_2(repo: Path) -> None:
    result = invoke("finnes-ikke.yaml")
    assert (result.exit_code, result.stderr) == (2, "feil: Finner ikke finnes-ikke.yaml.\n")


def test_broken_konfig_is_exit_2(repo: Path) -> None:
    (repo / "ikros.yaml").write_text(
        "ikros: konfig/1\nkommune: Testvik\nstandardmetode: enhet-9x9\n", encoding="utf-8"
    )
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout.startswith(
        "ikros.yaml:3:17: feil [ukjent-metode] Standardmetoden `enhet-9x9` finnes ikke. Mente du `enhet-5x5`?"
    )


def test_bad_format_is_exit_2(repo: Path) -> None:
    assert invoke("--format", "xml").exit_code == 2


def test_help_is_norwegian() -> None:
    result = CliRunner().invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "Avslutningskoder: 0 ingen feil" in result.stdout
    assert "--strict" in result.stdout


def test_from_a_subfolder_the_whole_repository_is_checked(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "organisasjon.yaml").write_text(
        (repo / "organisasjon.yaml").read_text(encoding="utf-8") + "ukjent: 1\n", encoding="utf-8"
    )
    monkeypatch.chdir(repo / "ros")
    result = invoke()
    paths = sorted(
        {line.split(":")[0] for line in result.stdout.splitlines() if not line.startswith(" ")}
    )
    assert paths == ["../organisasjon.yaml", "a.yaml"]


def test_konfig_errors_are_shown_even_for_one_file(repo: Path) -> None:
    (repo / "ikros.yaml").write_text(
        (repo / "ikros.yaml").read_text(encoding="utf-8") + "tipo: x\n", encoding="utf-8"
    )
    result = invoke("ros/a.yaml")
    assert result.exit_code == 2
    assert (
        "ikros.yaml:" in result.stdout and "[ukjent-nøkkel] Ukjent nøkkel `tipo`" in result.stdout
    )
