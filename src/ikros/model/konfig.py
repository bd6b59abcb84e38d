"""The `konfig/1` document (ikros.yaml) and the risk method it may define."""

from typing import Literal

from pydantic import ConfigDict, StrictFloat, StrictInt

from ikros.model.common import Document, F, Level, Rolle, Text
from ikros.model.ros import RosType

DimensionId = Text
ZoneId = Text


class Nivå(Document):
    """Et nivå på en skala."""

    nivå: Level = F("Nivå", "1 er lavest; nivåene nummereres uten hull.")
    navn: Text = F("Navn")
    beskrivelse: Text | None = F("Beskrivelse", default=None)
    kode: Text | None = F("Kode", "For eksempel A–E.", default=None)
    per_år: StrictFloat | StrictInt | None = F("Per år", "Forventet antall per år.", default=None)


class Dimensjon(Document):
    """En konsekvensdimensjon med egen skala."""

    id: DimensionId = F("Id", "Brukes som nøkkel under `konsekvens` i analysene.")
    navn: Text = F("Navn")
    beskrivelse: Text | None = F("Beskrivelse", default=None)
    nivåer: list[Nivå] = F("Nivåer", "Konsekvensskalaen, nivå 1 først.", min_length=1)


class Sone(Document):
    """En risikosone."""

    id: ZoneId = F("Id", "For eksempel grønn, gul, rød.")
    navn: Text = F("Navn")
    til: StrictInt | None = F(
        "Til", "Høyeste poengsum (S × K) i sonen; ikke med `rutenett`.", default=None
    )
    beskrivelse: Text | None = F("Beskrivelse", default=None)


class Metode(Document):
    """En risikometode: skalaer, soner og hvem som kan akseptere hva."""

    id: Text = F("Id")
    navn: Text = F("Navn")
    beskrivelse: Text | None = F("Beskrivelse", default=None)
    sannsynlighet: list[Nivå] = F("Sannsynlighet", "Skalaen, nivå 1 først.", min_length=1)
    konsekvens: list[Dimensjon] = F("Konsekvens", "Én eller flere dimensjoner.", min_length=1)
    soner: list[Sone] = F("Soner", "Risikosonene, laveste først.", min_length=1)
    rutenett: list[list[ZoneId]] | None = F(
        "Rutenett",
        "I stedet for terskler: én rad per sannsynlighetsnivå (høyeste først) med én sone-id "
        "per konsekvensnivå.",
        default=None,
    )
    aksept: dict[ZoneId, Rolle] = F("Aksept", "Hvem som kan akseptere restrisiko i hver sone.")


class Konfig(Document):
    """Kommunens konfigurasjon (ikros.yaml)."""

    model_config = ConfigDict(title="Konfigurasjon (ikros: konfig/1)")

    ikros: Literal["konfig/1"] = F("Dokumenttype", "Alltid `konfig/1`.")
    kommune: Text = F("Kommune")
    standardmetode: Text = F(
        "Standardmetode", "Metoden en ROS bruker når den ikke oppgir noen.", default="enhet-5x5"
    )
    metoder: list[Metode] = F(
        "Metoder",
        "Kommunens egne metoder; overstyrer innebygde med samme id.",
        default_factory=list,
    )
    revisjonsintervall: StrictInt = F(
        "Revisjonsintervall",
        "Måneder mellom revisjoner (1–1200).",
        default=12,
        ge=1,
        # A century: more is a typing error, and dates past year 9999 do not exist.
        le=1200,
    )
    informeres: dict[Literal["alle"] | RosType, list[Text]] = F(
        "Informeres",
        "Hvem som skal informeres om en ROS, per type (og `alle`).",
        default_factory=dict,
        # Pydantic does not carry the key type into the schema; editors should
        # know the keys, and the schema must refuse what the model refuses.
        json_schema_extra={"propertyNames": {"enum": ["alle", *(t.value for t in RosType)]}},
    )
