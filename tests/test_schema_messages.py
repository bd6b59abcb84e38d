"""Schema errors in words: how a value is described, where it is, and the
message and hint of each kind of error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ikros.checks import schema
from ikros.checks.context import context_for
from ikros.engine.document import process
from tests.conftest import minimal_ros


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "ingen verdi"),  # «fant ingen verdi», never «fant tom»
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
        ({"a": 1}, "en gruppe med nøkler"),
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
            "Teksten `ROS 1` er ikke en gyldig id for `id`: en id kan ikke inneholde mellomrom.",
            None,
        ),
        (
            ros.replace("enhet: lia-barnehage", "enhet: Lia barnehage"),
            "ugyldig-id",
            "Teksten `Lia barnehage` er ikke en gyldig id for `enhet`: bruk små bokstaver a–z, "
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
            "`2026-03-01T10:00:00`. Mente du `2026-03-01`?",
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
        if hint is not None:  # the others' hints: test_the_whole_verdict_of_each_schema_error
            assert got_hint == hint, code


# Each text, and the whole verdict it gets: position, code, message, hint.
# The hints name the fields of the mapping at the error's place, found by
# walking the models through lists, optional fields and unions.
ros = minimal_ros()
KONFIG = (Path(__file__).parent / "cases" / "_base" / "ikros.yaml").read_text(encoding="utf-8")
CASES = {
    "hendelse-missing": ros.replace("    begrunnelse: Test.\n", ""),
    "tiltak-unknown": ros.replace(
        "    usikkerhet: lav\n",
        "    usikkerhet: lav\n    tiltak:\n      - {id: T1, beskrivelse: x, status: planlagt, farge: rød}\n",
    ),
    "tiltak-missing": ros.replace(
        "    usikkerhet: lav\n",
        "    usikkerhet: lav\n    tiltak:\n      - {id: T1, beskrivelse: x}\n",
    ),
    "rest-unknown": ros.replace(
        "    usikkerhet: lav\n",
        "    usikkerhet: lav\n    restrisiko: {sannsynlighet: 1, konsekvens: {liv_og_helse: 1}, farge: x}\n",
    ),
    "eier-unknown": ros.replace("eier: {rolle: enhetsleder}", "eier: {rolle: enhetsleder, tlf: x}"),
    "top-missing": ros.replace("omfang: Test.\n", ""),
    "status-typo": ros.replace("status: utkast", "status: utkst"),
    "konsekvens-list": ros.replace("konsekvens: {liv_og_helse: 2}", "konsekvens: [2]"),
    "hendelser-empty": ros.split("hendelser:")[0] + "hendelser: []\n",
    "nontext-key": ros.replace("konsekvens: {liv_og_helse: 2}", "konsekvens: {1: 2}"),
    "konfig-informeres": KONFIG.replace("  alle:", "  alla:"),
    "konfig-metode-unknown": KONFIG + "metoder:\n  - id: x\n    navn: X\n    farge: y\n",
    "godkjenning-unknown": ros.replace(
        "status: utkast",
        "status: godkjent\ngodkjenning: {godkjent_av: {rolle: x}, dato: 2026-03-02, farge: x}",
    ),
    "informert-missing": ros.replace(
        "status: utkast", "status: utkast\ninformert:\n  - {dato: 2026-03-02}"
    ),
    "aksept-unknown": ros.replace(
        "    usikkerhet: lav\n",
        "    usikkerhet: lav\n    aksept: {av: {rolle: x}, dato: 2026-03-02, farge: x}\n",
    ),
}

WANT = {
    "aksept-unknown": [
        (
            20,
            26,
            "ugyldig-verdi",
            "Ugyldig verdi `x` for `rolle` i hendelse H1.",
            "Tillatte verdier: medarbeider, enhetsleder, kommunalområdedirektør, "
            "kommunedirektør, formannskap, kommunestyre.",
        ),
        (
            20,
            48,
            "ukjent-nøkkel",
            "Ukjent nøkkel `farge` i hendelse H1.",
            "Tillatte nøkler her: av, dato, begrunnelse, gjelder_til, fingeravtrykk.",
        ),
    ],
    "eier-unknown": [
        (9, 28, "ukjent-nøkkel", "Ukjent nøkkel `tlf`.", "Tillatte nøkler her: navn, rolle.")
    ],
    "godkjenning-unknown": [
        (
            8,
            36,
            "ugyldig-verdi",
            "Ugyldig verdi `x` for `rolle`.",
            "Tillatte verdier: medarbeider, enhetsleder, kommunalområdedirektør, "
            "kommunedirektør, formannskap, kommunestyre.",
        ),
        (
            8,
            58,
            "ukjent-nøkkel",
            "Ukjent nøkkel `farge`.",
            "Tillatte nøkler her: godkjent_av, dato.",
        ),
    ],
    "hendelse-missing": [
        (
            14,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `begrunnelse` i hendelse H1.",
            "Påkrevde felt her: id, tittel, sannsynlighet, konsekvens, begrunnelse.",
        )
    ],
    "hendelser-empty": [(13, 12, "for-få-elementer", "`hendelser` må ha minst 1 element.", None)],
    "informert-missing": [
        (
            9,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `rolle` i informert nr. 1.",
            "Påkrevde felt her: rolle, dato.",
        )
    ],
    "konfig-informeres": [
        (
            6,
            3,
            "ukjent-nøkkel",
            "Ukjent nøkkel `alla` under `informeres`. Mente du `alle`?",
            "Tillatte nøkler her: alle, generell, informasjonssikkerhet, personvern, "
            "arbeidsmiljø, smittevern, beredskap, tjeneste, organisasjonsendring, "
            "prosjekt, anskaffelse.",
        )
    ],
    "konfig-metode-unknown": [
        (
            10,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `sannsynlighet` i metode x.",
            "Påkrevde felt her: id, navn, sannsynlighet, konsekvens, soner, aksept.",
        ),
        (
            10,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `konsekvens` i metode x.",
            "Påkrevde felt her: id, navn, sannsynlighet, konsekvens, soner, aksept.",
        ),
        (
            10,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `soner` i metode x.",
            "Påkrevde felt her: id, navn, sannsynlighet, konsekvens, soner, aksept.",
        ),
        (
            10,
            5,
            "mangler-felt",
            "Mangler påkrevd felt `aksept` i metode x.",
            "Påkrevde felt her: id, navn, sannsynlighet, konsekvens, soner, aksept.",
        ),
        (
            12,
            5,
            "ukjent-nøkkel",
            "Ukjent nøkkel `farge` i metode x.",
            "Tillatte nøkler her: id, navn, beskrivelse, sannsynlighet, "
            "konsekvens, soner, rutenett, aksept.",
        ),
    ],
    "konsekvens-list": [
        (
            17,
            17,
            "ugyldig-type",
            "`konsekvens` i hendelse H1 skal være en gruppe med nøkler (nøkkel: verdi), "
            "men er en liste.",
            "Dimensjonene i `enhet-5x5` er liv_og_helse, tjenesteleveranse, "
            "personvern_og_informasjonssikkerhet, økonomi og omdømme. Gi et nivå for "
            "hver dimensjon som er vurdert (minst én), for eksempel `konsekvens: "
            "{liv_og_helse: 3, tjenesteleveranse: 2}`.",
        )
    ],
    "nontext-key": [
        (
            17,
            18,
            "ugyldig-type",
            "Nøkkelen `1` må være tekst.",
            "Sett nøkkelen i anførselstegn, eller rett den.",
        )
    ],
    "rest-unknown": [
        (
            20,
            67,
            "ukjent-nøkkel",
            "Ukjent nøkkel `farge` i hendelse H1.",
            "Tillatte nøkler her: sannsynlighet, konsekvens, begrunnelse.",
        )
    ],
    "status-typo": [
        (
            7,
            9,
            "ugyldig-verdi",
            "Ugyldig verdi `utkst` for `status`. Mente du `utkast`?",
            "Tillatte verdier: utkast, til_godkjenning, godkjent, arkivert.",
        )
    ],
    "tiltak-missing": [
        (
            21,
            9,
            "mangler-felt",
            "Mangler påkrevd felt `status` i tiltak T1.",
            "Påkrevde felt her: id, beskrivelse, status.",
        )
    ],
    "tiltak-unknown": [
        (
            21,
            52,
            "ukjent-nøkkel",
            "Ukjent nøkkel `farge` i tiltak T1.",
            "Tillatte nøkler her: id, beskrivelse, ansvarlig, frist, status, virkning, prioritet.",
        )
    ],
    "top-missing": [
        (
            1,
            1,
            "mangler-felt",
            "Mangler påkrevd felt `omfang`.",
            "Påkrevde felt her: ikros, id, tittel, type, omfang_type, enhet, status, "
            "klassifisering, eier, dato, formål, omfang, hendelser.",
        )
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_whole_verdict_of_each_schema_error(name: str) -> None:
    path = "ikros.yaml" if name.startswith("konfig") else "a.yaml"
    got = [
        (d.line, d.column, d.code, d.message, d.hint)
        for d in process(CASES[name].encode(), path, context_for(None)).diagnostics
    ]
    assert got == WANT[name]


def test_where_stops_at_the_first_part_not_in_the_data() -> None:
    data = {"hendelser": [{"id": "H1"}, {"id": "H2"}]}
    assert schema.where(("hendelser", 2), data) == ""
    assert schema.where(("x", "hendelser", 1), data) == ""
    assert schema.where(("hendelser", 1), data) == " i hendelse H2"


@pytest.mark.parametrize(
    ("loc", "data", "want"),
    [
        (
            ("hendelser", 1, "tittel"),
            {"hendelser": [{}, {"tittel": 5}]},
            ("hendelser", 1, "tittel"),
        ),
        (("hendelser", 2), {"hendelser": [{}, {}]}, ("hendelser",)),
        (
            ("hendelser", 0, "begrunnelse", "x"),
            {"hendelser": [{}]},
            ("hendelser", 0, "begrunnelse"),
        ),
        (("a", "b", "c"), {}, ("a",)),
        (("konsekvens", 0), {"konsekvens": {"a": 1}}, ("konsekvens",)),
        (("eier", "function-after[x]", "navn"), {"eier": {}}, ("eier", "navn")),
        (("eier", "str"), {"eier": {}}, ("eier",)),
        (("eier", "list[str]", "navn"), {"eier": {}}, ("eier", "navn")),
        (("tittel", "a", "b"), {"tittel": "x"}, ("tittel",)),
        ((), {}, ()),
    ],
)
def test_data_loc_keeps_what_is_in_the_data(loc, data, want) -> None:
    assert schema._data_loc(loc, data) == want


def test_branch_names() -> None:
    for part in (
        "str",
        "int",
        "float",
        "bool",
        "date",
        "list",
        "dict",
        "none",
        "list[str]",
        "a[b]",
    ):
        assert schema._is_branch_name(part) is True, part
    for part in ("navn", "rolle", "liste"):
        assert schema._is_branch_name(part) is False, part


def test_the_model_at_a_location() -> None:
    from ikros.model.konfig import Konfig, Metode
    from ikros.model.ros import Hendelse, Restrisiko, Ros, Tiltak

    at = schema._model_at
    assert at(Ros, ()) is Ros
    assert at(Ros, ("hendelser", 0)) is Hendelse
    assert at(Ros, ("hendelser", 0, "tiltak", 3)) is Tiltak
    assert at(Ros, ("hendelser", 0, "restrisiko")) is Restrisiko  # Optional
    assert at(Konfig, ("metoder", 0)) is Metode
    assert at(Ros, ("eier",)).__name__ == "Person"  # a model behind a validator
    assert at(Ros, ("hendelser", "x")) is None  # a key on a list
    assert at(Ros, ("hendelser", 0, 5)) is None  # an index on a model
    assert at(Ros, ("ukjent",)) is None
    assert at(Ros, ("tittel", 0)) is None  # below text
    assert at(Ros, ("tittel", "x")) is None
    assert at(Ros, ("hendelser", 0, "konsekvens")) is None  # a mapping of levels
    assert at(Ros, ("hendelser", 0, "konsekvens", "a")) is None
    assert at(Ros, ("hendelser",)) is None  # the list itself
    assert schema._fields_hint(Ros, ("ukjent",)) is None
    assert schema._known_fields(Ros, ("ukjent",)) == []


def test_two_unknown_keys_each_get_the_allowed_ones_once() -> None:
    konfig = KONFIG.replace("  alle:", "  alla:").replace("  personvern:", "  personvrn:")
    found = [
        (d.message, d.hint)
        for d in process(konfig.encode(), "ikros.yaml", context_for(None)).diagnostics
    ]
    hint = WANT["konfig-informeres"][0][4]
    assert found == [
        ("Ukjent nøkkel `alla` under `informeres`. Mente du `alle`?", hint),
        ("Ukjent nøkkel `personvrn` under `informeres`. Mente du `personvern`?", hint),
    ]


def test_a_list_item_of_the_wrong_type_and_an_odd_value() -> None:
    ros = minimal_ros()
    text = ros.split("hendelser:")[0] + "hendelser: [5]\n"
    (d,) = process(text.encode(), "a.yaml", context_for(None)).diagnostics
    assert (d.code, d.message) == (
        "ugyldig-type",
        "`hendelse nr. 1` skal være en gruppe med nøkler (nøkkel: verdi), men er tallet `5`.",
    )
    konfig = KONFIG + (
        "metoder:\n  - id: x\n    navn: X\n    sannsynlighet:\n"
        "      - {nivå: 1, navn: a, per_år: mye}\n"
    )
    found = [
        (d.code, d.message)
        for d in process(konfig.encode(), "ikros.yaml", context_for(None)).diagnostics
        if "per_år" in d.message
    ]
    assert found == [
        ("ugyldig-type", "`per_år` i metode x skal være et tall, men er teksten `mye`.")
    ]


def test_an_item_of_a_list_in_a_list_is_named_by_the_outer_list() -> None:
    konfig = KONFIG + (
        "metoder:\n  - id: x\n    navn: X\n    sannsynlighet: [{nivå: 1, navn: a}]\n"
        "    konsekvens: [{id: a, navn: A, nivåer: [{nivå: 1, navn: a}]}]\n"
        "    soner: [{id: g, navn: G}]\n    rutenett: [[1]]\n    aksept: {g: enhetsleder}\n"
    )
    found = [
        (d.line, d.column, d.code, d.message)
        for d in process(konfig.encode(), "ikros.yaml", context_for(None)).diagnostics
    ]
    assert found == [
        (15, 17, "ugyldig-type", "`rutenett` i metode x skal være tekst, men er tallet `1`.")
    ]
