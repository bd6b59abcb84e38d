"""Options that forgive as `ikros validate` does: roles in any case, dates
written the Norwegian way, periods in calendar months, enheter by name."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app
from ikros.due import DAYS, MONTHS, WEEKS, YEARS, Horizon
from ikros.roles import find_step
from ikros.suggest import iso_date
from tests.conftest import minimal_ros

BASE = Path(__file__).parent / "cases" / "_base"
LADDER = ("medarbeider", "enhetsleder", "kommunalområdedirektør", "kommunedirektør")

ROS = minimal_ros(level=5).replace("    sannsynlighet: 2\n", "    sannsynlighet: 5\n") + (
    "    tiltak:\n"
    "      - {id: T1, beskrivelse: Nye rutiner, status: planlagt, frist: 2027-01-15}\n"
    "      - {id: T2, beskrivelse: Opplæring, status: planlagt, frist: 2027-11-27}\n"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(BASE / name, tmp_path / name)
    (tmp_path / "ros").mkdir()
    (tmp_path / "ros" / "a.yaml").write_text(ROS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IKROS_TODAY", "2026-11-27")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def panel(*lines: str) -> str:
    """Typer's error panel, 80 columns wide."""
    return (
        "╭─ Feil ───────────────────────────────────────────────────────────────────────╮\n"
        + "".join(f"│ {line:<76} │\n" for line in lines)
        + "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def message(output: str) -> str:
    """The text of the error panel, its lines joined."""
    lines = [line[2:-2].strip() for line in output.splitlines() if line.startswith("│ ")]
    return " ".join(lines)


ACCEPT_USAGE = "Bruk: ikros accept [VALG] FIL HENDELSE\nSkriv 'ikros accept -h' for å få hjelp.\n"
DUE_USAGE = "Bruk: ikros due [VALG] [STIER]...\nSkriv 'ikros due -h' for å få hjelp.\n"
WHY = ("--begrunnelse", "Tiltakene er i gang.")


# --- accept: a name, a reason, a step of the ladder, dates -------------------


def test_a_role_in_any_case_is_the_step(repo: Path) -> None:
    result = invoke(
        "accept", "ros/a.yaml", "H1", "--av", "Kari", "--rolle", "Kommunedirektør", *WHY
    )
    assert result.exit_code == 0, result.output
    assert "      av: {navn: Kari, rolle: kommunedirektør}\n" in (
        repo / "ros" / "a.yaml"
    ).read_text(encoding="utf-8")


def test_an_unknown_role_suggests_the_nearest_step_and_lists_them(repo: Path) -> None:
    result = invoke("accept", "ros/a.yaml", "H1", "--av", "Kari", "--rolle", "enhetsledar", *WHY)
    assert result.exit_code == 2
    assert result.output == ACCEPT_USAGE + panel(
        "Ugyldig verdi for '--rolle': `enhetsledar` er ikke et trinn i",
        "fullmaktsstigen. Mente du `enhetsleder`? Trinnene er medarbeider,",
        "enhetsleder, kommunalområdedirektør, kommunedirektør, formannskap og",
        "kommunestyre.",
    )
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        (
            "--av",
            [
                "Du må oppgi '--av'. Skriv navnet på den som aksepterer, for eksempel --av",
                '"Kari Nordmann".',
            ],
        ),
        (
            "--begrunnelse",
            [
                "Du må oppgi '--begrunnelse'. Skriv hvorfor restrisikoen kan aksepteres, for",
                'eksempel --begrunnelse "Tiltakene er finansiert i 2027.".',
            ],
        ),
    ],
)
def test_an_acceptance_needs_a_name_and_a_reason(repo: Path, missing: str, said: list[str]) -> None:
    given = {"--av": "Kari", "--rolle": "kommunedirektør", "--begrunnelse": "Fordi."}
    del given[missing]
    result = invoke("accept", "ros/a.yaml", "H1", *[x for kv in given.items() for x in kv])
    assert result.exit_code == 2
    assert result.output == ACCEPT_USAGE + panel(*said)
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


def test_a_blank_name_is_no_name(repo: Path) -> None:
    result = invoke("accept", "ros/a.yaml", "H1", "--av", "  ", "--rolle", "kommunedirektør", *WHY)
    assert result.exit_code == 2
    assert result.output == ACCEPT_USAGE + panel(
        "Ugyldig verdi for '--av': Verdien kan ikke være tom. Skriv navnet på den som",
        'aksepterer, for eksempel --av "Kari Nordmann".',
    )


