"""Finding the repository root and the YAML files below it."""

from __future__ import annotations

import os
import stat as stat_mode
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ikros.diagnostics import Diagnostic, Severity
from ikros.oserrors import describe

CONFIG_NAME = "ikros.yaml"
YAML_SUFFIXES = (".yaml", ".yml")  # in any case: `ANALYSE.YAML` is YAML too
# Folders that never hold a kommune's documents.
SKIP_DIRS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})


class NoRootError(Exception):
    """No ikros.yaml in the folder or any folder above it."""

    def __init__(self, start: Path):
        super().__init__(str(start))
        self.start = start


def find_root(start: Path, *, follow_links: bool = True) -> Path:
    """The nearest folder at or above `start` that holds ikros.yaml.

    With `follow_links=False` the folders are walked as written (made
    absolute, not resolved): the repository that holds a symbolic link,
    not the one its target lies in. A command that writes through a link
    needs that repository, to refuse a target outside it."""
    here = start.resolve() if follow_links else Path(os.path.abspath(start))
    if _is_file(here):
        here = here.parent
    for folder in (here, *here.parents):
        if _is_file(folder / CONFIG_NAME):
            return folder
    raise NoRootError(start)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; a folder that cannot be looked in (no
    access) holds none, and the search goes on above it, where the walk
    reports the folder as ulesbar."""
    try:
        return path.is_file()
    except OSError:
        return False


class Stat(NamedTuple):
    """What the stat index compares, as git's index does: a file whose
    size, times, inode and device are all unchanged is taken as unchanged.
    The inode and ctime catch what size and mtime miss: an edit of the same
    length with the old mtime put back (`touch -d`, `cp -p`, an unpacked
    archive)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    dev: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stat:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # absolute; may hold surrogate escapes for names that are not UTF-8
    relpath: str  # relative to the root, with forward slashes
    display: str  # as shown to the user: relative to the working folder where possible
    stat: Stat | None = None  # None when it could not be had


def shown(path: str) -> str:
    """A path as text that can be printed and stored: bytes of a file name
    that are not UTF-8 (kept by Python as surrogate escapes) become U+FFFD."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


def display_path(path: str, cwd: str) -> str:
    prefix = cwd.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        rel = path[len(prefix) :]
    else:
        try:
            rel = os.path.relpath(path, cwd)
        except ValueError:  # another drive on Windows
            rel = path
    return rel.replace(os.sep, "/")


def _shower(root: Path, cwd: Path) -> Callable[[str], str]:
    """A function from a path inside `root` to the path to show, relative
    to the working folder: string work only, since a relpath() per file
    costs more than the walk itself."""
    try:
        inner = cwd.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = display_path(str(root), str(cwd))
        prefix = shown.rstrip("/") + "/"
        return lambda rel: prefix + rel
    if inner == ".":
        return lambda rel: rel
    inner_prefix = inner + "/"
    up = "../" * (inner.count("/") + 1)
    return lambda rel: rel[len(inner_prefix) :] if rel.startswith(inner_prefix) else up + rel


def walk(root: Path, cwd: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every YAML file below `root` in a stable order, skipping hidden
    folders and symlinks that lead outside the repository. A folder that
    cannot be listed and a `.yaml` that is not a regular file (a FIFO, a
    socket, a device) are reported, never silently skipped and never
    opened. Plain strings and os.scandir: this runs over ten thousand files
    on every call."""
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    real_root = os.path.realpath(root)
    cwd_s = str(cwd)
    show = _shower(root, cwd)
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(_unlistable(shown(show(rel.rstrip("/")) if rel else "."), exc))
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel_name = f"{rel}{name}"
            is_yaml = name.lower().endswith(YAML_SUFFIXES)
            if entry.is_symlink() and not is_inside(entry.path, real_root):
                if rel_name == CONFIG_NAME:
                    problems.append(konfig_outside(shown(show(rel_name))))
                elif is_yaml or _is_dir(entry):
                    problems.append(_outside(shown(display_path(entry.path, cwd_s))))
                continue
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIP_DIRS:
                    subfolders.append((entry.path, rel_name + "/"))
            elif is_yaml:
                try:
                    st = entry.stat()
                except OSError:
                    st = None  # reading it will say why
                if st is not None and not stat_mode.S_ISREG(st.st_mode):
                    problems.append(_not_regular(shown(show(rel_name)), st.st_mode))
                    continue
                stat = Stat.of(st) if st is not None else None
                files.append(SourceFile(entry.path, shown(rel_name), shown(show(rel_name)), stat))
        stack.extend(reversed(subfolders))
    files.sort(key=lambda f: f.relpath)
    return files, problems


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_inside(path: str, real_root: str) -> bool:
    """Whether `path`, with every symbolic link resolved, is `real_root`
    (itself resolved) or below it."""
    try:
        target = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def _unlistable(display: str, exc: OSError) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        "ulesbar",
        Severity.ERROR,
        f"Mappen kan ikke leses: {describe(exc)}. Dokumentene i den blir ikke sjekket.",
        "Gi den som kjører ikros, lesetilgang til mappen, eller flytt den ut av mappen med "
        "ikros.yaml.",
    )


_KINDS = (
    (stat_mode.S_ISFIFO, "et navngitt rør (FIFO)"),
    (stat_mode.S_ISSOCK, "en socket"),
    (stat_mode.S_ISCHR, "en tegnenhet"),
    (stat_mode.S_ISBLK, "en blokkenhet"),
    (stat_mode.S_ISDIR, "en mappe"),
)


def _not_regular(display: str, mode: int) -> Diagnostic:
    what = next((name for test, name in _KINDS if test(mode)), "en spesialfil")
    return Diagnostic(
        display,
        1,
        1,
        "ikke-vanlig-fil",
        Severity.WARNING,
        f"Dette er {what}, ikke en vanlig fil; ikros åpner den ikke.",
        "Fjern den eller gi den et navn som ikke slutter på .yaml.",
    )


KONFIG_OUTSIDE = "konfig-lenke-utenfor"


def konfig_outside(display: str) -> Diagnostic:
    """ikros.yaml is a link out of the repository: the verdict would rest on
    a file that is not in the kommune's history. Every command refuses it."""
    return Diagnostic(
        display,
        1,
        1,
        KONFIG_OUTSIDE,
        Severity.ERROR,
        "ikros.yaml er en snarvei (symbolsk lenke) til en fil utenfor mappen; ikros bruker den "
        "ikke.",
        "Kopier filen inn i mappen i stedet, så metodene og reglene følger historikken i git.",
    )


def konfig_link_problem(root: Path, display: str) -> Diagnostic | None:
    path = os.path.join(str(root), CONFIG_NAME)
    if os.path.islink(path) and not is_inside(path, os.path.realpath(root)):
        return konfig_outside(display)
    return None


def _outside(display: str) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        "symlenke-utenfor",
        Severity.WARNING,
        "Filen er en snarvei (symbolsk lenke) til noe utenfor mappen med ikros.yaml; den blir "
        "ikke lest.",
        "Legg filen i mappen i stedet for å lenke til den.",
    )
