"""Several repository roots checked as one kommune (one repository per område)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ikros.cli import app
from tests.conftest import minimal_ros, write_tree

BASE = Path(__file__).parent / "cases" / "_base"
KONFIG = (BASE / "ikros.yaml").read_text(encoding="utf-8")


def test_two_roots_are_one_kommune(tmp_path: Path, monkeypatch) -> None:
    # The organisation lives in the staff's repository; oppvekst's analyses refer to it.
    write_tree(
        tmp_path / "stab",
        {
            "ikros.yaml": KONFIG,
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/it.yaml": minimal_ros(id="ROS-1", enhet="it"),
        },
    )
    write_tree(
        tmp_path / "oppvekst",
        {
            "ikros.yaml": KONFIG,
            "ros/lia.yaml": minimal_ros(id="ROS-1", enhet="lia-barnehage"),
            "ros/ukjent.yaml": minimal_ros(id="ROS-2", enhet="lia-barnehge"),
        },
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "stab", "oppvekst"])
    assert result.exit_code == 1
    # The duplicate is reported on the later file in path order; the reference
    # to the other root's organisation resolves, the misspelt one does not.
    assert result.stdout.splitlines()[::2] == [
        "oppvekst/ros/ukjent.yaml:6:8: feil [ukjent-referanse] `lia-barnehge` finnes ikke i organisasjon.yaml. "
        "Mente du `lia-barnehage`?",
        "stab/ros/it.yaml:2:5: feil [duplikat-id] Id-en `ROS-1` er også brukt i oppvekst/ros/lia.yaml:2:5.",
    ]
    assert (
        result.stderr
        == "Sjekket 6 filer (3 ROS-analyser, 1 organisasjon, 2 konfigurasjoner): 2 feil.\n"
    )


def test_one_root_alone_misses_the_organisation(tmp_path: Path, monkeypatch) -> None:
    write_tree(
        tmp_path / "oppvekst",
        {"ikros.yaml": KONFIG, "ros/lia.yaml": minimal_ros(id="ROS-1", enhet="x")},
    )
    monkeypatch.chdir(tmp_path / "oppvekst")
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 1
    assert result.stdout.startswith("ikros.yaml:1:1: feil [mangler-organisasjon]")


def test_a_unit_in_two_roots_organisations_is_a_duplicate(tmp_path: Path, monkeypatch) -> None:
    org = (BASE / "organisasjon.yaml").read_text(encoding="utf-8")
    write_tree(tmp_path / "a", {"ikros.yaml": KONFIG, "organisasjon.yaml": org})
    write_tree(
        tmp_path / "b",
        {"ikros.yaml": KONFIG, "organisasjon.yaml": org.replace("id: stab", "id: stab2")},
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "a", "b"])
    assert result.exit_code == 1
    # one organisation per root is allowed; the same område or enhet in both is not
    assert [line for line in result.stdout.splitlines() if not line.startswith("  ")] == [
        f"b/organisasjon.yaml:{line}: feil [duplikat-id] Id-en `{ident}` er også brukt i "
        f"a/organisasjon.yaml:{line}."
        for line, ident in [
            ("8:13", "it"),
            ("10:9", "oppvekst"),
            ("14:13", "lia-barnehage"),
            ("17:13", "lia-skole"),
        ]
    ]
