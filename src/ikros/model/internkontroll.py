"""The `internkontroll/1` document: the description kommuneloven § 25-1 asks for."""

from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, StrictBool, StrictInt

from ikros.model.common import (
    DocId,
    Document,
    F,
    Godkjenning,
    IsoDate,
    Klassifisering,
    Level,
    OmfangType,
    OrgId,
    Person,
    Status,
    Text,
)


class Plikttype(StrEnum):
    KOMMUNEPLIKT = "kommuneplikt"
    AKTØRPLIKT = "aktørplikt"


class Funntype(StrEnum):
    AVVIK = "avvik"
    MERKNAD = "merknad"


class TilsynStatus(StrEnum):
    ÅPEN = "åpen"
    LUKKET = "lukket"


class Beskrivelse(Document):
    """§ 25-1 a: hovedoppgaver, mål og organisering."""

    hovedoppgaver: list[Text] = F("Hovedoppgaver", default_factory=list)
    mål: list[Text] = F("Mål", default_factory=list)
    organisering: Text | None = F("Organisering", default=None)


class Krav(Document):
    """En plikt i lov eller forskrift."""

    id: DocId = F("Id")
    tittel: Text = F("Tittel")
    hjemmel: Text | None = F("Hjemmel", "Henvisning til lov eller forskrift.", default=None)
    plikttype: Plikttype | None = F("Plikttype", default=None)


class Rutine(Document):
    """En rutine (§ 25-1 b)."""

    id: DocId = F("Id")
    tittel: Text = F("Tittel")
    lenke: Text | None = F(
        "Lenke", "Hvor rutinen ligger (kvalitetssystem, intranett).", default=None
    )
    eier: Person | None = F("Eier", default=None)
    krav: list[DocId] = F("Krav", "Id-er for krav i samme dokument.", default_factory=list)
    sist_revidert: IsoDate | None = F("Sist revidert", default=None)
    neste_revisjon: IsoDate | None = F("Neste revisjon", default=None)


class Vesentlighetsvurdering(Document):
    """Risiko for avvik på et område (§ 25-1 c)."""

    id: DocId = F("Id")
    område: Text = F("Område")
    sannsynlighet: Level = F("Sannsynlighet")
    konsekvens: dict[str, Level] = F("Konsekvens", min_length=1)
    prioritert: StrictBool = F("Prioritert", default=False)
    begrunnelse: Text | None = F("Begrunnelse", default=None)
    ros: list[DocId] = F(
        "ROS", "Analyser som følger opp området; påkrevd når prioritert.", default_factory=list
    )


class Avvik(Document):
    """Avvik samlet for en periode; aldri enkeltsaker."""

    periode: Text | StrictInt = F("Periode", "For eksempel 2025 eller 2025-H1.")
    antall: StrictInt = F("Antall", ge=0)
    alvorlige: StrictInt | None = F("Alvorlige", default=None, ge=0)
    kategorier: dict[str, StrictInt] = F("Kategorier", default_factory=dict)
    oppfølging: Text | None = F("Oppfølging", default=None)


class Funn(Document):
    """Et funn fra tilsynet."""

    type: Funntype = F("Type", "avvik eller merknad.")
    tekst: Text = F("Tekst")
    hjemmel: Text | None = F("Hjemmel", default=None)


class Tilsyn(Document):
    """Et statlig tilsyn og oppfølgingen av det (§ 25-2)."""

    myndighet: Text = F("Myndighet")
    tema: Text = F("Tema")
    rapportdato: IsoDate | None = F("Rapportdato", default=None)
    funn: list[Funn] = F("Funn", default_factory=list)
    frist: IsoDate | None = F("Frist", "Frist for oppfølgingsplanen.", default=None)
    status: TilsynStatus = F("Status", "åpen eller lukket.")
    lukket_dato: IsoDate | None = F("Lukket dato", default=None)


class Evaluering(Document):
    """En evaluering av internkontrollen (§ 25-1 e)."""

    dato: IsoDate = F("Dato")
    gjennomført_av: Person | None = F("Gjennomført av", default=None)
    funn: list[Text] = F("Funn", default_factory=list)
    forbedringer: list[Text] = F("Forbedringer", default_factory=list)


class Internkontroll(Document):
    """Beskrivelse av internkontrollen etter kommuneloven § 25-1."""

    model_config = ConfigDict(
        title="Internkontroll (ikros: internkontroll/1)",
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"status": {"const": "godkjent"}}, "required": ["status"]},
                    "then": {"required": ["godkjenning"]},
                }
            ]
        },
    )

    ikros: Literal["internkontroll/1"] = F("Dokumenttype", "Alltid `internkontroll/1`.")
    id: DocId = F("Id", "Unik blant alle dokumentene, for eksempel IK-oppvekst.")
    gjelder: OrgId = F("Gjelder", "`kommune`, eller id for et område eller en enhet.")
    omfang_type: OmfangType = F("Omfangstype")
    metode: Text | None = F(
        "Metode",
        "Metoden for vesentlighetsvurderingen; standard er `standardmetode`.",
        default=None,
    )
    status: Status = F("Status")
    klassifisering: Klassifisering = F("Klassifisering")
    eier: Person = F("Eier")
    dato: IsoDate = F("Dato")
    neste_revisjon: IsoDate | None = F("Neste revisjon", default=None)
    beskrivelse: Beskrivelse = F("Beskrivelse", "§ 25-1 a: hovedoppgaver, mål og organisering.")
    krav: list[Krav] = F(
        "Krav", "Pliktene denne delen av kommunen skal oppfylle.", default_factory=list
    )
    rutiner: list[Rutine] = F("Rutiner", "§ 25-1 b.", default_factory=list)
    vesentlighetsvurdering: list[Vesentlighetsvurdering] = F(
        "Vesentlighetsvurdering",
        "§ 25-1 c: risiko for avvik, for å prioritere.",
        default_factory=list,
    )
    avvik: list[Avvik] = F(
        "Avvik", "§ 25-1 c: samlet per periode, aldri enkeltsaker.", default_factory=list
    )
    tilsyn: list[Tilsyn] = F(
        "Tilsyn", "§ 25-2: resultater fra statlig tilsyn.", default_factory=list
    )
    dokumentasjon: Text | None = F(
        "Dokumentasjon", "§ 25-1 d: hvor internkontrollen er dokumentert.", default=None
    )
    evalueringer: list[Evaluering] = F("Evalueringer", "§ 25-1 e.", default_factory=list)
    godkjenning: Godkjenning | None = F(
        "Godkjenning", "Påkrevd når status er godkjent.", default=None
    )
