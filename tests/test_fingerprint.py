"""The acceptance fingerprint: what it covers, what it ignores, and its
value, which acceptances already written into analyses depend on."""

from __future__ import annotations

import copy

import pytest

from ikros.model.ros import Hendelse
from ikros.risk.fingerprint import FIELDS, fingerprint

BASE = {
    "id": "H1",
    "tittel": "Feil tilgang",
    "beskrivelse": "Ansatte får tilgang til mer enn de trenger i fagsystemet.",
    "årsaker": ["Manuell tildeling", "Ingen årlig gjennomgang"],
    "sannsynlighet": 4,
    "konsekvens": {"personvern_og_informasjonssikkerhet": 5, "omdømme": 3},
    "begrunnelse": "Mange brukere, lite kontroll.",
    "usikkerhet": "middels",
    "tiltak": [
        {
            "id": "T1",
            "beskrivelse": "Tilgangsstyring med roller",
            "status": "planlagt",
            "ansvarlig": {"rolle": "IT-leder"},
            "frist": "2027-06-01",
        }
    ],
    "restrisiko": {
        "sannsynlighet": 2,
        "konsekvens": {"personvern_og_informasjonssikkerhet": 5},
        "begrunnelse": "Rollene begrenser tilgangen.",
    },
}


def fp(data: dict) -> str:
    return fingerprint(Hendelse.model_validate(data))


def changed(path: tuple, value) -> dict:
    data = copy.deepcopy(BASE)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def test_the_value_is_stable() -> None:
    """Acceptances written by earlier versions carry this value: a change
    in how it is computed would make every one of them stale."""
    assert fp(BASE) == "e409bec782e4cf74"
    assert len(fp(BASE)) == 16


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("beskrivelse",), "Ansatte får  tilgang til mer enn\n de trenger i fagsystemet. "),
        (("årsaker",), [" Manuell  tildeling", "Ingen årlig\tgjennomgang\n"]),
        (("tiltak", 0, "beskrivelse"), "Tilgangsstyring\nmed  roller "),
        (("tiltak", 0, "status"), "gjennomført"),  # follow-up, not assessment
        (("tiltak", 0, "virkning"), "begge"),  # the default, written out
        (("restrisiko", "begrunnelse"), "Rollene   begrenser tilgangen."),
        (("konsekvens",), {"omdømme": 3, "personvern_og_informasjonssikkerhet": 5}),
        (("tittel",), "Helt ny tittel"),
        (("begrunnelse",), "En annen begrunnelse."),
        (("usikkerhet",), "høy"),
        (("aksept",), {"av": {"rolle": "kommunedirektør"}, "dato": "2026-03-01"}),
    ],
)
def test_what_does_not_change_it(path: tuple, value) -> None:
    assert fp(changed(path, value)) == fp(BASE)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("beskrivelse",), "Ansatte får tilgang til mindre enn de trenger."),
        (("beskrivelse",), None),
        (("årsaker",), ["Manuell tildeling"]),
        (("årsaker",), ["Ingen årlig gjennomgang", "Manuell tildeling"]),
        (("sannsynlighet",), 3),
        (("konsekvens", "omdømme"), 2),
        (("konsekvens", "økonomi"), 1),
        (("tiltak", 0, "beskrivelse"), "Tilgangsstyring uten roller"),
        (("tiltak", 0, "frist"), "2027-09-01"),
        (("tiltak", 0, "ansvarlig"), {"rolle": "enhetsleder"}),
        (("tiltak", 0, "virkning"), "sannsynlighet"),
        (("tiltak",), []),
        (("restrisiko", "sannsynlighet"), 3),
        (("restrisiko", "begrunnelse"), "Rollene begrenser ikke tilgangen."),
        (("restrisiko",), None),
    ],
)
def test_what_changes_it(path: tuple, value) -> None:
    assert fp(changed(path, value)) != fp(BASE)


def test_a_second_tiltak_changes_it() -> None:
    data = copy.deepcopy(BASE)
    data["tiltak"].append({"id": "T2", "beskrivelse": "Årlig gjennomgang", "status": "planlagt"})
    assert fp(data) != fp(BASE)


def test_the_fields_are_the_assessed_content() -> None:
    assert FIELDS == (
        "beskrivelse",
        "årsaker",
        "sannsynlighet",
        "konsekvens",
        "tiltak",
        "restrisiko",
    )
