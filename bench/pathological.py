"""Time and memory of `ikros validate` on pathological files (a benchmark, not a test).

    python bench/pathological.py [--runs 5] [--case NAME ...] [--timeout 600]
                                 [--keep DIR] [--ikros PATH]

Issue 6 asks that resource use be bounded: a file just under the 5 MB limit
(`yamlio.MAX_FILE_BYTES`) with hundreds of thousands of list items or unknown
keys must be checked in seconds and under 500 MB. Each case below is such a
file, written with a valid header into a small repository of its own (the
ikros.yaml and organisasjon.yaml of the test cases), and checked with

    ikros validate REPO --no-cache --format json

as a subprocess. Reported per case: the file's size, the median, min and max
wall time of --runs runs, the peak RSS (ru_maxrss from os.wait4: the largest
single process; with one file there are no worker processes), the exit code,
and the number of diagnostics with the code of the last one.

Budgets (the issue's): a few seconds, < 500 MB, for every case. A run over
--timeout seconds is killed and reported as such.

--keep DIR writes the repositories to DIR (for profiling) instead of a
temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

MAX_FILE_BYTES = 5 * 1024 * 1024  # ikros.load.yamlio.MAX_FILE_BYTES
LIMIT = MAX_FILE_BYTES - 1024  # just under it
ITEMS = 900_000
KEYS = 200_000
BUDGET_S = 5.0
BUDGET_MB = 500

KONFIG = """\
ikros: konfig/1
kommune: Testvik kommune
standardmetode: enhet-5x5
revisjonsintervall: 12
informeres:
  alle: [nærmeste leder]
  arbeidsmiljø: [verneombud]
  personvern: [personvernombud]
"""

ORGANISASJON = """\
ikros: organisasjon/1
kommune: Testvik kommune
områder:
  - id: oppvekst
    navn: Oppvekst
    leder: {navn: Per Prøvesen, rolle: kommunalområdedirektør}
    enheter:
      - id: lia-barnehage
        navn: Lia barnehage
        leder: {navn: Ola Eksempel, rolle: enhetsleder}
"""

HEADER = """\
ikros: ros/1
id: ROS-1
tittel: Analyse
type: generell
omfang_type: tjenestespesifikk
enhet: lia-barnehage
status: utkast
klassifisering: intern
eier: {rolle: enhetsleder}
dato: 2026-03-01
formål: Test.
omfang: Test.
"""

HENDELSE = """\
hendelser:
  - id: H1
    tittel: Brann
    sannsynlighet: 2
    konsekvens: {liv_og_helse: 2}
    begrunnelse: Test.
"""


def widths(n: int, room: int, fixed: int) -> list[int]:
    """Widths of n fields whose lines (each `fixed` bytes plus its field)
    together fill `room` bytes: every one at least 1."""
    base, extra = divmod(room - n * fixed, n)
    if base < 1:
        raise ValueError(f"{n} lines of {fixed + 1} bytes do not fit in {room} bytes")
    return [base + 1] * extra + [base] * (n - extra)


def lines(head: str, n: int, fixed: int, line: Callable[[int, int], str], tail: str = "") -> bytes:
    """`head`, then n lines line(i, width) of `fixed` bytes plus width, then
    `tail`, sized to just under the file limit."""
    room = LIMIT - len(head.encode()) - len(tail.encode())
    body = "".join(line(i, w) for i, w in enumerate(widths(n, room, fixed)))
    raw = (head + body + tail).encode()
    assert len(raw) <= LIMIT, len(raw)
    return raw


def name(i: int, width: int, first: str = "k") -> str:
    """A plain scalar of exactly `width` letters: `first`, then i in base 26
    (its last letters when there is no room), so that keys are unique."""
    letters = ""
    while True:
        i, digit = divmod(i, 26)
        letters = chr(ord("a") + digit) + letters
        if not i:
            break
    return first + letters.rjust(width - 1, "a")[1 - width :] if width > 1 else first


def items_under_hendelser(head: str = HEADER) -> bytes:
    """900,000 `- x` items where hendelser (mappings) belong: an error each."""
    return lines(head + "hendelser:\n", ITEMS, 3, lambda i, w: f"- {name(i, w, 'x')}\n")


def numbers_in_arsaker() -> bytes:
    """900,000 numbers in one hendelse's `årsaker`, a flow list of texts:
    an error each."""
    return lines(
        HEADER + HENDELSE + "    årsaker: [", ITEMS, 2, lambda i, w: f"{'1' * w}, ", "1]\n"
    )


def valid_arsaker() -> bytes:
    """900,000 valid texts in one hendelse's `årsaker` (a flow list): no error."""
    return lines(
        HEADER + HENDELSE + "    årsaker: [", ITEMS, 2, lambda i, w: f"{name(i, w, 'a')}, ", "a]\n"
    )


def unknown_keys_at_top(head: str = HEADER) -> bytes:
    """200,000 unknown keys in the document's top mapping."""
    return lines(head + HENDELSE, KEYS, 4, lambda i, w: f"{name(i, w)}: x\n")


def unknown_keys_in_hendelse(head: str = HEADER) -> bytes:
    """200,000 unknown keys inside a hendelse."""
    return lines(head + HENDELSE, KEYS, 8, lambda i, w: f"    {name(i, w)}: x\n")


