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


# --- internkontroll ----------------------------------------------------------

IK = {
    "ikros": "internkontroll/1",
    "id": "IK-1",
    "gjelder": "kommune",
    "omfang_type": "tjenestespesifikk",
    "status": "utkast",
    "klassifisering": "intern",
    "eier": {"rolle": "kommunedirektør"},
    "dato": "2026-01-15",
    "beskrivelse": {"organisering": "O"},
    "krav": [{"id": "K1", "tittel": "K", "hjemmel": "h", "plikttype": "kommuneplikt"}],
    "rutiner": [{"id": "R1", "tittel": "R", "krav": ["K1"]}],
    "vesentlighetsvurdering": [
        {
            "id": "V1",
            "område": "O",
            "sannsynlighet": 2,
            "konsekvens": {"omdømme": 2},
            "begrunnelse": "B",
        }
    ],
    "dokumentasjon": "D",
    "evalueringer": [{"dato": "2026-01-01", "gjennomført_av": {"rolle": "x"}, "funn": ["f"]}],
}


def ik_check(**changes) -> list[tuple]:
    from ikros.checks import internkontroll
    from ikros.model.internkontroll import Internkontroll

    data = copy.deepcopy(IK)
    for key, value in changes.items():
        data[key] = value
    return verdict(internkontroll.check(Internkontroll.model_validate(data), CTX))


def test_a_complete_description_is_clean() -> None:
    assert ik_check() == []


@pytest.mark.parametrize(
    ("beskrivelse", "empty"),
    [
        ({"organisering": "O"}, False),
        ({"hovedoppgaver": ["H"]}, False),
        ({"mål": ["M"]}, False),
        ({}, True),
    ],
)
def test_part_a_needs_any_of_its_three(beskrivelse: dict, empty: bool) -> None:
    found = ik_check(beskrivelse=beskrivelse)
    assert found == (
        [(("beskrivelse",), "internkontroll-mangler-del", "advarsel")] if empty else []
    )


@pytest.mark.parametrize(
    ("changes", "letter"),
    [
        ({"rutiner": []}, "b"),
        ({"vesentlighetsvurdering": []}, "c"),
        ({"dokumentasjon": None}, "d"),
        ({"evalueringer": []}, "e"),
    ],
)
def test_each_part_of_25_1_alone(changes: dict, letter: str) -> None:
    from ikros.checks import internkontroll
    from ikros.model.internkontroll import Internkontroll

    data = {**copy.deepcopy(IK), **changes}
    found = internkontroll.check(Internkontroll.model_validate(data), CTX)
    parts = [f for f in found if f.code == "internkontroll-mangler-del"]
    assert len(parts) == 1 and f"bokstav {letter}:" in parts[0].message
    assert (parts[0].loc, parts[0].severity.value) == (("id",), "advarsel")


def test_avvik_alone_covers_part_c() -> None:
    avvik = [{"periode": 2025, "antall": 1}]
    assert ik_check(vesentlighetsvurdering=[], avvik=avvik) == []


def test_rutine_references_and_dates() -> None:
    rutiner = [
        {"id": "R1", "tittel": "R", "krav": ["K1", "K9"]},
        {
            "id": "R2",
            "tittel": "R",
            "krav": [],
            "sist_revidert": "2026-02-01",
            "neste_revisjon": "2026-02-01",
        },
    ]
    assert ik_check(rutiner=rutiner) == [
        (("rutiner", 0, "krav", 1), "ukjent-referanse", "feil"),
        (("rutiner", 1, "neste_revisjon"), "dato-rekkefølge", "feil"),
    ]
    from ikros.checks import internkontroll
    from ikros.model.internkontroll import Internkontroll

    data = {
        **copy.deepcopy(IK),
        "krav": [],
        "rutiner": [{"id": "R1", "tittel": "R", "krav": ["K1"]}],
    }
    (finding,) = [
        f
        for f in internkontroll.check(Internkontroll.model_validate(data), CTX)
        if f.code == "ukjent-referanse"
    ]
    assert finding.hint == "Legg kravet under `krav:`."


