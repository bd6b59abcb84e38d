"""Checks of one ROS analysis against FORMAT.md and its method."""

from __future__ import annotations

from typing import Any

from ikros.checks import common, pieces
from ikros.checks.context import Context
from ikros.diagnostics import Finding, error, warning
from ikros.model.common import Status
from ikros.model.ros import Forhåndsdrøfting, Hendelse, Informert, Ros, RosType
from ikros.risk.compute import HendelseRisk, assess
from ikros.risk.fingerprint import fingerprint
from ikros.risk.methods import Matrix
from ikros.suggest import and_list


def check(ros: Ros, ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    found += common.unique_ids(ros.hendelser, ("hendelser",), "hendelser")
    found += common.unique_nested_ids(
        ((("hendelser", i, "tiltak"), h.tiltak) for i, h in enumerate(ros.hendelser)), "tiltak"
    )
    found += common.approval(ros.status, ros.godkjenning)
    found += common.date_order(
        ros.dato, ros.neste_revisjon, ("neste_revisjon",), "`neste_revisjon` må komme etter `dato`."
    )
    found += common.review_in_calendar(ros.dato, ros.neste_revisjon, ctx.review_months)
    if ros.godkjenning is not None and ros.godkjenning.dato < ros.dato:
        found.append(
            warning(
                ("godkjenning", "dato"),
                "dato-rekkefølge",
                "Godkjenningen er datert før analysen ble gjennomført (`dato`).",
            )
        )
    found += _dpia_present(ros)
    if ros.type is RosType.BEREDSKAP and ros.kommunebeskrivelse is None:
        found.append(
            warning(
                ("type",),
                "mangler-kommunebeskrivelse",
                "En beredskaps-ROS bør ha en `kommunebeskrivelse`.",
                "Beskriv kommunens geografi, befolkning og kritiske funksjoner.",
            )
        )
    found += _reporting_line(ros, ctx)
    matrix, problems = common.method_of(ctx, ros.metode, ("metode",))
    found += problems
    for i, hendelse in enumerate(ros.hendelser):
        risk = assess(matrix, hendelse) if matrix is not None else None
        found += _hendelse(hendelse, ("hendelser", i), matrix, risk)
        if matrix is not None:
            found += _risk_rules(hendelse, ("hendelser", i), matrix, ros.status, risk)
    if matrix is not None:
        found += _dpia_prior_consultation(ros, matrix)
    return found


def check_partial(data: dict[str, Any], ctx: Context) -> list[Finding]:
    """The rules that still apply to an analysis with schema errors, so that
    an error in one hendelse does not hide the findings of the others: each
    hendelse that is valid on its own gets its level and risk rules (the
    acceptance rules too when `status` is valid), and in one that is not,
    the levels that are whole numbers are still held against the scale.
    Rules about the analysis as a whole wait until it is valid."""
    metode = data.get("metode")
    if metode is not None and not isinstance(metode, str):
        return []
    matrix, found = common.method_of(ctx, metode, ("metode",))
    status = data.get("status")
    status = (
        Status(status) if isinstance(status, str) and status in Status._value2member_map_ else None
    )
    found += _whole_parts(data, status, ctx)
    hendelser = data.get("hendelser")
    hendelser = hendelser if isinstance(hendelser, list) else []
    found += common.unique_ids(hendelser, ("hendelser",), "hendelser")
    for i, item in enumerate(hendelser):
        loc = ("hendelser", i)
        if not isinstance(item, dict):
            continue  # no hendelse at all (the schema's finding says so), and no levels
        hendelse = pieces.valid(Hendelse, item)
        if hendelse is None:
            if matrix is not None:
                found += common.raw_levels(matrix, item, loc)
                found += common.raw_levels(matrix, item.get("restrisiko"), (*loc, "restrisiko"))
            continue
        risk = assess(matrix, hendelse) if matrix is not None else None
        found += _hendelse(hendelse, loc, matrix, risk)
        if matrix is not None:
            found += _risk_rules(hendelse, loc, matrix, status, risk)
    return found


def _whole_parts(data: dict[str, Any], status: Status | None, ctx: Context) -> list[Finding]:
    """The rules about the analysis as a whole whose parts are well-formed
    in a document with schema errors elsewhere: an approved analysis
    without `godkjenning`, and the reporting line."""
    if status is None:
        return []
    found = common.approval(status, None) if "godkjenning" not in data else []
    ros_type = data.get("type")
    given = data.get("informert") or []
    informert = [pieces.valid(Informert, e) for e in given] if isinstance(given, list) else [None]
    if isinstance(ros_type, str) and ros_type in RosType._value2member_map_ and all(informert):
        found += reporting_line(status, RosType(ros_type), informert, ctx)
    return found


def _hendelse(
    hendelse: Hendelse, loc, matrix: Matrix | None, risk: HendelseRisk | None
) -> list[Finding]:
    found: list[Finding] = []
    if hendelse.usikkerhet is None:
        found.append(
            warning(
                loc,
                "mangler-usikkerhet",
                f"Hendelse {hendelse.id} mangler `usikkerhet` (kunnskapsstyrke).",
                "NS 5814 ber om vurdering av usikkerhet: lav, middels eller høy.",
            )
        )
    if hendelse.aksept is not None and hendelse.aksept.gjelder_til is not None:
        found += common.date_order(
            hendelse.aksept.dato,
            hendelse.aksept.gjelder_til,
            (*loc, "aksept", "gjelder_til"),
            "`gjelder_til` må komme etter aksept-`dato`.",
        )
    if matrix is None:
        return found
    found += common.levels(matrix, hendelse.sannsynlighet, hendelse.konsekvens, loc)
    if hendelse.restrisiko is not None:
        rest = hendelse.restrisiko
        found += common.levels(matrix, rest.sannsynlighet, rest.konsekvens, (*loc, "restrisiko"))
    if risk is None:
        return found
    if risk.inherent.zone is matrix.highest_zone:
        for t, tiltak in enumerate(hendelse.tiltak):
            missing = [name for name in ("ansvarlig", "frist") if getattr(tiltak, name) is None]
            if missing:
                found.append(
                    error(
                        (*loc, "tiltak", t),
                        "tiltak-mangler-ansvar",
                        f"Tiltak {tiltak.id} mangler {' og '.join(f'`{m}`' for m in missing)}; hendelse "
                        f"{hendelse.id} har iboende risiko i den høyeste sonen (`{risk.inherent.zone.id}`).",
                        "Tiltak mot risiko i høyeste sone skal ha ansvarlig og frist.",
                    )
                )
    return found


def _dpia_present(ros: Ros) -> list[Finding]:
    if ros.type is RosType.PERSONVERN and ros.personvernkonsekvenser is None:
        return [
            error(
                ("type",),
                "mangler-personvernkonsekvenser",
                "En ROS av type `personvern` er en DPIA og må ha `personvernkonsekvenser`.",
                "Se personvernforordningen art. 35 nr. 7 og FORMAT.md.",
            )
        ]
    return []


def _dpia_prior_consultation(ros: Ros, matrix: Matrix) -> list[Finding]:
    dpia = ros.personvernkonsekvenser
    if dpia is None or dpia.forhåndsdrøfting is not Forhåndsdrøfting.IKKE_NØDVENDIG:
        return []
    high = [
        h.id
        for h in ros.hendelser
        if (r := assess(matrix, h)) and r.residual.zone is matrix.highest_zone
    ]
    if not high:
        return []
    return [
        error(
            ("personvernkonsekvenser", "forhåndsdrøfting"),
            "forhåndsdrøfting-påkrevd",
            f"Restrisikoen er fortsatt i den høyeste sonen (hendelse {', '.join(high)}), men "
            "`forhåndsdrøfting` er `ikke_nødvendig`.",
            "Ved høy restrisiko skal Datatilsynet konsulteres først (art. 36): "
            "sett `nødvendig` eller `gjennomført`.",
        )
    ]


def _reporting_line(ros: Ros, ctx: Context) -> list[Finding]:
    return reporting_line(ros.status, ros.type, ros.informert, ctx)


def reporting_line(
    status: Status, ros_type: RosType, informert: list, ctx: Context
) -> list[Finding]:
    if status not in (Status.TIL_GODKJENNING, Status.GODKJENT):
        return []
    told = {entry.rolle.casefold() for entry in informert}
    missing = [who for who in ctx.informeres(ros_type.value) if who.casefold() not in told]
    if not missing:
        return []
    loc = ("informert", 0) if informert else ("status",)
    return [
        warning(
            loc,
            "mangler-informert",
            f"Analysen er `{status.value}`, men {and_list(missing)} er ikke registrert som informert.",
            "Før opp hvem som er informert og når under `informert:`, slik `informeres` i "
            "ikros.yaml krever for denne typen.",
        )
    ]


def _risk_rules(
    hendelse: Hendelse, loc, matrix: Matrix, status: Status | None, risk: HendelseRisk | None
) -> list[Finding]:
    """FORMAT.md, "Risk arithmetic" and "Acceptance bound to content". The
    acceptance rules need the analysis's status; without a valid one (a
    schema error) only the residual's own rules apply."""
    found: list[Finding] = []
    rest = hendelse.restrisiko
    if rest is not None:
        explained = rest.begrunnelse is not None
        make = warning if explained else error
        hint = None if explained else "Forklar det i `restrisiko.begrunnelse`, eller rett nivået."
        if rest.sannsynlighet > hendelse.sannsynlighet:
            found.append(
                make(
                    (*loc, "restrisiko", "sannsynlighet"),
                    "restrisiko-over-iboende",
                    f"Restrisikoens sannsynlighet ({rest.sannsynlighet}) er høyere enn den iboende "
                    f"({hendelse.sannsynlighet}) i hendelse {hendelse.id}.",
                    hint,
                )
            )
        for dim, level in rest.konsekvens.items():
            before = hendelse.konsekvens.get(dim)
            if before is None:
                found.append(
                    make(
                        (*loc, "restrisiko", "konsekvens", dim),
                        "restrisiko-ny-dimensjon",
                        f"Restrisikoen vurderer `{dim}`, som den iboende risikoen i hendelse {hendelse.id} "
                        "ikke vurderer.",
                        hint,
                        at_key=True,
                    )
                )
            elif level > before:
                found.append(
                    make(
                        (*loc, "restrisiko", "konsekvens", dim),
                        "restrisiko-over-iboende",
                        f"Restrisikoens konsekvens for `{dim}` ({level}) er høyere enn den iboende ({before}) "
                        f"i hendelse {hendelse.id}.",
                        hint,
                    )
                )
    if risk is None or status is None or status is Status.ARKIVERT:
        return found
    binding = status in (Status.TIL_GODKJENNING, Status.GODKJENT)
    needed = risk.accept_role
    aksept = hendelse.aksept
    zone = risk.residual.zone
    if needed is not None and aksept is None:
        make = error if binding else warning
        found.append(
            make(
                loc,
                "mangler-aksept",
                f"Restrisikoen i hendelse {hendelse.id} er i sonen `{zone.id}` og må aksepteres av "
                f"{needed.value} eller høyere.",
                f"Kjør `ikros accept FIL {hendelse.id} --av NAVN --rolle {needed.value}`.",
            )
        )
    if aksept is None:
        return found
    if needed is not None and aksept.av.rolle.rank < needed.rank:
        found.append(
            error(
                (*loc, "aksept", "av", "rolle"),
                "aksept-rolle-for-lav",
                f"{aksept.av.rolle.value.capitalize()} kan ikke akseptere restrisiko i sonen `{zone.id}` "
                f"(hendelse {hendelse.id}); det krever {needed.value} eller høyere.",
            )
        )
    if aksept.fingeravtrykk is None:
        found.append(
            warning(
                (*loc, "aksept"),
                "aksept-uten-fingeravtrykk",
                f"Aksepten i hendelse {hendelse.id} har ikke `fingeravtrykk`, så ikros kan ikke se om "
                "hendelsen er endret etterpå.",
                f"Skriv aksepten med `ikros accept FIL {hendelse.id} …`.",
            )
        )
    elif aksept.fingeravtrykk != fingerprint(hendelse):
        make = error if binding and needed is not None else warning
        found.append(
            make(
                (*loc, "aksept", "fingeravtrykk"),
                "aksept-utdatert",
                f"Hendelse {hendelse.id} er endret etter at restrisikoen ble akseptert "
                f"{aksept.dato.isoformat()}; aksepten gjelder ikke det som står nå.",
                "Få aksepten fornyet med `ikros accept` når endringen er vurdert.",
            )
        )
    return found
