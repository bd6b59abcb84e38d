"""Time `ikros validate` on a synthetic kommune repository (a benchmark, not a test).

    python bench/bench_validate.py [--n 10000] [--seed 1] [--runs 5] [--data DIR]
                                   [--ikros PATH] [--git] [--save]

Generates the data once with generate.py (cached in DIR, default bench/.data/n<N>-seed<S>;
delete it to regenerate), then runs `<ikros> validate DIR --format json` as a subprocess:

- cold:             IKROS_CACHE_DIR is a fresh empty folder for every run;
- warm:             IKROS_CACHE_DIR is one folder that a first, discarded run filled;
- one file changed: as warm, but one analysis gets a different begrunnelse before each run
                    (the file is restored afterwards);
- no cache:         `--no-cache` added (IKROS_CACHE_DIR is an empty folder, unused).

Each scenario reports the median, min and max wall time of --runs runs, the peak RSS, the
exit codes and the number of diagnostics in the JSON output. Peak RSS is ru_maxrss from
os.wait4: the largest resident set of any single process in the tree (ikros itself or a
worker process it waited for). It is not the sum over processes running at the same time.

Targets, on the 2-core reference machine, as medians of several runs:
    cold (empty cache)             <= 8 s for 10,000 analyses
    nothing or one file changed    <= 1 s
    peak memory                    <= 1 GB

Exit code 2 when ikros is not installed; 0 otherwise (the figures are for people to judge).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import NamedTuple

import generate

BENCH = Path(__file__).resolve().parent
TARGETS = {"cold": 8.0, "warm": 1.0, "one file changed": 1.0, "no cache": None}
MAX_RSS_MB = 1024


class Run(NamedTuple):
    seconds: float
    max_rss_mb: float
    exit_code: int
    diagnostics: int | None  # None: the output was not the JSON we expected
    severities: dict[str, int]
    files: int | None  # summary.files, if ikros reports it: were all files checked?
    stderr: str


def parse_output(stdout: bytes) -> tuple[int | None, dict[str, int], int | None]:
    """Diagnostics in `{"diagnostics": [...], "summary": {"files": n}}` (or a bare list):
    their number, the number per severity, and the files checked; None where unknown."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return None, {}, None
    items = data.get("diagnostics") if isinstance(data, dict) else data
    summary = data.get("summary") if isinstance(data, dict) else None
    files = summary.get("files") if isinstance(summary, dict) else None
    if not isinstance(items, list):
        return None, {}, files
    severities = Counter(str(d.get("severity", "?")) for d in items if isinstance(d, dict))
    return len(items), dict(severities), files


def run_once(cmd: list[str], cache_dir: Path) -> Run:
    env = {**os.environ, "IKROS_CACHE_DIR": str(cache_dir)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of the child and its reaped children
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        parsed = parse_output(out.read())
        stderr = err.read().decode(errors="replace")
    rss_mb = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)  # bytes or KiB
    return Run(seconds, rss_mb, proc.returncode, *parsed, stderr)


def changed_file(data: Path) -> Path:
    files = sorted((data / "ros").rglob("*.yaml"))
    return files[len(files) // 2]


def measure(ikros: str, data: Path, runs: int, scratch: Path) -> tuple[dict[str, list[Run]], int]:
    """Run every scenario; return the runs per scenario and the size of the filled cache."""
    cmd = [ikros, "validate", str(data), "--format", "json"]

    def fresh() -> Path:
        return Path(tempfile.mkdtemp(dir=scratch))

    def cold() -> Run:
        cache = fresh()
        run = run_once(cmd, cache)
        shutil.rmtree(cache)
        return run

    results = {"cold": [cold() for _ in range(runs)]}
    warm = fresh()
    run_once(cmd, warm)  # fills the cache; not counted
    cache_bytes = sum(p.stat().st_size for p in warm.rglob("*") if p.is_file())
    results["warm"] = [run_once(cmd, warm) for _ in range(runs)]
    target = changed_file(data)
    original = target.read_bytes()
    results["one file changed"] = []
    try:
        for i in range(1, runs + 1):
            note = f'    begrunnelse: "Vurdert på nytt i runde {i}. '.encode()
            changed = original.replace(b'    begrunnelse: "', note, 1)
            assert changed != original, f"no begrunnelse to change in {target}"
            target.write_bytes(changed)
            results["one file changed"].append(run_once(cmd, warm))
    finally:
        target.write_bytes(original)
    results["no cache"] = [run_once([*cmd, "--no-cache"], fresh()) for _ in range(runs)]
    return results, cache_bytes


def summarise(runs: list[Run]) -> dict:
    times = [r.seconds for r in runs]
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "times_s": [round(t, 3) for t in times],
        "peak_rss_mb": round(max(r.max_rss_mb for r in runs), 1),
        "exit_codes": sorted({r.exit_code for r in runs}),
        "diagnostics": runs[-1].diagnostics,
        "severities": runs[-1].severities,
        "files_checked": runs[-1].files,
    }


