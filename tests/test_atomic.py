"""`rewrite` and `write_atomic`: never a lost write, never a half file,
never a temporary file left behind, the file's mode and owner kept."""

from __future__ import annotations

import errno
import os
import threading
import time
from pathlib import Path

import pytest

from ikros.load import atomic
from ikros.load.atomic import RewriteError, rewrite, write_atomic
from tests.conftest import unwritable

ROOT = os.name == "posix" and os.geteuid() == 0
needs_flock = pytest.mark.skipif(atomic.fcntl is None, reason="no flock on this platform")


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"ikros: ros/1\n")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_rewrite_replaces_the_bytes_and_says_so(file: Path) -> None:
    assert rewrite(file, lambda raw: raw + b"id: A\n") is True
    assert file.read_bytes() == b"ikros: ros/1\nid: A\n"
    assert leftovers(file.parent) == []


def test_unchanged_bytes_are_not_written(file: Path) -> None:
    before = file.stat()
    assert rewrite(file, lambda raw: raw) is False
    after = file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_change_on_disk_during_the_rewrite_is_not_overwritten(file: Path) -> None:
    def transform(raw: bytes) -> bytes:
        file.write_bytes(b"ikros: ros/1\nid: NOEN-ANDRE\n")  # an editor saves meanwhile
        return raw + b"id: IKROS\n"

    with pytest.raises(RewriteError) as caught:
        rewrite(file, transform)
    assert str(caught.value) == (
        f"{file} ble endret av noen andre mens ikros skrev; ingenting er skrevet. "
        "Kjør kommandoen på nytt."
    )
    assert file.read_bytes() == b"ikros: ros/1\nid: NOEN-ANDRE\n"
    assert leftovers(file.parent) == []


def test_a_file_replaced_by_someone_else_during_the_rewrite_is_not_overwritten(
    file: Path,
) -> None:
    def transform(raw: bytes) -> bytes:
        (file.parent / "ny.yaml").write_bytes(b"ikros: ros/1\nid: NY\n")
        os.replace(file.parent / "ny.yaml", file)  # git checkout, an atomic save
        return raw + b"id: IKROS\n"

    with pytest.raises(RewriteError, match="ble endret av noen andre"):
        rewrite(file, transform)
    assert file.read_bytes() == b"ikros: ros/1\nid: NY\n"


@needs_flock
def test_a_file_locked_too_long_is_refused(file: Path) -> None:
    fd = os.open(file, os.O_RDONLY)
    try:
        atomic.fcntl.flock(fd, atomic.fcntl.LOCK_EX)
        with pytest.raises(RewriteError) as caught:
            rewrite(file, lambda raw: raw + b"x: 1\n", wait=0.1)
    finally:
        os.close(fd)
    assert str(caught.value) == (
        f"{file} er låst av en annen prosess (en annen ikros-kommando?); ingenting er skrevet. "
        "Vent til den er ferdig, og kjør kommandoen på nytt."
    )
    assert file.read_bytes() == b"ikros: ros/1\n"


@needs_flock
def test_a_waiting_rewrite_reads_the_file_that_replaced_the_locked_one(file: Path) -> None:
    """The lock is on the inode; the one who waited must not act on the old one."""
    seen: list[bytes] = []

    def transform(raw: bytes) -> bytes:
        seen.append(raw)
        return raw + b"id: B\n"

    fd = os.open(file, os.O_RDONLY)
    atomic.fcntl.flock(fd, atomic.fcntl.LOCK_EX)
    waiting = threading.Thread(target=rewrite, args=(file, transform), kwargs={"wait": 10})
    waiting.start()
    time.sleep(0.2)
    assert seen == []  # still waiting for the lock
    write_atomic(file, b"ikros: ros/1\nid: A\n")  # what the lock holder writes
    os.close(fd)
    waiting.join(10)
    assert seen == [b"ikros: ros/1\nid: A\n"]
    assert file.read_bytes() == b"ikros: ros/1\nid: A\nid: B\n"


