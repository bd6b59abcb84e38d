"""Data-driven cases: every folder under tests/cases/ is a small kommune
with the diagnostics it must give (see tests/cases/README.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ikros.engine.repository import Settings, run
from ikros.load import yamlio

CASES = Path(__file__).parent / "cases"
BASE = CASES / "_base"
# Cases are read as on this day, so that deadlines in them do not rot.
TODAY = dt.date(2026, 11, 27)
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def expected(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def materialise(case: Path, tmp_path: Path) -> Path:
    repo = tmp_path / case.name
    shutil.copytree(case, repo, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    for base_file in BASE.iterdir():
        if not (repo / base_file.name).exists():
            shutil.copy(base_file, repo / base_file.name)
    return repo


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_case(case: Path, tmp_path: Path) -> None:
    repo = materialise(case, tmp_path)
    result = run(Settings(paths=(), cwd=repo, use_cache=False, today=TODAY))
    got = sorted(f"{d.path}:{d.line}:{d.column} {d.code}" for d in result.diagnostics)
    assert got == expected(case)


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
