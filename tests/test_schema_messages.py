"""Schema errors in words: how a value is described, where it is, and the
message and hint of each kind of error."""

from __future__ import annotations

import datetime as dt

import pytest

from ikros.checks import schema
from ikros.checks.context import context_for
from ikros.engine.document import process
from tests.conftest import minimal_ros


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "tom"),
        (True, "`true`"),
        (False, "`false`"),
        (dt.datetime(2026, 3, 1, 10, 0), "tidspunktet `2026-03-01T10:00:00`"),
        (dt.date(2026, 3, 1), "datoen `2026-03-01`"),
        (5, "tallet `5`"),
        (2.5, "tallet `2.5`"),
        ("kort", "teksten `kort`"),
        ("x" * 40, f"teksten `{'x' * 40}`"),
        ("x" * 41, f"teksten `{'x' * 37}…`"),
        ([1], "en liste"),
        ({"a": 1}, "en mapping"),
        (b"b", "`b'b'`"),
    ],
)
def test_describe(value, words: str) -> None:
    assert schema.describe(value) == words


def test_where_names_the_item_by_id_or_number() -> None:
    data = {"hendelser": [{"id": "H1"}, {"id": "H2", "tiltak": [{"id": "T1"}, {"x": 1}]}, "x"]}
    assert schema.where(("hendelser", 1, "tittel"), data) == " i hendelse H2"
    assert schema.where(("hendelser", 1, "tiltak", 1, "status"), data) == " i tiltak nr. 2"
    assert schema.where(("hendelser", 1, "tiltak", 0), data) == " i tiltak T1"
    assert schema.where(("hendelser", 2), data) == " i hendelse nr. 3"
    assert schema.where(("hendelser", 5, "x"), data) == ""
    assert schema.where(("ukjent", 0), {"ukjent": [{"id": "A"}]}) == ""
    assert schema.where((), data) == ""


def messages(text: str) -> list[tuple]:
    result = process(text.encode(), "a.yaml", context_for(None))
    return [(d.line, d.column, d.code, d.message, d.hint) for d in result.diagnostics]


def test_the_message_of_each_kind_of_schema_error() -> None:
    ros = minimal_ros()
    cases = [
        (
            ros.replace("status: utkast", "status: ferdig"),
            "ugyldig-verdi",
            "Ugyldig verdi `ferdig` for `status`.",
            "Tillatte verdier: utkast, til_godkjenning, godkjent, arkivert.",
        ),
        (
            ros.replace("tittel: Analyse", "tittel: [a]"),
            "ugyldig-type",
            "`tittel` skal være tekst, men er en liste.",
            "Sett verdien i anførselstegn hvis den skal leses som tekst.",
        ),
        (
            ros.replace("sannsynlighet: 2", "sannsynlighet: høy"),
            "ugyldig-type",
            "`sannsynlighet` i hendelse H1 skal være et heltall, men er teksten `høy`.",
            None,
        ),
        (
            ros.replace("tittel: Analyse", "tittel:"),
            "mangler-verdi",
            "`tittel` står uten verdi.",
            "Skriv tekst etter `tittel:`.",
        ),
        (
            ros.replace("tittel: Analyse", "tittel: ''"),
            "mangler-verdi",
            "`tittel` kan ikke være tom.",
            None,
        ),
        (
            ros.replace("id: ROS-1", "id: ROS 1"),
            "ugyldig-id",
            "Teksten `ROS 1` er ikke et gyldig id for `id`: et id kan ikke inneholde mellomrom.",
            None,
        ),
        (
            ros.replace("enhet: lia-barnehage", "enhet: Lia barnehage"),
            "ugyldig-id",
            "Teksten `Lia barnehage` er ikke et gyldig id for `enhet`: bruk små bokstaver a–z, "
            "sifre og bindestrek (uten æ, ø, å og mellomrom).",
            None,
        ),
        (
            ros.replace("sannsynlighet: 2", "sannsynlighet: 0"),
            "ugyldig-verdi",
            "`sannsynlighet` i hendelse H1 må være minst 1; fant tallet `0`.",
            None,
        ),
        (
            ros.replace("dato: 2026-03-01", "dato: 2026-03-01T10:00:00"),
            "ugyldig-dato",
            "`dato`: forventet en dato uten klokkeslett (ÅÅÅÅ-MM-DD); fant tidspunktet "
            "`2026-03-01T10:00:00`.",
            None,
        ),
        (
            ros.replace("    usikkerhet: lav\n", "    usikkerhet: lav\n    tiltak:\n      -\n"),
            "mangler-verdi",
            "`tiltak nr. 1` i hendelse H1 står uten verdi.",
            "Fyll ut elementet, eller fjern den tomme `-`-linjen.",
        ),
        (
            ros.replace("formål: Test.\n", ""),
            "mangler-felt",
            "Mangler påkrevd felt `formål`.",
            None,
        ),
        (
            ros.replace("formål: Test.", "formaal: Test."),
            "ukjent-nøkkel",
            "Ukjent nøkkel `formaal`. Mente du `formål`?",
            None,
        ),
        (
            ros.replace("eier: {rolle: enhetsleder}", "eier: {}"),
            "mangler-felt",
            "`eier`: oppgi minst `navn` eller `rolle`.",
            None,
        ),
        (
            ros.replace("    konsekvens: {liv_og_helse: 2}", "    konsekvens: {}"),
            "for-få-elementer",
            "`konsekvens` i hendelse H1 må ha minst 1 oppføring.",
            None,
        ),
    ]
    for text, code, message, hint in cases:
        found = [(c, m, h) for _, _, c, m, h in messages(text) if c == code]
        assert len(found) == 1, (code, found)
        got_code, got_message, got_hint = found[0]
        assert (got_code, got_message) == (code, message)
        if hint is not None or code not in ("mangler-felt", "ukjent-nøkkel"):
            assert got_hint == hint, code
