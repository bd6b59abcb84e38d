"""Risk arithmetic: known answers on every built-in method and on a
kommune's own asymmetric grid, and properties over random methods."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikros.checks.context import context_for
from ikros.model.common import Rolle
from ikros.model.konfig import Konfig, Metode
from ikros.model.ros import Hendelse
from ikros.risk.compute import assess
from ikros.risk.methods import build_matrix, method_findings

CTX = context_for(None)


def hendelse(
    s: int, k: dict[str, int], rest: tuple[int, dict[str, int]] | None = None, tiltak=()
) -> Hendelse:
    data = {
        "id": "H1",
        "tittel": "T",
        "sannsynlighet": s,
        "konsekvens": k,
        "begrunnelse": "B",
        "tiltak": [
            {"id": f"T{i}", "beskrivelse": "x", "status": st} for i, st in enumerate(tiltak)
        ],
    }
    if rest:
        data["restrisiko"] = {"sannsynlighet": rest[0], "konsekvens": rest[1]}
    return Hendelse.model_validate(data)


def test_enhet_5x5_known_answers() -> None:
    m = CTX.matrices["enhet-5x5"]
    r = assess(
        m,
        hendelse(
            3, {"liv_og_helse": 2, "omdømme": 4}, (2, {"omdømme": 3}), ["gjennomført", "forkastet"]
        ),
    )
    assert (r.inherent.score, r.inherent.zone.id) == (12, "gul")
    assert (r.residual.score, r.residual.zone.id) == (6, "gul")
    assert r.current is r.residual and r.accept_role is None
    r = assess(m, hendelse(5, {"økonomi": 5}, (4, {"økonomi": 4}), ["pågår"]))
    assert (r.inherent.zone.id, r.residual.zone.id, r.current.zone.id) == ("rød", "rød", "rød")
    assert r.current is r.inherent
    assert r.accept_role is Rolle.KOMMUNALOMRÅDEDIREKTØR
    assert assess(m, hendelse(2, {"omdømme": 2})).inherent.zone.id == "grønn"
    assert assess(m, hendelse(1, {"omdømme": 4})).inherent.zone.id == "grønn"
    assert assess(m, hendelse(1, {"omdømme": 5})).inherent.zone.id == "gul"
    assert assess(m, hendelse(4, {"omdømme": 4})).inherent.zone.id == "rød"


def test_dsb_helhetlig_known_answers() -> None:
    m = CTX.matrices["dsb-helhetlig"]
    r = assess(
        m, hendelse(4, {"samfunnsstabilitet": 4, "styringsevne": 2}, (3, {"samfunnsstabilitet": 3}))
    )
    assert (r.inherent.zone.id, r.residual.zone.id) == ("rød", "gul")
    assert r.accept_role is Rolle.KOMMUNEDIREKTØR  # gul is accepted above enhetsleder here
    r = assess(m, hendelse(5, {"liv_og_helse": 5}))
    assert (r.residual.zone.id, r.accept_role) == ("rød", Rolle.KOMMUNESTYRE)


def test_arbeidsmiljø_3x3_known_answers() -> None:
    m = CTX.matrices["arbeidsmiljø-3x3"]
    assert [
        assess(m, hendelse(s, {"liv_og_helse": k})).inherent.zone.id
        for s, k in [(1, 1), (1, 2), (2, 2), (1, 3), (3, 2), (3, 3)]
    ] == ["grønn", "grønn", "gul", "gul", "rød", "rød"]


ASYMMETRIC = {
    "id": "teknisk-4x3",
    "navn": "Teknisk (4 × 3)",
    "sannsynlighet": [{"nivå": n, "navn": f"S{n}"} for n in range(1, 5)],
    "konsekvens": [
        {
            "id": "drift",
            "navn": "Drift",
            "nivåer": [{"nivå": n, "navn": f"K{n}"} for n in range(1, 4)],
        }
    ],
    "soner": [
        {"id": "lav", "navn": "Lav"},
        {"id": "middels", "navn": "Middels"},
        {"id": "høy", "navn": "Høy"},
    ],
    "rutenett": [  # rows from the highest likelihood; consequence counts more than likelihood
        ["middels", "høy", "høy"],
        ["lav", "middels", "høy"],
        ["lav", "middels", "høy"],
        ["lav", "lav", "middels"],
    ],
    "aksept": {"lav": "medarbeider", "middels": "kommunalområdedirektør", "høy": "kommunedirektør"},
}


def test_asymmetric_grid_known_answers() -> None:
    method = Metode.model_validate(ASYMMETRIC)
    assert method_findings(method, ()) == []
    ctx = context_for(
        Konfig.model_validate({"ikros": "konfig/1", "kommune": "K", "metoder": [ASYMMETRIC]})
    )
    m = ctx.matrices["teknisk-4x3"]
    cells = {
        (s, k): assess(m, hendelse(s, {"drift": k})).inherent.zone.id
        for s in range(1, 5)
        for k in range(1, 4)
    }
    assert cells[(4, 1)] == "middels" and cells[(1, 3)] == "middels" and cells[(2, 3)] == "høy"
    assert cells[(1, 1)] == cells[(1, 2)] == "lav"
    assert assess(m, hendelse(2, {"drift": 2})).accept_role is Rolle.KOMMUNALOMRÅDEDIREKTØR
    assert assess(m, hendelse(1, {"drift": 1})).accept_role is None
    assert assess(m, hendelse(3, {"drift": 3})).accept_role is Rolle.KOMMUNEDIREKTØR


# --- properties over random methods and analyses -------------------------


@st.composite
def methods(draw):
    s_levels = draw(st.integers(2, 6))
    k_levels = draw(st.integers(2, 6))
    top = s_levels * k_levels
    cuts = sorted(draw(st.sets(st.integers(1, top - 1), min_size=1, max_size=3)))
    zones = [*cuts, top]
    roles = [r.value for r in Rolle]
    dims = draw(
        st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True)
    )
    data = {
        "id": "m",
        "navn": "M",
        "sannsynlighet": [{"nivå": n, "navn": str(n)} for n in range(1, s_levels + 1)],
        "konsekvens": [
            {
                "id": d,
                "navn": d,
                "nivåer": [{"nivå": n, "navn": str(n)} for n in range(1, k_levels + 1)],
            }
            for d in dims
        ],
        "soner": [{"id": f"z{i}", "navn": f"z{i}", "til": t} for i, t in enumerate(zones)],
        "aksept": {f"z{i}": draw(st.sampled_from(roles)) for i in range(len(zones))},
    }
    return build_matrix(Metode.model_validate(data))


@st.composite
def analyses(draw):
    """A method and a hendelse on it. The residual is drawn over the whole
    scale and every dimension of the method, so it may lie above the
    inherent risk, leave dimensions out or name others."""
    m = draw(methods())
    dims = list(m.dimensions)
    assessed = draw(st.lists(st.sampled_from(dims), min_size=1, unique=True))
    k = {d: draw(st.integers(1, m.dimensions[d])) for d in assessed}
    s = draw(st.integers(1, m.likelihood_levels))
    rest_dims = draw(st.lists(st.sampled_from(dims), min_size=1, unique=True))
    rest = (
        draw(st.integers(1, m.likelihood_levels)),
        {d: draw(st.integers(1, m.dimensions[d])) for d in rest_dims},
    )
    statuses = draw(
        st.lists(st.sampled_from(["planlagt", "pågår", "gjennomført", "forkastet"]), max_size=4)
    )
    return m, s, k, rest, statuses


@settings(max_examples=200, deadline=None)
@given(methods(), st.data())
def test_zones_are_monotone_in_s_and_k(m, data) -> None:
    s = data.draw(st.integers(1, m.likelihood_levels - 1))
    k = data.draw(st.integers(1, max(m.dimensions.values()) - 1))
    here = m.zone_of(s, k).rank
    assert m.zone_of(s + 1, k).rank >= here
    assert m.zone_of(s, k + 1).rank >= here


def _reference(m, s: int, k: dict[str, int]):
    """The risk of a cell computed the slow way, from the zones' thresholds."""
    top = max(k.values())
    score = s * top
    zone = next(
        (z for z, limit in zip(m.zones, m.thresholds, strict=True) if score <= limit), m.zones[-1]
    )
    return top, score, zone.id


