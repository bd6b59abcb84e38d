"""`ikros show`, `ikros due` and `ikros methods` on analyses with known answers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from ikros.cli import app

BASE = Path(__file__).parent / "cases" / "_base"

KONFIG = """\
ikros: konfig/1
kommune: Testvik kommune
standardmetode: teknisk-4x3
informeres:
  alle: [nærmeste leder]
metoder:
  - id: teknisk-4x3
    navn: Teknisk (4 × 3)
    sannsynlighet:
      - {nivå: 1, navn: Sjelden}
      - {nivå: 2, navn: Av og til}
      - {nivå: 3, navn: Ofte}
      - {nivå: 4, navn: Svært ofte}
    konsekvens:
      - id: drift
        navn: Drift
        nivåer:
          - {nivå: 1, navn: Liten}
          - {nivå: 2, navn: Merkbar}
          - {nivå: 3, navn: Stor}
    soner:
      - {id: lav, navn: Lav}
      - {id: middels, navn: Middels}
      - {id: høy, navn: Høy}
    rutenett:
      - [middels, høy, høy]
      - [lav, middels, høy]
      - [lav, middels, høy]
      - [lav, lav, middels]
    aksept: {lav: medarbeider, middels: kommunalområdedirektør, høy: kommunedirektør}
"""

ROS = """\
ikros: ros/1
id: ROS-T
tittel: Driftsstans i vannverket
type: tjeneste
omfang_type: tjenestespesifikk
enhet: it
status: utkast
klassifisering: intern
eier: {navn: Ola, rolle: enhetsleder}
dato: 2026-06-01
neste_revisjon: 2027-01-15
formål: Test.
omfang: Test.
hendelser:
  - id: H1
    tittel: Pumpehavari
    sannsynlighet: 3
    konsekvens: {drift: 3}
    begrunnelse: Gamle pumper.
    usikkerhet: middels
    tiltak:
      - {id: T1, beskrivelse: Ny pumpe, status: planlagt, frist: 2026-12-10, ansvarlig: {rolle: driftsleder}}
      - {id: T2, beskrivelse: Reservedeler, status: pågår, frist: 2026-11-01, ansvarlig: {rolle: driftsleder}}
    restrisiko:
      sannsynlighet: 2
      konsekvens: {drift: 2}
  - id: H2
    tittel: Strømbrudd
    sannsynlighet: 4
    konsekvens: {drift: 1}
    begrunnelse: Nettet er svakt.
    usikkerhet: lav
    tiltak:
      - {id: T3, beskrivelse: Aggregat, status: gjennomført, frist: 2026-09-01}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ikros.yaml").write_text(KONFIG, encoding="utf-8")
    shutil.copy(BASE / "organisasjon.yaml", tmp_path / "organisasjon.yaml")
    (tmp_path / "ros").mkdir()
    (tmp_path / "ros" / "t.yaml").write_text(ROS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IKROS_TODAY", "2026-11-27")
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def test_validate_knows_the_own_grid(repo: Path) -> None:
    result = invoke("validate", "--format", "json")
    got = [(d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]]
    # H1 residual (2, 2) and H2 (4, 1, no restrisiko) are `middels`, accepted by
    # kommunalområdedirektør: missing, a warning in utkast; T2 is overdue.
    assert got == [(15, 5, "mangler-aksept"), (23, 67, "tiltak-forfalt"), (27, 5, "mangler-aksept")]
    warm = invoke("validate", "--format", "json")  # deadlines now come from the cache
    assert warm.stdout == result.stdout


def test_show_json_has_the_computed_risk(repo: Path) -> None:
    result = invoke("show", "ros/t.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    h1, h2 = data["hendelser"]
    assert h1["iboende"] == {"sannsynlighet": 3, "konsekvens": 3, "risiko": 9, "sone": "høy"}
    assert h1["rest"] == {"sannsynlighet": 2, "konsekvens": 2, "risiko": 4, "sone": "middels"}
    assert h1["nåværende"] == h1["iboende"]  # T1 and T2 are not done
    assert (h1["aksept_kreves_av"], h1["aksept"]) == ("kommunalområdedirektør", "mangler")
    assert (
        h2["iboende"]["sone"] == "middels"
    )  # S4 × K1 is middels in this grid, though the score is 4
    assert h2["nåværende"] == h2["rest"] == h2["iboende"]  # no restrisiko: residual is inherent
    assert [t["id"] for t in data["åpne_tiltak"]] == ["T2", "T1"]
    assert [t["forfalt"] for t in data["åpne_tiltak"]] == [True, False]
    assert data["matrise"]["før"] == [
        {"sannsynlighet": 3, "konsekvens": 3, "hendelser": ["H1"]},
        {"sannsynlighet": 4, "konsekvens": 1, "hendelser": ["H2"]},
    ]
    assert data["neste_revisjon"] == "2027-01-15" and data["revisjon_forfalt"] is False


def test_text_is_never_turned_into_emoji(repo: Path) -> None:
    path = repo / "ros" / "t.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Pumpehavari", '"Pumpehavari :fire:"'),
        encoding="utf-8",
    )
    data = json.loads(invoke("show", "ros/t.yaml", "--format", "json").stdout)
    assert data["hendelser"][0]["tittel"] == "Pumpehavari :fire:"
    assert ":fire:" in invoke("show", "ros/t.yaml", env={"COLUMNS": "200"}).stdout


