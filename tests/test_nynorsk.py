"""The nynorsk table (`ikros/data/nynorsk.yaml`) knows every word of the
format: each key of every model, each allowed value, and the ids of the
built-in methods, with its nynorsk forms where they differ from bokmål."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

from pydantic import BaseModel

from ikros.model import KINDS, model_for
from ikros.risk.methods import builtin_methods
from ikros.suggest import _fold, did_you_mean, guess, nynorsk_table


def _words() -> tuple[set[str], set[str]]:
    """Every key and every allowed value of the models, walked from the
    four document kinds."""
    keys: set[str] = set()
    values: set[str] = set()
    seen: set[type] = set()

    def walk(annotation: Any, field_name: str | None = None) -> None:
        origin = typing.get_origin(annotation)
        if origin is typing.Literal:
            if field_name != "ikros":  # `ros/1`: the kind of document, not a word
                values.update(str(a) for a in typing.get_args(annotation))
            return
        if origin in (typing.Annotated, typing.Union, types.UnionType, list, dict):
            for arg in typing.get_args(annotation):
                walk(arg, field_name)
            return
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            values.update(str(member.value) for member in annotation)
            return
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, field in annotation.model_fields.items():
                keys.add(name)
                walk(field.annotation, name)

    for kind in KINDS:
        walk(model_for(kind))
    return keys, values


def _method_ids() -> set[str]:
    ids = set()
    for method_id, method in builtin_methods().items():
        ids.add(method_id)
        ids.update(d.id for d in method.konsekvens)
        ids.update(z.id for z in method.soner)
    return ids


def test_every_key_of_the_format_is_in_the_table() -> None:
    keys, _ = _words()
    assert len(keys) > 100  # the walk reached every model
    assert sorted(keys - set(nynorsk_table()["nøkler"])) == []
    assert sorted(set(nynorsk_table()["nøkler"]) - keys) == []  # nothing stale


def test_every_allowed_value_is_in_the_table() -> None:
    _, values = _words()
    assert {"enhetsleder", "kommunalområdedirektør", "begge", "åpen"} <= values
    assert sorted(values - set(nynorsk_table()["verdier"])) == []
    assert sorted(set(nynorsk_table()["verdier"]) - values) == []


def test_every_id_of_the_built_in_methods_is_in_the_table() -> None:
    ids = _method_ids()
    assert sorted(ids - set(nynorsk_table()["metoder"])) == []
    assert sorted(set(nynorsk_table()["metoder"]) - ids) == []


def test_a_nynorsk_form_stands_for_one_bokmal_word() -> None:
    meaning: dict[str, set[str]] = {}
    for words in nynorsk_table().values():
        for bokmal, forms in words.items():
            assert bokmal not in forms, bokmal  # a form equal to bokmål is written []
            for form in forms:
                meaning.setdefault(_fold(form), set()).add(bokmal)
    assert {form: words for form, words in meaning.items() if len(words) > 1} == {}


def test_the_forms_of_the_issue() -> None:
    """The forms a unit leader used to nynorsk writes first."""
    keys, values = _words()
    for nynorsk, bokmal in [
        ("eining", "enhet"),
        ("eigar", "eier"),
        ("hendingar", "hendelser"),
        ("skildring", "beskrivelse"),
        ("sannsyn", "sannsynlighet"),
        ("grunngjeving", "begrunnelse"),
        ("uvisse", "usikkerhet"),
        ("verknad", "virkning"),
        ("deltakarar", "deltakere"),
    ]:
        assert guess(nynorsk, keys) == guess(nynorsk, [bokmal])
        assert did_you_mean(nynorsk, keys, "nøklene") == (
            f" `{nynorsk}` er nynorsk; nøklene skrives på bokmål. Mente du `{bokmal}`?"
        )
    assert did_you_mean("einingsleiar", values, "verdiene") == (
        " `einingsleiar` er nynorsk; verdiene skrives på bokmål. Mente du `enhetsleder`?"
    )


def test_forms_that_differ_in_one_letter_are_called_nynorsk() -> None:
    """`ombod`, `godkjend`, `planlagd`, `handsaming`: close enough to be
    guessed anyway, but the user learns why only when ikros says nynorsk."""
    keys, values = _words()
    for nynorsk, bokmal, words, what in [
        ("personvernombod_involvert", "personvernombud_involvert", keys, "nøklene"),
        ("personvernombod_råd", "personvernombud_råd", keys, "nøklene"),
        ("godkjend_av", "godkjent_av", keys, "nøklene"),
        ("handsaming", "behandling", keys, "nøklene"),
        ("handsamingsgrunnlag", "behandlingsgrunnlag", keys, "nøklene"),
        ("godkjend", "godkjent", values, "verdiene"),
        ("planlagd", "planlagt", values, "verdiene"),
    ]:
        assert did_you_mean(nynorsk, words, what) == (
            f" `{nynorsk}` er nynorsk; {what} skrives på bokmål. Mente du `{bokmal}`?"
        ), nynorsk


def test_a_word_the_same_in_both_forms_is_not_called_nynorsk() -> None:
    assert did_you_mean("kommunedirektor", ["kommunedirektør", "enhetsleder"]) == (
        " Mente du `kommunedirektør`?"
    )