@pytest.mark.parametrize(
    ("option", "written", "said"),
    [
        ("--til", "30.06.2027", "`30.06.2027` er ikke skrevet ÅÅÅÅ-MM-DD. Mente du `2027-06-30`?"),
        ("--til", "30/6/2027", "`30/6/2027` er ikke skrevet ÅÅÅÅ-MM-DD. Mente du `2027-06-30`?"),
        ("--til", "2027.06.30", "`2027.06.30` er ikke skrevet ÅÅÅÅ-MM-DD. Mente du `2027-06-30`?"),
        ("--dato", "1.12.26", "`1.12.26` er ikke skrevet ÅÅÅÅ-MM-DD. Mente du `2026-12-01`?"),
        ("--til", "2027-02-30", "`2027-02-30` finnes ikke i kalenderen."),
        (
            "--til",
            "neste år",
            "`neste år` er ikke en dato skrevet ÅÅÅÅ-MM-DD, for eksempel 2027-06-30.",
        ),
    ],
)
def test_a_date_written_another_way_gets_the_iso_form(
    repo: Path, option: str, written: str, said: str
) -> None:
    result = invoke(
        "accept", "ros/a.yaml", "H1", "--av", "Kari", "--rolle", "x", *WHY, option, written
    )
    assert result.exit_code == 2
    assert result.output.startswith(ACCEPT_USAGE)
    assert message(result.output) == f"Ugyldig verdi for '{option}': {said}"
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


def test_the_panel_of_a_date_in_full(repo: Path) -> None:
    result = invoke("accept", "ros/a.yaml", "H1", "--til", "30.06.2027")
    assert result.output == ACCEPT_USAGE + panel(
        "Ugyldig verdi for '--til': `30.06.2027` er ikke skrevet ÅÅÅÅ-MM-DD. Mente du",
        "`2027-06-30`?",
    )


