"""One file from bytes to diagnostics and facts.

The same function serves files on disk and past versions read from git:
it takes the bytes and the path to show.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ikros.checks import personal_data, pieces, schema
from ikros.checks.context import Context
from ikros.checks.facts import UNREAD, Facts, extract
from ikros.diagnostics import MAX_PER_FILE, Diagnostic, Finding, Severity, cap, error
from ikros.engine.result import FileResult
from ikros.load import yamlio
from ikros.model import KINDS, model_for, validate, without_null_defaults
from ikros.suggest import did_you_mean, suggest

# Above this size a document is validated in pieces (checks.pieces): one
# Pydantic call could hold an error for each of its nodes. Below it, at most
# some 60,000 errors, a few tens of megabytes; analyses are 5–30 KB.
PIECES_FROM_BYTES = 256 * 1024


def process(raw: bytes, path: str, ctx: Context) -> FileResult:
    """Read, validate and check one file; never raises for bad input. At
    most MAX_PER_FILE diagnostics are listed, then a closing one."""
    try:
        result = _process(raw, path, ctx)
    except Exception as exc:
        result = FileResult(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    "intern-feil",
                    Severity.ERROR,
                    f"ikros klarte ikke å sjekke filen ({type(exc).__name__}: {exc}).",
                    "Dette er en feil i ikros; meld fra med filen som eksempel.",
                )
            ]
        )
    result.diagnostics, result.hidden = cap(result.diagnostics, result.hidden)
    return result


def _process(raw: bytes, path: str, ctx: Context) -> FileResult:
    parsed = yamlio.read(raw, path)
    result = _document(parsed, raw, path, ctx)
    result.hidden += parsed.hidden  # the reader's diagnostics are in every result
    return result


def _document(parsed: yamlio.Parsed, raw: bytes, path: str, ctx: Context) -> FileResult:
    if not parsed.ok:
        return FileResult(parsed.diagnostics)
    data = parsed.data
    if data is None:
        return FileResult(
            [
                *parsed.diagnostics,
                Diagnostic(
                    path,
                    1,
                    1,
                    "tom-fil",
                    Severity.WARNING,
                    "Filen er tom.",
                    "Slett filen, eller skriv et dokument som starter med `ikros:`.",
                ),
                *_personal_data(raw, path),  # a file of comments only can hold a number
            ]
        )
    if not isinstance(data, dict):
        what = "en liste" if isinstance(data, list) else "en enkelt verdi"
        return FileResult(
            [
                *parsed.diagnostics,
                Diagnostic(
                    path,
                    1,
                    1,
                    "ikke-dokument",
                    Severity.ERROR,
                    f"Filen inneholder {what}, ikke et ikros-dokument.",
                    "Et dokument er en gruppe med nøkler som starter med `ikros: ros/1` (eller konfig/1, organisasjon/1, "
                    "internkontroll/1).",
                ),
                *_personal_data(raw, path),
            ]
        )
    if "ikros" not in data:
        near = _near_header(data)
        if near is None:  # not a document: where it lies decides (engine.repository)
            return FileResult([*parsed.diagnostics, *_personal_data(raw, path)])
        finding = error(
            (near,),
            "mangler-ikros-linje",
            f"Nøkkelen `{near}` skal skrives `ikros`; uten den blir filen ikke lest som et "
            "ikros-dokument, og innholdet blir ikke sjekket.",
            "Skriv første linje som `ikros: ros/1` (eller internkontroll/1, organisasjon/1, "
            "konfig/1), med små bokstaver.",
            at_key=True,
        )
        return _finish(parsed, raw, path, [finding], None, None)
    kind = data["ikros"]
    if not isinstance(kind, str) or kind not in KINDS:
        finding = error(
            ("ikros",),
            "ukjent-dokumenttype",
            _unknown_kind(kind),
            f"Kjente typer: {', '.join(KINDS)}.",
        )
        return _finish(parsed, raw, path, [finding], None, None)
    model_cls = model_for(kind)
    facts = extract(kind, data)
    model, errors = _validate(model_cls, data, large=len(raw) > PIECES_FROM_BYTES)
    if model is None:
        # One more than a file lists: the first left out gives the closing
        # diagnostic its position.
        findings, counted = schema.findings(errors, data, model_cls, MAX_PER_FILE + 1)
        if kind in ("ros/1", "internkontroll/1"):
            from ikros.checks.common import level_hints

            findings = level_hints(findings, ctx, data.get("metode"))
        if kind == "ros/1":
            from ikros.checks import ros

            findings += ros.check_partial(data, ctx)
        if kind in ("ros/1", "internkontroll/1"):
            facts.extra[UNREAD] = True  # no deadlines: `due` says it left the file out
        result = _finish(parsed, raw, path, findings, facts, None)
        result.hidden = counted
        return result
    from ikros.deadlines import collect

    deadlines = collect(kind, model, ctx)
    if deadlines:
        facts.extra["første_frist"] = min(d.date for d in deadlines).isoformat()
    result = _finish(parsed, raw, path, _checks(kind, model, ctx), facts, model)
    result.deadlines = [d.to_json() for d in deadlines]
    return result


def _unknown_kind(kind: Any) -> str:
    """What is wrong with the `ikros:` header, in words: never as Python
    writes a value (`['ros/1']`, `True`, `None`)."""
    if isinstance(kind, str):
        return f"Ukjent dokumenttype `{kind}`.{did_you_mean(kind, KINDS)}"
    if kind is None:
        return "Dokumenttypen etter `ikros:` mangler."
    one = kind[0] if isinstance(kind, list) and len(kind) == 1 else None
    meant = did_you_mean(one, KINDS) if isinstance(one, str) else ""
    if isinstance(one, str) and one in KINDS:
        meant = f" Mente du `{one}`?"
    return f"Dokumenttypen etter `ikros:` skal være tekst, men er {schema.describe(kind)}.{meant}"


def _validate(
    model_cls: type[BaseModel], data: dict[Any, Any], *, large: bool
) -> tuple[BaseModel | None, Iterable[pieces.Batch]]:
    """The model, or None and Pydantic's errors in batches. A large file is
    validated in pieces first, so that a million errors are never held at
    once; only a valid one is then validated whole, to build its model."""
    if large:
        # an optional value written null means its default (ikros.model.validate)
        data = without_null_defaults(model_cls, data)
        batches = pieces.errors(model_cls, data)
        first = next(batches, None)
        if first is not None:
            return None, itertools.chain([first], batches)
    try:
        return validate(model_cls, data), ()
    except ValidationError as exc:
        return None, [pieces.Batch((), errors=exc.errors(include_url=False))]


def _near_header(data: dict[Any, Any]) -> str | None:
    """A key that is clearly meant as the `ikros:` header (`Ikros`,
    `ikros ` or a misspelling)."""
    for key in data:
        if isinstance(key, str) and (
            key.strip().casefold() == "ikros" or suggest(key.strip().lower(), ("ikros",))
        ):
            return key
    return None


def _checks(kind: str, model: Any, ctx: Context) -> list[Finding]:
    """The checks of one kind, imported when a document of it is checked."""
    if kind == "ros/1":
        from ikros.checks import ros

        return ros.check(model, ctx)
    if kind == "internkontroll/1":
        from ikros.checks import internkontroll

        return internkontroll.check(model, ctx)
    if kind == "organisasjon/1":
        from ikros.checks import organisasjon

        return organisasjon.check(model)
    from ikros.checks import konfig

    return konfig.check(model, ctx)


def _finish(
    parsed: yamlio.Parsed,
    raw: bytes,
    path: str,
    findings: list[Finding],
    facts: Facts | None,
    model: BaseModel | None,
) -> FileResult:
    diagnostics = [*parsed.diagnostics, *_personal_data(raw, path)]
    if findings:
        index = parsed.index
        if index is None:
            positioned = yamlio.read(raw, path, positions=True)
            if not positioned.ok:  # the readers disagree: trust the stricter one
                return FileResult(positioned.diagnostics)
            index = positioned.index
        diagnostics += locate(findings, index, path)
    return FileResult(diagnostics, facts, model)


def _personal_data(raw: bytes, path: str) -> list[Diagnostic]:
    if not personal_data.needs_scan(raw):
        return []  # the common case: no digit run of a number's shape, no suppression
    return personal_data.scan(raw.decode("utf-8-sig", "replace"), path)


def locate(
    findings: list[Finding], index: yamlio.PositionIndex | None, path: str
) -> list[Diagnostic]:
    out = []
    for f in findings:
        line, column = index.locate(f.loc, at_key=f.at_key) if index else (1, 1)
        out.append(Diagnostic(path, line, column, f.code, f.severity, f.message, f.hint))
    return out
