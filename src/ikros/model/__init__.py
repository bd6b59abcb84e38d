"""Pydantic models of the four document kinds of FORMAT.md, version 1.

`KINDS` maps the `ikros:` header to its model; it is the single place that
knows which kinds and versions exist.
"""

from __future__ import annotations

from pydantic import BaseModel

from ikros.model.internkontroll import Internkontroll
from ikros.model.konfig import Konfig, Metode
from ikros.model.organisasjon import Organisasjon
from ikros.model.ros import Ros

KINDS: dict[str, type[BaseModel]] = {
    "konfig/1": Konfig,
    "organisasjon/1": Organisasjon,
    "ros/1": Ros,
    "internkontroll/1": Internkontroll,
}

__all__ = ["KINDS", "Internkontroll", "Konfig", "Metode", "Organisasjon", "Ros"]
