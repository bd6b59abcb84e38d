"""`ikros show`, `due` and `methods` as a person reads them on an
80-column terminal: every hendelse visible, nothing cut, names rather than
ids, and a plain answer for a file that is not a ROS."""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from ikros.cli import app
from ikros.deadlines import Deadline
from tests.conftest import EXAMPLES, write_tree

BASE = Path(__file__).parent / "cases" / "_base"
NARROW = {"COLUMNS": "80", "NO_COLOR": "1", "IKROS_TODAY": "2026-12-01"}

EXAMPLE_ROS = sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.glob("ros/**/*.yaml"))


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={**NARROW, **(env or {})})


def lines(text: str) -> list[str]:
    """The lines as a terminal shows them (Rich pads some with spaces)."""
    return [line.rstrip() for line in text.splitlines()]


def hendelse_ids(path: str) -> list[str]:
    data = json.loads(invoke("show", path, "--format", "json").stdout)
    return [h["id"] for h in data["hendelser"]]


def assert_every_hendelse_shown(text: str, ids: list[str]) -> None:
    """Each id once in each of the two matrices, and as a row of the
    hendelser table; no line wider than the terminal, nothing cut off."""
    assert [line for line in lines(text) if cell_len(line) > 80] == []
    assert "…" not in text  # what Rich puts where it cuts
    matrices, _, rest = text.partition("\nHendelser\n")
    table = rest.partition("\nÅpne tiltak\n")[0]
    for hid in ids:
        alone = re.compile(rf"(?<![\w-]){re.escape(hid)}(?![\w-])")
        assert len(alone.findall(matrices)) == 2, hid
        assert any(line.startswith(f"│ {hid} ") for line in lines(table)), hid


