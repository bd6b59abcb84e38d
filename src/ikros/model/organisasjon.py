"""The `organisasjon/1` document (organisasjon.yaml)."""

from typing import Literal

from pydantic import ConfigDict

from ikros.model.common import Document, F, OrgId, Person, Text


class Enhet(Document):
    """En enhet."""

    id: OrgId = F("Id")
    navn: Text = F("Navn")
    leder: Person | None = F("Leder", default=None)
    beskrivelse: Text | None = F("Beskrivelse", default=None)


class Område(Document):
    """Et kommunalområde med enheter."""

    id: OrgId = F("Id")
    navn: Text = F("Navn")
    leder: Person | None = F("Leder", default=None)
    beskrivelse: Text | None = F("Beskrivelse", default=None)
    enheter: list[Enhet] = F("Enheter", default_factory=list)


class Organisasjon(Document):
    """Kommunens organisasjon: områder og enheter."""

    model_config = ConfigDict(title="Organisasjon (ikros: organisasjon/1)")

    ikros: Literal["organisasjon/1"] = F("Dokumenttype", "Alltid `organisasjon/1`.")
    kommune: Text = F("Kommune")
    områder: list[Område] = F(
        "Områder", "Kommunalområdene; kommunedirektørens stab er også et område.", min_length=1
    )