def test_show_text_is_readable_without_colour(repo: Path) -> None:
    result = invoke("show", "ros/t.yaml", env={"NO_COLOR": "1", "COLUMNS": "160"})
    assert result.exit_code == 0
    text = result.stdout
    assert "\x1b[" not in text
    assert text.startswith("ROS-T: Driftsstans i vannverket\n")
    assert "Før tiltak (iboende risiko)" in text and "Etter tiltak (restrisiko)" in text
    assert "MANGLER (kommunalområdedirektør)" in text
    assert "2026-11-01 forfalt" in text


def test_accept_then_show_says_accepted(repo: Path) -> None:
    assert (
        invoke(
            "accept",
            "ros/t.yaml",
            "H1",
            "--av",
            "Kari",
            "--rolle",
            "kommunalområdedirektør",
            "--begrunnelse",
            "Ny pumpe er bestilt.",
        ).exit_code
        == 0
    )
    data = json.loads(invoke("show", "ros/t.yaml", "--format", "json").stdout)
    assert data["hendelser"][0]["aksept"] == "akseptert"


def test_due_json_sorted_and_grouped(repo: Path) -> None:
    result = invoke("due", "--innen", "60d", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [(i["dato"], i["type"], i["hva"], i["forfalt"]) for i in items] == [
        ("2026-11-01", "tiltak", "T2: Reservedeler", True),
        ("2026-12-10", "tiltak", "T1: Ny pumpe", False),
        ("2027-01-15", "revisjon", "ROS-T: Driftsstans i vannverket", False),
    ]
    assert {i["enhet"] for i in items} == {"it"}
    assert result.stderr == "3 frister innen 60 dager (til og med 2027-01-26), 1 forfalt.\n"


def test_due_horizon_and_unit_filter(repo: Path) -> None:
    assert len(json.loads(invoke("due", "--innen", "30d", "--format", "json").stdout)) == 2
    assert (
        len(
            json.loads(invoke("due", "--innen", "1m", "--enhet", "stab", "--format", "json").stdout)
        )
        == 2
    )
    assert json.loads(invoke("due", "--enhet", "oppvekst", "--format", "json").stdout) == []
    assert invoke("due", "--enhet", "finnes-ikke").exit_code == 2


def test_due_fail_on_overdue(repo: Path) -> None:
    assert invoke("due").exit_code == 0
    assert invoke("due", "--fail-on-overdue").exit_code == 1


def test_due_ics_parses_in_an_independent_calendar_library(repo: Path) -> None:
    result = invoke("due", "--innen", "90d", "--format", "ics")
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 10),
        dt.date(2027, 1, 15),
    ]
    assert [str(e["summary"]) for e in events] == [
        "Tiltak: T2: Reservedeler (ROS-T)",
        "Tiltak: T1: Ny pumpe (ROS-T)",
        "Revisjon: ROS-T: Driftsstans i vannverket (ROS-T)",
    ]
    assert len({str(e["uid"]) for e in events}) == 3
    raw = result.stdout_bytes
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")


