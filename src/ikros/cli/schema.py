"""`ikros schema`: write or check the JSON Schemas for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from ikros.cli.output import escape, fail, stderr
from ikros.load.atomic import write_atomic
from ikros.oserrors import describe


def command(
    out: Path = typer.Option(
        Path("schemas"), "--out", "-o", metavar="MAPPE", help="Mappen skjemaene skrives til."
    ),
    check: bool = typer.Option(
        False,
        "--check",
        help="Skriv ingenting; avslutningskode 1 hvis skjemaene i mappen ikke er oppdatert.",
    ),
) -> None:
    """Skriv et JSON-skjema for hver dokumenttype, til hjelp i redigeringsprogrammet."""
    from ikros.model.jsonschema import generate  # only this command builds every schema

    if out.exists() and not out.is_dir():
        fail(
            f"{escape(str(out))} er en fil, ikke en mappe. Velg en mappe med --out, for "
            "eksempel --out schemas."
        )
    wanted = generate()
    if check:
        stale = [name for name, text in wanted.items() if _read(out / name) != text]
        if stale:
            stderr().print(
                f"Utdaterte skjemaer i {escape(str(out))}: {', '.join(stale)}. "
                f"Kjør `ikros schema --out {escape(str(out))}`."
            )
            raise typer.Exit(1)
        stderr().print(f"Skjemaene i {escape(str(out))} er oppdatert.")
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in wanted.items():
            write_atomic(out / name, text.encode())
    except OSError as exc:
        fail(f"Kunne ikke skrive til {escape(str(out))}: {describe(exc)}.")
    stderr().print(f"Skrev {len(wanted)} skjemaer til {escape(str(out))}.")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