@pytest.mark.parametrize(
    ("vurdering", "found"),
    [
        ({"prioritert": True, "ros": ["ROS-1"]}, []),
        (
            {"prioritert": True},
            [(("vesentlighetsvurdering", 0, "prioritert"), "mangler-ros", "feil")],
        ),
        ({"prioritert": False}, []),
        (
            {"sannsynlighet": 6},
            [(("vesentlighetsvurdering", 0, "sannsynlighet"), "nivå-utenfor-skala", "feil")],
        ),
    ],
)
def test_vesentlighetsvurdering(vurdering: dict, found: list) -> None:
    item = {**IK["vesentlighetsvurdering"][0], **vurdering}
    assert ik_check(vesentlighetsvurdering=[item]) == found


def test_a_closed_tilsyn_needs_its_date_and_an_open_one_does_not() -> None:
    tilsyn = [
        {"myndighet": "A", "tema": "T", "rapportdato": "2026-01-01", "status": "lukket"},
        {"myndighet": "B", "tema": "T", "rapportdato": "2026-01-01", "status": "åpen"},
        {
            "myndighet": "C",
            "tema": "T",
            "rapportdato": "2026-01-01",
            "status": "lukket",
            "lukket_dato": "2026-02-01",
        },
    ]
    assert ik_check(tilsyn=tilsyn) == [(("tilsyn", 0, "status"), "mangler-lukket-dato", "advarsel")]


def test_unknown_method_and_duplicates_in_a_description() -> None:
    found = ik_check(metode="egen", krav=IK["krav"] * 2)
    assert found == [
        (("krav", 1, "id"), "duplikat-id", "feil"),
        (("metode",), "ukjent-metode", "feil"),
    ]
    assert ik_check(status="godkjent") == [(("status",), "mangler-godkjenning", "feil")]
    assert ik_check(neste_revisjon="2026-01-15") == [
        (("neste_revisjon",), "dato-rekkefølge", "feil")
    ]


# --- ros: an unknown method, and analyses with schema errors ------------------

RED_H = {
    "id": "H2",
    "tittel": "Flom",
    "sannsynlighet": 5,
    "konsekvens": {"liv_og_helse": 5},
    "begrunnelse": "B",
    "usikkerhet": "lav",
}
RAISED = {
    **ROS["hendelser"][0],
    "restrisiko": {"sannsynlighet": 3, "konsekvens": {"liv_og_helse": 2}},
}


def test_an_unknown_method_stops_the_risk_rules() -> None:
    assert check(metode="egen", hendelser=[RAISED, RED_H]) == [
        (("metode",), "ukjent-metode", "feil")
    ]


def test_an_unknown_method_in_a_dpia_stops_the_prior_consultation_rule() -> None:
    from pathlib import Path

    from ikros.load import yamlio

    (path,) = (Path(__file__).parent / "cases" / "forhandsdrofting-required" / "ros").glob("*.yaml")
    data = yamlio.read(path.read_bytes(), path.name).data
    found = verdict(ros.check(Ros.model_validate(data), CTX))
    assert (
        ("personvernkonsekvenser", "forhåndsdrøfting"),
        "forhåndsdrøfting-påkrevd",
        "feil",
    ) in found
    data["metode"] = "egen"
    found = verdict(ros.check(Ros.model_validate(data), CTX))
    assert [f for f in found if f[1] != "mangler-informert"] == [
        (("metode",), "ukjent-metode", "feil")
    ]


def partial(**changes) -> list[tuple]:
    data = copy.deepcopy(ROS)
    data.update(changes)
    return verdict(ros.check_partial(data, CTX))


BROKEN = {**ROS["hendelser"][0], "id": "H9", "sannsynlighet": 9, "ekstra": 1}


def test_partial_checks_of_an_analysis_with_schema_errors() -> None:
    found = partial(status="til_godkjenning", hendelser=[BROKEN, RED_H, RAISED])
    assert found == [
        (("hendelser", 0, "sannsynlighet"), "nivå-utenfor-skala", "feil"),
        (("hendelser", 1), "mangler-aksept", "feil"),
        (("hendelser", 2, "restrisiko", "sannsynlighet"), "restrisiko-over-iboende", "feil"),
        (("status",), "mangler-informert", "advarsel"),  # the analysis as a whole, too
    ]


