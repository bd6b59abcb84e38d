"""`ikros show` as data: the whole summary of one analysis, and the state
of an acceptance, case by case."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from ikros.checks.context import context_for
from ikros.model.ros import Ros
from ikros.risk.compute import assess
from ikros.risk.fingerprint import fingerprint
from ikros.risk.summary import acceptance_state, summarize

M = context_for(None).matrices["enhet-5x5"]
TODAY = dt.date(2026, 11, 27)

ROS = {
    "ikros": "ros/1",
    "id": "ROS-1",
    "tittel": "Kjøkkenet",
    "type": "generell",
    "omfang_type": "tjenestespesifikk",
    "enhet": "lia-barnehage",
    "status": "utkast",
    "klassifisering": "intern",
    "eier": {"navn": "Ola", "rolle": "enhetsleder"},
    "dato": "2025-11-27",
    "formål": "F",
    "omfang": "O",
    "hendelser": [
        {
            "id": "H1",
            "tittel": "Brann",
            "sannsynlighet": 4,
            "konsekvens": {"liv_og_helse": 5, "omdømme": 2},
            "begrunnelse": "B",
            "usikkerhet": "høy",
            "tiltak": [
                {"id": "T2", "beskrivelse": "Uten frist", "status": "planlagt"},
                {
                    "id": "T1",
                    "beskrivelse": "Alarm",
                    "status": "pågår",
                    "ansvarlig": {"navn": "Kari", "rolle": "vaktmester"},
                    "frist": "2026-11-26",
                },
                {
                    "id": "T0",
                    "beskrivelse": "Ferdig",
                    "status": "gjennomført",
                    "frist": "2026-01-01",
                },
                {"id": "T3", "beskrivelse": "Senere", "status": "planlagt", "frist": "2026-11-27"},
            ],
            "restrisiko": {"sannsynlighet": 2, "konsekvens": {"liv_og_helse": 3}},
        },
        {
            "id": "H3",
            "tittel": "Utenfor",
            "sannsynlighet": 9,
            "konsekvens": {"omdømme": 2},
            "begrunnelse": "B",
        },
        {
            "id": "H2",
            "tittel": "Glemt passord",
            "sannsynlighet": 2,
            "konsekvens": {"omdømme": 2},
            "begrunnelse": "B",
        },
    ],
}


def test_the_whole_summary() -> None:
    data = summarize(Ros.model_validate(ROS), M, TODAY)
    assert data == {
        "id": "ROS-1",
        "tittel": "Kjøkkenet",
        "type": "generell",
        "omfang_type": "tjenestespesifikk",
        "enhet": "lia-barnehage",
        "status": "utkast",
        "klassifisering": "intern",
        "eier": "Ola (enhetsleder)",
        "dato": "2025-11-27",
        "neste_revisjon": "2026-11-27",
        "revisjon_forfalt": False,
        "metode": {
            "id": "enhet-5x5",
            "navn": M.name,
            "sannsynlighet": 5,
            "konsekvens": 5,
            "soner": [
                {"id": "grønn", "navn": M.zones[0].name, "aksept": "enhetsleder"},
                {"id": "gul", "navn": M.zones[1].name, "aksept": "enhetsleder"},
                {"id": "rød", "navn": M.zones[2].name, "aksept": "kommunalområdedirektør"},
            ],
        },
        "hendelser": [
            {
                "id": "H1",
                "tittel": "Brann",
                "iboende": {"sannsynlighet": 4, "konsekvens": 5, "risiko": 20, "sone": "rød"},
                "nåværende": {"sannsynlighet": 4, "konsekvens": 5, "risiko": 20, "sone": "rød"},
                "rest": {"sannsynlighet": 2, "konsekvens": 3, "risiko": 6, "sone": "gul"},
                "aksept_kreves_av": None,
                "aksept": "ikke_nødvendig",
                "usikkerhet": "høy",
            },
            {"id": "H3", "tittel": "Utenfor", "feil": "nivå utenfor skala"},
            {
                "id": "H2",
                "tittel": "Glemt passord",
                "iboende": {"sannsynlighet": 2, "konsekvens": 2, "risiko": 4, "sone": "grønn"},
                "nåværende": {"sannsynlighet": 2, "konsekvens": 2, "risiko": 4, "sone": "grønn"},
                "rest": {"sannsynlighet": 2, "konsekvens": 2, "risiko": 4, "sone": "grønn"},
                "aksept_kreves_av": None,
                "aksept": "ikke_nødvendig",
                "usikkerhet": None,
            },
        ],
        "åpne_tiltak": [
            {
                "id": "T1",
                "hendelse": "H1",
                "beskrivelse": "Alarm",
                "ansvarlig": "Kari (vaktmester)",
                "frist": "2026-11-26",
                "status": "pågår",
                "forfalt": True,
            },
            {
                "id": "T3",
                "hendelse": "H1",
                "beskrivelse": "Senere",
                "ansvarlig": None,
                "frist": "2026-11-27",
                "status": "planlagt",
                "forfalt": False,
            },
            {
                "id": "T2",
                "hendelse": "H1",
                "beskrivelse": "Uten frist",
                "ansvarlig": None,
                "frist": None,
                "status": "planlagt",
                "forfalt": False,
            },
        ],
        "matrise": {
            "før": [
                {"sannsynlighet": 2, "konsekvens": 2, "hendelser": ["H2"]},
                {"sannsynlighet": 4, "konsekvens": 5, "hendelser": ["H1"]},
            ],
            "etter": [
                {"sannsynlighet": 2, "konsekvens": 2, "hendelser": ["H2"]},
                {"sannsynlighet": 2, "konsekvens": 3, "hendelser": ["H1"]},
            ],
        },
    }


def test_the_review_falls_due_the_day_after_and_follows_the_interval() -> None:
    ros = Ros.model_validate(ROS)
    assert summarize(ros, M, TODAY + dt.timedelta(days=1))["revisjon_forfalt"] is True
    assert summarize(ros, M, TODAY, review_months=24)["neste_revisjon"] == "2027-11-27"
    written = Ros.model_validate({**ROS, "neste_revisjon": "2026-06-30"})
    assert summarize(written, M, TODAY)["neste_revisjon"] == "2026-06-30"
    late = Ros.model_validate({**ROS, "dato": "9999-06-01"})
    assert summarize(late, M, TODAY)["neste_revisjon"] is None
    assert summarize(late, M, TODAY)["revisjon_forfalt"] is False


def test_cells_gather_hendelser_in_order() -> None:
    data = copy.deepcopy(ROS)
    data["hendelser"][1] = {**data["hendelser"][2], "id": "H3"}
    cells = summarize(Ros.model_validate(data), M, TODAY)["matrise"]["før"]
    assert cells[0] == {"sannsynlighet": 2, "konsekvens": 2, "hendelser": ["H3", "H2"]}


RED = {
    "id": "H1",
    "tittel": "T",
    "sannsynlighet": 5,
    "konsekvens": {"liv_og_helse": 5},
    "begrunnelse": "B",
}


def state(aksept: dict | None, today: dt.date = TODAY, hendelse: dict = RED) -> str:
    from ikros.model.ros import Hendelse

    h = Hendelse.model_validate(hendelse)
    if aksept is not None:
        aksept = {"fingeravtrykk": fingerprint(h), **aksept}
        h = Hendelse.model_validate({**hendelse, "aksept": aksept})
    return acceptance_state(h, assess(M, h), today)


@pytest.mark.parametrize(
    ("aksept", "today", "want"),
    [
        (None, TODAY, "mangler"),
        ({"av": {"rolle": "enhetsleder"}, "dato": "2026-01-01"}, TODAY, "for_lav_rolle"),
        ({"av": {"rolle": "kommunalområdedirektør"}, "dato": "2026-01-01"}, TODAY, "akseptert"),
        ({"av": {"rolle": "kommunedirektør"}, "dato": "2026-01-01"}, TODAY, "akseptert"),
        (
            {"av": {"rolle": "kommunedirektør"}, "dato": "2026-01-01", "fingeravtrykk": None},
            TODAY,
            "uten_fingeravtrykk",
        ),
        (
            {"av": {"rolle": "kommunedirektør"}, "dato": "2026-01-01", "fingeravtrykk": "gammel"},
            TODAY,
            "utdatert",
        ),
        (
            {"av": {"rolle": "kommunedirektør"}, "dato": "2026-01-01", "gjelder_til": "2026-11-27"},
            TODAY,
            "akseptert",
        ),
        (
            {"av": {"rolle": "kommunedirektør"}, "dato": "2026-01-01", "gjelder_til": "2026-11-27"},
            TODAY + dt.timedelta(days=1),
            "utløpt",
        ),
    ],
)
def test_acceptance_states(aksept, today, want) -> None:
    assert state(aksept, today) == want


def test_acceptance_states_where_none_is_needed() -> None:
    green = {**RED, "sannsynlighet": 1, "konsekvens": {"omdømme": 1}}
    assert state(None, hendelse=green) == "ikke_nødvendig"
    low = {"av": {"rolle": "medarbeider"}, "dato": "2026-01-01"}
    assert state(low, hendelse=green) == "akseptert"


def test_the_matrix_is_as_wide_as_the_largest_scale() -> None:
    from ikros.model.konfig import Metode
    from ikros.risk.methods import build_matrix
    from tests.test_methods import METHOD

    m = build_matrix(Metode.model_validate(METHOD))  # dimensions of 5 and 3 levels
    data = copy.deepcopy(ROS)
    data["hendelser"] = [{**data["hendelser"][2], "sannsynlighet": 1, "konsekvens": {"b": 3}}]
    assert summarize(Ros.model_validate(data), m, TODAY)["metode"]["konsekvens"] == 5
