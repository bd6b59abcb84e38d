"""The checks called directly, at the edges the case folders do not reach."""

from __future__ import annotations

import copy

import pytest

from ikros.checks import common, ros
from ikros.checks.context import context_for
from ikros.model.konfig import Konfig
from ikros.model.ros import Ros

CTX = context_for(
    Konfig.model_validate(
        {
            "ikros": "konfig/1",
            "kommune": "K",
            "informeres": {"alle": ["nærmeste leder"], "personvern": ["Personvernombud"]},
        }
    )
)

ROS = {
    "ikros": "ros/1",
    "id": "ROS-1",
    "tittel": "T",
    "type": "generell",
    "omfang_type": "tjenestespesifikk",
    "enhet": "e",
    "status": "utkast",
    "klassifisering": "intern",
    "eier": {"rolle": "enhetsleder"},
    "dato": "2026-03-01",
    "formål": "F",
    "omfang": "O",
    "hendelser": [
        {
            "id": "H1",
            "tittel": "Brann",
            "sannsynlighet": 2,
            "konsekvens": {"liv_og_helse": 2},
            "begrunnelse": "B",
            "usikkerhet": "lav",
        }
    ],
}


def verdict(findings) -> list[tuple]:
    return sorted((f.loc, f.code, f.severity.value) for f in findings)


def check(**changes) -> list[tuple]:
    data = copy.deepcopy(ROS)
    data.update(changes)
    return verdict(ros.check(Ros.model_validate(data), CTX))


def test_a_clean_analysis() -> None:
    assert check() == []


@pytest.mark.parametrize(
    ("approved", "found"),
    [
        ("2026-02-28", [(("godkjenning", "dato"), "dato-rekkefølge", "advarsel")]),
        ("2026-03-01", []),
        ("2026-03-02", []),
    ],
)
def test_approval_before_the_analysis_is_a_warning(approved: str, found: list) -> None:
    godkjenning = {"godkjent_av": {"rolle": "enhetsleder"}, "dato": approved}
    informert = [{"rolle": "Nærmeste leder", "dato": "2026-03-01"}]
    assert check(status="godkjent", godkjenning=godkjenning, informert=informert) == found


@pytest.mark.parametrize(
    ("status", "informert", "found"),
    [
        ("utkast", [], []),
        ("arkivert", [], []),
        ("til_godkjenning", [], [(("status",), "mangler-informert", "advarsel")]),
        ("til_godkjenning", [{"rolle": "NÆRMESTE LEDER", "dato": "2026-03-01"}], []),
        (
            "til_godkjenning",
            [{"rolle": "verneombud", "dato": "2026-03-01"}],
            [(("informert", 0), "mangler-informert", "advarsel")],
        ),
    ],
)
def test_who_must_be_informed(status: str, informert: list, found: list) -> None:
    assert check(status=status, informert=informert) == found


def test_a_personvern_analysis_needs_its_own_roles_informed() -> None:
    from pathlib import Path

    from ikros.load import yamlio

    (path,) = (Path(__file__).parent / "cases" / "ok-dpia" / "ros").glob("*.yaml")
    data = yamlio.read(path.read_bytes(), path.name).data
    data["status"] = "til_godkjenning"
    data["informert"] = [{"rolle": "nærmeste leder", "dato": "2026-03-01"}]
    found = verdict(ros.check(Ros.model_validate(data), CTX))
    assert (("informert", 0), "mangler-informert", "advarsel") in found
    data["informert"].append({"rolle": "personvernombud", "dato": "2026-03-01"})
    found = verdict(ros.check(Ros.model_validate(data), CTX))
    assert not [f for f in found if f[1] == "mangler-informert"]


def test_informeres_merges_alle_and_the_type_without_duplicates() -> None:
    ctx = context_for(
        Konfig.model_validate(
            {
                "ikros": "konfig/1",
                "kommune": "K",
                "informeres": {"alle": ["a", "b"], "personvern": ["b", "c"]},
            }
        )
    )
    assert ctx.informeres("personvern") == ["a", "b", "c"]
    assert ctx.informeres("generell") == ["a", "b"]
    assert context_for(None).informeres("generell") == []
    assert context_for(None).default_method == "enhet-5x5"
    assert context_for(None).review_months == 12


def test_date_order_is_strict() -> None:
    from datetime import date

    assert (
        common.date_order(date(2026, 1, 2), date(2026, 1, 1), ("x",), "m")[0].code
        == "dato-rekkefølge"
    )
    assert (
        common.date_order(date(2026, 1, 1), date(2026, 1, 1), ("x",), "m")[0].code
        == "dato-rekkefølge"
    )
    assert common.date_order(date(2026, 1, 1), date(2026, 1, 2), ("x",), "m") == []
    assert common.date_order(None, date(2026, 1, 2), ("x",), "m") == []
    assert common.date_order(date(2026, 1, 1), None, ("x",), "m") == []