@pytest.fixture
def in_examples(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(EXAMPLES)  # show, due and methods only read
    return EXAMPLES


# --- show -------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_ROS)
def test_show_every_example_at_80_columns(in_examples: Path, path: str) -> None:
    result = invoke("show", path)
    assert result.exit_code == 0
    assert result.stderr == ""  # no validation summary, no warnings
    assert_every_hendelse_shown(result.stdout, hendelse_ids(path))


def test_the_examples_have_analyses_with_many_hendelser() -> None:
    """The test above is only as good as its examples."""
    assert len(EXAMPLE_ROS) >= 15
    counts = [len(hendelse_ids(str(EXAMPLES / p))) for p in EXAMPLE_ROS]
    assert max(counts) >= 6


def _many(count: int, crowded: int) -> str:
    """A ROS with `count` hendelser, the first `crowded` in one cell."""
    hendelser = "".join(
        f"""\
  - id: H{i}
    tittel: Hendelse nummer {i} med en lang tittel som må brytes over flere linjer
    sannsynlighet: {4 if i <= crowded else 2}
    konsekvens: {{liv_og_helse: {4 if i <= crowded else 5}}}
    begrunnelse: Test.
    usikkerhet: lav
    tiltak:
      - id: T{i}
        beskrivelse: Et tiltak med en lang beskrivelse som må brytes
        status: planlagt
        frist: 2027-01-15
        ansvarlig: {{navn: Kari Nordmann, rolle: kommunalområdedirektør}}
"""
        for i in range(1, count + 1)
    )
    return f"""\
ikros: ros/1
id: ROS-M
tittel: Mange hendelser
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
{hendelser}"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(
        tmp_path / "repo",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
        },
    )
    monkeypatch.chdir(root)
    return root


def test_show_many_hendelser_in_one_cell_at_80_columns(repo: Path) -> None:
    write_tree(repo, {"ros/m.yaml": _many(15, crowded=12)})
    result = invoke("show", "ros/m.yaml")
    assert result.exit_code == 0, result.stderr
    assert_every_hendelse_shown(result.stdout, [f"H{i}" for i in range(1, 16)])
    # The role that must accept is never folded inside the word.
    assert "(kommunalområdedirektør)" in result.stdout


def test_show_a_ten_by_ten_method_at_80_columns(repo: Path) -> None:
    levels = "".join(f"      - {{nivå: {i}, navn: Nivå {i}}}\n" for i in range(1, 11))
    (repo / "ikros.yaml").write_text(
        f"""\
ikros: konfig/1
kommune: Testvik kommune
standardmetode: ti
metoder:
  - id: ti
    navn: Ti ganger ti
    sannsynlighet:
{levels}    konsekvens:
      - id: drift
        navn: Drift
        nivåer:
{levels.replace("      -", "          -")}    soner:
      - {{id: lav, navn: Lav, til: 30}}
      - {{id: middels, navn: Middels, til: 60}}
      - {{id: svært_høy, navn: Svært høy, til: 100}}
    aksept: {{lav: enhetsleder, middels: enhetsleder, svært_høy: kommunedirektør}}
""",
        encoding="utf-8",
    )
    hendelser = "".join(
        f"  - {{id: H{i}, tittel: T, sannsynlighet: {i}, konsekvens: {{drift: {11 - i}}}, "
        "begrunnelse: Test., usikkerhet: lav}\n"
        for i in range(1, 11)
    )
    text = _many(1, 0).split("hendelser:\n")[0] + "hendelser:\n" + hendelser
    write_tree(repo, {"ros/ti.yaml": text.replace("ROS-M", "ROS-TI")})
    result = invoke("show", "ros/ti.yaml")
    assert result.exit_code == 0, result.stderr
    assert_every_hendelse_shown(result.stdout, [f"H{i}" for i in range(1, 11)])
    # Ten columns of `svært_høy` do not fit: the zones are shortened, and said so.
    assert "│   10│H10│· │· │· │· │· │· │· │· │· │\n│     │ l │l │l │m │m │m │s │s │s │s │" in (
        result.stdout
    )
    assert "Sonene: l er lav, m er middels, s er svært_høy." in " ".join(lines(result.stdout))


def test_show_folds_long_ids_rather_than_cutting_them(repo: Path) -> None:
    """Ids too long for a cell of the matrix at 80 columns are folded, never
    cut with `…`; the hendelser table shows each of them whole."""
    ids = [f"brann-på-kjøkkenet-nummer-{k}{s}" for k in range(1, 6) for s in range(1, 3)]
    hendelser = "".join(
        f"  - {{id: {hid}, tittel: T, sannsynlighet: {hid[-1]}, "
        f"konsekvens: {{liv_og_helse: {hid[-2]}}}, begrunnelse: Test., usikkerhet: lav}}\n"
        for hid in ids
    )
    text = _many(1, 0).split("hendelser:\n")[0] + "hendelser:\n" + hendelser
    write_tree(repo, {"ros/m.yaml": text})
    result = invoke("show", "ros/m.yaml")
    assert result.exit_code == 0, result.stderr
    assert [line for line in lines(result.stdout) if cell_len(line) > 80] == []
    assert "…" not in result.stdout
    table = result.stdout.partition("\nHendelser\n")[2].partition("\nÅpne tiltak\n")[0]
    assert [
        hid for hid in ids if not any(line.startswith(f"│ {hid} ") for line in lines(table))
    ] == []


SMALL_ROS = """\
ikros: ros/1
id: ROS-T
tittel: Driftsstans i vannverket for Lia barnehage og skole
type: tjeneste
omfang_type: tjenestespesifikk
enhet: lia-barnehage
status: utkast
klassifisering: intern
eier: {navn: Ola Eksempel, rolle: enhetsleder}
dato: 2026-06-01
neste_revisjon: 2027-01-15
formål: Test.
omfang: Test.
hendelser:
  - id: H1
    tittel: Pumpehavari
    sannsynlighet: 4
    konsekvens: {tjenesteleveranse: 5}
    begrunnelse: Gamle pumper.
    usikkerhet: middels
    tiltak:
      - {id: T1, beskrivelse: Ny pumpe, status: planlagt, frist: 2026-12-10, ansvarlig: {navn: Driftsleder Per Hansen, rolle: driftsleder}}
      - {id: T2, beskrivelse: Reservedeler på lager, status: pågår, frist: 2026-11-01, ansvarlig: {rolle: driftsleder}}
    restrisiko:
      sannsynlighet: 3
      konsekvens: {tjenesteleveranse: 5}
  - id: H2
    tittel: Strømbrudd
    sannsynlighet: 2
    konsekvens: {tjenesteleveranse: 2}
    begrunnelse: Nettet er svakt.
    usikkerhet: lav
    tiltak:
      - {id: T3, beskrivelse: Aggregat, status: gjennomført, frist: 2026-09-01}
"""


def test_show_at_80_columns(repo: Path) -> None:
    write_tree(repo, {"ros/t.yaml": SMALL_ROS})
    result = invoke("show", "ros/t.yaml")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert lines(result.stdout) == [
        "ROS-T: Driftsstans i vannverket for Lia barnehage og skole",
        "Enhet Lia barnehage (lia-barnehage) · eier Ola Eksempel (enhetsleder)",
        "Type tjeneste · tjenestespesifikk · status utkast · intern",
        "Gjennomført 2026-06-01 · neste revisjon 2027-01-15 · metode ROS for enheter (5 ×",
        "5) (enhet-5x5)",
        "",
        "Før tiltak (iboende risiko)",
        "┏━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓",
        "┃ S \\ K ┃    1    ┃    2    ┃    3    ┃    4    ┃    5    ┃",
        "┡━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩",
        "│     5 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │   gul   │   gul   │   rød   │   rød   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     4 │    ·    │    ·    │    ·    │    ·    │   H1    │",
        "│       │  grønn  │   gul   │   gul   │   rød   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     3 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │   gul   │   gul   │   gul   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     2 │    ·    │   H2    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │  grønn  │   gul   │   gul   │   gul   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     1 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │  grønn  │  grønn  │  grønn  │   gul   │",
        "└───────┴─────────┴─────────┴─────────┴─────────┴─────────┘",
        "",
        "Etter tiltak (restrisiko)",
        "┏━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓",
        "┃ S \\ K ┃    1    ┃    2    ┃    3    ┃    4    ┃    5    ┃",
        "┡━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩",
        "│     5 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │   gul   │   gul   │   rød   │   rød   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     4 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │   gul   │   gul   │   rød   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     3 │    ·    │    ·    │    ·    │    ·    │   H1    │",
        "│       │  grønn  │   gul   │   gul   │   gul   │   rød   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     2 │    ·    │   H2    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │  grønn  │   gul   │   gul   │   gul   │",
        "├───────┼─────────┼─────────┼─────────┼─────────┼─────────┤",
        "│     1 │    ·    │    ·    │    ·    │    ·    │    ·    │",
        "│       │  grønn  │  grønn  │  grønn  │  grønn  │   gul   │",
        "└───────┴─────────┴─────────┴─────────┴─────────┴─────────┘",
        "S er sannsynlighet, K er konsekvens (hendelsens høyeste nivå). Hver rute viser",
        "hendelsene i den og sonen.",
        "",
        "Hendelser",
        "┏━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Id ┃ Hendelse    ┃ Iboende  ┃ Nå       ┃ Rest     ┃ Aksept                   ┃",
        "┡━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│ H1 │ Pumpehavari │ 20 rød   │ 20 rød   │ 15 rød   │ MANGLER                  │",
        "│    │             │          │          │          │ (kommunalområdedirektør) │",
        "│ H2 │ Strømbrudd  │  4 grønn │  4 grønn │  4 grønn │ ikke nødvendig           │",
        "└────┴─────────────┴──────────┴──────────┴──────────┴──────────────────────────┘",
        "",
        "Åpne tiltak",
        "┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓",
        "┃ Frist              ┃ Tiltak (hendelse)     ┃ Ansvarlig            ┃ Status   ┃",
        "┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩",
        "│ 2026-11-01 forfalt │ T2 (H1): Reservedeler │ driftsleder          │ pågår    │",
        "│                    │ på lager              │                      │          │",
        "│ 2026-12-10         │ T1 (H1): Ny pumpe     │ Driftsleder Per      │ planlagt │",
        "│                    │                       │ Hansen (driftsleder) │          │",
        "└────────────────────┴───────────────────────┴──────────────────────┴──────────┘",
    ]


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        (
            "ikros.yaml",
            2,
            "ikros.yaml er kommunens konfigurasjon (ikros: konfig/1), ikke en ROS-analyse. "
            "{shows} Risikometodene i den ser du med `ikros methods`.",
        ),
        (
            "organisasjon.yaml",
            2,
            "organisasjon.yaml er kommunens organisasjon (ikros: organisasjon/1), ikke en "
            "ROS-analyse. {shows} Fristene for en enhet ser du med `ikros due --enhet ID`.",
        ),
        (
            "internkontroll/ik.yaml",
            2,
            "internkontroll/ik.yaml er en beskrivelse av internkontrollen (ikros: "
            "internkontroll/1), ikke en ROS-analyse. {shows} Fristene i den (revisjoner, rutiner "
            "og tilsyn) ser du med `ikros due`, og feil i den med `ikros validate`.",
        ),
        (
            "mkdocs.yml",
            2,
            "mkdocs.yml er ikke et ikros-dokument: den starter ikke med en linje som "
            "`ikros: ros/1`. {shows}",
        ),
        (
            "tom.yaml",
            2,
            "tom.yaml er ikke et ikros-dokument: den starter ikke med en linje som "
            "`ikros: ros/1`. {shows}",
        ),
        (
            "liste.yaml",
            2,
            "liste.yaml er ikke et ikros-dokument: den starter ikke med en linje som "
            "`ikros: ros/1`. {shows}",
        ),
        (
            "ros/halv.yaml",
            1,
            "ros/halv.yaml er ikke en gyldig ROS-analyse (ros/halv.yaml:1:1: Mangler påkrevd "
            "felt `tittel`.). Kjør `ikros validate`.",
        ),
        (
            "ros/metode.yaml",
            1,
            "ros/metode.yaml er ikke en gyldig ROS-analyse (ros/metode.yaml:9:9: Metoden "
            "`enhet-5x4` finnes ikke. Mente du `enhet-5x5`?). Kjør `ikros validate`.",
        ),
    ],
)
def test_show_says_what_a_file_that_is_not_a_ros_is(
    repo: Path, path: str, code: int, message: str
) -> None:
    write_tree(
        repo,
        {
            "internkontroll/ik.yaml": (EXAMPLES / "internkontroll" / "ik-ikt.yaml").read_text(
                encoding="utf-8"
            ),
            "mkdocs.yml": "site_name: Internkontroll\nnav: [index.md]\n",
            "tom.yaml": "",
            "liste.yaml": "- a\n- b\n",
            "ros/halv.yaml": "ikros: ros/1\nid: ROS-H\n",
            "ros/metode.yaml": SMALL_ROS.replace(
                "klassifisering: intern\n", "klassifisering: intern\nmetode: enhet-5x4\n"
            ),
        },
    )
    shows = (
        "`ikros show` viser risikomatrisene, hendelsene og de åpne tiltakene i én "
        "ROS-analyse, en fil som starter med `ikros: ros/1`."
    )
    result = invoke("show", path)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == "feil: " + message.format(shows=shows) + "\n"


def test_show_puts_the_matrices_side_by_side_where_they_fit(repo: Path) -> None:
    write_tree(repo, {"ros/t.yaml": SMALL_ROS})
    wide = lines(invoke("show", "ros/t.yaml", env={"COLUMNS": "130"}).stdout)
    assert wide[5] == "Før tiltak (iboende risiko)" + " " * 34 + "Etter tiltak (restrisiko)"
    assert [line.count("H1") for line in wide[9:24:3]] == [0, 1, 1, 0, 0]  # S4 before, S3 after
    assert [line for line in wide if len(line) > 130] == []


# --- due --------------------------------------------------------------------

DUE_ROS = SMALL_ROS.replace("neste_revisjon: 2027-01-15\n", "")


def test_due_names_the_enhet_and_who_follows_up(repo: Path) -> None:
    write_tree(
        repo,
        {
            "ros/t.yaml": DUE_ROS.replace(
                "{id: T3,",
                "{id: T4, beskrivelse: Uten ansvarlig, "
                "status: planlagt, frist: 2026-12-20}\n      - {id: T3,",
            ),
            "internkontroll/ik.yaml": IK,
        },
    )
    result = invoke("due", "--innen", "400d")
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout) == [
        "Hele kommunen (kommune)",
        "┏━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓",
        "┃ Dato       ┃ Hva                              ┃ Ansvarlig         ┃ Dokument ┃",
        "┡━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩",
        "│ 2026-12-31 │ Rutinerevisjon R1: Opptak        │ opptaksleder      │ IK-T     │",
        "│ 2027-01-15 │ Revisjon IK-T                    │ Kari Testesen     │ IK-T     │",
        "│            │                                  │ (kommunedirektør) │          │",
        "│ 2027-02-01 │ Rutinerevisjon R2: Avvik         │ Kari Testesen     │ IK-T     │",
        "│            │                                  │ (kommunedirektør) │          │",
        "│ 2027-03-01 │ Tilsynsfrist Statsforvalteren:   │ Kari Testesen     │ IK-T     │",
        "│            │ Skolemiljø                       │ (kommunedirektør) │          │",
        "└────────────┴──────────────────────────────────┴───────────────────┴──────────┘",
        "  IK-T: internkontroll/ik.yaml",
        "",
        "Lia barnehage (lia-barnehage)",
        "┏━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓",
        "┃ Dato       ┃ Hva                        ┃ Ansvarlig               ┃ Dokument ┃",
        "┡━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩",
        "│ 2026-11-01 │ Tiltak T2: Reservedeler på │ driftsleder             │ ROS-T    │",
        "│ forfalt    │ lager                      │                         │          │",
        "│ 2026-12-10 │ Tiltak T1: Ny pumpe        │ Driftsleder Per Hansen  │ ROS-T    │",
        "│            │                            │ (driftsleder)           │          │",
        "│ 2026-12-20 │ Tiltak T4: Uten ansvarlig  │ ikke oppgitt            │ ROS-T    │",
        "│ 2027-06-01 │ Revisjon ROS-T:            │ Ola Eksempel            │ ROS-T    │",
        "│            │ Driftsstans i vannverket   │ (enhetsleder)           │          │",
        "│            │ for Lia barnehage og skole │                         │          │",
        "└────────────┴────────────────────────────┴─────────────────────────┴──────────┘",
        "  ROS-T: ros/t.yaml",
        "",
    ]


def test_due_puts_a_long_path_on_a_line_of_its_own(repo: Path) -> None:
    """Where `ROS-T: path` is wider than the terminal, the path goes on the
    next line, whole: never a control picture (␊) where the break was meant."""
    path = "ros/oppvekst/barnehager/lia/ros-2026-020-driftsstans-i-vannverket-lia.yaml"
    write_tree(repo, {path: DUE_ROS})
    result = invoke("due", "--innen", "400d")
    assert result.exit_code == 0, result.stderr
    assert "␊" not in result.stdout
    assert lines(result.stdout)[-3:] == ["  ROS-T:", f"    {path}", ""]


IK = """\
ikros: internkontroll/1
id: IK-T
gjelder: kommune
omfang_type: sektorovergripende
status: utkast
klassifisering: intern
eier: {navn: Kari Testesen, rolle: kommunedirektør}
dato: 2026-01-15
neste_revisjon: 2027-01-15
beskrivelse: {hovedoppgaver: [Alt]}
rutiner:
  - {id: R1, tittel: Opptak, neste_revisjon: 2026-12-31, eier: {rolle: opptaksleder}}
  - {id: R2, tittel: Avvik, neste_revisjon: 2027-02-01}
tilsyn:
  - {myndighet: Statsforvalteren, tema: Skolemiljø, frist: 2027-03-01, status: åpen}
"""


def test_due_json_and_calendar_carry_ansvarlig_and_the_enhet_name(repo: Path) -> None:
    write_tree(repo, {"ros/t.yaml": DUE_ROS, "internkontroll/ik.yaml": IK})
    items = json.loads(invoke("due", "--innen", "400d", "--format", "json").stdout)
    assert [(i["hva"], i["enhet"], i["enhet_navn"], i["ansvarlig"]) for i in items] == [
        ("R1: Opptak", "kommune", "Hele kommunen", "opptaksleder"),
        ("IK-T", "kommune", "Hele kommunen", "Kari Testesen (kommunedirektør)"),
        ("R2: Avvik", "kommune", "Hele kommunen", "Kari Testesen (kommunedirektør)"),
        (
            "Statsforvalteren: Skolemiljø",
            "kommune",
            "Hele kommunen",
            "Kari Testesen (kommunedirektør)",
        ),
        ("T2: Reservedeler på lager", "lia-barnehage", "Lia barnehage", "driftsleder"),
        ("T1: Ny pumpe", "lia-barnehage", "Lia barnehage", "Driftsleder Per Hansen (driftsleder)"),
        (
            "ROS-T: Driftsstans i vannverket for Lia barnehage og skole",
            "lia-barnehage",
            "Lia barnehage",
            "Ola Eksempel (enhetsleder)",
        ),
    ]
    calendar = icalendar.Calendar.from_ical(
        invoke("due", "--innen", "400d", "--format", "ics").stdout
    )
    first = next(iter(calendar.walk("VEVENT")))
    assert str(first["description"]) == (
        "IK-T\nEnhet: Hele kommunen (kommune)\nAnsvarlig: opptaksleder\nFil: internkontroll/ik.yaml"
    )


def test_a_deadline_keeps_who_follows_it_up_through_the_cache() -> None:
    import datetime as dt

    deadline = Deadline("tiltak", dt.date(2027, 1, 15), "T1: Ny pumpe", ("hendelser", 0), "Per")
    assert Deadline.from_json(json.loads(json.dumps(deadline.to_json()))) == deadline
    nobody = deadline._replace(who=None)
    assert Deadline.from_json(nobody.to_json()) == nobody
    with pytest.raises(ValueError):  # the form before who: a miss, computed again
        Deadline.from_json(["tiltak", "2027-01-15", "T1: Ny pumpe", ["hendelser", 0]])


def test_due_in_the_examples_shows_the_annual_wheel(in_examples: Path) -> None:
    result = invoke("due", "--innen", "180d", "--enhet", "lia-barnehage")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Lia barnehage (lia-barnehage)",
        "┏━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┓",
        "┃ Dato       ┃ Hva                           ┃ Ansvarlig        ┃ Dokument     ┃",
        "┡━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━┩",
        "│ 2027-03-15 │ Tiltak T1: Egne stellerutiner │ Pedagogiske      │ ROS-2026-006 │",
        "│            │ med engangshansker og         │ ledere           │              │",
        "│            │ desinfeksjon av stellebord    │ (medarbeider)    │              │",
        "│ 2027-03-15 │ Tiltak T3: Rutine for rask    │ Ragnhild Øvrebø  │ ROS-2026-006 │",
        "│            │ varsling til foreldre til     │ (enhetsleder)    │              │",
        "│            │ barn med nedsatt immunforsvar │                  │              │",
        "│            │ ved smitte i barnegruppen     │                  │              │",
        "└────────────┴───────────────────────────────┴──────────────────┴──────────────┘",
        "  ROS-2026-006: ros/oppvekst/ros-2026-006-smittevern-lia-barnehage.yaml",
        "",
    ]


# --- methods ----------------------------------------------------------------


@pytest.mark.parametrize("method", ["enhet-5x5", "dsb-helhetlig", "arbeidsmiljø-3x3"])
def test_methods_shows_every_level_at_80_columns(repo: Path, method: str) -> None:
    from ikros.risk.methods import builtin_methods

    text = invoke("methods", method).stdout
    assert [line for line in lines(text) if cell_len(line) > 80] == []
    flat = " ".join(" ".join(line.strip("│ ").split()) for line in lines(text))
    m = builtin_methods()[method]
    for level in [*m.sannsynlighet, *(lv for d in m.konsekvens for lv in d.nivåer)]:
        assert level.navn in text
        for word in (level.beskrivelse or "").split():
            assert word in flat
    for dimension in m.konsekvens:
        assert f"Konsekvens: {dimension.navn} ({dimension.id})" in flat


def test_methods_lists_at_80_columns(repo: Path) -> None:
    text = invoke("methods").stdout
    assert [line for line in lines(text) if cell_len(line) > 80] == []
    assert "…" not in text


OWN_METHOD = """\
ikros: konfig/1
kommune: Testvik kommune
metoder:
  - id: drift-3x3
    navn: Drift (3 × 3)
    beskrivelse: Tre nivåer for driftsavbrudd i tekniske anlegg.
    sannsynlighet:
      - {nivå: 1, kode: A, navn: Sjelden, beskrivelse: Sjeldnere enn hvert tiende år, per_år: 0.05}
      - {nivå: 2, kode: B, navn: Av og til, beskrivelse: Hvert år eller to, per_år: 0.5}
      - {nivå: 3, kode: C, navn: Ofte, beskrivelse: Flere ganger i året, per_år: 4}
    konsekvens:
      - id: drift
        navn: Driftsavbrudd
        beskrivelse: Hvor lenge innbyggerne er uten tjenesten.
        nivåer:
          - {nivå: 1, navn: Kort, beskrivelse: Under en time}
          - {nivå: 2, navn: Merkbart, beskrivelse: Inntil ett døgn}
          - {nivå: 3, navn: Langvarig, beskrivelse: Mer enn ett døgn for mange innbyggere}
    soner:
      - {id: lav, navn: Lav, til: 2, beskrivelse: Akseptabel.}
      - {id: middels, navn: Middels, til: 4}
      - {id: høy, navn: Høy, til: 9, beskrivelse: Tiltak er nødvendig.}
    aksept: {lav: medarbeider, middels: enhetsleder, høy: kommunalområdedirektør}
"""


def test_methods_prints_each_level_with_its_description(repo: Path) -> None:
    (repo / "ikros.yaml").write_text(OWN_METHOD, encoding="utf-8")
    result = invoke("methods", "drift-3x3")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "Drift (3 × 3) (drift-3x3)",
        "Tre nivåer for driftsavbrudd i tekniske anlegg.",
        "",
        "Risikomatrise (sannsynlighet × konsekvens)",
        "┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃ Sannsynlighet ┃     K1      ┃     K2      ┃     K3      ┃",
        "┡━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━┩",
        "│ 3 Ofte        │  3 middels  │    6 høy    │    9 høy    │",
        "├───────────────┼─────────────┼─────────────┼─────────────┤",
        "│ 2 Av og til   │    2 lav    │  4 middels  │    6 høy    │",
        "├───────────────┼─────────────┼─────────────┼─────────────┤",
        "│ 1 Sjelden     │    1 lav    │    2 lav    │  3 middels  │",
        "└───────────────┴─────────────┴─────────────┴─────────────┘",
        "",
        "Soner og aksept",
        "┏━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓",
        "┃ Sone      ┃ Navn    ┃ Til (S × K) ┃ Aksepteres av          ┃ Beskrivelse     ┃",
        "┡━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩",
        "│  lav      │ Lav     │ 2           │ medarbeider            │ Akseptabel.     │",
        "│  middels  │ Middels │ 4           │ enhetsleder            │                 │",
        "│  høy      │ Høy     │ 9           │ kommunalområdedirektør │ Tiltak er       │",
        "│           │         │             │                        │ nødvendig.      │",
        "└───────────┴─────────┴─────────────┴────────────────────────┴─────────────────┘",
        "",
        "Sannsynlighet",
        "┏━━━━━━┳━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━┓",
        "┃ Nivå ┃ Kode ┃ Navn      ┃ Beskrivelse                   ┃ Per år ┃",
        "┡━━━━━━╇━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━┩",
        "│    1 │ A    │ Sjelden   │ Sjeldnere enn hvert tiende år │   0,05 │",
        "│    2 │ B    │ Av og til │ Hvert år eller to             │    0,5 │",
        "│    3 │ C    │ Ofte      │ Flere ganger i året           │      4 │",
        "└──────┴──────┴───────────┴───────────────────────────────┴────────┘",
        "",
        "Konsekvens: Driftsavbrudd (drift)",
        "Hvor lenge innbyggerne er uten tjenesten.",
        "┏━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓",
        "┃ Nivå ┃ Navn      ┃ Beskrivelse                           ┃",
        "┡━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩",
        "│    1 │ Kort      │ Under en time                         │",
        "│    2 │ Merkbart  │ Inntil ett døgn                       │",
        "│    3 │ Langvarig │ Mer enn ett døgn for mange innbyggere │",
        "└──────┴───────────┴───────────────────────────────────────┘",
    ]
