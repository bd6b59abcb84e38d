"""What risk computation adds, counted in instructions (a benchmark, not a test).

Wall and CPU time on a shared 2-core machine vary by ±15 % from minute to
minute, more than the effect measured here. Instructions counted by
valgrind's callgrind do not: the same run gives the same count. This runs
the per-file work (read, parse, validate, check, encode for the cache) on N
synthetic analyses three ways — everything; without risk (`assess` and the
risk rules); without risk and deadlines — and once on a single file to
subtract start-up, and prints the ratios.

    python bench/risk_instructions.py [--data bench/.data/n10000-seed1] [--files 200]

Needs valgrind (Debian package `valgrind`). Takes about a minute.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = """
import gc, sys
from pathlib import Path
gc.disable()  # as in ikros's worker processes
mode, data, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
import ikros.checks.ros as ros_checks
import ikros.deadlines as deadlines
from ikros.checks.context import context_for
from ikros.engine.document import process
raws = [f.read_bytes() for f in sorted((data / "ros").rglob("*.yaml"))[:n]]
ctx = context_for(None)
process(raws[0], "x.yaml", ctx)  # imports and model builds, counted in the baseline
if mode in ("norisk", "none"):
    ros_checks._risk_rules = lambda *a: []
    ros_checks.assess = lambda *a: None
if mode == "none":
    deadlines.collect = lambda *a: []
for raw in raws[1:]:
    process(raw, "x.yaml", ctx).encode()
"""


def instructions(mode: str, data: Path, n: int, folder: Path) -> int:
    script = folder / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder}/cg.out",
            sys.executable,
            str(script),
            mode,
            str(data),
            str(n),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parent / ".data" / "n10000-seed1"
    )
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        work = {}
        for mode in ("all", "norisk", "none"):
            base = instructions(mode, args.data, 1, folder)
            work[mode] = instructions(mode, args.data, args.files + 1, folder) - base
    per_file = {mode: count / args.files for mode, count in work.items()}
    print(f"{args.files} analyses, instructions per analysis (callgrind):")
    for mode, label in (
        ("all", "everything"),
        ("norisk", "without risk"),
        ("none", "without risk and deadlines"),
    ):
        print(f"  {label:28s} {per_file[mode] / 1e6:7.2f} M")
    print(
        f"risk adds {100 * (work['all'] / work['norisk'] - 1):.1f} % (target ≤ 10 %); "
        f"risk and deadlines together {100 * (work['all'] / work['none'] - 1):.1f} %"
    )


if __name__ == "__main__":
    main()