def verdict(value: float, limit: float, unit: str) -> str:
    return f"≤ {limit:g} {unit} " + ("ok" if value <= limit else "MISSED")


def table(summary: dict[str, dict]) -> str:
    rows = [
        f"{'scenario':<17} {'median':>8} {'min':>8} {'max':>8} {'peak RSS':>10} {'exit':>5} "
        f"{'files':>6} {'diagnostics':>11}  target"
    ]
    for name, s in summary.items():
        times = " ".join(f"{s[k]:>7.2f}s" for k in ("median_s", "min_s", "max_s"))
        exits = ",".join(map(str, s["exit_codes"]))
        files, count = (("?" if v is None else v) for v in (s["files_checked"], s["diagnostics"]))
        limit = TARGETS[name]
        rows.append(
            f"{name:<17} {times} {s['peak_rss_mb']:>7.0f} MB {exits:>5} {files:>6} {count:>11}  "
            + (verdict(s["median_s"], limit, "s") if limit else "")
        )
    peak = max(s["peak_rss_mb"] for s in summary.values())
    rows.append(
        f"peak RSS is the largest single process (ikros or a worker it waited for): {peak:.0f} MB, "
        + verdict(peak, MAX_RSS_MB, "MB")
    )
    return "\n".join(rows)


def ensure_data(data: Path, n: int, seed: int, git: bool) -> None:
    if (data / "organisasjon.yaml").exists():
        return
    partial = data.with_name(data.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    sizes = generate.generate(partial, n, seed)
    if git:
        generate.commit(partial)
    partial.rename(data)
    print(f"generated {data}: {generate.describe(sizes)} ({time.perf_counter() - started:.1f} s)")


def ikros_version(ikros: str) -> str:
    try:
        done = subprocess.run([ikros, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="number of analyses")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per scenario")
    parser.add_argument("--data", type=Path, help="data folder (default bench/.data/n<N>-seed<S>)")
    parser.add_argument("--ikros", help="the ikros executable (default: next to this Python)")
    parser.add_argument("--git", action="store_true", help="make the data a git repository")
    parser.add_argument(
        "--save", action="store_true", help="write bench/results/<date>-validate.json"
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.n < 1:
        parser.error("--runs and --n must be at least 1")

    ikros = args.ikros or str(Path(sys.executable).parent / "ikros")
    if not (os.path.isfile(ikros) and os.access(ikros, os.X_OK)):
        print(
            f"ikros not found at {ikros}: install the package (pip install -e .) "
            "or pass --ikros PATH",
            file=sys.stderr,
        )
        return 2
    data = args.data or BENCH / ".data" / f"n{args.n}-seed{args.seed}{'-git' if args.git else ''}"
    ensure_data(data.resolve(), args.n, args.seed, args.git)

    with tempfile.TemporaryDirectory(prefix="ikros-bench-") as scratch:
        results, cache_bytes = measure(ikros, data.resolve(), args.runs, Path(scratch))
    summary = {name: summarise(runs) for name, runs in results.items()}
    print(
        f"ikros validate {data} --format json: {args.runs} runs per scenario, "
        f"{os.cpu_count()} CPUs, cache after a full run {cache_bytes / 1e6:.1f} MB"
    )
    print(table(summary))
    failed = next((r for runs in results.values() for r in runs if r.exit_code not in (0, 1)), None)
    if failed:
        print(f"\nexit {failed.exit_code}; stderr ends:\n{failed.stderr[-2000:]}", file=sys.stderr)

    if args.save:
        report = {
            "date": date.today().isoformat(),
            "ikros": ikros,
            "ikros_version": ikros_version(ikros),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "data": {
                "dir": str(data),
                "n": args.n,
                "seed": args.seed,
                "git": args.git,
                "mb": round(sum(p.stat().st_size for p in data.rglob("*.yaml")) / 1e6, 1),
            },
            "runs": args.runs,
            "cache_mb": round(cache_bytes / 1e6, 1),
            "targets": {
                "cold_s": 8.0,
                "warm_s": 1.0,
                "one_file_changed_s": 1.0,
                "peak_rss_mb": MAX_RSS_MB,
                "cpus": 2,
            },
            "peak_rss_is": "ru_maxrss: the largest single process, not the sum over processes",
            "scenarios": summary,
        }
        out = BENCH / "results" / f"{report['date']}-validate.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
