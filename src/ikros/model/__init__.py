"""Pydantic models of the four document kinds of FORMAT.md, version 1.

`KINDS` names every kind and version that exists, and `model_for` imports
the model of one only when it is needed: building the models is the
largest part of ikros's start-up, and a run that checks one changed
analysis needs two of them.
"""

from importlib import import_module

from pydantic import BaseModel

KINDS: dict[str, str] = {
    "konfig/1": "ikros.model.konfig:Konfig",
    "organisasjon/1": "ikros.model.organisasjon:Organisasjon",
    "ros/1": "ikros.model.ros:Ros",
    "internkontroll/1": "ikros.model.internkontroll:Internkontroll",
}


def model_for(kind: str) -> type[BaseModel]:
    module, name = KINDS[kind].split(":")
    return getattr(import_module(module), name)


__all__ = ["KINDS", "model_for"]