@settings(max_examples=300, deadline=None)
@given(analyses())
def test_risk_agrees_with_a_reference_computation(case) -> None:
    """Inherent from the hendelse's levels; residual from `restrisiko` with
    every dimension it leaves out at its inherent level; current is the
    residual only when no tiltak is still open (planlagt, pågår)."""
    m, s, k, rest, statuses = case
    r = assess(m, hendelse(s, k, rest, statuses))
    inherent = _reference(m, s, k)
    residual = _reference(m, rest[0], {**k, **rest[1]})
    assert (r.inherent.likelihood, r.inherent.consequence, r.inherent.score) == (s, *inherent[:2])
    assert r.inherent.zone.id == inherent[2]
    assert (r.residual.likelihood, r.residual.consequence, r.residual.score) == (
        rest[0],
        *residual[:2],
    )
    assert r.residual.zone.id == residual[2]
    # a dimension left out of restrisiko never lowers the residual below its inherent level
    left_out = [level for dim, level in k.items() if dim not in rest[1]]
    assert r.residual.consequence >= max(left_out, default=0)
    still_open = any(status in ("planlagt", "pågår") for status in statuses)
    assert r.current is (r.inherent if still_open else r.residual)
    assert r.accept_role is m.needed[r.residual.zone.rank]


@settings(max_examples=200, deadline=None)
@given(analyses(), st.randoms())
def test_result_does_not_depend_on_the_order_of_dimensions(case, rnd) -> None:
    m, s, k, rest, statuses = case
    items = list(k.items())
    rnd.shuffle(items)
    a = assess(m, hendelse(s, k, rest, statuses))
    b = assess(m, hendelse(s, dict(items), rest, statuses))
    assert (a.inherent, a.residual, a.current, a.accept_role) == (
        b.inherent,
        b.residual,
        b.current,
        b.accept_role,
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(analyses(), min_size=2, max_size=5), st.randoms())
def test_result_does_not_depend_on_the_order_of_hendelser(cases, rnd) -> None:
    import datetime as dt

    from ikros.model.ros import Ros
    from ikros.risk.summary import summarize

    m = cases[0][0]
    hendelser = []
    for i, (_, s, k, _rest, statuses) in enumerate(cases):
        # the levels were drawn for another method: clamp them into this one
        dims = list(m.dimensions)
        k = {
            dims[j % len(dims)]: min(v, m.dimensions[dims[j % len(dims)]])
            for j, v in enumerate(k.values())
        }
        s = min(s, m.likelihood_levels)
        h = hendelse(s, k, None, statuses).model_dump(mode="json", exclude_none=True)
        h["id"] = f"H{i}"
        h["tiltak"] = [{**t, "id": f"T{i}-{n}"} for n, t in enumerate(h["tiltak"])]
        hendelser.append(h)
    base = {
        "ikros": "ros/1",
        "id": "R",
        "tittel": "T",
        "type": "generell",
        "omfang_type": "tjenestespesifikk",
        "enhet": "e",
        "status": "utkast",
        "klassifisering": "intern",
        "eier": {"rolle": "enhetsleder"},
        "dato": "2026-01-01",
        "formål": "F",
        "omfang": "O",
    }
    shuffled = list(hendelser)
    rnd.shuffle(shuffled)
    today = dt.date(2026, 11, 27)
    a = summarize(Ros.model_validate({**base, "hendelser": hendelser}), m, today)
    b = summarize(Ros.model_validate({**base, "hendelser": shuffled}), m, today)
    assert sorted(a["hendelser"], key=lambda h: h["id"]) == sorted(
        b["hendelser"], key=lambda h: h["id"]
    )
    assert sorted(a["åpne_tiltak"], key=lambda t: t["id"]) == sorted(
        b["åpne_tiltak"], key=lambda t: t["id"]
    )


