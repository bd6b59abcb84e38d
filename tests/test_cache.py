"""The content-hash cache: same answers as without it, never stale, and a
damaged cache file is rebuilt."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from ikros.engine.repository import Settings, run
from ikros.load import cache as cache_mod

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(
        CASES / "unknown-key", tmp_path / "repo", ignore=shutil.ignore_patterns("expected.txt")
    )
    repo = tmp_path / "repo"
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(CASES / "_base" / name, repo / name)
    return repo


def _codes(repo: Path, *, use_cache: bool = True) -> list[tuple[str, int, int, str]]:
    result = run(Settings(paths=(), cwd=repo, use_cache=use_cache))
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


def test_warm_run_gives_the_same_diagnostics(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _codes(repo)
    import ikros.engine.document as document

    calls = []
    real = document.process
    monkeypatch.setattr(document, "process", lambda *a: calls.append(a[1]) or real(*a))
    warm = _codes(repo)
    assert warm == cold == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    assert calls == []  # every result, the konfig's included, came from the cache


def test_unchanged_old_files_are_not_read_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = time.time() - 3600
    for path in repo.rglob("*.yaml"):
        os.utime(path, (old, old))
    cold = _codes(repo)
    import ikros.engine.repository as engine

    reads = []
    real = engine.read_file
    monkeypatch.setattr(engine, "read_file", lambda p: reads.append(Path(p).name) or real(p))
    assert _codes(repo) == cold
    assert reads == ["ikros.yaml"]  # the others were known by size and time


def test_a_file_changed_within_the_same_second_is_read_again(repo: Path) -> None:
    """Files younger than the racy window are re-hashed even when size and
    time look unchanged, as git does."""
    path = repo / "ros" / "a.yaml"
    path.touch()  # written just now, as an editor or `git checkout` would
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    stat = path.stat()
    text = path.read_text(encoding="utf-8").replace(
        "arsaker: [Komfyr]", "årsaker: [Komfy]"
    )  # same size
    assert len(text.encode()) == stat.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _codes(repo) == []


def test_changed_file_is_not_served_stale(repo: Path) -> None:
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    path = repo / "ros" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("arsaker", "årsaker"), encoding="utf-8"
    )
    assert _codes(repo) == []


def test_changed_konfig_invalidates(repo: Path) -> None:
    """The analysis stays the same; only ikros.yaml changes, and the result
    must follow it (a cache keyed by the analysis alone would not)."""
    path = repo / "ros" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("arsaker", "årsaker")
        .replace("sannsynlighet: 2", "sannsynlighet: 4"),
        encoding="utf-8",
    )
    assert _codes(repo) == []
    konfig = repo / "ikros.yaml"
    konfig.write_text(
        konfig.read_text(encoding="utf-8").replace("enhet-5x5", "arbeidsmiljø-3x3"),
        encoding="utf-8",
    )
    # the same analysis is now measured on a 3 × 3 scale
    assert _codes(repo) == [("ros/a.yaml", 17, 20, "nivå-utenfor-skala")]


@pytest.mark.parametrize(
    "damage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_damaged_cache_file_is_rebuilt(repo: Path, damage: bytes) -> None:
    expected = _codes(repo)
    db = cache_mod.ResultCache(repo).path
    assert db.is_file()
    db.write_bytes(damage)
    assert _codes(repo) == expected
    assert _codes(repo) == expected


def test_damaged_entry_is_a_miss(repo: Path) -> None:
    import sqlite3

    expected = _codes(repo)
    db = cache_mod.ResultCache(repo).path
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE results SET value = '{\"diagnostics\": 5}'")
    assert _codes(repo) == expected


def test_no_cache_writes_nothing(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache-here"
    monkeypatch.setenv("IKROS_CACHE_DIR", str(folder))
    _codes(repo, use_cache=False)
    assert not folder.exists()