def test_til_must_come_after_the_date_of_the_acceptance(repo: Path) -> None:
    result = invoke(
        "accept", "ros/a.yaml", "H1", "--av", "Kari", "--rolle", "kommunedirektør", *WHY,
        "--til", "2026-11-27",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output == ACCEPT_USAGE + panel(
        "Ugyldig verdi for '--til': Aksepten må gjelde til en dato etter 2026-11-27",
        "(datoen for aksepten).",
    )
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("30.06.2027", "2027-06-30"),
        ("30.6.2027", "2027-06-30"),
        ("30/6/2027", "2027-06-30"),
        ("30-06-2027", "2027-06-30"),
        ("1. 12. 2026", "2026-12-01"),
        ("30.06.27", "2027-06-30"),
        ("2027.06.30", "2027-06-30"),
        ("2027/6/30", "2027-06-30"),
        ("2027-6-30", "2027-06-30"),
        ("31.02.2027", None),
        ("06/30/2027", None),  # month first: no month 30
        ("juni 2027", None),
        ("2027", None),
    ],
)
def test_iso_date(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_find_step() -> None:
    assert find_step("Kommunedirektør", LADDER) == "kommunedirektør"
    assert find_step(" ENHETSLEDER ", LADDER) == "enhetsleder"
    assert find_step("kommunalomra\u030adedirektør", LADDER) == "kommunalområdedirektør"  # NFD
    assert find_step("kommunalomradedirektor", LADDER) is None  # suggested, not guessed
    assert find_step("rektor", LADDER) is None


# --- due --innen: days, weeks, calendar months, years ------------------------


@pytest.mark.parametrize(
    ("written", "horizon", "words", "last"),
    [
        ("30d", Horizon(30, DAYS), "30 dager", "2026-12-27"),
        ("30", Horizon(30, DAYS), "30 dager", "2026-12-27"),
        ("1d", Horizon(1, DAYS), "1 dag", "2026-11-28"),
        ("8u", Horizon(8, WEEKS), "8 uker", "2027-01-22"),
        ("1 uke", Horizon(1, WEEKS), "1 uke", "2026-12-04"),
        ("12m", Horizon(12, MONTHS), "12 måneder", "2027-11-27"),
        ("3 mnd", Horizon(3, MONTHS), "3 måneder", "2027-02-27"),
        ("1m", Horizon(1, MONTHS), "1 måned", "2026-12-27"),
        ("1å", Horizon(1, YEARS), "1 år", "2027-11-27"),
        ("1a", Horizon(1, YEARS), "1 år", "2027-11-27"),
        ("1år", Horizon(1, YEARS), "1 år", "2027-11-27"),
        ("2 ÅR", Horizon(2, YEARS), "2 år", "2028-11-27"),
    ],
)
def test_innen_reads_the_period_and_the_summary_says_it_back(
    repo: Path, written: str, horizon: Horizon, words: str, last: str
) -> None:
    from ikros.cli.options import Period

    assert Period().convert(written, None, None) == horizon
    assert horizon.words() == words
    assert horizon.last_day(dt.date(2026, 11, 27)).isoformat() == last
    result = invoke("due", "--innen", written, "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert all(item["dato"] <= last for item in items)
    assert result.stderr.startswith(
        f"{len(items)} {'frist' if len(items) == 1 else 'frister'} innen {words} "
        f"(til og med {last}), 0 forfalt.\n"
    )


def test_twelve_months_are_twelve_calendar_months_not_360_days(repo: Path) -> None:
    """T2's frist is 2027-11-27: one year on, outside 360 days."""
    result = invoke("due", "--innen", "12m", "--format", "json")
    assert [i["hva"] for i in json.loads(result.stdout)] == [
        "T1: Nye rutiner",
        "ROS-1: Analyse",
        "T2: Opplæring",
    ]
    assert len(json.loads(invoke("due", "--innen", "360d", "--format", "json").stdout)) == 2


def test_a_month_from_the_end_of_a_month() -> None:
    assert Horizon(1, MONTHS).last_day(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert Horizon(1, YEARS).last_day(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert Horizon(10**12, MONTHS).last_day(dt.date(2026, 1, 1)) == dt.date.max
    assert Horizon(10**12, DAYS).last_day(dt.date(2026, 1, 1)) == dt.date.max


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "ett år",
            [
                "Ugyldig verdi for '--innen': `ett år` er ikke en periode ikros forstår.",
                "Skriv for eksempel 30d (dager), 8u (uker), 12m (måneder) eller 1å (år).",
            ],
        ),
        (
            "1,5m",
            [
                "Ugyldig verdi for '--innen': `1,5m` er ikke en periode ikros forstår. Skriv",
                "for eksempel 30d (dager), 8u (uker), 12m (måneder) eller 1å (år).",
            ],
        ),
        (
            "2w",
            [
                "Ugyldig verdi for '--innen': `2w` er ikke en periode ikros forstår. Mente du",
                "`2u`?",
            ],
        ),
        (
            "1y",
            [
                "Ugyldig verdi for '--innen': `1y` er ikke en periode ikros forstår. Mente du",
                "`1å`?",
            ],
        ),
    ],
)
def test_a_period_it_cannot_read_is_refused_with_an_example(
    repo: Path, written: str, said: list[str]
) -> None:
    result = invoke("due", "--innen", written)
    assert result.exit_code == 2
    assert result.output == DUE_USAGE + panel(*said)


# --- due --enhet: an id or a name --------------------------------------------


@pytest.mark.parametrize(
    "written", ["lia-barnehage", "Lia-Barnehage", "Lia barnehage", "LIA BARNEHAGE"]
)
def test_enhet_by_id_or_name_in_any_case(repo: Path, written: str) -> None:
    result = invoke("due", "--enhet", written, "--innen", "1å", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {i["enhet"] for i in json.loads(result.stdout)} == {"lia-barnehage"}


@pytest.mark.parametrize("written", ["kommune", "Kommune", "hele kommunen", "Hele kommunen"])
def test_the_whole_kommune_by_id_or_name_in_any_case(repo: Path, written: str) -> None:
    """`kommune` (what `gjelder: kommune` names) is an enhet of its own for
    due, shown as «Hele kommunen»: the same rules as the others."""
    result = invoke("due", "--enhet", written, "--innen", "1å", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {i["enhet"] for i in json.loads(result.stdout)} <= {"kommune"}


def test_an_empty_enhet_says_so(repo: Path) -> None:
    result = invoke("due", "--enhet", " ")
    assert result.exit_code == 2
    assert result.output == DUE_USAGE + panel(
        "Ugyldig verdi for '--enhet': Verdien kan ikke være tom. Skriv id-en eller",
        "navnet på en enhet eller et område, for eksempel --enhet lia-barnehage.",
    )


def test_an_omraade_by_name_takes_its_enheter(repo: Path) -> None:
    result = invoke("due", "--enhet", "oppvekst", "--innen", "1å", "--format", "json")
    assert len(json.loads(result.stdout)) == 3
    assert (
        json.loads(invoke("due", "--enhet", "Kommunedirektørens stab", "--format", "json").stdout)
        == []
    )


def test_an_unknown_enhet_suggests_the_nearest_id(repo: Path) -> None:
    result = invoke("due", "--enhet", "lia-barnhage")
    assert result.exit_code == 2
    assert result.output == DUE_USAGE + panel(
        "Ugyldig verdi for '--enhet': Fant ingen enhet eller område `lia-barnhage` i",
        "organisasjon.yaml. Mente du `lia-barnehage`?",
    )
    # a name's nearest is given by its id
    assert "Mente du `lia-skole`?" in invoke("due", "--enhet", "Lia skule").output
    assert "Mente du" not in invoke("due", "--enhet", "rådhuset").output


def test_a_name_shared_by_two_asks_for_the_id(repo: Path) -> None:
    org = repo / "organisasjon.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("navn: Lia skole", "navn: Lia barnehage"),
        encoding="utf-8",
    )
    result = invoke("due", "--enhet", "lia barnehage")
    assert result.exit_code == 2
    assert result.output == DUE_USAGE + panel(
        "Ugyldig verdi for '--enhet': `lia barnehage` er navnet på flere enheter og",
        "områder (lia-barnehage, lia-skole); bruk id-en.",
    )