def test_partial_checks_keep_the_rules_of_the_whole_whose_parts_are_valid() -> None:
    told = [{"rolle": "nærmeste leder", "dato": "2026-03-05"}]
    assert partial(status="godkjent", informert=told, hendelser=[BROKEN]) == [
        (("hendelser", 0, "sannsynlighet"), "nivå-utenfor-skala", "feil"),
        (("status",), "mangler-godkjenning", "feil"),
    ]
    # an informert entry with an error of its own: no reporting-line verdict
    assert partial(status="til_godkjenning", informert=[{"rolle": 5}], hendelser=[]) == []
    assert partial(status="til_godkjenning", informert="x", hendelser=[]) == []
    assert partial(status="til_godkjenning", type="ukjent", hendelser=[]) == []


def test_partial_checks_without_a_valid_status_skip_the_acceptance_rules() -> None:
    found = partial(status="ferdig", hendelser=[RED_H, RAISED])
    assert found == [
        (("hendelser", 1, "restrisiko", "sannsynlighet"), "restrisiko-over-iboende", "feil")
    ]


def test_partial_checks_with_an_unknown_method() -> None:
    assert partial(metode="egen", hendelser=[BROKEN, RED_H, RAISED]) == [
        (("metode",), "ukjent-metode", "feil")
    ]


@pytest.mark.parametrize("metode", [5, ["enhet-5x5"], {"a": 1}])
def test_partial_checks_with_a_method_that_is_not_text(metode) -> None:
    assert partial(metode=metode, hendelser=[BROKEN, RED_H]) == []


@pytest.mark.parametrize("hendelser", ["x", {"H1": 1}, None, 5])
def test_partial_checks_with_hendelser_that_are_not_a_list(hendelser) -> None:
    assert partial(hendelser=hendelser) == []


def test_partial_checks_skip_items_that_are_not_mappings() -> None:
    assert partial(status="utkast", hendelser=["x", 5, None, RED_H]) == [
        (("hendelser", 3), "mangler-aksept", "advarsel")
    ]


def test_a_raised_residual_has_a_hint_only_when_not_explained() -> None:
    data = copy.deepcopy(ROS)
    data["hendelser"] = [RAISED]
    (unexplained,) = ros.check(Ros.model_validate(data), CTX)
    assert unexplained.hint == "Forklar det i `restrisiko.begrunnelse`, eller rett nivået."
    data["hendelser"][0] = {
        **RAISED,
        "restrisiko": {**RAISED["restrisiko"], "begrunnelse": "Nytt anlegg."},
    }
    (explained,) = ros.check(Ros.model_validate(data), CTX)
    assert (explained.severity.value, explained.hint) == ("advarsel", None)


# --- across documents ---------------------------------------------------------


