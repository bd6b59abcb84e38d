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
    # The change time cannot be set back: it is now, and the racy rule would
    # distrust it for two seconds. A shorter window, waited out, instead.
    monkeypatch.setattr(cache_mod, "RACY_NS", 50_000_000)
    time.sleep(0.1)
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


def _processed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files checked from scratch from now on (not served by the cache)."""
    import ikros.engine.document as document

    calls: list[str] = []
    real = document.process
    monkeypatch.setattr(document, "process", lambda *a: calls.append(a[1]) or real(*a))
    return calls


@pytest.mark.parametrize(
    "damage", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_damaged_cache_file_is_rebuilt(
    repo: Path, damage: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    expected = _codes(repo)
    db = cache_mod.ResultCache(repo).path
    assert db.is_file()
    db.write_bytes(damage)
    assert _codes(repo) == expected
    # rebuilt: a database of this format again, holding the results ...
    with sqlite3.connect(db) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        (rows,) = conn.execute("SELECT count(*) FROM results").fetchone()
    assert (version, rows) == (cache_mod.FORMAT, 3)  # ikros.yaml, organisasjon.yaml, the analysis
    # ... which the next run uses
    calls = _processed(monkeypatch)
    assert _codes(repo) == expected
    assert calls == []


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


# --- the stat index is never fooled -----------------------------------------


def _same_size_edits(text: str) -> list[str]:
    """Versions of an analysis with the same length and other verdicts: the
    level 2 ↔ 9 (9 is outside the scale) and the key `arsaker` ↔ `årsake`
    (both unknown, other messages)."""
    return [
        text,
        text.replace("sannsynlighet: 2", "sannsynlighet: 9"),
        text.replace("arsaker: [Komfyr]", "årsaker: [Komfy]"),
    ]


def _edit_in_place_keep_mtime(path: Path, data: str) -> None:
    """`sed -i …; touch -d "$OLD_MTIME" F`: same size, same mtime, same inode."""
    before = path.stat()
    path.write_text(data, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _replace_keep_mtime(path: Path, data: str) -> None:
    """`cp -p` from elsewhere or unpacking an archive: a new inode with the
    old file's size and modification time."""
    before = path.stat()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(data, encoding="utf-8")
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(tmp, path)


def _copy_over_keep_mtime(path: Path, data: str) -> None:
    """`cp -p SRC F` onto an existing F: same inode, contents and mtime from SRC."""
    source = path.parent.parent / "kilde.txt"
    source.write_text(data, encoding="utf-8")
    old = path.stat().st_mtime_ns
    os.utime(source, ns=(old, old))
    shutil.copy2(source, path)


EDITS = [_edit_in_place_keep_mtime, _replace_keep_mtime, _copy_over_keep_mtime]


