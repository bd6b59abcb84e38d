"""One analysis as data, computed risk included: what `ikros show` draws
and what `ikros show --format json` gives other tools. No I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikros.model.ros import Hendelse, Ros, TiltakStatus
from ikros.risk.compute import HendelseRisk, Risk, assess
from ikros.risk.fingerprint import fingerprint
from ikros.risk.methods import Matrix

OPEN = (TiltakStatus.PLANLAGT, TiltakStatus.PÅGÅR)


def _risk(risk: Risk) -> dict[str, Any]:
    return {
        "sannsynlighet": risk.likelihood,
        "konsekvens": risk.consequence,
        "risiko": risk.score,
        "sone": risk.zone.id,
    }


def acceptance_state(hendelse: Hendelse, risk: HendelseRisk, today: dt.date) -> str:
    """ikke_nødvendig | mangler | akseptert | utdatert | utløpt | uten_fingeravtrykk | for_lav_rolle"""
    aksept = hendelse.aksept
    if aksept is None:
        return "mangler" if risk.accept_role is not None else "ikke_nødvendig"
    if risk.accept_role is not None and aksept.av.rolle.rank < risk.accept_role.rank:
        return "for_lav_rolle"
    if aksept.fingeravtrykk is None:
        return "uten_fingeravtrykk"
    if aksept.fingeravtrykk != fingerprint(hendelse):
        return "utdatert"
    if aksept.gjelder_til is not None and aksept.gjelder_til < today:
        return "utløpt"
    return "akseptert"


def summarize(ros: Ros, matrix: Matrix, today: dt.date, review_months: int = 12) -> dict[str, Any]:
    from ikros.deadlines import add_months, person

    hendelser = []
    open_tiltak = []
    before: dict[tuple[int, int], list[str]] = {}
    after: dict[tuple[int, int], list[str]] = {}
    for hendelse in ros.hendelser:
        risk = assess(matrix, hendelse)
        if risk is None:
            hendelser.append(
                {"id": hendelse.id, "tittel": hendelse.tittel, "feil": "nivå utenfor skala"}
            )
            continue
        before.setdefault((risk.inherent.likelihood, risk.inherent.consequence), []).append(
            hendelse.id
        )
        after.setdefault((risk.residual.likelihood, risk.residual.consequence), []).append(
            hendelse.id
        )
        hendelser.append(
            {
                "id": hendelse.id,
                "tittel": hendelse.tittel,
                "iboende": _risk(risk.inherent),
                "nåværende": _risk(risk.current),
                "rest": _risk(risk.residual),
                "aksept_kreves_av": risk.accept_role.value if risk.accept_role else None,
                "aksept": acceptance_state(hendelse, risk, today),
                "usikkerhet": hendelse.usikkerhet.value if hendelse.usikkerhet else None,
            }
        )
        for tiltak in hendelse.tiltak:
            if tiltak.status in OPEN:
                open_tiltak.append(
                    {
                        "id": tiltak.id,
                        "hendelse": hendelse.id,
                        "beskrivelse": tiltak.beskrivelse,
                        "ansvarlig": person(tiltak.ansvarlig),
                        "frist": tiltak.frist.isoformat() if tiltak.frist else None,
                        "status": tiltak.status.value,
                        "forfalt": bool(tiltak.frist and tiltak.frist < today),
                    }
                )
    open_tiltak.sort(key=lambda t: (t["frist"] is None, t["frist"] or "", t["id"]))
    review = ros.neste_revisjon or add_months(ros.dato, review_months)  # None: past year 9999
    return {
        "id": ros.id,
        "tittel": ros.tittel,
        "type": ros.type.value,
        "omfang_type": ros.omfang_type.value,
        "enhet": ros.enhet,
        "status": ros.status.value,
        "klassifisering": ros.klassifisering.value,
        "eier": person(ros.eier),
        "dato": ros.dato.isoformat(),
        "neste_revisjon": review.isoformat() if review else None,
        "revisjon_forfalt": review is not None and review < today,
        "metode": {
            "id": matrix.id,
            "navn": matrix.name,
            "sannsynlighet": matrix.likelihood_levels,
            "konsekvens": max(matrix.dimensions.values()),
            "soner": [
                {
                    "id": z.id,
                    "navn": z.name,
                    "aksept": z.accept_role.value if z.accept_role else None,
                }
                for z in matrix.zones
            ],
        },
        "hendelser": hendelser,
        "åpne_tiltak": open_tiltak,
        "matrise": {"før": _cells(before), "etter": _cells(after)},
    }


def _cells(cells: dict[tuple[int, int], list[str]]) -> list[dict[str, Any]]:
    return [
        {"sannsynlighet": s, "konsekvens": k, "hendelser": ids}
        for (s, k), ids in sorted(cells.items())
    ]