def test_unknown_units_say_what_may_stand_there(tmp_path) -> None:
    from pathlib import Path

    from ikros.engine.repository import Settings, run
    from tests.conftest import minimal_ros, write_tree

    base = Path(__file__).parent / "cases" / "_base"
    ik = Path(__file__).parent / "cases" / "ik-unknown-gjelder" / "internkontroll" / "ik.yaml"
    repo = write_tree(
        tmp_path / "r",
        {
            "ikros.yaml": (base / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (base / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/a.yaml": minimal_ros(enhet="kommune"),
            "internkontroll/ik.yaml": ik.read_text(encoding="utf-8"),
        },
    )
    found = {
        (d.path, d.code): d.hint
        for d in run(Settings(paths=(), cwd=repo, use_cache=False)).diagnostics
    }
    assert found == {
        ("ros/a.yaml", "ukjent-referanse"): "`enhet` skal være id-en til et område eller en enhet.",
        ("internkontroll/ik.yaml", "ukjent-referanse"): (
            "`gjelder` skal være id-en til et område eller en enhet, eller `kommune`."
        ),
    }


def test_no_organisation_is_reported_only_on_a_konfig_that_was_read() -> None:
    from ikros.checks import cross

    class Unread:
        raw = None

    assert cross.check([], {"root": None, "other": Unread()}) == []


# --- common -------------------------------------------------------------------


def test_unique_ids_skip_items_without_text_ids() -> None:
    items = [{"id": 5}, {}, "x", {"id": "a"}, {"id": "b"}, {"id": "a"}]
    assert [(f.loc, f.code) for f in common.unique_ids(items, ("l",), "ting")] == [
        (("l", 5, "id"), "duplikat-id")
    ]


def test_unique_nested_ids_skip_items_without_ids() -> None:
    class Item:
        def __init__(self, ident):
            self.id = ident

    groups = [(("a",), [Item(None), Item("T1")]), (("b",), [Item(None), object(), Item("T1")])]
    assert [(f.loc, f.code) for f in common.unique_nested_ids(groups, "tiltak")] == [
        (("b", 2, "id"), "duplikat-id")
    ]


def test_levels_below_one_are_outside_the_scale() -> None:
    m = CTX.matrices["enhet-5x5"]
    assert [(f.loc, f.code) for f in common.levels(m, 0, {"omdømme": 0}, ("h",))] == [
        (("h", "sannsynlighet"), "nivå-utenfor-skala"),
        (("h", "konsekvens", "omdømme"), "nivå-utenfor-skala"),
    ]
    assert common.levels(m, None, {}, ("h",)) == []


@pytest.mark.parametrize(
    "item",
    [
        {"sannsynlighet": 0, "konsekvens": {"omdømme": 0}},
        {"sannsynlighet": -3, "konsekvens": {"omdømme": -1}},
        {"sannsynlighet": True, "konsekvens": {"omdømme": 2.0}},
        {"sannsynlighet": "9", "konsekvens": [9]},
        {"konsekvens": {5: 9}},
        "x",
        None,
    ],
)
def test_raw_levels_leave_what_the_schema_reports_to_the_schema(item) -> None:
    assert common.raw_levels(CTX.matrices["enhet-5x5"], item, ("h",)) == []


def test_raw_levels_hold_whole_numbers_against_the_scale() -> None:
    item = {"sannsynlighet": 6, "konsekvens": {"omdømme": 1, "økonomi": 6, "ukjent": 1}}
    assert [
        (f.loc, f.code) for f in common.raw_levels(CTX.matrices["enhet-5x5"], item, ("h",))
    ] == [
        (("h", "sannsynlighet"), "nivå-utenfor-skala"),
        (("h", "konsekvens", "økonomi"), "nivå-utenfor-skala"),
        (("h", "konsekvens", "ukjent"), "ukjent-dimensjon"),
    ]


def test_duplicate_rutiner_and_vurderinger() -> None:
    rutiner = IK["rutiner"] * 2
    vurderinger = IK["vesentlighetsvurdering"] * 2
    assert ik_check(rutiner=rutiner, vesentlighetsvurdering=vurderinger) == [
        (("rutiner", 1, "id"), "duplikat-id", "feil"),
        (("vesentlighetsvurdering", 1, "id"), "duplikat-id", "feil"),
    ]


def test_an_unknown_krav_names_the_known_ones() -> None:
    from ikros.checks import internkontroll
    from ikros.model.internkontroll import Internkontroll

    data = {**copy.deepcopy(IK), "rutiner": [{"id": "R1", "tittel": "R", "krav": ["K2"]}]}
    (finding,) = internkontroll.check(Internkontroll.model_validate(data), CTX)
    assert finding.hint == "Kravene er: K1."


# --- facts, organisation, context ----------------------------------------------


def test_facts_of_each_kind() -> None:
    from ikros.checks.facts import Ref, Unit, extract

    ros_facts = extract(
        "ros/1",
        {"id": "ROS-1", "tittel": "T", "enhet": "it", "gjelder": "x", "områder": [{"id": "o"}]},
    )
    assert (ros_facts.kind, ros_facts.id, ros_facts.title) == ("ros/1", "ROS-1", "T")
    assert ros_facts.refs == (Ref("enhet", "it", ("enhet",)),) and ros_facts.units == ()
    ik = extract(
        "internkontroll/1",
        {
            "id": "IK-1",
            "enhet": "y",
            "gjelder": "oppvekst",
            "vesentlighetsvurdering": ["x", {"ros": ["ROS-1", 5, "ROS-2"]}, {"ros": "ROS-3"}, {}],
        },
    )
    assert ik.refs == (
        Ref("gjelder", "oppvekst", ("gjelder",)),
        Ref("ros", "ROS-1", ("vesentlighetsvurdering", 1, "ros", 0)),
        Ref("ros", "ROS-2", ("vesentlighetsvurdering", 1, "ros", 2)),
    )
    org = extract(
        "organisasjon/1",
        {
            "id": "ORG",
            "enhet": "z",
            "områder": [
                "x",
                {"navn": "Uten id"},
                {
                    "id": "stab",
                    "enheter": [{"id": "it", "navn": "IT"}, {"navn": "x"}, "y", {"id": "hr"}],
                },
                {"id": "oppvekst", "navn": "Oppvekst", "enheter": "ingen"},
            ],
        },
    )
    assert org.id is None and org.refs == ()
    assert org.units == (
        Unit("stab", "område", "stab", None, ("områder", 2, "id")),
        Unit("it", "enhet", "IT", "stab", ("områder", 2, "enheter", 0, "id")),
        Unit("hr", "enhet", "hr", "stab", ("områder", 2, "enheter", 3, "id")),
        Unit("oppvekst", "område", "Oppvekst", None, ("områder", 3, "id")),
    )
    konfig = extract("konfig/1", {"id": "K", "tittel": 5, "enhet": 7})
    assert (konfig.id, konfig.title, konfig.refs) == (None, None, ())
    odd = extract("ros/1", {"id": 5, "tittel": ["x"], "enhet": {"a": 1}})
    assert (odd.id, odd.title, odd.refs) == (None, None, ())


def test_facts_round_trip_and_refuse_malformed_entries() -> None:
    from ikros.checks.facts import Facts, Ref, Unit

    facts = Facts(
        "organisasjon/1",
        None,
        "T",
        (Ref("enhet", "it", ("enhet",)),),
        (Unit("it", "enhet", "IT", "stab", ("områder", 0, "enheter", 0, "id")),),
        {"første_frist": "2026-01-01"},
    )
    import json

    assert Facts.from_json(json.loads(json.dumps(facts.to_json()))) == facts
    assert Facts.from_json(Facts("ros/1").to_json()) == Facts("ros/1")
    good = json.loads(json.dumps(facts.to_json()))
    for bad in (
        [5, *good[1:]],
        [good[0], 5, *good[2:]],
        [*good[:2], 5, *good[3:]],
        [*good[:3], "x", *good[4:]],
        [*good[:4], "x", good[5]],
        [*good[:5], []],
        [*good[:5], {"første_frist": 5}],
        [*good[:3], [["enhet", "it"]], *good[4:]],
        [*good[:3], [["enhet", "it", "enhet"]], *good[4:]],
        [*good[:3], ["x"], *good[4:]],
        [*good[:4], [["it", "enhet", "IT", "stab"]], good[5]],
        [*good[:4], [["it", "enhet", "IT", "stab", "loc"]], good[5]],
        [*good[:4], ["x"], good[5]],
    ):
        with pytest.raises(ValueError):
            Facts.from_json(bad)


def test_kommune_is_no_id_for_an_omraade_or_enhet() -> None:
    from ikros.checks import organisasjon
    from ikros.model.organisasjon import Organisasjon

    org = Organisasjon.model_validate(
        {
            "ikros": "organisasjon/1",
            "kommune": "K",
            "områder": [
                {
                    "id": "kommune",
                    "navn": "K",
                    "enheter": [{"id": "kommune", "navn": "E"}, {"id": "a", "navn": "A"}],
                },
                {"id": "a", "navn": "A"},
            ],
        }
    )
    assert [(f.loc, f.code) for f in organisasjon.check(org)] == [
        (("områder", 0, "id"), "ugyldig-id"),
        (("områder", 0, "enheter", 0, "id"), "ugyldig-id"),
        (("områder", 1, "id"), "duplikat-id"),
    ]


def test_the_context_takes_the_konfigs_choices() -> None:
    from ikros.roles import Rolle

    ctx = context_for(
        Konfig.model_validate(
            {
                "ikros": "konfig/1",
                "kommune": "K",
                "standardmetode": "dsb-helhetlig",
                "revisjonsintervall": 24,
            }
        )
    )
    assert (ctx.default_method, ctx.review_months) == ("dsb-helhetlig", 24)
    assert ctx.ladder == tuple(r.value for r in Rolle) and ctx.ladder[0] == "medarbeider"
    assert set(ctx.matrices) == {"enhet-5x5", "dsb-helhetlig", "arbeidsmiljø-3x3"}