@pytest.mark.parametrize("seed", range(6))
def test_cached_runs_agree_with_uncached_over_random_edits(
    repo: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A differential test: after every random edit, the cached run says
    exactly what a run without the cache says. The racy window is shortened
    to nothing so that the stat index is trusted at once: only size, times,
    inode and device can then tell a changed file from an unchanged one."""
    import random

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    rng = random.Random(seed)
    path = repo / "ros" / "a.yaml"
    versions = _same_size_edits(path.read_text(encoding="utf-8"))
    assert len({len(v.encode()) for v in versions}) == 1
    verdicts = set()
    for _ in range(12):
        edit = rng.choice(EDITS)
        edit(path, rng.choice(versions))
        uncached = _codes(repo, use_cache=False)
        assert _codes(repo) == uncached, edit.__name__
        verdicts.add(tuple(uncached))
    assert len(verdicts) > 1  # the edits did change the verdict


def test_an_edit_that_restores_the_mtime_is_seen(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    path = repo / "ros" / "a.yaml"
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    _edit_in_place_keep_mtime(
        path, path.read_text(encoding="utf-8").replace("arsaker: [Komfyr]", "årsaker: [Komfy]")
    )
    assert _codes(repo) == []


# --- a busy or damaged cache ------------------------------------------------


def test_busy_cache_is_bypassed_and_never_deleted(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    expected = _codes(repo)
    db_path = cache_mod.ResultCache(repo).path
    inode = db_path.stat().st_ino
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another ikros run, writing
        assert _codes(repo) == expected
        assert db_path.stat().st_ino == inode  # still the other run's file
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(db_path) as conn:
        (rows,) = conn.execute("SELECT count(*) FROM results").fetchone()
    assert rows > 0  # the entries written before the busy run are all there


@pytest.mark.parametrize(
    "value",
    [
        "5",
        "null",
        '"tekst"',
        "[]",
        "[[], null, 3]",
        '[[["a"]], null]',
        '[[[1, 1, "x", "bogus", "m", null]], null]',
        '[[["1", 1, "x", "feil", "m", null]], null]',
        '[[[1, 1, "x", "feil", 5, null]], null]',
        '[[], ["ros/1", null, null, [[1]], [], {}]]',
        '[[], ["ros/1", null, null, [], [], []]]',
        '[[], ["ros/1", null, null, [], [], {"første_frist": 5}]]',
        "[[], [5, null, null, [], [], {}]]",
        # Facts that are there but not a list: never read as «not a document».
        "[[], {}, 0]",
        "[[], [], 0]",
        '[[], "", 0]',
        # References and units whose parts have the wrong type.
        '[[], ["ros/1", "ROS-X", null, [[1, 2, [{}]]], [], {}], 0]',
        '[[], ["ros/1", "ROS-X", null, [["enhet", null, ["enhet"]]], [], {}], 0]',
        '[[], ["organisasjon/1", null, null, [], [[5, "enhet", "x", null, []]], {}], 0]',
        '[[], ["organisasjon/1", null, null, [], [["a", "enhet", null, null, []]], {}], 0]',
        '[[], ["organisasjon/1", null, null, [], [["a", "x", "A", null, [[]]]], {}], 0]',
        '[[], ["ros/1", "ROS-X", null, [], [], {"første_frist": "x"}], 0]',
    ],
)
def test_malformed_entry_is_a_miss(repo: Path, value: str) -> None:
    import sqlite3

    expected = _codes(repo)
    db = cache_mod.ResultCache(repo).path
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE results SET value = ?", (value,))
    assert _codes(repo) == expected


@pytest.mark.parametrize(
    "value",
    ["5", "[[1]]", '[["tiltak", "ikke-dato", "T1", []]]', '[["ukjent", "2026-01-01", "x", []]]'],
)
def test_malformed_cached_deadlines_are_computed_again(
    tmp_path: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deadline is never dropped because its cache entry was damaged."""
    import sqlite3

    from tests.conftest import minimal_ros, write_tree

    repo = write_tree(
        tmp_path / "r",
        {
            "ikros.yaml": (CASES / "_base" / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (CASES / "_base" / "organisasjon.yaml").read_text(
                encoding="utf-8"
            ),
            "ros/a.yaml": minimal_ros(),  # dato 2026-03-01: review due 2027-03-01
        },
    )
    monkeypatch.setenv("IKROS_TODAY", "2027-06-01")
    expected = [("ros/a.yaml", 10, 7, "revisjon-forfalt")]
    assert _codes(repo) == expected
    db = cache_mod.ResultCache(repo).path
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE extras SET value = ?", (value,)).rowcount == 1
    assert _codes(repo) == expected


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("size", "x"),
        ("mtime_ns", "x"),
        ("ctime_ns", b"\xff"),
        ("ino", 1.5),
        ("dev", 2**70),
        ("seen_ns", "x"),
        ("hash", 5),
    ],
)
def test_malformed_stat_row_is_a_miss(repo: Path, column: str, value: object) -> None:
    """A row of the stat index with a value of the wrong type is ignored,
    never a crash (SQLite keeps whatever type it is given)."""
    import sqlite3

    expected = _codes(repo)
    db = cache_mod.ResultCache(repo).path
    with sqlite3.connect(db) as conn:
        if isinstance(value, int) and value > 2**63:
            value = str(value)  # too large for SQLite's integers: stored as text
        assert conn.execute(f"UPDATE files SET {column} = ?", (value,)).rowcount > 0
    assert _codes(repo) == expected


