"""The date rules at their edges, and the whole suite's date-sensitive
parts on several days years apart.

- `add_months`: month ends, leap days, year roll-over, the calendar's end.
- What falls due: before today is overdue, today and tomorrow are not;
  archived documents and finished tiltak have no deadlines.
- `ikros due`: the horizon includes its last day; enhet and område filter.
- Time-proof: the cases and the example kommune on the fixtures' day, a
  year later and three years later: nothing but deadlines changes with the
  day, once overdue stays overdue, and `validate` and `due` agree on what
  is overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ikros.checks.context import context_for
from ikros.cli import app
from ikros.deadlines import (
    AKSEPT,
    LABELS,
    REVISJON,
    RUTINE,
    TILSYN,
    TILTAK,
    Deadline,
    add_months,
    collect,
    overdue,
)
from ikros.due import DAYS, MONTHS, WEEKS, YEARS, DueItem, Horizon, ics
from ikros.due import collect as due_collect
from ikros.engine.repository import Settings, run
from ikros.model.internkontroll import Internkontroll
from ikros.model.konfig import Konfig
from ikros.model.ros import Ros
from tests.conftest import EXAMPLES, FIXTURE_TODAY
from tests.test_cases import CASE_DIRS, expected, materialise, verdict

D = dt.date
DAY = dt.timedelta(days=1)
DATE_CODES = {"revisjon-forfalt", "tiltak-forfalt", "aksept-utløpt", "tilsyn-forfalt"}
BASE = Path(__file__).parent / "cases" / "_base"


# --- add_months -----------------------------------------------------------


def _reference_add_months(day: dt.date, months: int) -> dt.date | None:
    """The same day `months` months later, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    return D(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@pytest.mark.parametrize(
    ("day", "months", "want"),
    [
        # the same day, later
        (D(2026, 3, 1), 12, D(2027, 3, 1)),
        (D(2026, 3, 15), 0, D(2026, 3, 15)),
        (D(2026, 3, 15), 1, D(2026, 4, 15)),
        # year roll-over, from every side of December
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 15), 1, D(2026, 12, 15)),
        (D(2026, 12, 15), 12, D(2027, 12, 15)),
        (D(2026, 12, 15), 13, D(2028, 1, 15)),
        (D(2026, 1, 15), 11, D(2026, 12, 15)),
        (D(2026, 1, 15), 23, D(2027, 12, 15)),
        (D(2026, 1, 15), 24, D(2028, 1, 15)),
        (D(2026, 6, 30), 120, D(2036, 6, 30)),
        # month ends: clamped to the shorter month's last day
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 1, 30), 1, D(2026, 2, 28)),
        (D(2026, 1, 29), 1, D(2026, 2, 28)),
        (D(2028, 1, 29), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 5, 31), 1, D(2026, 6, 30)),
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 10, 31), 1, D(2026, 11, 30)),
        (D(2026, 10, 31), 2, D(2026, 12, 31)),
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 4, 30), 1, D(2026, 5, 30)),
        (D(2026, 2, 28), 1, D(2026, 3, 28)),
        # leap days
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 2, 29), 1, D(2024, 3, 29)),
        (D(2023, 2, 28), 12, D(2024, 2, 28)),
        (D(2099, 2, 28), 12, D(2100, 2, 28)),  # 2100 is no leap year
        (D(2096, 2, 29), 48, D(2100, 2, 28)),
        (D(2000, 2, 29), 12, D(2001, 2, 28)),
        # the calendar's ends
        (D(1, 1, 1), 0, D(1, 1, 1)),
        (D(1, 1, 31), 1, D(1, 2, 28)),
        (D(9998, 12, 31), 12, D(9999, 12, 31)),
        (D(9999, 11, 30), 1, D(9999, 12, 30)),
        (D(9999, 12, 1), 1, None),
        (D(9999, 1, 1), 12, None),
        (D(9999, 1, 1), 11, D(9999, 12, 1)),
    ],
)
def test_add_months(day: dt.date, months: int, want: dt.date | None) -> None:
    assert add_months(day, months) == want
    assert _reference_add_months(day, months) == want  # the reference agrees


