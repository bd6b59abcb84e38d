"""Checks of ikros.yaml: its own methods and the default method."""

from __future__ import annotations

from ikros.checks.context import Context
from ikros.diagnostics import Finding, error
from ikros.model.konfig import Konfig
from ikros.risk.methods import method_findings
from ikros.suggest import did_you_mean


def check(konfig: Konfig, ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for i, method in enumerate(konfig.metoder):
        if method.id in seen:
            found.append(
                error(
                    ("metoder", i, "id"),
                    "duplikat-id",
                    f"Metoden `{method.id}` er definert to ganger.",
                )
            )
        seen.add(method.id)
        found += method_findings(method, ("metoder", i))
    if konfig.standardmetode not in ctx.known_methods:
        found.append(
            error(
                ("standardmetode",),
                "ukjent-metode",
                f"Standardmetoden `{konfig.standardmetode}` finnes ikke."
                f"{did_you_mean(konfig.standardmetode, ctx.known_methods, 'verdiene')}",
                f"Kjente metoder: {', '.join(ctx.known_methods)}.",
            )
        )
    return found