def test_the_lock_is_released_when_the_transform_fails(file: Path) -> None:
    def broken(raw: bytes) -> bytes:
        raise ValueError("transform")

    with pytest.raises(ValueError, match="transform"):
        rewrite(file, broken)
    assert rewrite(file, lambda raw: raw + b"x: 1\n", wait=0) is True


def test_mode_is_kept(file: Path) -> None:
    file.chmod(0o640)
    rewrite(file, lambda raw: raw + b"x: 1\n")
    assert oct(file.stat().st_mode & 0o7777) == oct(0o640)


@pytest.mark.skipif(not ROOT, reason="only root can give a file away")
def test_owner_and_group_are_kept_as_root(file: Path) -> None:
    os.chown(file, 1234, 5678)
    rewrite(file, lambda raw: raw + b"x: 1\n")
    assert (file.stat().st_uid, file.stat().st_gid) == (1234, 5678)


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o464])
def test_a_read_only_file_is_refused_and_left_alone(file: Path, mode: int) -> None:
    file.chmod(mode)
    with pytest.raises(RewriteError) as caught:
        rewrite(file, lambda raw: raw + b"x: 1\n")
    shown = {0o444: "-r--r--r--", 0o400: "-r--------", 0o464: "-r--rw-r--"}[mode]
    assert str(caught.value) == (
        f"{file} er skrivebeskyttet ({shown}); ikros endrer den ikke. "
        "Gi skrivetilgang til filen hvis den skal endres, og kjør kommandoen på nytt."
    )
    assert file.read_bytes() == b"ikros: ros/1\n"
    assert file.stat().st_mode & 0o7777 == mode


def test_a_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "ute"
    repo.mkdir()
    outside.mkdir()
    (outside / "x.yaml").write_bytes(b"ikros: ros/1\n")
    (repo / "a.yaml").symlink_to(outside / "x.yaml")
    with pytest.raises(RewriteError) as caught:
        rewrite(repo / "a.yaml", lambda raw: raw + b"x: 1\n", root=repo)
    assert str(caught.value) == (
        f"{repo / 'a.yaml'} fører via en symbolsk lenke til {outside / 'x.yaml'}, som ligger "
        f"utenfor mappen med ikros.yaml ({repo}); ikros skriver ikke dit. "
        "Kjør kommandoen på filen i mappen den hører til."
    )
    assert (outside / "x.yaml").read_bytes() == b"ikros: ros/1\n"


def test_a_link_inside_the_root_is_followed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "ekte.yaml").write_bytes(b"ikros: ros/1\n")
    (tmp_path / "a.yaml").symlink_to("ekte.yaml")
    rewrite(tmp_path / "a.yaml", lambda raw: raw + b"x: 1\n", root=tmp_path)
    assert (tmp_path / "a.yaml").is_symlink()
    assert (tmp_path / "ekte.yaml").read_bytes() == b"ikros: ros/1\nx: 1\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.yaml")
    with pytest.raises(RewriteError, match="er ikke en vanlig fil"):
        rewrite(tmp_path / "a.yaml", lambda raw: raw)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RewriteError) as caught:
        rewrite(tmp_path / "borte.yaml", lambda raw: raw)
    assert str(caught.value) == f"Kan ikke lese {tmp_path / 'borte.yaml'}: filen finnes ikke."


def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


# Where a write can fail, and how: what the system cannot be made to do for
# real in a test (a full disk, a failing disk, a bind-mounted file) is
# injected.
FAULTS = [
    ("tempfile.mkstemp", errno.EROFS, "filsystemet er skrivebeskyttet", "skriv til et filsystem som ikke er skrivebeskyttet"),
    ("tempfile.mkstemp", errno.EACCES, "ingen tilgang", "sjekk tilgangen til filen og mappen den ligger i"),
    ("os.write", errno.ENOSPC, "disken er full", "frigjør plass"),
    ("os.write", errno.EDQUOT, "diskkvoten er brukt opp", "frigjør plass"),
    ("os.fsync", errno.EIO, "inn/ut-feil på disken", "sjekk disken (og systemloggen)"),
    ("os.replace", errno.EXDEV, "filen kan ikke flyttes mellom to filsystemer", "rediger filen der den egentlig ligger, ikke gjennom en montering av filen alene"),
    ("os.replace", errno.EBUSY, "filen eller mappen er i bruk (eller montert for seg)", "rediger filen der den egentlig ligger, ikke gjennom en montering av filen alene"),
    ("os.replace", errno.ENOSPC, "disken er full", "frigjør plass"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "code", "said", "todo"), FAULTS)