@settings(max_examples=500, deadline=None)
@given(st.dates(D(1, 1, 1), D(9999, 12, 31)), st.integers(0, 1200))
def test_add_months_agrees_with_the_reference(day: dt.date, months: int) -> None:
    assert add_months(day, months) == _reference_add_months(day, months)


# --- what falls due ---------------------------------------------------------

TODAY = D(2026, 11, 27)
CTX = context_for(None)


def _ros(status: str = "godkjent", **changes) -> Ros:
    data = {
        "ikros": "ros/1",
        "id": "ROS-1",
        "tittel": "Brann",
        "type": "generell",
        "omfang_type": "tjenestespesifikk",
        "enhet": "lia-barnehage",
        "status": status,
        "klassifisering": "intern",
        "eier": {"navn": "Ola Eksempel", "rolle": "enhetsleder"},
        "dato": "2026-01-31",
        "formål": "F",
        "omfang": "O",
        "hendelser": [
            {
                "id": "H1",
                "tittel": "Kjøkkenbrann",
                "sannsynlighet": 1,
                "konsekvens": {"omdømme": 1},
                "begrunnelse": "B",
                "tiltak": [
                    {
                        "id": "T1",
                        "beskrivelse": "Planlagt",
                        "status": "planlagt",
                        "ansvarlig": {"rolle": "IT"},
                        "frist": "2026-12-01",
                    },
                    {"id": "T2", "beskrivelse": "Pågår", "status": "pågår", "frist": "2026-12-02"},
                    {
                        "id": "T3",
                        "beskrivelse": "Ferdig",
                        "status": "gjennomført",
                        "frist": "2026-12-03",
                    },
                    {
                        "id": "T4",
                        "beskrivelse": "Forkastet",
                        "status": "forkastet",
                        "frist": "2026-12-04",
                    },
                    {"id": "T5", "beskrivelse": "Uten frist", "status": "planlagt"},
                ],
                "aksept": {
                    "av": {"rolle": "enhetsleder"},
                    "dato": "2026-02-01",
                    "gjelder_til": "2027-02-01",
                },
            },
            {
                "id": "H2",
                "tittel": "Uten aksept",
                "sannsynlighet": 1,
                "konsekvens": {"omdømme": 1},
                "begrunnelse": "B",
            },
        ],
        **changes,
    }
    if status == "godkjent":
        data["godkjenning"] = {"godkjent_av": {"rolle": "enhetsleder"}, "dato": "2026-02-01"}
    return Ros.model_validate(data)


def test_the_deadlines_of_an_analysis() -> None:
    """The review (from `dato` and the interval, at `dato`), every open
    tiltak with a frist, and an acceptance's `gjelder_til`."""
    got = collect("ros/1", _ros(), CTX)
    assert got == [
        Deadline(REVISJON, D(2027, 1, 31), "ROS-1: Brann", ("dato",), "Ola Eksempel (enhetsleder)"),
        Deadline(
            TILTAK, D(2026, 12, 1), "T1: Planlagt", ("hendelser", 0, "tiltak", 0, "frist"), "IT"
        ),
        Deadline(TILTAK, D(2026, 12, 2), "T2: Pågår", ("hendelser", 0, "tiltak", 1, "frist")),
        Deadline(
            AKSEPT,
            D(2027, 2, 1),
            "H1: Kjøkkenbrann",
            ("hendelser", 0, "aksept", "gjelder_til"),
            "Ola Eksempel (enhetsleder)",
        ),
    ]


def test_a_written_review_date_wins_and_the_interval_counts() -> None:
    written = collect("ros/1", _ros(neste_revisjon="2026-06-30"), CTX)[0]
    assert written == Deadline(
        REVISJON, D(2026, 6, 30), "ROS-1: Brann", ("neste_revisjon",), "Ola Eksempel (enhetsleder)"
    )
    konfig = Konfig.model_validate({"ikros": "konfig/1", "kommune": "K", "revisjonsintervall": 24})
    counted = collect("ros/1", _ros(), context_for(konfig))[0]
    assert counted == Deadline(
        REVISJON, D(2028, 1, 31), "ROS-1: Brann", ("dato",), "Ola Eksempel (enhetsleder)"
    )
    counted = collect("ros/1", _ros(dato="2024-02-29"), context_for(konfig))[0]
    assert counted.date == D(2026, 2, 28)


