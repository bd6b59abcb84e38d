"""Checks of one internal-control description (kommuneloven § 25-1)."""

from __future__ import annotations

from ikros.checks import common
from ikros.checks.context import Context
from ikros.diagnostics import Finding, error, warning
from ikros.model.internkontroll import Internkontroll, TilsynStatus
from ikros.suggest import did_you_mean


def check(ik: Internkontroll, ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    found += common.unique_ids(ik.krav, ("krav",), "krav")
    found += common.unique_ids(ik.rutiner, ("rutiner",), "rutiner")
    found += common.unique_ids(
        ik.vesentlighetsvurdering, ("vesentlighetsvurdering",), "vurderinger"
    )
    found += common.approval(ik.status, ik.godkjenning)
    found += common.date_order(
        ik.dato, ik.neste_revisjon, ("neste_revisjon",), "`neste_revisjon` må komme etter `dato`."
    )
    krav_ids = [k.id for k in ik.krav]
    for r, rutine in enumerate(ik.rutiner):
        for k, ref in enumerate(rutine.krav):
            if ref not in krav_ids:
                found.append(
                    error(
                        ("rutiner", r, "krav", k),
                        "ukjent-referanse",
                        f"Rutine {rutine.id} viser til kravet `{ref}`, som ikke finnes i dokumentet."
                        f"{did_you_mean(ref, krav_ids)}",
                        f"Kravene er: {', '.join(krav_ids)}."
                        if krav_ids
                        else "Legg kravet under `krav:`.",
                    )
                )
        found += common.date_order(
            rutine.sist_revidert,
            rutine.neste_revisjon,
            ("rutiner", r, "neste_revisjon"),
            "`neste_revisjon` må komme etter `sist_revidert`.",
        )
    matrix, problems = common.method_of(ctx, ik.metode, ("metode",))
    found += problems
    for v, vurdering in enumerate(ik.vesentlighetsvurdering):
        loc = ("vesentlighetsvurdering", v)
        if vurdering.prioritert and not vurdering.ros:
            found.append(
                error(
                    (*loc, "prioritert"),
                    "mangler-ros",
                    f"Vurdering {vurdering.id} er prioritert, men nevner ingen ROS-analyse under `ros:`.",
                    "Et prioritert område skal følges opp med minst én ROS-analyse.",
                )
            )
        if matrix is not None:
            found += common.levels(matrix, vurdering.sannsynlighet, vurdering.konsekvens, loc)
    for t, tilsyn in enumerate(ik.tilsyn):
        if tilsyn.status is TilsynStatus.LUKKET and tilsyn.lukket_dato is None:
            found.append(
                warning(
                    ("tilsyn", t, "status"),
                    "mangler-lukket-dato",
                    "Tilsynet er lukket, men `lukket_dato` mangler.",
                )
            )
    found += _sections(ik)
    return found


def _sections(ik: Internkontroll) -> list[Finding]:
    """A warning per letter of § 25-1 that has no content yet."""
    empty = []
    b = ik.beskrivelse
    if not (b.hovedoppgaver or b.mål or b.organisering):
        empty.append(("beskrivelse", "a", "hovedoppgaver, mål og organisering (`beskrivelse`)"))
    if not ik.rutiner:
        empty.append(("id", "b", "rutiner (`rutiner`)"))
    if not (ik.vesentlighetsvurdering or ik.avvik):
        empty.append(("id", "c", "avvik og risiko for avvik (`vesentlighetsvurdering`, `avvik`)"))
    if not ik.dokumentasjon:
        empty.append(("id", "d", "dokumentasjon (`dokumentasjon`)"))
    if not ik.evalueringer:
        empty.append(("id", "e", "evaluering og forbedring (`evalueringer`)"))
    return [
        warning(
            (key,),
            "internkontroll-mangler-del",
            f"Internkontrollbeskrivelsen har ikke noe innhold for kommuneloven § 25-1 bokstav {letter}: {what}.",
            "Delene kan stå tomme mens arbeidet pågår, men skal fylles ut.",
        )
        for key, letter, what in empty
    ]