def test_builtin_scales_carry_their_frequencies() -> None:
    from ikros.risk.methods import builtin_methods

    for method_id in ("enhet-5x5", "dsb-helhetlig"):
        levels = builtin_methods()[method_id].sannsynlighet
        assert all(level.per_år is not None for level in levels), method_id
        assert [level.per_år for level in levels] == sorted(level.per_år for level in levels)
        assert not any("per_år" in (level.beskrivelse or "") for level in levels)


def test_a_dimension_left_out_of_restrisiko_keeps_its_inherent_level() -> None:
    m = CTX.matrices["enhet-5x5"]
    r = assess(m, hendelse(5, {"liv_og_helse": 5, "omdømme": 1}, (5, {"omdømme": 1})))
    assert (r.residual.consequence, r.residual.zone.id) == (5, "rød")
    assert r.accept_role is Rolle.KOMMUNALOMRÅDEDIREKTØR


def test_a_residual_naming_another_dimension_keeps_the_inherent_levels() -> None:
    """A red risk does not fall to yellow because `restrisiko` assesses as
    many dimensions as the inherent risk, but other ones."""
    m = CTX.matrices["enhet-5x5"]
    r = assess(m, hendelse(5, {"liv_og_helse": 5}, (5, {"omdømme": 1})))
    assert (r.residual.consequence, r.residual.score, r.residual.zone.id) == (5, 25, "rød")
    assert r.accept_role is Rolle.KOMMUNALOMRÅDEDIREKTØR
    r = assess(m, hendelse(4, {"liv_og_helse": 4, "økonomi": 1}, (4, {"omdømme": 1, "økonomi": 1})))
    assert (r.residual.consequence, r.residual.zone.id) == (4, "rød")