def test_a_review_past_the_calendar_is_no_deadline() -> None:
    assert [d.kind for d in collect("ros/1", _ros(dato="9999-06-01"), CTX)] == [
        TILTAK,
        TILTAK,
        AKSEPT,
    ]


@pytest.mark.parametrize("status", ["utkast", "til_godkjenning", "godkjent"])
def test_every_status_but_arkivert_has_deadlines(status: str) -> None:
    assert len(collect("ros/1", _ros(status), CTX)) == 4


def test_an_archived_analysis_has_no_deadlines() -> None:
    assert collect("ros/1", _ros("arkivert"), CTX) == []


IK = {
    "ikros": "internkontroll/1",
    "id": "IK-1",
    "gjelder": "oppvekst",
    "omfang_type": "tjenestespesifikk",
    "status": "godkjent",
    "godkjenning": {"godkjent_av": {"rolle": "kommunedirektør"}, "dato": "2026-01-20"},
    "klassifisering": "intern",
    "eier": {"rolle": "kommunalområdedirektør"},
    "dato": "2026-01-15",
    "neste_revisjon": "2027-01-15",
    "beskrivelse": {"organisering": "O"},
    "rutiner": [
        {
            "id": "R1",
            "tittel": "Opptak",
            "eier": {"rolle": "enhetsleder"},
            "neste_revisjon": "2027-02-01",
        },
        {"id": "R2", "tittel": "Uten dato", "eier": {"rolle": "enhetsleder"}},
        {"id": "R3", "tittel": "Uten eier", "neste_revisjon": "2027-03-01"},
    ],
    "tilsyn": [
        {
            "myndighet": "Statsforvalteren",
            "tema": "Skolemiljø",
            "rapportdato": "2026-01-01",
            "frist": "2026-12-01",
            "status": "åpen",
        },
        {
            "myndighet": "Arbeidstilsynet",
            "tema": "Inneklima",
            "rapportdato": "2026-01-01",
            "frist": "2026-01-01",
            "status": "lukket",
            "lukket_dato": "2026-01-10",
        },
        {
            "myndighet": "Mattilsynet",
            "tema": "Kjøkken",
            "rapportdato": "2026-01-01",
            "status": "åpen",
        },
    ],
}


def test_the_deadlines_of_an_internal_control_description() -> None:
    got = collect("internkontroll/1", Internkontroll.model_validate(IK), CTX)
    assert got == [
        Deadline(REVISJON, D(2027, 1, 15), "IK-1", ("neste_revisjon",), "kommunalområdedirektør"),
        Deadline(
            RUTINE, D(2027, 2, 1), "R1: Opptak", ("rutiner", 0, "neste_revisjon"), "enhetsleder"
        ),
        Deadline(
            RUTINE,
            D(2027, 3, 1),
            "R3: Uten eier",
            ("rutiner", 2, "neste_revisjon"),
            "kommunalområdedirektør",
        ),
        Deadline(
            TILSYN,
            D(2026, 12, 1),
            "Statsforvalteren: Skolemiljø",
            ("tilsyn", 0, "frist"),
            "kommunalområdedirektør",
        ),
    ]
    archived = Internkontroll.model_validate({**IK, "status": "arkivert"})
    assert collect("internkontroll/1", archived, CTX) == []
    without = Internkontroll.model_validate({**IK, "neste_revisjon": None})
    assert [d.kind for d in collect("internkontroll/1", without, CTX)] == [RUTINE, RUTINE, TILSYN]


def test_other_documents_have_no_deadlines() -> None:
    assert collect("organisasjon/1", object(), CTX) == []
    assert collect("konfig/1", object(), CTX) == []


