"""Bad input gets a clear diagnostic with a position and never a
traceback; the other files are still checked and nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ikros.engine.repository import Settings, run
from ikros.load import yamlio
from tests.conftest import minimal_ros, write_tree

BASE = Path(__file__).parent / "cases" / "_base"

GOOD_ROS = minimal_ros(id="ROS-GOD", level=9)  # its level 9 is outside the scale

BILLION_LAUGHS = (
    "ikros: ros/1\n"
    + "\n".join(
        [
            "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]",
            *(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)),
        ]
    )
    + "\n"
)

BAD_FILES: dict[str, tuple[bytes, str, int, int]] = {
    "malformed": (b"ikros: ros/1\ntittel: [uavsluttet\n", "yaml-syntaks", 3, 1),
    "tabs": (b"ikros: ros/1\nhendelser:\n\t- id: H1\n", "tabulator", 3, 1),
    "duplicate-key": (b"ikros: ros/1\nid: A\nid: B\n", "duplikat-nøkkel", 3, 1),
    "non-utf8": ("ikros: ros/1\ntittel: Bø\n".encode("latin-1"), "ugyldig-tegnkoding", 2, 10),
    "empty": (b"", "tom-fil", 1, 1),
    "top-level-list": (b"- ikros: ros/1\n", "ikke-dokument", 1, 1),
    "top-level-scalar": (b"hei\n", "ikke-dokument", 1, 1),
    "too-big": (b"ikros: ros/1\n" + b"# " + b"x" * yamlio.MAX_FILE_BYTES, "fil-for-stor", 1, 1),
    "billion-laughs": (BILLION_LAUGHS.encode(), "for-mange-noder", 7, 5),
    "python-tag": (
        b"ikros: ros/1\ntittel: !!python/object/apply:os.system [ls]\n",
        "yaml-tagg",
        2,
        9,
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binærfil", 1, 1),
    "several-documents": (b"ikros: ros/1\n---\nikros: ros/1\n", "flere-dokumenter", 2, 1),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_positioned_diagnostic_and_others_are_checked(
    name: str, tmp_path: Path
) -> None:
    raw, code, line, column = BAD_FILES[name]
    repo = write_tree(
        tmp_path,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/god.yaml": GOOD_ROS,
            "ros/dårlig.yaml": raw,
        },
    )
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    got = [(d.path, d.line, d.column, d.code) for d in result.diagnostics]
    assert ("ros/dårlig.yaml", line, column, code) in got
    # the good file next to it was still checked: its level 9 is outside the scale
    assert ("ros/god.yaml", 17, 32, "nivå-utenfor-skala") in got
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def test_bom_is_a_warning_and_the_document_is_read(tmp_path: Path) -> None:
    repo = write_tree(
        tmp_path,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/bom.yaml": b"\xef\xbb\xbf" + GOOD_ROS.encode(),
        },
    )
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    got = [(d.line, d.column, d.code, d.severity.value) for d in result.diagnostics]
    assert got == [(1, 1, "bom", "advarsel"), (17, 32, "nivå-utenfor-skala", "feil")]


def test_symlink_outside_repository_is_skipped_with_warning(tmp_path: Path) -> None:
    outside = tmp_path / "utenfor.yaml"
    outside.write_text(GOOD_ROS, encoding="utf-8")
    repo = write_tree(
        tmp_path / "repo",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
        },
    )
    (repo / "ros").mkdir()
    (repo / "ros" / "lenke.yaml").symlink_to(outside)
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("ros/lenke.yaml", 1, 1, "symlenke-utenfor")
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    repo = write_tree(
        tmp_path,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
        },
    )
    (repo / "ros").mkdir()
    # A link to a file that is not there: listed, but reading it fails
    # (as root, permission bits would not stop a read).
    (repo / "ros" / "borte.yaml").symlink_to(repo / "ros" / "finnes-ikke.yaml")
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("ros/borte.yaml", 1, 1, "kan-ikke-lese")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_by_permissions(tmp_path: Path) -> None:
    repo = write_tree(
        tmp_path,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/låst.yaml": GOOD_ROS,
        },
    )
    (repo / "ros" / "låst.yaml").chmod(0)
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [d.code for d in result.diagnostics] == ["kan-ikke-lese"]
