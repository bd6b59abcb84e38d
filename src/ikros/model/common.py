"""Types shared by the document models: people, roles, dates, ids, enums."""

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ikros.roles import Rolle


class Document(BaseModel):
    """Base of every model: unknown keys are errors, nothing is coerced
    silently except ISO date text to dates.

    Docstrings of the models below are user-facing: they become the
    descriptions in the JSON Schemas, so they are written in bokmål."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def F(title: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field with a Norwegian title and description for the JSON Schema."""
    return Field(title=title, description=description, **kwargs)


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("ikros_date", "forventet en dato uten klokkeslett (ÅÅÅÅ-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("ikros_date", "datoen finnes ikke i kalenderen") from None
    raise PydanticCustomError("ikros_date", "forventet en dato på formen ÅÅÅÅ-MM-DD")


# A date written `2026-03-01` (YAML reads it as a date) or as quoted text.
IsoDate = Annotated[
    dt.date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d\d-\d\d$"}),
]

Text = Annotated[str, Field(min_length=1)]
OrgId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Små bokstaver a–z, sifre og bindestrek.",
    ),
]
DocId = Annotated[str, Field(pattern=r"^\S+$", description="En id uten mellomrom.")]
Level = Annotated[StrictInt, Field(ge=1, description="Et nivå på metodens skala (1 er lavest).")]


class Status(StrEnum):
    UTKAST = "utkast"
    TIL_GODKJENNING = "til_godkjenning"
    GODKJENT = "godkjent"
    ARKIVERT = "arkivert"


class OmfangType(StrEnum):
    SEKTOROVERGRIPENDE = "sektorovergripende"
    TJENESTESPESIFIKK = "tjenestespesifikk"
    STØTTEPROSESS = "støtteprosess"


class Klassifisering(StrEnum):
    ÅPEN = "åpen"
    INTERN = "intern"
    FORTROLIG = "fortrolig"
    STRENGT_FORTROLIG = "strengt_fortrolig"


class Person(Document):
    """En person, enhet, et organ eller en leverandør, med rolle."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["navn"]}, {"required": ["rolle"]}]}
    )

    navn: Text | None = F("Navn", "Navn på person, enhet, organ eller leverandør.", default=None)
    rolle: Text | None = F(
        "Rolle", "Rollen, for eksempel verneombud eller IT-koordinator.", default=None
    )

    @model_validator(mode="after")
    def _named(self) -> "Person":
        if self.navn is None and self.rolle is None:
            raise PydanticCustomError("ikros_person", "oppgi minst `navn` eller `rolle`")
        return self


class Beslutter(Document):
    """Den som tar en beslutning; rollen er et trinn i fullmaktsstigen."""

    navn: Text | None = F("Navn", default=None)
    rolle: Rolle = F(
        "Rolle",
        "Trinn i fullmaktsstigen: medarbeider, enhetsleder, kommunalområdedirektør, "
        "kommunedirektør, formannskap, kommunestyre.",
    )


class Godkjenning(Document):
    """Hvem som godkjente dokumentet, og når."""

    godkjent_av: Beslutter = F("Godkjent av")
    dato: IsoDate = F("Dato for godkjenning")