class _Doc:
    """What `overdue` and `due.collect` need of a document."""

    def __init__(
        self, deadlines: list[Deadline], owner: str = "lia-barnehage", ident: str = "ROS-1"
    ):
        from ikros.checks.facts import Facts, Ref

        self.deadlines = deadlines
        self.source = type("Source", (), {"display": f"ros/{ident}.yaml"})()
        first = min((d.date for d in deadlines), default=None)
        self.first_deadline = first.isoformat() if first else None
        refs = (Ref("enhet", owner, ("enhet",)),) if owner != "kommune" else ()
        self.facts = Facts("ros/1", ident, f"Tittel {ident}", refs)


def _one(kind: str, date: dt.date, what: str = "X: Y") -> Deadline:
    return Deadline(kind, date, what, ("loc",))


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        (REVISJON, "revisjon-forfalt", "Revisjonen skulle vært gjort 2026-11-26 (X: Y)."),
        (RUTINE, "revisjon-forfalt", "Rutinen skulle vært revidert 2026-11-26 (X: Y)."),
        (TILTAK, "tiltak-forfalt", "Tiltaket har frist 2026-11-26 og er ikke gjennomført (X: Y)."),
        (AKSEPT, "aksept-utløpt", "Aksepten gjaldt til 2026-11-26 og må fornyes (X: Y)."),
        (TILSYN, "tilsyn-forfalt", "Fristen for oppfølging av tilsynet var 2026-11-26 (X: Y)."),
    ],
)
def test_due_yesterday_is_overdue_today_and_tomorrow_are_not(kind, code, message) -> None:
    for day, late in [(TODAY - DAY, True), (TODAY, False), (TODAY + DAY, False)]:
        found = overdue([_Doc([_one(kind, day)])], TODAY)
        if late:
            assert [
                (p.finding.code, p.finding.severity.value, p.finding.message) for p in found
            ] == [(code, "advarsel", message)]
            assert found[0].finding.loc == ("loc",)
        else:
            assert found == [], day


def test_overdue_reports_every_late_deadline_of_a_document() -> None:
    """Also when the earliest deadline is not the only late one, and never
    one of a document whose first deadline is today or later."""
    doc = _Doc([_one(TILTAK, TODAY - 5 * DAY), _one(TILTAK, TODAY - DAY), _one(TILTAK, TODAY)])
    assert len(overdue([doc], TODAY)) == 2
    assert overdue([_Doc([_one(TILTAK, TODAY)]), _Doc([])], TODAY) == []
    # first_deadline is a shortcut only: the dates decide
    doc = _Doc([_one(TILTAK, TODAY - DAY)])
    doc.first_deadline = (TODAY - 10 * DAY).isoformat()
    assert len(overdue([doc], TODAY)) == 1


def test_a_long_description_is_cut_at_60_characters() -> None:
    for length, shown in [(59, "a" * 59), (60, "a" * 60), (61, "a" * 57 + "…")]:
        (found,) = overdue([_Doc([_one(TILTAK, TODAY - DAY, "a" * length)])], TODAY)
        assert found.finding.message.endswith(f"({shown}).")


def test_deadline_json_round_trip_and_refusals() -> None:
    item = Deadline(TILTAK, D(2026, 12, 1), "T1: X", ("hendelser", 0, "tiltak", 0, "frist"))
    assert Deadline.from_json(json.loads(json.dumps(item.to_json()))) == item
    item = item._replace(who="Kari (IT)")
    assert Deadline.from_json(json.loads(json.dumps(item.to_json()))) == item
    for raw in (
        ["ukjent", "2026-12-01", "x", [], None],
        [TILTAK, "2026-12-01", 5, [], None],
        [TILTAK, "2026-12-01", "x", "loc", None],
        [TILTAK, "2026-12-01", "x", [], 5],
    ):
        with pytest.raises(ValueError):
            Deadline.from_json(raw)
    assert set(LABELS) == {REVISJON, TILTAK, AKSEPT, RUTINE, TILSYN}