def test_due_ics_to_file(repo: Path) -> None:
    assert invoke("due", "--format", "ics", "--out", "frister.ics").exit_code == 0
    calendar = icalendar.Calendar.from_ical((repo / "frister.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 2


def test_methods_lists_builtin_and_own(repo: Path) -> None:
    result = invoke("methods", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for method_id in ("enhet-5x5", "dsb-helhetlig", "arbeidsmiljø-3x3", "teknisk-4x3"):
        assert method_id in result.stdout
    assert "ikros.yaml" in result.stdout


def test_methods_prints_the_grid(repo: Path) -> None:
    result = invoke("methods", "teknisk-4x3", env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0
    rows = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("│ 4 Svært ofte")  # the matrix, not the scale below it
    ]
    assert len(rows) == 1 and rows[0].split("│")[2:5] == [
        "  middels  ",
        "    høy    ",
        "    høy    ",
    ]
    unknown = invoke("methods", "teknisk-9x9", env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert unknown.stderr.splitlines()[3:7] == [
        "│ Ugyldig verdi for '[ID]': Metoden `teknisk-9x9` finnes ikke. Mente du        │",
        "│ `teknisk-4x3`? Metodene er enhet-5x5, dsb-helhetlig, arbeidsmiljø-3x3 og     │",
        "│ teknisk-4x3.                                                                 │",
        "╰──────────────────────────────────────────────────────────────────────────────╯",
    ]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("finnes-ikke", "feil: Finner ikke finnes-ikke.\n"),
        (
            "/",
            "feil: Fant ingen ikros.yaml i / eller mappene over. Kjør kommandoen i kommunens "
            "mappe (den med ikros.yaml), eller i en mappe under den.\n",
        ),
    ],
)
def test_methods_repo_that_holds_no_kommune_says_so(repo: Path, where: str, message: str) -> None:
    """A folder named with --repo is never silently replaced by the built-in methods."""
    result = invoke("methods", "--repo", where)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_commands_refuse_a_broken_konfig(repo: Path) -> None:
    (repo / "ikros.yaml").write_text(KONFIG + "tipo: x\n", encoding="utf-8")
    (repo / "aa").mkdir()  # an error in a file that sorts before ikros.yaml
    (repo / "aa" / "x.yaml").write_text("ikros: ros/1\n", encoding="utf-8")
    for args in (
        ["show", "ros/t.yaml"],
        [
            "accept",
            "ros/t.yaml",
            "H1",
            "--av",
            "Kari",
            "--rolle",
            "kommunedirektør",
            "--begrunnelse",
            "B.",
        ],
        ["due"],
        ["methods"],
    ):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert "ikros.yaml har feil" in result.stderr, args
        assert "ikros.yaml:31:1: Ukjent nøkkel `tipo`" in result.stderr, args
    assert "aksept" not in (repo / "ros" / "t.yaml").read_text(encoding="utf-8")


def test_due_path_limits_the_documents(repo: Path) -> None:
    (repo / "andre").mkdir()
    (repo / "andre" / "u.yaml").write_text(ROS.replace("ROS-T", "ROS-U"), encoding="utf-8")
    everything = json.loads(invoke("due", "--innen", "60d", "--format", "json").stdout)
    only = json.loads(invoke("due", "ros", "--innen", "60d", "--format", "json").stdout)
    assert {i["dokument"] for i in everything} == {"ROS-T", "ROS-U"}
    assert {i["dokument"] for i in only} == {"ROS-T"}
