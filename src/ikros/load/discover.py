"""Finding the repository root and the YAML files below it."""

from __future__ import annotations

import os
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


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds ikros.yaml."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NoRootError(start)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path  # absolute
    display: str  # as shown to the user: relative to the working folder where possible
    root: Path


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return (
            os.path.relpath(path, cwd).replace(os.sep, "/")
            if path.anchor == cwd.anchor
            else path.as_posix()
        )


def walk(root: Path, cwd: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Every YAML file below `root` in a stable order, skipping hidden
    folders and symlinks that lead outside the repository."""
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    real_root = root.resolve()
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        base = Path(folder)
        for name in dirnames:
            link = base / name
            if link.is_symlink() and not _inside(link, real_root):
                problems.append(_outside(link, cwd))
        for name in sorted(filenames):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            path = base / name
            if path.is_symlink() and not _inside(path, real_root):
                problems.append(_outside(path, cwd))
                continue
            files.append(SourceFile(path, display_path(path, cwd), root))
    return files, problems


def _inside(link: Path, real_root: Path) -> bool:
    try:
        link.resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _outside(link: Path, cwd: Path) -> Diagnostic:
    return Diagnostic(
        display_path(link, cwd),
        1,
        1,
        "symlenke-utenfor",
        Severity.WARNING,
        "Symbolsk lenke som peker ut av repoet; den blir ikke lest.",
        "Legg filen i repoet i stedet for å lenke til den.",
    )
