"""A kommune's own risk methods: every reason a method cannot be used,
located, and the matrix a usable one gives."""

from __future__ import annotations

import copy

from ikros.model.konfig import Metode
from ikros.risk.methods import build_matrix, method_findings
from ikros.roles import Rolle


def levels(n: int) -> list[dict]:
    return [{"nivå": i, "navn": f"N{i}"} for i in range(1, n + 1)]


METHOD = {
    "id": "egen",
    "navn": "Egen",
    "sannsynlighet": levels(3),
    "konsekvens": [
        {"id": "a", "navn": "A", "nivåer": levels(5)},
        {"id": "b", "navn": "B", "nivåer": levels(3)},
    ],
    "soner": [
        {"id": "lav", "navn": "Lav", "til": 4},
        {"id": "middels", "navn": "Middels", "til": 9},
        {"id": "høy", "navn": "Høy", "til": 15},
    ],
    "aksept": {"lav": "medarbeider", "middels": "enhetsleder", "høy": "kommunedirektør"},
}
GRID = {
    **copy.deepcopy(METHOD),
    "konsekvens": [
        {"id": "a", "navn": "A", "nivåer": levels(3)},
        {"id": "b", "navn": "B", "nivåer": levels(3)},
    ],
    "soner": [
        {"id": "lav", "navn": "Lav"},
        {"id": "middels", "navn": "M"},
        {"id": "høy", "navn": "H"},
    ],
    "rutenett": [["middels", "høy", "høy"], ["lav", "middels", "høy"], ["lav", "lav", "middels"]],
}


def findings(data: dict, **changes) -> list[tuple]:
    method = Metode.model_validate({**copy.deepcopy(data), **changes})
    return [(f.loc, f.code, f.at_key) for f in method_findings(method, ("metoder", 0))]


def test_usable_methods() -> None:
    assert findings(METHOD) == []
    assert findings(GRID) == []


def test_zones_must_reach_the_highest_score_of_the_largest_scale() -> None:
    """3 likelihood levels × 5 consequence levels (the larger dimension): 15."""
    soner = copy.deepcopy(METHOD["soner"])
    soner[2]["til"] = 14
    assert findings(METHOD, soner=soner) == [
        (("metoder", 0, "soner", 2, "til"), "ugyldig-sone", False)
    ]
    soner[2]["til"] = 16
    assert findings(METHOD, soner=soner) == []


def test_zones_must_rise() -> None:
    soner = copy.deepcopy(METHOD["soner"])
    soner[1]["til"] = 4
    assert findings(METHOD, soner=soner) == [
        (("metoder", 0, "soner", 1, "til"), "ugyldig-sone", False)
    ]
    soner[1]["til"] = 3
    assert findings(METHOD, soner=soner) == [
        (("metoder", 0, "soner", 1, "til"), "ugyldig-sone", False)
    ]
    soner[1]["til"] = 5
    assert findings(METHOD, soner=soner) == []
    soner[0]["til"] = 0
    assert findings(METHOD, soner=soner) == [
        (("metoder", 0, "soner", 0, "til"), "ugyldig-sone", False)
    ]


def test_a_zone_without_til_stops_the_zone_checks() -> None:
    soner = copy.deepcopy(METHOD["soner"])
    del soner[1]["til"]
    soner[2]["til"] = 1  # not reported: the zones cannot be read past the missing `til`
    assert findings(METHOD, soner=soner) == [(("metoder", 0, "soner", 1), "ugyldig-sone", False)]


def test_scales_without_gaps_report_the_first_gap_only() -> None:
    wrong = [{"nivå": 1, "navn": "a"}, {"nivå": 3, "navn": "b"}, {"nivå": 4, "navn": "c"}]
    assert findings(METHOD, sannsynlighet=wrong) == [
        (("metoder", 0, "sannsynlighet", 1, "nivå"), "ugyldig-skala", False)
    ]
    konsekvens = copy.deepcopy(METHOD["konsekvens"])
    konsekvens[1]["nivåer"][0]["nivå"] = 2
    assert findings(METHOD, konsekvens=konsekvens) == [
        (("metoder", 0, "konsekvens", 1, "nivåer", 0, "nivå"), "ugyldig-skala", False)
    ]


