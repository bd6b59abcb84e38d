"""Writing files so that nothing is lost: a reader sees the old file or the
new one, never half, and a rewrite never overwrites someone else's change.

`write_atomic(path, data)` writes a whole file (generated schemas, `due
--out`). `rewrite(path, transform)` changes a file the user keeps — read,
transform, replace — for `ikros accept` (and later `godkjenn` and `fmt`):

- **Lock.** An exclusive `flock` on the target file itself, not on a lock
  file beside it (which would be left in the repository for git to see).
  `os.replace` puts a new inode at the path, and a process that was
  waiting holds its lock on the old one; so after taking the lock the
  descriptor is compared with what the path names now, and on a mismatch
  the new file is opened and locked instead. A lock held longer than
  `wait` seconds is a refusal, not a hang. The lock is advisory: only
  ikros honours it.
- **Compare before replace.** Just before the rename the file is read
  again and compared with the bytes the transform saw. This catches
  writers that take no lock (an editor, `git checkout`, ikros where flock
  is missing: Windows, or NFS without a lock daemon) except in the moment
  between that read and the rename.
- **Where.** The target is the file a symbolic link leads to (the link
  stays); with `root`, a target outside the repository is refused. A file
  whose mode does not let the caller write is refused and left as it is
  (see `_writable`): a rename needs write permission on the folder only,
  so without this check a read-only file would be replaced.
- **What the new file keeps.** Mode bits, and owner and group: as root
  always (a failure is an error); as another user as far as the system
  allows (EPERM is ignored, the group is tried on its own). Hard links,
  ACLs and extended attributes are not carried over.
- **Failures.** Every OSError becomes a `RewriteError` with a message in
  bokmål; the original is untouched and the temporary file (`.NAME.*.tmp`
  in the same folder) is removed, on Ctrl-C too. Only a killed process
  leaves one behind.

Errors from the transform itself pass through unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ikros.load.discover import is_inside
from ikros.oserrors import advice, describe

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT = 10.0  # seconds to wait for another ikros to finish with the file
_POLL = 0.02
# O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
# O_NOFOLLOW: the target is already resolved; a link put there since is refused.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
# flock errors that mean "no locking here" (NFS emulates flock with POSIX
# locks, which need a descriptor open for writing, or has no lock daemon).
_NO_FLOCK = {
    getattr(errno, name, None) for name in ("EBADF", "ENOLCK", "EINVAL", "EOPNOTSUPP", "ENOTSUP")
} - {None}


class RewriteError(Exception):
    """Why a file was not written (a message in bokmål); it is unchanged."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into
    place. A symbolic link is followed: the file it points to is replaced,
    the link stays. A device, a FIFO or a socket (`/dev/null`, `/dev/stdout`,
    a shell's `>(…)`) is written to, never replaced: a rename would put a
    file where, as root, /dev/null was. Raises OSError; nothing is left
    behind."""
    try:
        there = os.stat(path)  # through links, where the bytes would go
    except OSError:
        there = None  # not there (yet), or not to be known: the rename will say
    if there is not None and not (stat.S_ISREG(there.st_mode) or stat.S_ISDIR(there.st_mode)):
        _write_into(path, data)
        return
    target = os.path.realpath(path)
    try:
        like = os.stat(target)
    except FileNotFoundError:
        like = None
    tmp = _write_temp(target, data, like)
    try:
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(os.path.dirname(target))


def _write_into(path: Path, data: bytes) -> None:
    """Write `data` into what `path` names as it is (a device, a FIFO)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def rewrite(
    path: Path,
    transform: Callable[[bytes], bytes],
    *,
    root: Path | None = None,
    wait: float = LOCK_WAIT,
) -> bool:
    """Replace the file's bytes with `transform(bytes)`, holding the lock
    from the read to the rename. Returns whether the file changed (bytes the
    transform returns unchanged are not written). Raises RewriteError."""
    shown = str(path)
    with _told(shown, reading=True):
        target = _target(path, root, shown)
        held = _lock(target, shown, wait)
    try:
        with _told(shown, reading=True):
            st = os.stat(target)
            if not stat.S_ISREG(st.st_mode):
                raise RewriteError(f"{shown} er ikke en vanlig fil; ikros skriver bare til filer.")
            if not _writable(st):
                raise RewriteError(
                    f"{shown} er skrivebeskyttet ({stat.filemode(st.st_mode)}); ikros endrer den "
                    "ikke. Gi skrivetilgang til filen hvis den skal endres, og kjør kommandoen på nytt."
                )
            before = _read(target)
        after = transform(before)
        if after == before:
            return False
        with _told(shown, reading=False):
            _replace_unless_changed(target, after, st, before, shown)
        return True
    finally:
        if held is not None:
            os.close(held)  # releases the lock


@contextlib.contextmanager
def _told(shown: str, *, reading: bool) -> Iterator[None]:
    """Turn an OSError into a RewriteError saying what happened and what to do."""
    try:
        yield
    except OSError as exc:
        if reading:
            message = f"Kan ikke lese {shown}: {describe(exc)}."
            todo = advice(exc, "")  # «filen finnes ikke» needs none
            if todo:
                message += f" {todo[0].upper()}{todo[1:]} og kjør kommandoen på nytt."
        else:
            message = (
                f"Kunne ikke skrive {shown}: {describe(exc)}. Filen er ikke endret; "
                f"{advice(exc)} og kjør kommandoen på nytt."
            )
        raise RewriteError(message) from exc


def _target(path: Path, root: Path | None, shown: str) -> str:
    """The file to replace: where the links lead, refused outside `root`."""
    target = os.path.realpath(path)
    if root is not None and not is_inside(target, os.path.realpath(root)):
        how = "fører via en symbolsk lenke til" if target != os.path.abspath(path) else "er"
        raise RewriteError(
            f"{shown} {how} {target}, som ligger utenfor mappen med ikros.yaml ({root}); ikros "
            "skriver ikke dit. Kjør kommandoen på filen i mappen den hører til."
        )
    return target


def _lock(target: str, shown: str, wait: float) -> int | None:
    """A descriptor of `target` that holds an exclusive flock, or None where
    there is no flock (then the compare before the rename is the guard)."""
    if fcntl is None:
        return None
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(target, _OPEN_FLAGS)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise RewriteError(
                    f"{shown} er låst av en annen prosess (en annen ikros-kommando?); ingenting "
                    "er skrevet. Vent til den er ferdig, og kjør kommandoen på nytt."
                ) from None
            time.sleep(_POLL)
            continue
        except OSError as exc:
            os.close(fd)
            if exc.errno in _NO_FLOCK:
                return None
            raise
        try:
            locked, now = os.fstat(fd), os.stat(target, follow_symlinks=False)
        except BaseException:
            os.close(fd)
            raise
        if (locked.st_dev, locked.st_ino) == (now.st_dev, now.st_ino):
            return fd
        os.close(fd)  # replaced while we waited: lock the file that is there now


def _writable(st: os.stat_result) -> bool:
    """Whether the file's mode lets the caller write it.

    The mode bits, not `os.access`: as root, access() says yes to every
    file, and a rename would replace a file its owner made read-only. Root
    is held to the owner's bit; another user to the bit of its class
    (owner, group, others) as the kernel does (ACLs aside). On Windows the
    owner's bit is the read-only attribute."""
    if not hasattr(os, "geteuid"):
        return bool(st.st_mode & stat.S_IWUSR)
    uid = os.geteuid()
    if uid in (0, st.st_uid):
        bit = stat.S_IWUSR
    elif st.st_gid == os.getegid() or st.st_gid in os.getgroups():
        bit = stat.S_IWGRP
    else:
        bit = stat.S_IWOTH
    return bool(st.st_mode & bit)


def _read(target: str) -> bytes:
    with open(target, "rb") as handle:
        return handle.read()


def _replace_unless_changed(
    target: str, data: bytes, like: os.stat_result, before: bytes, shown: str
) -> None:
    tmp = _write_temp(target, data, like)
    try:
        if _read(target) != before:
            raise RewriteError(
                f"{shown} ble endret av noen andre mens ikros skrev; ingenting er skrevet. "
                "Kjør kommandoen på nytt."
            )
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(os.path.dirname(target))


def _write_temp(target: str, data: bytes, like: os.stat_result | None) -> str:
    """A temporary file beside `target` holding `data` on disk, with the
    mode (and owner) of `like`, or the umask's mode for a new file."""
    folder, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if like is not None:
                _keep_owner(fd, like)
            _set_mode(fd, tmp, stat.S_IMODE(like.st_mode) if like else _new_file_mode())
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _keep_owner(fd: int, like: os.stat_result) -> None:
    """Give the temporary file the original's owner and group. Only root
    may give a file away; another user keeps the group if it is one of
    theirs. Before the mode: chown clears set-user-ID bits."""
    if not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, like.st_uid, like.st_gid)
    except PermissionError:
        if os.geteuid() == 0:
            raise
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, like.st_gid)


def _set_mode(fd: int, tmp: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _new_file_mode() -> int:
    # mkstemp makes 0600; a new file should get what the user's umask gives.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """Make the rename durable. Best effort: the file has been replaced by
    now and that cannot be undone, and some file systems (and Windows)
    cannot sync a folder."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