def test_a_malformed_first_deadline_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached `første_frist` that is no date must not hide the document's
    deadlines from `ikros due`."""
    import datetime as dt
    import json
    import sqlite3

    from tests.conftest import minimal_ros, write_tree

    repo = write_tree(
        tmp_path / "r",
        {
            "ikros.yaml": (CASES / "_base" / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (CASES / "_base" / "organisasjon.yaml").read_text(
                encoding="utf-8"
            ),
            "ros/a.yaml": minimal_ros(),  # dato 2026-03-01: review due 2027-03-01
        },
    )
    monkeypatch.setenv("IKROS_TODAY", "2026-12-01")
    settings = Settings(paths=(), cwd=repo, deadlines_until=dt.date(2027, 12, 1))

    def deadlines() -> list[str]:
        return [f"{d.kind} {d.date}" for doc in run(settings).index for d in doc.deadlines or ()]

    assert deadlines() == ["revisjon 2027-03-01"]
    db = cache_mod.ResultCache(repo).path
    with sqlite3.connect(db) as conn:
        for key, value in conn.execute("SELECT key, value FROM results").fetchall():
            entry = json.loads(value)
            if entry[1] and entry[1][0] == "ros/1":
                entry[1][5]["første_frist"] = "x"
                conn.execute("UPDATE results SET value = ? WHERE key = ?", (json.dumps(entry), key))
    assert deadlines() == ["revisjon 2027-03-01"]


def test_default_cache_folder_without_override(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every other test sets IKROS_CACHE_DIR; here the user's cache folder
    (XDG on Linux) is used, and it works: the second run is served from it."""
    monkeypatch.delenv("IKROS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_mod.cache_dir() == tmp_path / "xdg" / "ikros"
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    assert len(list((tmp_path / "xdg" / "ikros").glob("*.sqlite3"))) == 1
    calls = _processed(monkeypatch)
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    assert calls == []


def test_default_cache_folder_without_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IKROS_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_mod.cache_dir() == tmp_path / ".cache" / "ikros"
    monkeypatch.setenv("IKROS_CACHE_DIR", "")  # empty: as if unset
    assert cache_mod.cache_dir() == tmp_path / ".cache" / "ikros"


# --- the key: each of its parts, changed alone, misses ------------------------


def _warm(repo: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run once to fill the cache; then record what is checked afresh."""
    _codes(repo)
    calls = _processed(monkeypatch)
    _codes(repo)
    assert calls == []  # warm: everything from the cache
    return calls


@pytest.mark.parametrize(
    "change",
    [
        ("__version__", "99.0.0"),
        ("FORMAT", cache_mod.FORMAT + 1),
        ("_code_stamp", lambda: "another build"),
    ],
    ids=["version", "format", "code"],
)
def test_results_of_another_ikros_are_not_reused(
    repo: Path, monkeypatch: pytest.MonkeyPatch, change
) -> None:
    calls = _warm(repo, monkeypatch)
    name, value = change
    monkeypatch.setattr(cache_mod, name, value)
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    # everything checked again (ikros.yaml twice: once more with its own methods)
    assert sorted(calls) == ["ikros.yaml", "ikros.yaml", "organisasjon.yaml", "ros/a.yaml"]


def test_the_code_stamp_follows_every_file_of_the_package() -> None:
    """A file of the package changed (its time, as an upgrade or an edit
    in a development checkout changes it) gives another stamp."""
    stamp = cache_mod._code_stamp.__wrapped__
    before = stamp()
    assert before == stamp()  # the same files, the same stamp
    for name in ("risk/compute.py", "risk/methods/enhet-5x5.yaml"):
        path = Path(cache_mod.__file__).resolve().parents[1] / name
        st = path.stat()
        try:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
            assert stamp() != before, name
        finally:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert stamp() == before


def test_a_same_length_edit_of_the_konfig_invalidates(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The konfig's content is part of the key, not only its length: a
    review interval of 12 changed to 24 months moves every review date, and
    the analysis itself, unchanged and known by its stat, is not re-read."""
    from tests.conftest import minimal_ros

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    monkeypatch.setenv("IKROS_TODAY", "2027-06-01")
    (repo / "ros" / "a.yaml").write_text(minimal_ros(), encoding="utf-8")  # dato 2026-03-01
    late = [("ros/a.yaml", 10, 7, "revisjon-forfalt")]
    assert _codes(repo) == late
    assert _codes(repo) == late
    konfig = repo / "ikros.yaml"
    text = konfig.read_text(encoding="utf-8")
    edited = text.replace("revisjonsintervall: 12", "revisjonsintervall: 24")
    assert len(edited) == len(text) and edited != text
    konfig.write_text(edited, encoding="utf-8")
    assert _codes(repo) == []  # due 2028-03-01 now
    konfig.write_text(text, encoding="utf-8")
    assert _codes(repo) == late


def test_the_konfigs_own_result_follows_its_content(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ikros.yaml's own findings are cached by its content too."""
    konfig = repo / "ikros.yaml"
    text = konfig.read_text(encoding="utf-8")
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    bad = text.replace("revisjonsintervall: 12", "revisjonsintervalX: 12")
    assert len(bad) == len(text)
    konfig.write_text(bad, encoding="utf-8")
    assert ("ikros.yaml", 4, 1, "ukjent-nøkkel") in _codes(repo)
    konfig.write_text(text, encoding="utf-8")
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]


def test_the_content_hash_is_of_the_whole_file() -> None:
    a = cache_mod.content_hash(b"ikros: ros/1\nid: A\n")
    assert a == cache_mod.content_hash(b"ikros: ros/1\nid: A\n")
    assert a != cache_mod.content_hash(b"ikros: ros/1\nid: B\n")
    assert len(a) == 32
    assert cache_mod.context_key(b"x") != cache_mod.context_key(b"y")
    assert cache_mod.context_key(b"x") == cache_mod.context_key(b"x")
    assert cache_mod.context_key(b"ab", b"c") != cache_mod.context_key(b"a", b"bc")


def test_cache_from_an_older_format_is_replaced(repo: Path) -> None:
    import sqlite3

    db = cache_mod.ResultCache(repo).path
    db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(db) as conn:  # the tables of format 2
        conn.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL)")
        conn.execute("INSERT INTO files VALUES ('x', 1)")
    assert _codes(repo) == [("ros/a.yaml", 16, 5, "ukjent-nøkkel")]
    with sqlite3.connect(db) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        paths = [row[0] for row in conn.execute("SELECT path FROM files")]
    assert version == cache_mod.FORMAT
    assert b"x" not in paths and len(paths) == 2