def test_duplicates_and_acceptance_per_zone() -> None:
    konsekvens = [*METHOD["konsekvens"], METHOD["konsekvens"][1]]
    assert findings(METHOD, konsekvens=konsekvens) == [
        (("metoder", 0, "konsekvens", 2, "id"), "duplikat-id", False)
    ]
    soner = [*METHOD["soner"][:2], {"id": "lav", "navn": "Igjen", "til": 15}]
    assert findings(METHOD, soner=soner) == [
        (("metoder", 0, "soner", 2, "id"), "duplikat-id", False),
        (("metoder", 0, "aksept", "høy"), "ukjent-sone", True),
    ]
    aksept = {"lav": "medarbeider", "høy": "kommunedirektør", "ekstra": "enhetsleder"}
    assert findings(METHOD, aksept=aksept) == [
        (("metoder", 0, "aksept"), "metode-mangler-aksept", False),
        (("metoder", 0, "aksept", "ekstra"), "ukjent-sone", True),
    ]


def test_grid_shape_and_zones() -> None:
    assert findings(GRID, rutenett=GRID["rutenett"][:2]) == [
        (("metoder", 0, "rutenett"), "ugyldig-rutenett", False)
    ]
    grid = copy.deepcopy(GRID["rutenett"])
    grid[1] = ["lav", "middels"]
    grid[2][0] = "ukjent"
    assert findings(GRID, rutenett=grid) == [
        (("metoder", 0, "rutenett", 1), "ugyldig-rutenett", False),
        (("metoder", 0, "rutenett", 2, 0), "ukjent-sone", False),
    ]
    assert findings(GRID, konsekvens=METHOD["konsekvens"]) == [
        (("metoder", 0, "konsekvens"), "ugyldig-rutenett", False)
    ]


def test_the_matrix_of_a_method_by_thresholds() -> None:
    m = build_matrix(Metode.model_validate(METHOD))
    assert (m.likelihood_levels, m.dimensions, m.thresholds, m.grid) == (
        3,
        {"a": 5, "b": 3},
        (4, 9, 15),
        None,
    )
    assert m.dimension_names == {"a": "A", "b": "B"}
    zones = {(s, k): m.zone_of(s, k).id for s in range(1, 4) for k in range(1, 6)}
    assert [k for k in range(1, 6) if zones[(1, k)] == "lav"] == [1, 2, 3, 4]
    assert (zones[(1, 5)], zones[(2, 4)], zones[(3, 3)], zones[(2, 5)]) == (
        "middels",
        "middels",
        "middels",
        "høy",
    )
    assert [z.rank for z in m.zones] == [0, 1, 2]
    assert m.highest_zone.id == "høy" and m.zone_by_id("middels").rank == 1
    # lav: no acceptance needed; middels: enhetsleder is not above enhetsleder;
    # høy: the highest zone always needs its role
    assert m.needed == (None, None, Rolle.KOMMUNEDIREKTØR)


def test_the_highest_zone_needs_an_acceptance_even_by_enhetsleder() -> None:
    aksept = {"lav": "medarbeider", "middels": "kommunalområdedirektør", "høy": "enhetsleder"}
    m = build_matrix(Metode.model_validate({**METHOD, "aksept": aksept}))
    assert m.needed == (None, Rolle.KOMMUNALOMRÅDEDIREKTØR, Rolle.ENHETSLEDER)


def test_the_matrix_of_a_grid() -> None:
    m = build_matrix(Metode.model_validate(GRID))
    assert m.thresholds is None
    assert [[m.zone_of(s, k).id for k in range(1, 4)] for s in (3, 2, 1)] == GRID["rutenett"]
    assert m.cells[0] == (None, None, None, None)