# --- ikros due: horizon, filter, order -----------------------------------------


def test_the_horizon_includes_its_last_day() -> None:
    docs = [
        _Doc(
            [
                _one(TILTAK, TODAY + 30 * DAY),
                _one(TILTAK, TODAY + 31 * DAY),
                _one(TILTAK, TODAY - 400 * DAY),
            ]
        )
    ]
    last = Horizon(30, DAYS).last_day(TODAY)
    assert last == TODAY + 30 * DAY
    assert [i.deadline.date for i in due_collect(docs, last)] == [
        TODAY - 400 * DAY,
        TODAY + 30 * DAY,
    ]
    assert Horizon(60, DAYS).last_day(D(9999, 12, 1)) == D.max
    assert Horizon(0, DAYS).last_day(TODAY) == TODAY
    assert Horizon(2, WEEKS).last_day(TODAY) == TODAY + 14 * DAY
    assert Horizon(3, MONTHS).last_day(D(2026, 11, 30)) == D(2027, 2, 28)
    assert Horizon(1, YEARS).last_day(D(2028, 2, 29)) == D(2029, 2, 28)
    assert Horizon(12, MONTHS).last_day(D(2026, 3, 31)) == D(2027, 3, 31)
    assert Horizon(1, MONTHS).last_day(D(9999, 12, 1)) == D.max
    assert Horizon(1, WEEKS).last_day(D(9999, 12, 30)) == D.max
    assert [Horizon(n, u).words() for n, u in [(1, DAYS), (30, DAYS), (1, WEEKS), (2, WEEKS)]] == [
        "1 dag",
        "30 dager",
        "1 uke",
        "2 uker",
    ]
    assert [
        Horizon(n, u).words() for n, u in [(1, MONTHS), (12, MONTHS), (1, YEARS), (2, YEARS)]
    ] == [
        "1 måned",
        "12 måneder",
        "1 år",
        "2 år",
    ]


def test_due_filters_by_enhet_and_by_omraade() -> None:
    docs = [
        _Doc([_one(TILTAK, TODAY)], "lia-barnehage", "A"),
        _Doc([_one(TILTAK, TODAY)], "lia-skole", "B"),
        _Doc([_one(TILTAK, TODAY)], "it", "C"),
        _Doc([_one(TILTAK, TODAY)], "kommune", "D"),
    ]
    units = {
        "lia-barnehage": "oppvekst",
        "lia-skole": "oppvekst",
        "it": "stab",
        "oppvekst": None,
        "stab": None,
    }
    ids = lambda enhet: [i.document for i in due_collect(docs, TODAY, enhet, units)]  # noqa: E731
    assert ids(None) == ["C", "D", "A", "B"]  # by enhet, then date
    assert ids("lia-skole") == ["B"]
    assert ids("oppvekst") == ["A", "B"]
    assert ids("stab") == ["C"]
    assert ids("kommune") == ["D"]
    names = [i.enhet_name for i in due_collect(docs, TODAY, None, units, {"it": "IT-seksjonen"})]
    assert names == ["IT-seksjonen", "Hele kommunen", "lia-barnehage", "lia-skole"]
    assert [i.enhet for i in due_collect(docs, TODAY)] == [
        "it",
        "kommune",
        "lia-barnehage",
        "lia-skole",
    ]


def test_the_owner_is_the_enhet_or_gjelder_and_the_title_falls_back_to_the_id() -> None:
    from ikros.checks.facts import Facts, Ref

    doc = _Doc([_one(TILSYN, TODAY)], "kommune", "IK-1")
    doc.facts = Facts(
        "internkontroll/1",
        "IK-1",
        None,
        (Ref("ros", "ROS-9", ("v", 0)), Ref("gjelder", "oppvekst", ("gjelder",))),
    )
    (item,) = due_collect([doc], TODAY)
    assert (item.enhet, item.title, item.document) == ("oppvekst", "IK-1", "IK-1")
    doc.facts = Facts("internkontroll/1", None, None, ())
    (item,) = due_collect([doc], TODAY)
    assert (item.enhet, item.title, item.document) == ("kommune", "", "")


