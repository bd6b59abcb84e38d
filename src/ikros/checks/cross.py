"""Checks across documents, on facts: unique ids across the repository
(and across several roots), references to units and analyses, exactly one
organisasjon.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ikros.checks.facts import Unit
from ikros.diagnostics import Finding, error
from ikros.suggest import did_you_mean

if TYPE_CHECKING:
    from ikros.engine.repository import Document


@dataclass(frozen=True, slots=True)
class Pending:
    """A finding in a document whose position is not known yet."""

    source: Any  # engine.repository.Source
    finding: Finding


def check(documents: list[Document], konfig_sources: dict[Any, Any]) -> list[Pending]:
    out: list[Pending] = []
    ordered = sorted(documents, key=lambda d: d.source.display)
    out += _unique_document_ids(ordered)
    units, org_docs = _units(ordered, out)
    if not org_docs:
        for source in konfig_sources.values():
            if source is not None and source.raw is not None:
                out.append(
                    Pending(
                        source,
                        error(
                            (),
                            "mangler-organisasjon",
                            "Mappen med ikros.yaml har ingen organisasjon.yaml (`ikros: organisasjon/1`).",
                            "Uten organisasjonen kan ikros ikke sjekke `enhet` og `gjelder`.",
                        ),
                    )
                )
    ros_ids = {d.facts.id for d in ordered if d.facts.kind == "ros/1" and d.facts.id}
    for doc in ordered:
        for ref in doc.facts.refs:
            if ref.kind == "ros":
                if ref.target not in ros_ids:
                    out.append(
                        Pending(
                            doc.source,
                            error(
                                ref.loc,
                                "ukjent-referanse",
                                f"ROS-analysen `{ref.target}` finnes ikke.{did_you_mean(ref.target, ros_ids)}",
                            ),
                        )
                    )
            elif (
                org_docs
                and ref.target not in units
                and not (ref.kind == "gjelder" and ref.target == "kommune")
            ):
                allowed = "et område eller en enhet" + (
                    ", eller `kommune`" if ref.kind == "gjelder" else ""
                )
                out.append(
                    Pending(
                        doc.source,
                        error(
                            ref.loc,
                            "ukjent-referanse",
                            f"`{ref.target}` finnes ikke i organisasjon.yaml.{did_you_mean(ref.target, units)}",
                            f"`{ref.kind}` skal være id-en til {allowed}.",
                        ),
                    )
                )
    return out


def where(source: Any, loc: tuple) -> str:
    """`path:line:column` of a location in another file, for messages."""
    from ikros.load import yamlio

    parsed = yamlio.read(source.read() or b"", source.display, positions=True)
    line, column = parsed.index.locate(loc) if parsed.index else (1, 1)
    return f"{source.display}:{line}:{column}"


def _unique_document_ids(ordered: list[Document]) -> list[Pending]:
    out = []
    first: dict[str, Document] = {}
    for doc in ordered:
        ident = doc.facts.id
        if ident is None or doc.facts.kind not in ("ros/1", "internkontroll/1"):
            continue
        if ident in first:
            out.append(
                Pending(
                    doc.source,
                    error(
                        ("id",),
                        "duplikat-id",
                        f"Id-en `{ident}` er også brukt i {where(first[ident].source, ('id',))}.",
                        "Dokument-id-er skal være unike i hele kommunen.",
                    ),
                )
            )
        else:
            first[ident] = doc
    return out


def _units(ordered: list[Document], out: list[Pending]) -> tuple[dict[str, Unit], list[Document]]:
    units: dict[str, Unit] = {}
    owner: dict[str, Document] = {}
    org_docs = [d for d in ordered if d.facts.kind == "organisasjon/1"]
    roots_seen: set[Any] = set()
    for doc in org_docs:
        if doc.root in roots_seen:
            out.append(
                Pending(
                    doc.source,
                    error(
                        (),
                        "duplikat-dokument",
                        "Mappen med ikros.yaml har mer enn én organisasjon (`organisasjon/1`).",
                        "Hold hele organisasjonen i én organisasjon.yaml.",
                    ),
                )
            )
        roots_seen.add(doc.root)
        for unit in doc.facts.units:
            if unit.id in units and owner[unit.id] is not doc:
                out.append(
                    Pending(
                        doc.source,
                        error(
                            unit.loc,
                            "duplikat-id",
                            f"Id-en `{unit.id}` er også brukt i {where(owner[unit.id].source, units[unit.id].loc)}.",
                            "Id-er for områder og enheter skal være unike i hele kommunen.",
                        ),
                    )
                )
            units.setdefault(unit.id, unit)
            owner.setdefault(unit.id, doc)
    return units, org_docs