def unknown_keys_in_flow_mapping() -> bytes:
    """200,000 unknown keys in a flow mapping `{k: x, …}` inside a hendelse."""
    return lines(
        HEADER + HENDELSE + "    restrisiko: {",
        KEYS,
        5,
        lambda i, w: f"{name(i, w)}: x, ",
        "z: x}\n",
    )


# An anchor and an alias: the positional reader reads the file from the start.
ANCHORED = HEADER.replace("formål: Test.", "formål: &f Test.").replace(
    "omfang: Test.", "omfang: *f"
)


def unknown_informeres_keys() -> bytes:
    """200,000 unknown keys under ikros.yaml's `informeres`, whose keys are
    checked against two choices at once (`alle` or a ROS type)."""
    head = KONFIG.split("  arbeidsmiljø:")[0]
    return lines(head, KEYS, 7, lambda i, w: f"  {name(i, w)}: []\n")


def phone_numbers() -> bytes:
    """A phone number in a comment on every line: 200,000 warnings, each
    placed by the personal-data scan."""
    return lines(
        HEADER + HENDELSE,
        KEYS,
        21,
        lambda i, w: f"    # ring 912 34 {i % 1000:03d}{'.' * (w - 1)}\n",
    )


def control_characters() -> bytes:
    """One line of text with 2.5 million control characters (U+0001), each
    an error found by the character scan."""
    half = (LIMIT - len(HEADER + HENDELSE) - 20) // 2
    return (HEADER + HENDELSE + "    beskrivelse: " + "a\x01" * half + "\n").encode()


# name → (the file's path in the repository, its bytes)
CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "hendelser-900k-items": ("ros/patologisk.yaml", items_under_hendelser),
    "årsaker-900k-numbers-flow": ("ros/patologisk.yaml", numbers_in_arsaker),
    "årsaker-900k-valid-flow": ("ros/patologisk.yaml", valid_arsaker),
    "200k-unknown-keys-top": ("ros/patologisk.yaml", unknown_keys_at_top),
    "200k-unknown-keys-hendelse": ("ros/patologisk.yaml", unknown_keys_in_hendelse),
    "200k-unknown-keys-flow": ("ros/patologisk.yaml", unknown_keys_in_flow_mapping),
    "anchored-900k-items": ("ros/patologisk.yaml", lambda: items_under_hendelser(ANCHORED)),
    "anchored-200k-unknown-keys": (
        "ros/patologisk.yaml",
        lambda: unknown_keys_in_hendelse(ANCHORED),
    ),
    "konfig-200k-informeres-keys": ("ikros.yaml", unknown_informeres_keys),
    "200k-phone-numbers": ("ros/patologisk.yaml", phone_numbers),
    "2.5M-control-characters": ("ros/patologisk.yaml", control_characters),
}


def write_repo(folder: Path, relpath: str, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ikros.yaml").write_text(KONFIG, encoding="utf-8")
    (folder / "organisasjon.yaml").write_text(ORGANISASJON, encoding="utf-8")
    (folder / relpath).parent.mkdir(parents=True, exist_ok=True)
    (folder / relpath).write_bytes(raw)
    return folder


class Run(NamedTuple):
    seconds: float
    max_rss_mb: float
    exit_code: int | None  # None: killed at the timeout
    diagnostics: int | None
    last_code: str | None


def run_once(cmd: list[str], cache_dir: Path, timeout: float) -> Run:
    env = {**os.environ, "IKROS_CACHE_DIR": str(cache_dir)}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                killed = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        try:
            items = json.loads(out.read())["diagnostics"]
        except (ValueError, KeyError, TypeError):
            items = None
    rss_mb = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)  # bytes or KiB
    return Run(
        seconds,
        rss_mb,
        None if killed else proc.returncode,
        len(items) if items is not None else None,
        items[-1]["code"] if items else None,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--keep", type=Path, help="write the repositories here and keep them")
    parser.add_argument("--ikros", default=str(Path(sys.executable).parent / "ikros"))
    args = parser.parse_args()
    if not Path(args.ikros).exists() and not shutil.which(args.ikros):
        print(f"ikros not found at {args.ikros}", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="ikros-patologisk-"))
    folder = args.keep or scratch
    print(
        f"{'case':30s} {'MB':>5s} {'median s':>9s} {'min':>7s} {'max':>7s} "
        f"{'peak MB':>8s} {'exit':>5s} {'diags':>7s}  last code"
    )
    try:
        for name in args.case or CASES:
            relpath, make = CASES[name]
            raw = make()
            repo = write_repo(folder / name, relpath, raw)
            cmd = [args.ikros, "validate", str(repo), "--no-cache", "--format", "json"]
            runs = [run_once(cmd, scratch, args.timeout) for _ in range(args.runs)]
            times = [r.seconds for r in runs]
            rss = max(r.max_rss_mb for r in runs)
            exits = ",".join(sorted({str(r.exit_code) for r in runs}))
            last = runs[-1]
            ok = statistics.median(times) <= BUDGET_S and rss <= BUDGET_MB
            print(
                f"{name:30s} {len(raw) / 2**20:5.2f} {statistics.median(times):9.2f} "
                f"{min(times):7.2f} {max(times):7.2f} {rss:8.0f} {exits:>5s} "
                f"{last.diagnostics if last.diagnostics is not None else '-':>7}  "
                f"{last.last_code or '-'}{'' if ok else '  (over budget)'}",
                flush=True,
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"budget: median ≤ {BUDGET_S:g} s and peak ≤ {BUDGET_MB} MB per case")
    return 0


if __name__ == "__main__":
    sys.exit(main())