def test_due_sorts_by_enhet_date_document_and_text() -> None:
    docs = [
        _Doc([_one(TILTAK, TODAY + DAY, "T2"), _one(TILTAK, TODAY, "T9")], "x", "B"),
        _Doc([_one(TILTAK, TODAY + DAY, "T1"), _one(TILTAK, TODAY + DAY, "T0")], "x", "A"),
    ]
    assert [(i.document, i.deadline.what) for i in due_collect(docs, TODAY + DAY)] == [
        ("B", "T9"),
        ("A", "T0"),
        ("A", "T1"),
        ("B", "T2"),
    ]


def test_a_due_item_is_overdue_from_the_day_after_its_date() -> None:
    item = DueItem(
        _one(AKSEPT, TODAY, "H1: Brann")._replace(who="Kari (IT)"),
        "ROS-1",
        "Tittel",
        "it",
        "ros/a.yaml",
        "IT-seksjonen",
    )
    assert item.overdue_on == TODAY
    assert item.ansvarlig == "Kari (IT)"
    assert item.to_dict(TODAY) == {
        "dato": "2026-11-27",
        "type": "aksept",
        "hva": "H1: Brann",
        "dokument": "ROS-1",
        "tittel": "Tittel",
        "enhet": "it",
        "enhet_navn": "IT-seksjonen",
        "ansvarlig": "Kari (IT)",
        "fil": "ros/a.yaml",
        "forfalt": False,
    }
    assert item.to_dict(TODAY + DAY)["forfalt"] is True


def test_ics_events_last_one_day_and_the_calendars_last_day_has_no_end() -> None:
    import icalendar

    items = [
        DueItem(_one(TILSYN, TODAY, "Statsforvalteren: Skolemiljø"), "IK-1", "IK", "it", "i.yaml"),
        DueItem(_one(REVISJON, D.max, "ROS-9"), "ROS-9", "R", "it", "r.yaml"),
    ]
    cal = icalendar.Calendar.from_ical(ics(items, dt.datetime(2026, 11, 27, tzinfo=dt.UTC)))
    first, last = cal.walk("VEVENT")
    assert first.decoded("dtstart") == TODAY and first.decoded("dtend") == TODAY + DAY
    assert str(first["summary"]) == "Tilsynsfrist: Statsforvalteren: Skolemiljø (IK-1)"
    assert str(first["description"]) == "IK\nEnhet:  (it)\nAnsvarlig: ikke oppgitt\nFil: i.yaml"
    assert "dtend" not in last
    assert first.decoded("dtstamp") == dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    assert str(first["transp"]) == "TRANSPARENT"
    assert len(str(first["uid"])) == len("@ikros") + 24 and str(first["uid"]).endswith("@ikros")
    assert {key: str(cal[key]) for key in cal} == {
        "PRODID": "-//ikros//frister//NO",
        "VERSION": "2.0",
        "CALSCALE": "GREGORIAN",
        "METHOD": "PUBLISH",
        "X-WR-CALNAME": "ikros frister",
    }
    assert str(last["summary"]) == "Revisjon: ROS-9 (ROS-9)"
    assert first["uid"] != last["uid"]


# --- the suite on several days ---------------------------------------------

FIXTURE_DAY = D.fromisoformat(FIXTURE_TODAY)
SEVERAL_DAYS = [FIXTURE_DAY, D(FIXTURE_DAY.year + 1, 11, 27), D(FIXTURE_DAY.year + 3, 11, 27)]


def _split(lines: list[str]) -> tuple[list[str], list[str]]:
    dated = [line for line in lines if line.split()[-1] in DATE_CODES]
    return [line for line in lines if line not in dated], dated


