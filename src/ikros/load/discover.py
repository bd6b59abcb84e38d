"""Finding the repository root and the YAML files below it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ikros.diagnostics import Diagnostic, Severity

CONFIG_NAME = "ikros.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
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
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NoRootError(start)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # absolute
    relpath: str  # relative to the root, with forward slashes
    display: str  # as shown to the user: relative to the working folder where possible
    size: int = -1  # from stat; -1 when it could not be had
    mtime_ns: int = -1


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
    folders and symlinks that lead outside the repository. Plain strings
    and os.scandir: this runs over ten thousand files on every call."""
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    real_root = os.path.realpath(root)
    cwd_s = str(cwd)
    show = _shower(root, cwd)
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel_name = f"{rel}{name}"
            if entry.is_symlink() and not is_inside(entry.path, real_root):
                if entry.is_dir() or name.endswith(YAML_SUFFIXES):
                    problems.append(_outside(display_path(entry.path, cwd_s)))
                continue
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIP_DIRS:
                    subfolders.append((entry.path, rel_name + "/"))
            elif name.endswith(YAML_SUFFIXES):
                try:
                    st = entry.stat()
                    size, mtime = st.st_size, st.st_mtime_ns
                except OSError:
                    size, mtime = -1, -1
                files.append(SourceFile(entry.path, rel_name, show(rel_name), size, mtime))
        stack.extend(reversed(subfolders))
    files.sort(key=lambda f: f.relpath)
    return files, problems


def is_inside(path: str, real_root: str) -> bool:
    """Whether `path`, with every symbolic link resolved, is `real_root`
    (itself resolved) or below it."""
    try:
        target = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def _outside(display: str) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        "symlenke-utenfor",
        Severity.WARNING,
        "Symbolsk lenke som peker ut av repoet; den blir ikke lest.",
        "Legg filen i repoet i stedet for å lenke til den.",
    )
