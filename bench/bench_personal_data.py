"""What the personal-data guard costs per file (a benchmark, not a test).

The guard runs on every file of every run: a quick test on bytes
(`needs_scan`), then the scan of the text where the test lets the file
through. This times both, as `engine.document` runs them, over a folder of
YAML files in two scenarios: the files as they are, and each with a phone
number added so that every file is scanned (the worst case). With
`--baseline`, it times another version of the module the same way,
interleaved over rounds to even out a busy machine, and prints the ratio:

    git show main:src/ikros/checks/personal_data.py > /tmp/personal_data_main.py
    python bench/bench_personal_data.py --baseline /tmp/personal_data_main.py \\
        [--data examples/eksempel-kommune] [--rounds 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path
from types import ModuleType

from ikros.checks import personal_data


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("baseline_personal_data", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def guard(module: ModuleType, raws: list[bytes]) -> int:
    pretest = getattr(module, "needs_scan", None) or module.might_hold_numbers
    found = 0
    for raw in raws:
        if pretest(raw):
            found += len(module.scan(raw.decode("utf-8-sig", "replace"), "x.yaml"))
    return found


def seconds(module: ModuleType, raws: list[bytes]) -> float:
    start = time.process_time()
    guard(module, raws)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("examples/eksempel-kommune"))
    parser.add_argument("--baseline", type=Path, help="another version of personal_data.py")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    plain = [p.read_bytes() for p in sorted(args.data.rglob("*.y*ml"))]
    scenarios = {"as is": plain, "all scanned": [r + b"\n# vakt 91234567\n" for r in plain]}
    modules = {"this": personal_data}
    if args.baseline:
        modules["baseline"] = load(args.baseline)
    size = sum(map(len, plain))
    print(f"{len(plain)} files, {size / 1e6:.2f} MB from {args.data}")
    for scenario, raws in scenarios.items():
        times: dict[str, list[float]] = {name: [] for name in modules}
        for _ in range(args.rounds):
            for name, module in modules.items():
                times[name].append(seconds(module, raws))
        medians = {name: statistics.median(t) for name, t in times.items()}
        for name, median in medians.items():
            found = guard(modules[name], raws)
            print(
                f"{scenario:12} {name:9} {median * 1e3:8.2f} ms  "
                f"{median / size * 1e9:6.2f} ns/byte  {found} findings"
            )
        if "baseline" in medians:
            print(f"{scenario:12} this/baseline = {medians['this'] / medians['baseline']:.2f}")


if __name__ == "__main__":
    main()