def _due_overdue(repo: Path, day: dt.date, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`ikros due` on `day`: the overdue items, as file:line:column."""
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        app,
        ["due", "--format", "json", "--no-cache", "--innen", "0d"],
        env={"IKROS_TODAY": day.isoformat()},
    )
    assert result.exit_code == 0, result.output
    return sorted(i["fil"] for i in json.loads(result.stdout) if i["forfalt"])


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_cases_hold_years_later(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only deadline findings change with the day: the other findings and
    the exit code stay what the case says; a deadline found overdue stays
    overdue; and `ikros due` finds overdue what `validate` warns about."""
    want = expected(case)
    repo = materialise(case, tmp_path)
    stable, dated = _split(want.findings)
    before: list[str] = []
    for day in sorted({want.today, *SEVERAL_DAYS}):
        lines, exit_code = verdict(repo, day, monkeypatch)
        others, late = _split(lines)
        assert (others, exit_code) == (stable, want.exit), day
        if day == want.today:
            assert late == dated
        assert set(before) <= set(late), day
        before = late
        if exit_code != 2 and not any(line.split()[0].startswith("ikros.yaml") for line in others):
            assert sorted(line.split(":")[0] for line in late) == _due_overdue(
                repo, day, monkeypatch
            )


def test_the_example_kommune_holds_years_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples are clean on the fixtures' day; later, every finding is
    a deadline warning (exit 0 all the same), each for a date before that
    day, and they only grow."""
    repo = tmp_path / "kommune"
    shutil.copytree(EXAMPLES, repo)
    before: set[str] = set()
    for day in SEVERAL_DAYS:
        lines, exit_code = verdict(repo, day, monkeypatch)
        assert exit_code == 0
        others, late = _split(lines)
        assert others == []
        assert (late == []) == (day == FIXTURE_DAY)
        assert before <= set(late)
        before = set(late)
        result = run(Settings(paths=(), cwd=repo, use_cache=False, today=day))
        for d in result.diagnostics:
            (date,) = [
                w for w in d.message.replace("(", " ").split() if w[:4].isdigit() and len(w) == 10
            ]
            assert D.fromisoformat(date) < day, d
        assert sorted(line.split(":")[0] for line in late) == _due_overdue(repo, day, monkeypatch)
    assert len(before) > 100


def test_show_on_several_days(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ikros show`: the review and a tiltak fall overdue, an acceptance
    runs out, each on the day after its date."""
    from tests.conftest import write_tree

    ros = (Path(__file__).parent / "cases" / "aksept-utlopt" / "ros" / "a.yaml").read_text(
        encoding="utf-8"
    )
    ros += (
        "  - id: H4\n    tittel: Glemt passord\n    sannsynlighet: 1\n    konsekvens: {omdømme: 1}\n"
        "    begrunnelse: Test.\n    usikkerhet: lav\n    tiltak:\n"
        "      - {id: T1, beskrivelse: Alarm, status: planlagt, frist: 2027-01-10}\n"
    )
    repo = write_tree(
        tmp_path / "r",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/a.yaml": ros,
        },
    )
    monkeypatch.chdir(repo)

    def show(day: str) -> dict:
        result = CliRunner().invoke(
            app, ["show", "ros/a.yaml", "--format", "json"], env={"IKROS_TODAY": day}
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def state(data: dict) -> tuple:
        return (
            data["revisjon_forfalt"],
            [t["forfalt"] for t in data["åpne_tiltak"]],
            [h["aksept"] for h in data["hendelser"]],
        )

    # dato 2026-03-01: review due 2027-03-01; T1 due 2027-01-10
    assert state(show("2026-11-27")) == (
        False,
        [False],
        ["utløpt", "akseptert", "akseptert", "ikke_nødvendig"],
    )
    assert state(show("2026-11-28"))[2] == ["utløpt", "utløpt", "akseptert", "ikke_nødvendig"]
    assert state(show("2027-01-10"))[1] == [False]
    assert state(show("2027-01-11"))[1] == [True]
    assert state(show("2027-03-01"))[0] is False
    assert state(show("2027-03-02"))[0] is True
    assert state(show("2029-11-27")) == (
        True,
        [True],
        ["utløpt", "utløpt", "utløpt", "ikke_nødvendig"],
    )
