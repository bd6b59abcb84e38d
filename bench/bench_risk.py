"""What risk computation adds to checking an analysis (a benchmark, not a test).

Issue 3's budget: computing risk for the benchmark's 10,000 analyses adds at
most 10 % to `ikros validate`'s cold time. Cold time is almost all per-file
work, so this times that work — read, parse, validate, check, encode for the
cache — over a sample of the synthetic analyses, with and without the risk
computation (`assess`, the risk rules and the deadlines of the annual wheel),
interleaved over several rounds to even out a busy machine. It reports the
median of the per-round ratios, in CPU time of this process.

    python bench/bench_risk.py [--data bench/.data/n10000-seed1] [--files 1000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

import ikros.checks.ros as ros_checks
import ikros.deadlines as deadlines
from ikros.checks.context import context_for
from ikros.engine.document import process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).parent / ".data" / "n10000-seed1"
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    files = sorted((args.data / "ros").rglob("*.yaml"))[: args.files]
    if not files:
        raise SystemExit(f"no analyses under {args.data}; run bench/bench_validate.py first")
    raws = [f.read_bytes() for f in files]
    ctx = context_for(None)
    real = (ros_checks._risk_rules, ros_checks.assess, deadlines.collect)
    off = (lambda *a: [], lambda *a: None, lambda *a: [])

    def timed(parts) -> float:
        ros_checks._risk_rules, ros_checks.assess, deadlines.collect = parts
        start = time.process_time()
        for raw in raws:
            process(raw, "x.yaml", ctx).encode()
        return time.process_time() - start

    # Risk proper (assess and the risk rules), and the deadlines of the
    # annual wheel (which `ikros due` and the overdue warnings need), apart.
    no_risk = (off[0], off[1], real[2])
    gc.disable()  # as in ikros's worker processes
    timed(real)  # warm up: imports, model builds
    times: dict[str, list[float]] = {"all": [], "no_risk": [], "none": []}
    for _ in range(args.rounds):
        for name, parts in (("all", real), ("no_risk", no_risk), ("none", off)):
            times[name].append(timed(parts))
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"{len(raws)} analyses, {args.rounds} rounds, median CPU time per run")
    print(f"everything:                  {med['all']:.3f} s")
    print(f"without risk:                {med['no_risk']:.3f} s")
    print(f"without risk and deadlines:  {med['none']:.3f} s")
    print(
        f"risk adds {100 * (med['all'] / med['no_risk'] - 1):.1f} % (target ≤ 10 %); "
        f"risk and deadlines together {100 * (med['all'] / med['none'] - 1):.1f} %"
    )


if __name__ == "__main__":
    main()
