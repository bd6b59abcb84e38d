"""The `ros/1` document: a risk and vulnerability analysis (FORMAT.md, ros)."""

from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, StrictBool

from ikros.model.common import (
    Beslutter,
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


class RosType(StrEnum):
    GENERELL = "generell"
    INFORMASJONSSIKKERHET = "informasjonssikkerhet"
    PERSONVERN = "personvern"
    ARBEIDSMILJØ = "arbeidsmiljø"
    SMITTEVERN = "smittevern"
    BEREDSKAP = "beredskap"
    TJENESTE = "tjeneste"
    ORGANISASJONSENDRING = "organisasjonsendring"
    PROSJEKT = "prosjekt"
    ANSKAFFELSE = "anskaffelse"


class TiltakStatus(StrEnum):
    PLANLAGT = "planlagt"
    PÅGÅR = "pågår"
    GJENNOMFØRT = "gjennomført"
    FORKASTET = "forkastet"


class Virkning(StrEnum):
    SANNSYNLIGHET = "sannsynlighet"
    KONSEKVENS = "konsekvens"
    BEGGE = "begge"


class Grad(StrEnum):
    LAV = "lav"
    MIDDELS = "middels"
    HØY = "høy"


class Steg(StrEnum):
    HØRING = "høring"
    OFFENTLIG_ETTERSYN = "offentlig_ettersyn"
    GODKJENNING = "godkjenning"
    VEDTAK = "vedtak"
    ORIENTERING = "orientering"


class Forhåndsdrøfting(StrEnum):
    IKKE_NØDVENDIG = "ikke_nødvendig"
    NØDVENDIG = "nødvendig"
    GJENNOMFØRT = "gjennomført"


Konsekvens = dict[str, Level]


class Sårbarhet(Document):
    """En kritisk funksjon og hvor sårbar den er."""

    funksjon: Text = F("Funksjon", "En kritisk samfunnsfunksjon.")
    vurdering: Text | None = F("Vurdering", default=None)


class Vedlegg(Document):
    """Et vedlegg som ligger et annet sted."""

    tittel: Text = F("Tittel")
    lenke: Text | None = F("Lenke", "Hvor vedlegget ligger.", default=None)
    klassifisering: Klassifisering | None = F("Klassifisering", default=None)


class Tiltak(Document):
    """Et tiltak mot hendelsen."""

    id: DocId = F("Id", "Unik i analysen, for eksempel T1.")
    beskrivelse: Text = F("Beskrivelse")
    ansvarlig: Person | None = F(
        "Ansvarlig",
        "Påkrevd når hendelsens iboende risiko er i metodens høyeste sone.",
        default=None,
    )
    frist: IsoDate | None = F(
        "Frist", "Påkrevd når hendelsens iboende risiko er i metodens høyeste sone.", default=None
    )
    status: TiltakStatus = F("Status", "planlagt, pågår, gjennomført eller forkastet.")
    virkning: Virkning = F(
        "Virkning",
        "Hva tiltaket reduserer: sannsynlighet, konsekvens eller begge.",
        default=Virkning.BEGGE,
    )
    prioritet: Grad | None = F("Prioritet", default=None)


class Restrisiko(Document):
    """Forventet risiko når alle tiltak er gjennomført."""

    sannsynlighet: Level = F("Sannsynlighet", "Forventet nivå når alle tiltak er gjennomført.")
    konsekvens: Konsekvens = F(
        "Konsekvens", "Forventet nivå per konsekvensdimensjon.", min_length=1
    )
    begrunnelse: Text | None = F("Begrunnelse", default=None)


class Aksept(Document):
    """Aksept av restrisikoen."""

    av: Beslutter = F("Akseptert av")
    dato: IsoDate = F("Dato for aksept")
    begrunnelse: Text | None = F("Begrunnelse", default=None)
    gjelder_til: IsoDate | None = F(
        "Gjelder til", "Aksepten må fornyes etter denne datoen.", default=None
    )
    fingeravtrykk: Text | None = F(
        "Fingeravtrykk",
        "Skrives av `ikros accept`: en kontrollsum av hendelsens vurderte innhold.",
        default=None,
    )


class Hendelse(Document):
    """En uønsket hendelse."""

    id: DocId = F("Id", "Unik i analysen, for eksempel H1.")
    tittel: Text = F("Tittel", "Den uønskede hendelsen.")
    beskrivelse: Text | None = F("Beskrivelse", default=None)
    gruppe: Text | None = F("Gruppe", "Risikoområde.", default=None)
    årsaker: list[Text] = F("Årsaker", default_factory=list)
    eksisterende_tiltak: list[Text] = F(
        "Eksisterende tiltak", "Barrierer som allerede finnes.", default_factory=list
    )
    sannsynlighet: Level = F("Sannsynlighet", "Et nivå på metodens sannsynlighetsskala.")
    konsekvens: Konsekvens = F(
        "Konsekvens", "Et nivå per konsekvensdimensjon som er vurdert (minst én).", min_length=1
    )
    begrunnelse: Text = F("Begrunnelse", "Hvorfor nivåene er satt slik.")
    usikkerhet: Grad | None = F(
        "Usikkerhet", "Kunnskapsstyrke: lav, middels eller høy (NS 5814).", default=None
    )
    varighet: Text | None = F("Varighet", default=None)
    følgehendelser: list[Text] = F("Følgehendelser", default_factory=list)
    tidligere_hendelser: list[Text] = F(
        "Tidligere hendelser", "Sammenlignbare hendelser som har skjedd.", default_factory=list
    )
    tiltak: list[Tiltak] = F("Tiltak", default_factory=list)
    restrisiko: Restrisiko | None = F(
        "Restrisiko", "Forventet risiko når alle tiltak er gjennomført.", default=None
    )
    aksept: Aksept | None = F(
        "Aksept", "Aksept av restrisikoen, når sonen krever det.", default=None
    )


class Informert(Document):
    """Hvem som er informert, og når."""

    navn: Text | None = F("Navn", default=None)
    rolle: Text = F("Rolle", "Hvem som ble informert, for eksempel verneombud.")
    dato: IsoDate = F("Dato")


class Behandling(Document):
    """Et formelt behandlingssteg."""

    organ: Text = F("Organ")
    steg: Steg = F("Steg", "høring, offentlig_ettersyn, godkjenning, vedtak eller orientering.")
    dato: IsoDate = F("Dato")
    saksnummer: Text | None = F("Saksnummer", default=None)


class Behandlingsbeskrivelse(Document):
    """Systematisk beskrivelse av behandlingen."""

    beskrivelse: Text = F(
        "Beskrivelse", "Systematisk beskrivelse av behandlingen (art. 35 nr. 7 a)."
    )
    formål: list[Text] = F("Formål", min_length=1)
    behandlingsansvarlig: Text = F("Behandlingsansvarlig")
    databehandlere: list[Text] = F("Databehandlere", default_factory=list)
    registrerte: list[Text] = F("Registrerte", min_length=1)
    opplysningskategorier: list[Text] = F("Opplysningskategorier", min_length=1)
    behandlingsgrunnlag: Text = F("Behandlingsgrunnlag")
    tredjelandsoverføring: Text | None = F("Tredjelandsoverføring", default=None)


class Personvernkonsekvenser(Document):
    """Vurdering av personvernkonsekvenser (DPIA)."""

    behandling: Behandlingsbeskrivelse = F("Behandlingen")
    nødvendighet_og_forholdsmessighet: Text = F(
        "Nødvendighet og forholdsmessighet", "Art. 35 nr. 7 b."
    )
    personvernombud_involvert: StrictBool = F("Personvernombud involvert", "Art. 35 nr. 2.")
    personvernombud_råd: Text | None = F("Personvernombudets råd", default=None)
    forhåndsdrøfting: Forhåndsdrøfting = F(
        "Forhåndsdrøfting",
        "Med Datatilsynet (art. 36): ikke_nødvendig, nødvendig eller gjennomført.",
    )


class Ros(Document):
    """En risiko- og sårbarhetsanalyse (ROS)."""

    model_config = ConfigDict(
        title="ROS-analyse (ikros: ros/1)",
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"status": {"const": "godkjent"}}, "required": ["status"]},
                    "then": {"required": ["godkjenning"]},
                },
                {
                    "if": {"properties": {"type": {"const": "personvern"}}, "required": ["type"]},
                    "then": {"required": ["personvernkonsekvenser"]},
                },
            ]
        },
    )

    ikros: Literal["ros/1"] = F("Dokumenttype", "Alltid `ros/1`.")
    id: DocId = F("Id", "Unik blant alle dokumentene, for eksempel ROS-2026-017.")
    tittel: Text = F("Tittel")
    type: RosType = F("Type")
    omfang_type: OmfangType = F(
        "Omfangstype", "sektorovergripende, tjenestespesifikk eller støtteprosess."
    )
    enhet: OrgId = F("Enhet", "Id for en enhet eller et område i organisasjon.yaml.")
    metode: Text | None = F(
        "Metode", "Risikometoden; standard er konfigurasjonens `standardmetode`.", default=None
    )
    status: Status = F("Status", "utkast, til_godkjenning, godkjent eller arkivert.")
    klassifisering: Klassifisering = F("Klassifisering")
    unntak_hjemmel: Text | None = F(
        "Unntakshjemmel", "Hvorfor analysen er unntatt offentlighet.", default=None
    )
    eier: Person = F("Eier")
    deltakere: list[Person] = F("Deltakere", default_factory=list)
    dato: IsoDate = F("Dato", "Når analysen ble gjennomført.")
    neste_revisjon: IsoDate | None = F(
        "Neste revisjon",
        "Standard er dato pluss konfigurasjonens revisjonsintervall.",
        default=None,
    )
    formål: Text = F("Formål")
    omfang: Text = F("Omfang", "Hva som er med og ikke med.")
    forutsetninger: list[Text] = F("Forutsetninger", default_factory=list)
    kommunebeskrivelse: Text | None = F(
        "Kommunebeskrivelse", "Forventet for type beredskap.", default=None
    )
    sårbarhet: list[Sårbarhet] = F(
        "Sårbarhet", "For helhetlig ROS: kritiske funksjoner.", default_factory=list
    )
    vedlegg: list[Vedlegg] = F("Vedlegg", default_factory=list)
    personvernkonsekvenser: Personvernkonsekvenser | None = F(
        "Personvernkonsekvenser",
        "Påkrevd for type personvern (DPIA, personvernforordningen art. 35).",
        default=None,
    )
    hendelser: list[Hendelse] = F("Hendelser", "De uønskede hendelsene (minst én).", min_length=1)
    godkjenning: Godkjenning | None = F(
        "Godkjenning", "Påkrevd når status er godkjent.", default=None
    )
    informert: list[Informert] = F(
        "Informert", "Hvem som er informert, og når.", default_factory=list
    )
    behandling: list[Behandling] = F(
        "Behandling", "Formelle behandlingssteg.", default_factory=list
    )


__all__ = ["Beslutter", "Hendelse", "Ros", "RosType", "Tiltak"]
