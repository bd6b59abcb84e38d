"""Checks of organisasjon.yaml."""

from __future__ import annotations

from ikros.diagnostics import Finding, error
from ikros.model.organisasjon import Organisasjon


def check(org: Organisasjon) -> list[Finding]:
    found: list[Finding] = []
    first: dict[str, str] = {}
    for o, område in enumerate(org.områder):
        units = [(("områder", o, "id"), område.id, f"området {område.navn}")]
        units += [
            (("områder", o, "enheter", e, "id"), enhet.id, f"enheten {enhet.navn}")
            for e, enhet in enumerate(område.enheter)
        ]
        for loc, ident, label in units:
            if ident == "kommune":
                found.append(
                    error(
                        loc,
                        "ugyldig-id",
                        "Id-en `kommune` er reservert for hele kommunen.",
                        "Velg en annen id.",
                    )
                )
            elif ident in first:
                found.append(
                    error(
                        loc,
                        "duplikat-id",
                        f"Id-en `{ident}` er allerede brukt for {first[ident]}.",
                        "Id-er for områder og enheter skal være unike i filen.",
                    )
                )
            else:
                first[ident] = label
    return found
