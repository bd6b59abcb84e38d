"""A cache of per-file results keyed by content hash.

The key is a hash of the file's bytes together with everything else the
result depends on (the ikros version and the repository's ikros.yaml), so
an entry can never be stale: a changed file or configuration simply misses.
Entries hold no paths, so a moved or copied file still hits.

The cache is one SQLite file per repository in the user's cache folder
(`IKROS_CACHE_DIR` overrides it). A damaged cache is deleted and rebuilt,
an unwritable one is ignored: the cache can make ikros faster, never wrong.

Beside the results it keeps a stat index, as git's index does: a file's
size, modification and change times, inode and device with the hash of its
content. A file whose stat is unchanged in all five is not read again. An
entry is trusted only when the file had not been modified or changed for
`RACY_NS` when it was recorded, so a file changed twice within the file
system's time resolution is still re-read.

Several ikros runs may share the cache. SQLite's lock makes one wait for
another; a cache still busy after `BUSY_TIMEOUT_S` is bypassed for this
run, never deleted: only a file SQLite calls corrupt or not a database is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from ikros import __version__
from ikros.load.discover import Stat

FORMAT = 5  # of the cached values and tables; part of every key, and the file's user_version
_SCHEMA = (
    "CREATE TABLE results (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Large entries read only now and then (deadlines): apart, so that a
    # scan of `results` stays small.
    "CREATE TABLE extras (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # The path is a BLOB: a file name need not be valid UTF-8.
    "CREATE TABLE files (path BLOB PRIMARY KEY, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL,"
    " dev INTEGER NOT NULL, hash TEXT NOT NULL, seen_ns INTEGER NOT NULL)",
    f"PRAGMA user_version = {FORMAT}",
)
_TABLES = ("results", "extras", "files")
RACY_NS = 2_000_000_000
BUSY_TIMEOUT_S = 5.0
_BATCH = 500
# SQLite's primary result codes that mean the file itself is damaged.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether an error means a damaged file (delete and rebuild it) rather
    than a busy, locked, full or read-only one (bypass it for this run)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc)
    return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _path_key(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def cache_dir() -> Path:
    override = os.environ.get("IKROS_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("ikros", appauthor=False))


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:32]  # sha256 runs in hardware on most machines


@functools.cache
def _code_stamp() -> str:
    """Size and time of every file of the installed package: a result made
    by other code (a development checkout, an upgrade) is never reused."""
    package = Path(__file__).resolve().parents[1]
    stamp = hashlib.blake2b(digest_size=8)
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".yaml")):
                st = os.stat(os.path.join(folder, name))
                stamp.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return stamp.hexdigest()


def context_key(*parts: bytes) -> str:
    digest = hashlib.blake2b(f"{__version__}/{FORMAT}/{_code_stamp()}".encode(), digest_size=8)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _table(key: str) -> str:
    return "extras" if key.endswith(":frister") else "results"


class ResultCache:
    """Get and put JSON results by key; every failure is a miss."""

    def __init__(self, root: Path):
        name = hashlib.blake2b(_path_key(str(root.resolve())), digest_size=8).hexdigest()
        self.path = cache_dir() / f"{name}.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str]] = []
        self._stats: list[tuple] = []  # rows of the files table
        self._used: set[str] = set()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._open()
        except sqlite3.Error as exc:
            if not _damaged(exc):
                return None  # busy, locked or unwritable: run without it
            self._discard()
            try:
                db = self._open()
            except sqlite3.Error:
                return None
        except OSError:
            return None
        self._db = db
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != FORMAT:  # new, or made by another ikros: start afresh
                db.execute("BEGIN IMMEDIATE")
                (version,) = db.execute("PRAGMA user_version").fetchone()
                if version != FORMAT:  # another run may have done it meanwhile
                    for table in _TABLES:
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in _SCHEMA:
                        db.execute(statement)
                db.execute("COMMIT")
            db.execute("SELECT count(*) FROM results LIMIT 1").fetchone()
            # A cache needs no durability: a write cut short is a damaged
            # cache, which is deleted and rebuilt. No fsync on every run.
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA journal_mode = MEMORY")
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _failed(self, exc: sqlite3.Error) -> None:
        """Give up on the cache for this run; delete it only when damaged."""
        self.close()
        if _damaged(exc):
            self._discard()

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The decoded entries for `keys` that are present."""
        db = self._connect()
        found: dict[str, Any] = {}
        if db is None or not keys:
            return found
        wanted = set(keys)
        table = _table(keys[0])
        try:
            if table == "results" and len(wanted) > _BATCH:
                # Most of the table is wanted (the cache holds one repository,
                # pruned): one scan beats thousands of bound parameters.
                rows = db.execute("SELECT key, value FROM results").fetchall()
            else:
                rows = []
                ordered = sorted(wanted)
                for start in range(0, len(ordered), _BATCH):
                    chunk = ordered[start : start + _BATCH]
                    marks = ",".join("?" * len(chunk))
                    rows += db.execute(
                        f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk
                    ).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        rows = [(key, value) for key, value in rows if key in wanted]
        try:  # one decoder call for all: much cheaper than one per entry
            values = json.loads("[" + ",".join(value for _, value in rows) + "]")
            found = {key: value for (key, _), value in zip(rows, values, strict=True)}
        except ValueError:  # a damaged entry: decode one by one, skipping it
            for key, value in rows:
                try:
                    found[key] = json.loads(value)
                except ValueError:
                    continue
        self._used.update(found)
        self._used.update(f"{key}:frister" for key in found)  # kept alongside, fetched later
        return found

    def known_hashes(self) -> dict[str, tuple[Stat, str | None]]:
        """path → (stat, content hash) for every file seen before; the hash
        is None where the entry cannot be trusted (racy)."""
        db = self._connect()
        if db is None:
            return {}
        try:
            # SQLite keeps whatever type a value was given: a row of another
            # shape (damaged, or from another program) is left out, a miss.
            rows = db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, ino, dev, hash, seen_ns FROM files"
                " WHERE typeof(path) = 'blob' AND typeof(hash) = 'text'"
                " AND typeof(size) = 'integer' AND typeof(mtime_ns) = 'integer'"
                " AND typeof(ctime_ns) = 'integer' AND typeof(ino) = 'integer'"
                " AND typeof(dev) = 'integer' AND typeof(seen_ns) = 'integer'"
            ).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        known: dict[str, tuple[Stat, str | None]] = {}
        for path, size, mtime, ctime, ino, dev, digest, seen in rows:
            trusted = max(mtime, ctime) < seen - RACY_NS
            known[path.decode("utf-8", "surrogateescape")] = (
                Stat(size, mtime, ctime, ino, dev),
                digest if trusted else None,
            )
        return known

    def record(self, path: str, stat: Stat, digest: str) -> None:
        self._stats.append((_path_key(path), *stat, digest, time.time_ns()))

    def put_encoded(self, key: str, text: str) -> None:
        self._pending.append((key, text))
        self._used.add(key)

    def put(self, key: str, value: Any) -> None:
        self._pending.append((key, json.dumps(value, ensure_ascii=False, separators=(",", ":"))))
        self._used.add(key)

    def flush(self, *, prune: bool) -> None:
        """Write new entries; with `prune`, drop entries this run did not
        use (the run saw every file of the repository)."""
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("BEGIN")
            for table in ("results", "extras"):
                rows = [(k, v) for k, v in self._pending if _table(k) == table]
                db.executemany(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", rows)
            db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._stats
            )
            if prune and self._worth_pruning(db):
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany(
                    "INSERT OR IGNORE INTO used (key) VALUES (?)", ((k,) for k in self._used)
                )
                db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM used)")
                db.execute("DELETE FROM extras WHERE key NOT IN (SELECT key FROM used)")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self._failed(exc)
        self._pending.clear()
        self._stats.clear()

    def _worth_pruning(self, db: sqlite3.Connection) -> bool:
        """Prune when at least a tenth of the entries (and 100) are unused:
        a run that changed one file leaves one stale entry, not worth a scan."""
        (total,) = db.execute("SELECT count(*) FROM results").fetchone()
        used = sum(1 for key in self._used if _table(key) == "results")
        return total - used >= max(100, total // 10)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
