"""Messages that teach: the exact words `ikros validate` gives for the
mistakes a unit leader makes first (the cases in tests/cases/ hold their
positions and codes)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ikros.engine.repository import Settings, run
from ikros.suggest import did_you_mean, iso_date, suggest
from tests.test_cases import CASE_DIRS, CASES, TODAY, materialise

ALLOWED_TOP = (
    "Tillatte nøkler her: ikros, id, tittel, type, omfang_type, enhet, metode, status, "
    "klassifisering, unntak_hjemmel, eier, deltakere, dato, neste_revisjon, formål, omfang, "
    "forutsetninger, kommunebeskrivelse, sårbarhet, vedlegg, personvernkonsekvenser, hendelser, "
    "godkjenning, informert, behandling."
)
DIMENSIONS_5X5 = (
    "Dimensjonene i `enhet-5x5` er liv_og_helse, tjenesteleveranse, "
    "personvern_og_informasjonssikkerhet, økonomi og omdømme. Gi et nivå for hver dimensjon som "
    "er vurdert (minst én), for eksempel `konsekvens: {liv_og_helse: 3, tjenesteleveranse: 2}`."
)
DPIA = " Vurderingen av personvernkonsekvenser (DPIA, personvernforordningen art. 35) samles der."
RING = (
    "`å` er her skrevet som to tegn, `a` og en ring over (U+030A), slik tekst fra macOS ofte "
    "blir lagret; ikros leser det ikke som `å`."
)
DATE_HINT = (
    "Datoer skrives år-måned-dag med bindestrek, for eksempel `2026-12-01` for 1. desember 2026."
)


def messages(case: str, tmp_path: Path) -> dict[str, tuple[str, str | None]]:
    """`path:line:column` → (message, hint) for every finding of a case."""
    repo = materialise(CASES / case, tmp_path)
    result = run(Settings(paths=(), cwd=repo, use_cache=False, today=TODAY))
    return {f"{d.path}:{d.line}:{d.column}": (d.message, d.hint) for d in result.diagnostics}


def test_nynorsk_keys(tmp_path: Path) -> None:
    got = messages("nynorsk-keys", tmp_path)
    assert got["ros/a.yaml:8:1"] == (
        "Nøkkelen `eining` er nynorsk; nøklene skrives på bokmål. Mente du `enhet`?",
        ALLOWED_TOP,
    )
    assert got["ros/b.yaml:19:5"][0] == (
        "Nøkkelen `sannsyn` i hendelse H1 er nynorsk; nøklene skrives på bokmål. "
        "Mente du `sannsynlighet`?"
    )
    assert got["ros/b.yaml:28:9"] == (
        "Nøkkelen `verknad` i tiltak T1 er nynorsk; nøklene skrives på bokmål. "
        "Mente du `virkning`?",
        "Tillatte nøkler her: id, beskrivelse, ansvarlig, frist, status, virkning, prioritet.",
    )
    # `eining` is the missing `enhet`: one finding says so, not two
    assert not any("Mangler" in message for message, _ in got.values())


def test_nynorsk_values_and_roles(tmp_path: Path) -> None:
    got = messages("nynorsk-values", tmp_path)
    assert got["ros/a.yaml:27:39"] == (
        "Verdien `einingsleiar` for `rolle` i hendelse H1 er nynorsk; verdiene skrives på "
        "bokmål. Mente du `enhetsleder`?",
        "Tillatte verdier: medarbeider, enhetsleder, kommunalområdedirektør, kommunedirektør, "
        "formannskap, kommunestyre.",
    )
    assert got["ros/a.yaml:18:35"] == (
        "Konsekvensdimensjonen `tenesteleveranse` finnes ikke i metoden `enhet-5x5`. "
        "`tenesteleveranse` er nynorsk; nøklene skrives på bokmål. Mente du `tjenesteleveranse`?",
        DIMENSIONS_5X5,
    )
    assert got["ros/a.yaml:9:17"][0] == (
        "Verdien `open` for `klassifisering` er nynorsk; verdiene skrives på bokmål. "
        "Mente du `åpen`?"
    )


def test_a_dimension_named_by_part_of_its_id(tmp_path: Path) -> None:
    got = messages("dimension-part-of-name", tmp_path)
    assert got["ros/a.yaml:17:18"] == (
        "Konsekvensdimensjonen `helse` finnes ikke i metoden `enhet-5x5`. Mente du `liv_og_helse`?",
        DIMENSIONS_5X5,
    )


def test_a_level_outside_the_scale_lists_the_scale(tmp_path: Path) -> None:
    got = messages("level-outside-scale", tmp_path)
    assert list(got.values()) == [
        (
            "Sannsynlighet 6 er utenfor skalaen til `enhet-5x5`: 1 Svært lite sannsynlig, "
            "2 Lite sannsynlig, 3 Mulig, 4 Sannsynlig, 5 Svært sannsynlig.",
            "Velg et nivå fra 1 til 5; `ikros methods enhet-5x5` viser hva hvert nivå betyr.",
        )
    ]


def test_a_consequence_outside_the_scale_lists_the_scale_of_its_dimension(
    tmp_path: Path,
) -> None:
    got = messages("level-outside-method-scale", tmp_path)
    assert list(got.values()) == [
        (
            "Konsekvens 4 for `liv_og_helse` er utenfor skalaen til `arbeidsmiljø-3x3`: "
            "1 Lav, 2 Middels, 3 Høy.",
            "Velg et nivå fra 1 til 3; `ikros methods arbeidsmiljø-3x3` viser hva hvert nivå "
            "betyr.",
        )
    ]


def test_a_level_that_is_not_a_number_gets_the_scale_as_hint(tmp_path: Path) -> None:
    got = messages("bad-type-text-for-level", tmp_path)
    (message, hint), *_ = got.values()
    assert message == "`sannsynlighet` i hendelse H1 skal være et heltall, men er teksten `høy`."
    assert hint == (
        "Skalaen til `enhet-5x5`: 1 Svært lite sannsynlig, 2 Lite sannsynlig, 3 Mulig, "
        "4 Sannsynlig, 5 Svært sannsynlig. Skriv nivået som et tall, for eksempel "
        "`sannsynlighet: 2`."
    )


def test_konsekvens_that_is_not_a_group_gets_the_dimensions(tmp_path: Path) -> None:
    got = messages("empty-konsekvens", tmp_path)
    assert [hint for _, hint in got.values()] == [DIMENSIONS_5X5]


def test_combining_characters(tmp_path: Path) -> None:
    got = messages("combining-characters-in-key", tmp_path)
    assert got["ros/a.yaml:20:5"] == (
        f"Ukjent nøkkel `a\u030arsaker` i hendelse H1: {RING} "
        "Mente du `årsaker`, med `å` som ett tegn?",
        "Tillatte nøkler her: id, tittel, beskrivelse, gruppe, årsaker, eksisterende_tiltak, "
        "sannsynlighet, konsekvens, begrunnelse, usikkerhet, varighet, følgehendelser, "
        "tidligere_hendelser, tiltak, restrisiko, aksept.",
    )
    assert got["ros/a.yaml:8:17"][0] == (
        f"Ugyldig verdi `a\u030apen` for `klassifisering`: {RING} "
        "Mente du `åpen`, med `å` som ett tegn?"
    )


def test_dpia_keys_at_the_top_level(tmp_path: Path) -> None:
    got = messages("dpia-keys-at-top-level", tmp_path)
    assert got["ros/a.yaml:24:1"] == (
        "Nøkkelen `forhåndsdrøfting` skal stå under `personvernkonsekvenser:`, ikke her." + DPIA,
        "Flytt linjen inn under `personvernkonsekvenser:`, rykket inn to mellomrom mer.",
    )
    assert got["ros/a.yaml:16:3"] == (
        "`behandling` skal her være en liste, men er en gruppe med nøkler. En gruppe "
        "`behandling:` med nøkler hører hjemme under `personvernkonsekvenser:`." + DPIA,
        "Flytt linjen inn under `personvernkonsekvenser:`, rykket inn to mellomrom mer.",
    )
    assert got["ros/a.yaml:25:1"] == (
        "Nøkkelen `registrerte` skal stå under `behandling:` i `personvernkonsekvenser:`, "
        "ikke her." + DPIA,
        "Flytt linjen inn under `behandling:`, rykket inn to mellomrom mer.",
    )


def test_dates_written_day_first(tmp_path: Path) -> None:
    got = messages("date-day-first-suggests-iso", tmp_path)
    assert got["ros/a.yaml:11:7"] == (
        "`dato`: forventet en dato på formen ÅÅÅÅ-MM-DD; fant teksten `01.12.2026`. "
        "Mente du `2026-12-01`?",
        DATE_HINT,
    )
    assert got["ros/a.yaml:26:16"][0] == (
        "`frist` i tiltak T1: forventet en dato på formen ÅÅÅÅ-MM-DD; fant teksten `2027-1-5`. "
        "Mente du `2027-01-05`?"
    )


def test_an_id_is_masculine(tmp_path: Path) -> None:
    got = messages("org-invalid-id", tmp_path)
    assert all("en gyldig id" in m for m, _ in got.values() if "gyldig id" in m), got
    assert any("er ikke en gyldig id" in m for m, _ in got.values())


def test_empty_and_odd_values_are_said_in_words(tmp_path: Path) -> None:
    """Never Python's `None`, `True` or `['lav']`, never «fant tom», and an
    empty id is empty, not «with a space»."""
    got = messages("empty-or-odd-values", tmp_path)
    assert got == {
        "ros/a.yaml:2:5": ("`id` kan ikke være tom.", None),
        "ros/a.yaml:7:8": (
            "`status` står uten verdi.",
            "Tillatte verdier: utkast, til_godkjenning, godkjent, arkivert.",
        ),
        "ros/a.yaml:8:17": (
            "`klassifisering` skal være en av de tillatte verdiene, men er `true`.",
            "Tillatte verdier: åpen, intern, fortrolig, strengt_fortrolig.",
        ),
        "ros/a.yaml:10:6": (
            "`dato` står uten verdi.",
            "Skriv en dato (ÅÅÅÅ-MM-DD) etter `dato:`.",
        ),
        "ros/a.yaml:17:35": (
            "Nøkkelen `2026-01-01` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
        ),
        "ros/a.yaml:19:17": (
            "`usikkerhet` i hendelse H1 skal være en av de tillatte verdiene, men er en liste.",
            "Tillatte verdier: lav, middels, høy.",
        ),
        "ros/a.yaml:20:9": (
            "`id` i hendelse nr. 2 skal være tekst, men er `true`.",
            "Sett verdien i anførselstegn hvis den skal leses som tekst.",
        ),
        "ros/a.yaml:26:5": (
            "Nøkkelen `null` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
        ),
        "ros/a.yaml:27:5": (
            "Nøkkelen `2026-01-01` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
        ),
    }


def test_a_header_that_is_not_text(tmp_path: Path) -> None:
    """The document's kind written as a list, a truth value or nothing:
    said in words, never as Python writes it (`['ros/1']`, `True`, `None`)."""
    kinds = "Kjente typer: konfig/1, organisasjon/1, ros/1, internkontroll/1."
    assert messages("header-not-text", tmp_path) == {
        "ros/a.yaml:1:8": (
            "Dokumenttypen etter `ikros:` skal være tekst, men er en liste. Mente du `ros/1`?",
            kinds,
        ),
        "ros/b.yaml:1:7": ("Dokumenttypen etter `ikros:` mangler.", kinds),
        "ros/c.yaml:1:8": ("Dokumenttypen etter `ikros:` skal være tekst, men er `true`.", kinds),
        "ros/d.yaml:1:8": (
            "Dokumenttypen etter `ikros:` skal være tekst, men er en gruppe med nøkler.",
            kinds,
        ),
    }


def test_a_value_is_shown_as_written(tmp_path: Path) -> None:
    """`Lia barnehage`, not `lia barnehage`: the message quotes the user."""
    repo = materialise(CASES / "empty-or-odd-values", tmp_path)
    path = repo / "ros" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("enhet: lia-barnehage", "enhet: Lia barnehage"),
        encoding="utf-8",
    )
    result = run(Settings(paths=(), cwd=repo, use_cache=False, today=TODAY))
    assert next(d.message for d in result.diagnostics if d.line == 6) == (
        "Teksten `Lia barnehage` er ikke en gyldig id for `enhet`: bruk små bokstaver a–z, "
        "sifre og bindestrek (uten æ, ø, å og mellomrom)."
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("01.12.2026", "2026-12-01"),
        ("1.12.2026", "2026-12-01"),
        ("1/2/2027", "2027-02-01"),
        ("30-06-2027", "2027-06-30"),
        ("2026.12.01", "2026-12-01"),
        (" 2026-2-3 ", "2026-02-03"),
        (dt.datetime(2026, 3, 1, 10, 0), "2026-03-01"),
        ("31.02.2026", None),  # not in the calendar: no guess
        ("2026-12-01", None),  # already right
        ("12.2026", None),
        ("neste år", None),
        (20261201, None),
    ],
)
def test_iso_date(written: object, meant: str | None) -> None:
    assert iso_date(written) == meant


def test_a_word_held_by_one_candidate() -> None:
    dims = ["liv_og_helse", "tjenesteleveranse", "personvern_og_informasjonssikkerhet"]
    assert suggest("helse", dims) == "liv_og_helse"
    assert suggest("Helse", dims) == "liv_og_helse"
    assert suggest("personvern", dims) == "personvern_og_informasjonssikkerhet"
    assert suggest("beskrivelse_av_hendelsen", ["beskrivelse", "tittel"]) == "beskrivelse"
    assert suggest("liv", dims) is None  # too short to say
    assert suggest("og", dims) is None
    assert suggest("tiltak_status", ["tiltak", "status"]) is None  # two: no guess


def test_the_plain_suggestion_is_unchanged() -> None:
    assert did_you_mean("arsaker", ["årsaker", "tiltak"]) == " Mente du `årsaker`?"
    assert did_you_mean("xyz", ["årsaker", "tiltak"]) == ""


# Words of programmers that a unit leader should not need (issue 7).
PROGRAMMER_WORDS = re.compile(
    r"\b(?:mapping\w*|repo|repoet|repoer|node|noder|nodes?|tagg\w*|tag|alias\w*|ankere?t?|"
    r"scalar|skalar|token|stream|pars\w*|commit|streng|dict|boolean|null-verdi|exception)\b",
    re.I,
)


def test_no_case_gives_a_programmer_word(tmp_path: Path) -> None:
    """Every message and hint of every case in tests/cases/."""
    seen = 0
    for case in CASE_DIRS:
        repo = materialise(case, tmp_path / "runs")
        result = run(Settings(paths=(), cwd=repo, use_cache=False, today=TODAY))
        for d in result.diagnostics:
            for text in (d.message, d.hint or ""):
                # a word inside backticks is the user's own text or a key
                assert not PROGRAMMER_WORDS.search(re.sub(r"`[^`]*`", "", text)), (case.name, text)
                seen += 1
    assert seen > 200


def test_zones_written_in_nynorsk_in_a_method() -> None:
    from ikros.model.konfig import Metode
    from ikros.risk.methods import method_findings

    levels = [{"nivå": i, "navn": f"N{i}"} for i in (1, 2)]
    method = Metode.model_validate(
        {
            "id": "eigen",
            "navn": "Eigen",
            "sannsynlighet": levels,
            "konsekvens": [{"id": "liv_og_helse", "navn": "Liv og helse", "nivåer": levels}],
            "soner": [{"id": "grønn", "navn": "Lav"}, {"id": "rød", "navn": "Høy"}],
            "rutenett": [["grønn", "raud"], ["grønn", "grønn"]],
            "aksept": {"grøn": "enhetsleder", "rød": "kommunedirektør", "grønn": "enhetsleder"},
        }
    )
    messages = [f.message for f in method_findings(method, ("metoder", 0))]
    assert messages == [
        "`rutenett` nevner sonen `raud`, som ikke står under `soner`. `raud` er nynorsk; "
        "verdiene skrives på bokmål. Mente du `rød`?",
        "`aksept` nevner sonen `grøn`, som metoden ikke har. `grøn` er nynorsk; nøklene skrives "
        "på bokmål. Mente du `grønn`?",
    ]


def test_accept_names_a_nynorsk_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--rolle einingsleiar` on the command line gets the same «Mente du»."""
    from typer.testing import CliRunner

    from ikros.cli import app

    repo = materialise(CASES / "ok-minimal", tmp_path)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        app,
        ["accept", "ros/minimal.yaml", "H1", "--av", "Ola", "--rolle", "einingsleiar"]
        + ["--begrunnelse", "Vurdert."],
        env={"COLUMNS": "300", "NO_COLOR": "1"},
    )
    assert result.exit_code == 2
    assert (
        "`einingsleiar` er nynorsk; rollene skrives på bokmål. Mente du `enhetsleder`?"
        in " ".join(result.output.split())
    )
