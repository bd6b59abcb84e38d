"""Data-driven cases: every folder under tests/cases/ is a small kommune
with the verdict it must get (see tests/cases/README.md): every finding
with its position, severity and code, and the exit code of `ikros
validate`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app
from ikros.load import yamlio

CASES = Path(__file__).parent / "cases"
BASE = CASES / "_base"
# Cases are read as on this day (unless a case names its own `today:`), so
# that deadlines in them give the same verdict whatever day the tests run.
TODAY = dt.date(2026, 11, 27)
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))

_FINDING = re.compile(
    r"(?P<path>\S+):(?P<line>[0-9]+):(?P<column>[0-9]+) (?P<severity>\S+) (?P<code>\S+)"
)
_SEVERITIES = ("feil", "advarsel")


@dataclass(frozen=True)
class Expected:
    findings: list[str]  # "path:line:column severity code", sorted
    exit: int
    today: dt.date


def expected(case: Path) -> Expected:
    """The verdict `expected.txt` names; a malformed line fails the test
    rather than being skipped."""
    findings: list[str] = []
    exit_code: int | None = None
    today = TODAY
    for number, raw in enumerate(
        (case / "expected.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        line = raw.strip()
        where = f"{case.name}/expected.txt:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("exit:"):
            assert exit_code is None, f"{where}: a second `exit:` line"
            exit_code = int(line.removeprefix("exit:"))
        elif line.startswith("today:"):
            today = dt.date.fromisoformat(line.removeprefix("today:").strip())
        else:
            match = _FINDING.fullmatch(line)
            assert match, f"{where}: not `path:line:column severity code`: {line!r}"
            assert match["severity"] in _SEVERITIES, f"{where}: unknown severity"
            findings.append(line)
    assert exit_code is not None, f"{case.name}/expected.txt has no `exit:` line"
    return Expected(sorted(findings), exit_code, today)


def materialise(case: Path, tmp_path: Path) -> Path:
    repo = tmp_path / case.name
    shutil.copytree(case, repo, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    for base_file in BASE.iterdir():
        if not (repo / base_file.name).exists():
            shutil.copy(base_file, repo / base_file.name)
    return repo


def verdict(repo: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """What `ikros validate --format json` says in `repo` on `today`: the
    findings as `expected.txt` lines, and the exit code."""
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        app,
        ["validate", "--format", "json", "--no-cache"],
        env={"IKROS_TODAY": today.isoformat()},
    )
    assert result.exit_code in (0, 1, 2), result.output
    report = json.loads(result.stdout) if result.stdout.strip() else {"diagnostics": []}
    lines = sorted(
        f"{d['path']}:{d['line']}:{d['column']} {d['severity']} {d['code']}"
        for d in report["diagnostics"]
    )
    return lines, result.exit_code


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = expected(case)
    repo = materialise(case, tmp_path)
    assert verdict(repo, want.today, monkeypatch) == (want.findings, want.exit)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_readers_agree(case: Path) -> None:
    """The fast reader and the positional reader give the same data (or
    both refuse) for every file of every case."""
    for path in sorted(case.rglob("*.y*ml")):
        raw = path.read_bytes()
        fast = yamlio.read(raw, path.name)
        slow = yamlio.read(raw, path.name, positions=True)
        assert fast.ok == slow.ok, path
        if fast.ok:
            assert _typed(fast.data) == _typed(slow.data), path
        else:
            assert [d.code for d in fast.diagnostics] == [d.code for d in slow.diagnostics], path


def _typed(value):
    """Data with every scalar's type made explicit (True != 1 here)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)