def test_a_residual_can_lower_a_dimension_it_names() -> None:
    m = CTX.matrices["enhet-5x5"]
    r = assess(m, hendelse(5, {"liv_og_helse": 5, "omdømme": 2}, (2, {"liv_og_helse": 2})))
    assert (r.residual.likelihood, r.residual.consequence, r.residual.score) == (2, 2, 4)
    assert (r.residual.zone.id, r.accept_role) == ("grønn", None)


def test_current_risk_follows_the_open_tiltak() -> None:
    """Current is inherent while any tiltak is planlagt or pågår, residual
    once every one is gjennomført or forkastet (and with no tiltak)."""
    m = CTX.matrices["enhet-5x5"]
    levels = (5, {"liv_og_helse": 5}, (1, {"liv_og_helse": 1}))
    for statuses, current in [
        ((), "residual"),
        (("gjennomført",), "residual"),
        (("forkastet",), "residual"),
        (("gjennomført", "forkastet"), "residual"),
        (("gjennomført", "planlagt"), "inherent"),
        (("pågår", "gjennomført"), "inherent"),
        (("planlagt",), "inherent"),
    ]:
        r = assess(m, hendelse(*levels, tiltak=statuses))
        assert r.current is getattr(r, current), statuses


@pytest.mark.parametrize(
    ("s", "k", "rest"),
    [
        (0, {"omdømme": 1}, None),
        (6, {"omdømme": 1}, None),
        (1, {"omdømme": 6}, None),
        (1, {"omdømme": 0}, None),
        (1, {"omdømme": 0, "økonomi": 3}, None),
        (1, {"ukjent": 1}, None),
        (1, {"omdømme": 1, "ukjent": 1}, None),
        (5, {"omdømme": 5}, (6, {"omdømme": 1})),
        (5, {"omdømme": 5}, (0, {"omdømme": 1})),
        (5, {"omdømme": 5}, (1, {"omdømme": 6})),
        (5, {"omdømme": 5}, (1, {"ukjent": 1})),
    ],
)
def test_levels_outside_the_scales_give_no_risk(s, k, rest) -> None:
    """The checks report such levels; the arithmetic gives no answer at all
    rather than a wrong one."""
    from ikros.model.ros import Restrisiko

    # Built without validation: the schema already refuses a level below 1.
    h = Hendelse.model_construct(
        id="H1",
        sannsynlighet=s,
        konsekvens=k,
        tiltak=[],
        restrisiko=Restrisiko.model_construct(sannsynlighet=rest[0], konsekvens=rest[1])
        if rest
        else None,
    )
    assert assess(CTX.matrices["enhet-5x5"], h) is None


def test_top_level_is_the_highest_level_assessed() -> None:
    from ikros.risk.compute import top_level

    m = CTX.matrices["enhet-5x5"]
    assert top_level(m, 1, {"omdømme": 2, "økonomi": 4, "liv_og_helse": 3}) == 4
    assert top_level(m, 5, {"omdømme": 5}) == 5
    assert top_level(m, 1, {"omdømme": 1}) == 1
    assert top_level(m, 1, {}) == 0
    assert top_level(m, 6, {"omdømme": 1}) == 0
    assert top_level(m, 0, {"omdømme": 1}) == 0
