"""Checks shared by several document kinds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from ikros.checks.context import Context
from ikros.diagnostics import Finding, Loc, error
from ikros.model.common import Godkjenning, Status
from ikros.risk.methods import Matrix
from ikros.suggest import and_list, did_you_mean


def unique_ids(items: Iterable[object], loc: Loc, what: str) -> list[Finding]:
    """Ids must be unique in their list (`loc` is the list's location)."""
    found: list[Finding] = []
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        # a model, or a mapping read from a document with schema errors
        ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
        if not isinstance(ident, str):
            continue
        if ident in first:
            found.append(
                error(
                    (*loc, i, "id"),
                    "duplikat-id",
                    f"Id-en `{ident}` er brukt for flere {what}; første gang i nr. {first[ident] + 1}.",
                    "Id-en skal være unik i listen.",
                )
            )
        else:
            first[ident] = i
    return found


def unique_nested_ids(groups: Iterable[tuple[Loc, list[object]]], what: str) -> list[Finding]:
    """Ids unique across several lists (tiltak under every hendelse)."""
    found: list[Finding] = []
    first: dict[str, Loc] = {}
    for loc, items in groups:
        for i, item in enumerate(items):
            ident = getattr(item, "id", None)
            if ident is None:
                continue
            if ident in first:
                found.append(
                    error(
                        (*loc, i, "id"),
                        "duplikat-id",
                        f"Id-en `{ident}` er brukt for flere {what} i samme dokument.",
                        f"Id-er for {what} skal være unike i hele dokumentet.",
                    )
                )
            else:
                first[ident] = (*loc, i)
    return found


def approval(status: Status, godkjenning: Godkjenning | None) -> list[Finding]:
    if status is Status.GODKJENT and godkjenning is None:
        return [
            error(
                ("status",),
                "mangler-godkjenning",
                "Status er `godkjent`, men dokumentet har ingen `godkjenning`.",
                "Legg til `godkjenning: {godkjent_av: {navn: …, rolle: …}, dato: …}`.",
            )
        ]
    return []


def date_order(earlier: date | None, later: date | None, loc: Loc, message: str) -> list[Finding]:
    if earlier is not None and later is not None and later <= earlier:
        return [error(loc, "dato-rekkefølge", message)]
    return []


def review_in_calendar(dato: date, neste_revisjon: date | None, months: int) -> list[Finding]:
    """The default review date (`dato` + the interval) must exist: past
    year 9999 there is none, and the review would vanish from `due`."""
    from ikros.deadlines import add_months

    if neste_revisjon is not None or add_months(dato, months) is not None:
        return []
    return [
        error(
            ("dato",),
            "revisjon-utenfor-kalender",
            f"Neste revisjon blir {dato.isoformat()} pluss {months} måneder, som er etter år 9999.",
            "Rett `dato`, eller sett `neste_revisjon` til en dato i kalenderen.",
        )
    ]


def method_of(ctx: Context, chosen: str | None, loc: Loc) -> tuple[Matrix | None, list[Finding]]:
    """The matrix a document uses; an unknown `metode:` is an error here,
    an unusable one is reported where it is defined (ikros.yaml)."""
    method_id = chosen or ctx.default_method
    matrix = ctx.matrices.get(method_id)
    if matrix is not None or chosen is None or method_id in ctx.known_methods:
        return matrix, []
    return None, [
        error(
            loc,
            "ukjent-metode",
            f"Metoden `{method_id}` finnes ikke."
            f"{did_you_mean(method_id, ctx.known_methods, 'verdiene')}",
            f"Kjente metoder: {', '.join(ctx.known_methods)}.",
        )
    ]


def levels(
    matrix: Matrix, likelihood: int | None, consequence: Mapping[str, int], loc: Loc
) -> list[Finding]:
    """Levels inside the method's scales, dimensions known to the method.
    A likelihood of None is not checked (it has a schema error already)."""
    found: list[Finding] = []
    if likelihood is not None and not 1 <= likelihood <= matrix.likelihood_levels:
        found.append(
            error(
                (*loc, "sannsynlighet"),
                "nivå-utenfor-skala",
                f"Sannsynlighet {likelihood} er utenfor skalaen til `{matrix.id}`: "
                f"{scale(matrix.likelihood_names)}.",
                _choose_level(matrix, matrix.likelihood_levels),
            )
        )
    for dim, level in consequence.items():
        top = matrix.dimensions.get(dim)
        if top is None:
            found.append(
                error(
                    (*loc, "konsekvens", dim),
                    "ukjent-dimensjon",
                    f"Konsekvensdimensjonen `{dim}` finnes ikke i metoden `{matrix.id}`."
                    f"{did_you_mean(dim, matrix.dimensions, 'nøklene')}",
                    dimensions_hint(matrix),
                    at_key=True,
                )
            )
        elif not 1 <= level <= top:
            found.append(
                error(
                    (*loc, "konsekvens", dim),
                    "nivå-utenfor-skala",
                    f"Konsekvens {level} for `{dim}` er utenfor skalaen til `{matrix.id}`: "
                    f"{scale(matrix.level_names.get(dim, ()))}.",
                    _choose_level(matrix, top),
                )
            )
    return found


def scale(names: tuple[str, ...]) -> str:
    """`1 Ubetydelig, 2 Mindre alvorlig, …`: a scale as a reader meets it."""
    return ", ".join(f"{level} {name}" for level, name in enumerate(names, start=1))


def _choose_level(matrix: Matrix, top: int) -> str:
    return f"Velg et nivå fra 1 til {top}; `ikros methods {matrix.id}` viser hva hvert nivå betyr."


def dimensions_hint(matrix: Matrix) -> str:
    """The method's consequence dimensions, and a line that uses them."""
    dims = list(matrix.dimensions)
    example = ", ".join(
        f"{dim}: {min(level, matrix.dimensions[dim])}"
        for dim, level in zip(dims, (3, 2), strict=False)
    )
    return (
        f"Dimensjonene i `{matrix.id}` er {and_list(dims)}. Gi et nivå for hver dimensjon som er "
        f"vurdert (minst én), for eksempel `konsekvens: {{{example}}}`."
    )


def level_hints(findings: list[Finding], ctx: Context, metode: object) -> list[Finding]:
    """Schema findings about a level or a `konsekvens` (`sannsynlighet:
    høy`, `konsekvens: 3`, a level of 0) in a ROS or an internkontroll get
    the scale or the dimensions of the document's method as their hint:
    what to write, in the method's own words."""
    if metode is not None and not isinstance(metode, str):
        return findings
    matrix = ctx.matrices.get(metode or ctx.default_method)
    if matrix is None:
        return findings
    out = []
    for f in findings:
        hint = _level_hint(f.loc, matrix)
        out.append(f if hint is None else replace(f, hint=hint))
    return out


def _level_hint(loc: Loc, matrix: Matrix) -> str | None:
    if loc[-1:] == ("sannsynlighet",):
        return (
            f"Skalaen til `{matrix.id}`: {scale(matrix.likelihood_names)}. "
            f"Skriv nivået som et tall, for eksempel `sannsynlighet: 2`."
        )
    if loc[-1:] == ("konsekvens",):
        return dimensions_hint(matrix)
    if loc[-2:-1] == ("konsekvens",) and loc[-1] in matrix.level_names:
        return (
            f"Skalaen for `{loc[-1]}` i `{matrix.id}`: {scale(matrix.level_names[loc[-1]])}. "
            "Skriv nivået som et tall."
        )
    return None


def raw_levels(matrix: Matrix, item: object, loc: Loc) -> list[Finding]:
    """`levels` on the well-formed parts of a mapping that failed its schema:
    a level written as a whole number is still held against the scale."""
    if not isinstance(item, dict):
        return []
    likelihood = item.get("sannsynlighet")
    consequence = item.get("konsekvens")
    return levels(
        matrix,
        likelihood if type(likelihood) is int and likelihood >= 1 else None,
        {
            dim: level
            for dim, level in (consequence.items() if isinstance(consequence, dict) else ())
            if isinstance(dim, str) and type(level) is int and level >= 1
        },
        loc,
    )
