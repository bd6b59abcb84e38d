"""ResultCache on its own: what it keeps, what it prunes, which errors
delete the file and which only bypass it, and when a stat is trusted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ikros.load import cache as cache_mod
from ikros.load.cache import ResultCache
from ikros.load.discover import Stat


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    return folder


def rows(cache: ResultCache, table: str = "results") -> set[str]:
    with sqlite3.connect(cache.path) as conn:
        return {key for (key,) in conn.execute(f"SELECT key FROM {table}")}


def fill(root: Path, results: int, extras: int = 0) -> list[str]:
    cache = ResultCache(root)
    keys = [f"k{i:05d}" for i in range(results)]
    for key in keys:
        cache.put(key, [key])
    for key in keys[:extras]:
        cache.put(f"{key}:frister", [key])
    cache.flush(prune=False)
    cache.close()
    return keys


def test_the_folder_comes_from_ikros_cache_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKROS_CACHE_DIR", str(tmp_path / "her"))
    assert cache_mod.cache_dir() == tmp_path / "her"
    assert ResultCache(tmp_path).path.parent == tmp_path / "her"
    assert ResultCache(tmp_path).path == ResultCache(tmp_path / "." / "").path
    assert ResultCache(tmp_path).path != ResultCache(tmp_path / "annen").path


def test_entries_round_trip_in_both_tables(root: Path) -> None:
    cache = ResultCache(root)
    cache.put("a", {"æ": [1, None, "ø"]})
    cache.put_encoded("b", '["x"]')
    cache.put("a:frister", [["tiltak", "2026-12-01", "T1", [], None]])
    cache.flush(prune=False)
    cache.close()
    assert rows(cache) == {"a", "b"} and rows(cache, "extras") == {"a:frister"}
    again = ResultCache(root)
    assert again.get_many(["a", "b", "c"]) == {"a": {"æ": [1, None, "ø"]}, "b": ["x"]}
    assert again.get_many(["a:frister"]) == {
        "a:frister": [["tiltak", "2026-12-01", "T1", [], None]]
    }
    assert again.get_many([]) == {}


def test_many_keys_at_once_in_both_tables(root: Path) -> None:
    """More keys than one query takes: results by one scan, extras in
    batches; either way exactly the keys asked for."""
    keys = fill(root, 700, extras=600)
    cache = ResultCache(root)
    wanted = keys[50:650]
    assert sorted(cache.get_many(wanted)) == wanted
    assert sorted(cache.get_many(keys[:10])) == keys[:10]
    frister = [f"{k}:frister" for k in keys[:600]]
    assert sorted(cache.get_many(frister)) == frister


def test_a_damaged_entry_hides_only_itself(root: Path) -> None:
    keys = fill(root, 5)
    with sqlite3.connect(ResultCache(root).path) as conn:
        conn.execute("UPDATE results SET value = '{not json' WHERE key IN ('k00001', 'k00003')")
    assert sorted(ResultCache(root).get_many(keys)) == ["k00000", "k00002", "k00004"]


@pytest.mark.parametrize(
    ("total", "used", "pruned"),
    [
        (150, 50, True),  # 100 unused: the floor of 100
        (150, 51, False),  # 99 unused
        (2000, 1800, True),  # 200 unused: a tenth
        (2000, 1801, False),  # 199 unused
    ],
)
def test_unused_entries_are_pruned_from_a_tenth_and_a_hundred(
    root: Path, total: int, used: int, pruned: bool
) -> None:
    keys = fill(root, total, extras=total)
    cache = ResultCache(root)
    assert len(cache.get_many(keys[:used])) == used
    cache.put("ny", [1])  # written this run: used
    cache.flush(prune=True)
    cache.close()
    if pruned:
        assert rows(cache) == {*keys[:used], "ny"}
        # the deadlines of the results used are kept with them
        assert rows(cache, "extras") == {f"{k}:frister" for k in keys[:used]}
    else:
        assert rows(cache) == {*keys, "ny"}
        assert len(rows(cache, "extras")) == total


def test_nothing_is_pruned_without_prune(root: Path) -> None:
    keys = fill(root, 300, extras=300)
    cache = ResultCache(root)
    cache.get_many(keys[:10])
    cache.flush(prune=False)
    cache.close()
    assert len(rows(cache)) == 300 and len(rows(cache, "extras")) == 300


def test_entries_written_in_a_pruning_run_are_kept(root: Path) -> None:
    keys = fill(root, 300)
    cache = ResultCache(root)
    cache.put("a", [1])
    cache.put_encoded("b", "[2]")
    cache.flush(prune=True)
    cache.close()
    assert rows(cache) == {"a", "b"}
    assert keys  # every old one was unused


def test_a_stat_is_trusted_only_after_the_racy_window(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000_000_000_000
    monkeypatch.setattr(cache_mod.time, "time_ns", lambda: now)
    window = cache_mod.RACY_NS
    cache = ResultCache(root)
    cache.record("old", Stat(1, now - window - 1, now - window - 1, 1, 1), "h-old")
    cache.record("edge", Stat(1, now - window, now - window - 5, 2, 1), "h-edge")
    cache.record("changed", Stat(1, now - 10 * window, now - 1, 3, 1), "h-changed")
    cache.record("modified", Stat(1, now - 1, now - 10 * window, 4, 1), "h-modified")
    cache.flush(prune=False)
    cache.close()
    known = ResultCache(root).known_hashes()
    assert known == {
        "old": (Stat(1, now - window - 1, now - window - 1, 1, 1), "h-old"),
        "edge": (Stat(1, now - window, now - window - 5, 2, 1), None),
        "changed": (Stat(1, now - 10 * window, now - 1, 3, 1), None),
        "modified": (Stat(1, now - 1, now - 10 * window, 4, 1), None),
    }


def test_rows_of_another_format_are_ignored(root: Path) -> None:
    cache = ResultCache(root)
    assert cache.known_hashes() == {}  # the tables are made
    with sqlite3.connect(cache.path) as conn:  # a row with a text path, first
        conn.execute("INSERT INTO files VALUES ('a', 1, 0, 0, 1, 1, 'x', 0)")
    cache.record("b", Stat(1, 0, 0, 1, 1), "h")
    cache.record("c", Stat(1, 0, 0, 2, 1), "h")
    cache.flush(prune=False)
    cache.close()
    assert list(ResultCache(root).known_hashes()) == ["b", "c"]


def test_a_failing_query_is_a_miss_and_a_busy_file_is_kept(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = fill(root, 3)
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT_S", 0.1)
    cache = ResultCache(root)
    assert cache.known_hashes() == {}  # connected; nothing recorded
    holder = sqlite3.connect(cache.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert cache.get_many(keys) == {}
        assert cache.path.exists()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(ResultCache(root).get_many(keys)) == keys


def test_a_table_gone_is_a_miss(root: Path) -> None:
    keys = fill(root, 3)
    cache = ResultCache(root)
    assert cache.known_hashes() == {}
    with sqlite3.connect(cache.path) as conn:
        conn.execute("DROP TABLE files")
        conn.execute("DROP TABLE results")
    assert cache.known_hashes() == {}
    assert cache.get_many(keys) == {}
    cache.close()
    cache.close()  # twice, and on a cache never opened: no error
    ResultCache(root / "nowhere").close()


def test_a_file_damaged_while_open_is_deleted(root: Path) -> None:
    keys = fill(root, 3)
    cache = ResultCache(root)
    assert cache.known_hashes() == {}
    cache.path.write_bytes(b"\0" * 8192)
    assert cache.get_many(keys) == {}
    assert not cache.path.exists()


def _error(cls, message: str, code: int | None):
    exc = cls(message)
    if code is not None:
        exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("exc", "damaged"),
    [
        (_error(sqlite3.DatabaseError, "database disk image is malformed", 11), True),
        (_error(sqlite3.DatabaseError, "file is not a database", 26), True),
        (_error(sqlite3.DatabaseError, "extended", 11 | (1 << 8)), True),
        (_error(sqlite3.OperationalError, "database is locked", 5), False),
        (_error(sqlite3.OperationalError, "attempt to write a readonly database", 8), False),
        (_error(sqlite3.OperationalError, "disk full", 13), False),
        (_error(sqlite3.DatabaseError, "database disk image is malformed", None), True),
        (_error(sqlite3.DatabaseError, "database is locked", None), False),
        (_error(sqlite3.Error, "malformed", None), False),
    ],
)
def test_which_errors_mean_a_damaged_file(exc, damaged: bool) -> None:
    assert cache_mod._damaged(exc) is damaged