def test_a_failing_write_leaves_the_original_and_no_temporary_file(
    file: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, said: str, todo: str
) -> None:
    module, name = where.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, _raise(code))
    with pytest.raises(RewriteError) as caught:
        rewrite(file, lambda raw: raw + b"x: 1\n")
    monkeypatch.undo()
    assert str(caught.value) == (
        f"Kunne ikke skrive {file}: {said}. Filen er ikke endret; {todo} og kjør kommandoen på nytt."
    )
    assert file.read_bytes() == b"ikros: ros/1\n"
    assert leftovers(file.parent) == []


def test_ctrl_c_at_the_rename_leaves_no_temporary_file(
    file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rewrite(file, lambda raw: raw + b"x: 1\n")
    assert file.read_bytes() == b"ikros: ros/1\n"
    assert leftovers(file.parent) == []


def test_a_folder_that_cannot_be_written_for_real(file: Path) -> None:
    path = file
    with unwritable(file.parent), pytest.raises(RewriteError) as caught:
        rewrite(path, lambda raw: raw + b"x: 1\n")
    assert str(caught.value) == (
        f"Kunne ikke skrive {path}: ingen tilgang. Filen er ikke endret; "
        "sjekk tilgangen til filen og mappen den ligger i og kjør kommandoen på nytt."
    )
    assert path.read_bytes() == b"ikros: ros/1\n"
    assert leftovers(file.parent) == []


def test_write_atomic_gives_a_new_file_the_umasks_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "ny.ics", b"BEGIN:VCALENDAR\r\n")
    finally:
        os.umask(old)
    assert (tmp_path / "ny.ics").stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600
    assert leftovers(tmp_path) == []


def test_write_atomic_keeps_an_existing_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"{}")
    path.chmod(0o664)
    write_atomic(path, b"[]")
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"[]", 0o664)


def test_write_atomic_raises_and_cleans_up(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(atomic.os, "replace", _raise(errno.ENOSPC))
    with pytest.raises(OSError, match="No space"):
        write_atomic(tmp_path / "x.json", b"[]")
    assert list(tmp_path.iterdir()) == []


@needs_flock
@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EBADF])
def test_without_flock_on_the_file_system_the_compare_still_guards(
    file: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """NFS without a lock daemon (ENOLCK), or NFS emulating flock with
    POSIX locks that want a descriptor open for writing (EBADF)."""
    monkeypatch.setattr(atomic.fcntl, "flock", _raise(code))
    assert rewrite(file, lambda raw: raw + b"x: 1\n") is True

    def transform(raw: bytes) -> bytes:
        file.write_bytes(b"ikros: ros/1\nid: NOEN-ANDRE\n")
        return raw + b"id: IKROS\n"

    with pytest.raises(RewriteError, match="ble endret av noen andre"):
        rewrite(file, transform)
    assert file.read_bytes() == b"ikros: ros/1\nid: NOEN-ANDRE\n"


def test_without_fcntl_as_on_windows(file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "fcntl", None)
    assert rewrite(file, lambda raw: raw + b"x: 1\n") is True
    assert file.read_bytes() == b"ikros: ros/1\nx: 1\n"


def test_a_read_error_says_what_to_do(file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_read", _raise(errno.EIO))
    with pytest.raises(RewriteError) as caught:
        rewrite(file, lambda raw: raw)
    assert str(caught.value) == (
        f"Kan ikke lese {file}: inn/ut-feil på disken. "
        "Sjekk disken (og systemloggen) og kjør kommandoen på nytt."
    )
