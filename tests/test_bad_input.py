"""Bad input gets a clear diagnostic with a position and never a
traceback; the other files are still checked and nothing is written."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
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
    # an unclosed `[` is reported where it opens, not at the end of the file
    "malformed": (b"ikros: ros/1\ntittel: [uavsluttet\n", "yaml-syntaks", 2, 9),
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
    # Notepad's «Unicode», Excel's «Unicode text», PowerShell 5's `>`: text, not binary
    "utf-16le": ("ikros: ros/1\ntittel: Bø\n".encode("utf-16"), "ugyldig-tegnkoding", 1, 1),
    "utf-16be-no-bom": (
        "ikros: ros/1\ntittel: Bø\n".encode("utf-16-be"),
        "ugyldig-tegnkoding",
        1,
        1,
    ),
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


def test_utf16_is_named_and_how_to_save_as_utf8() -> None:
    """Not «binære data … gi filen en annen filendelse»: the user wrote text."""
    for raw in (
        "ikros: ros/1\n".encode("utf-16"),
        "ikros: ros/1\n".encode("utf-16-le"),
        "ikros: ros/1\n".encode("utf-16-be"),
    ):
        parsed = yamlio.read(raw, "ros/a.yaml")
        assert [(d.line, d.column, d.code, d.message, d.hint) for d in parsed.diagnostics] == [
            (
                1,
                1,
                "ugyldig-tegnkoding",
                "Filen er lagret med tegnkodingen UTF-16 («Unicode» i Notisblokk); ikros leser "
                "bare UTF-8.",
                "Lagre filen med tegnkoding UTF-8 (for eksempel i Notisblokk: Lagre som, Koding: "
                "UTF-8).",
            )
        ]


def test_a_yaml_suffix_in_capitals_is_read(tmp_path: Path) -> None:
    """`ANALYSE.YAML` (saved so by Windows or an e-mail client) is a YAML
    file: skipped, its analysis would vanish from every rule and from due."""
    repo = write_tree(
        tmp_path,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/ANALYSE.YAML": GOOD_ROS,
            "ros/b.Yml": GOOD_ROS.replace("ROS-GOD", "ROS-B"),
        },
    )
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("ros/ANALYSE.YAML", 17, 32, "nivå-utenfor-skala"),
        ("ros/b.Yml", 17, 32, "nivå-utenfor-skala"),
    ]


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
    # A link to a file that is not there: listed, but reading it fails.
    (repo / "ros" / "borte.yaml").symlink_to(repo / "ros" / "finnes-ikke.yaml")
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [d.to_dict() for d in result.diagnostics] == [
        {
            "path": "ros/borte.yaml",
            "line": 1,
            "column": 1,
            "severity": "feil",
            "code": "ulesbar",
            "message": "Filen kan ikke leses: filen finnes ikke. Den blir ikke sjekket.",
            "hint": "Sjekk at filen finnes og at den som kjører ikros, har lesetilgang.",
        }
    ]


def _as_other_user() -> list[str]:
    """The command prefix that runs a program without root's power to read
    everything: root itself in CI, so permissions are tested for real."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's rights")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


@pytest.fixture
def shared_tmp() -> Path:
    """A folder the unprivileged user can reach (pytest's is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="ikros-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _validate_as_other_user(repo: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("IKROS_CACHE_DIR", None)
    return subprocess.run(
        [*_as_other_user(), sys.executable, "-m", "ikros", "validate", "--no-cache"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _readable_repo(folder: Path) -> Path:
    repo = write_tree(
        folder / "repo",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/god.yaml": GOOD_ROS,
        },
    )
    for path in [repo, *repo.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return repo


def test_unreadable_file_by_permissions(shared_tmp: Path) -> None:
    repo = _readable_repo(shared_tmp)
    write_tree(repo, {"ros/låst.yaml": GOOD_ROS})
    (repo / "ros" / "låst.yaml").chmod(0)
    done = _validate_as_other_user(repo)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "ros/god.yaml:17:32: feil [nivå-utenfor-skala] Konsekvens 9 for `liv_og_helse` er "
        "utenfor skalaen til `enhet-5x5`: 1 Ubetydelig, 2 Mindre alvorlig, 3 Alvorlig, "
        "4 Svært alvorlig, 5 Kritisk.",
        "  → Velg et nivå fra 1 til 5; `ikros methods enhet-5x5` viser hva hvert nivå betyr.",
        "ros/låst.yaml:1:1: feil [ulesbar] Filen kan ikke leses: ingen tilgang. Den blir ikke "
        "sjekket.",
        "  → Sjekk at filen finnes og at den som kjører ikros, har lesetilgang.",
    ]


def test_unreadable_folder_is_an_error_not_a_silent_skip(shared_tmp: Path) -> None:
    """Before, a folder that could not be listed was skipped and the run
    said «ingen funn» about documents it never saw."""
    repo = _readable_repo(shared_tmp)
    write_tree(repo, {"ros/låst/skjult.yaml": GOOD_ROS})
    (repo / "ros" / "låst").chmod(0)
    done = _validate_as_other_user(repo)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "ros/god.yaml:17:32: feil [nivå-utenfor-skala] Konsekvens 9 for `liv_og_helse` er "
        "utenfor skalaen til `enhet-5x5`: 1 Ubetydelig, 2 Mindre alvorlig, 3 Alvorlig, "
        "4 Svært alvorlig, 5 Kritisk.",
        "  → Velg et nivå fra 1 til 5; `ikros methods enhet-5x5` viser hva hvert nivå betyr.",
        "ros/låst:1:1: feil [ulesbar] Mappen kan ikke leses: ingen tilgang. Dokumentene i den "
        "blir ikke sjekket.",
        "  → Gi den som kjører ikros, lesetilgang til mappen, eller flytt den ut av mappen med "
        "ikros.yaml.",
    ]


def _repo_with(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "repo",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/god.yaml": GOOD_ROS,
        },
    )


def test_fifo_named_yaml_is_skipped_with_a_warning_and_never_opened(tmp_path: Path) -> None:
    repo = _repo_with(tmp_path)
    os.mkfifo(repo / "ros" / "rør.yaml")
    # Opening a FIFO with no writer blocks for ever: if the run finishes, it
    # was not opened.
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [(d.path, d.line, d.column, d.code, d.severity.value) for d in result.diagnostics] == [
        ("ros/god.yaml", 17, 32, "nivå-utenfor-skala", "feil"),
        ("ros/rør.yaml", 1, 1, "ikke-vanlig-fil", "advarsel"),
    ]
    assert result.diagnostics[1].message == (
        "Dette er et navngitt rør (FIFO), ikke en vanlig fil; ikros åpner den ikke."
    )


def test_socket_named_yaml_is_skipped_with_a_warning(tmp_path: Path) -> None:
    repo = _repo_with(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(repo / "ros" / "s.yaml"))
        result = run(Settings(paths=(), cwd=repo, use_cache=False))
    finally:
        server.close()
    assert [(d.path, d.code, d.severity.value, d.message) for d in result.diagnostics][1:] == [
        (
            "ros/s.yaml",
            "ikke-vanlig-fil",
            "advarsel",
            "Dette er en socket, ikke en vanlig fil; ikros åpner den ikke.",
        )
    ]


def test_read_refuses_a_fifo_that_replaced_a_file(tmp_path: Path) -> None:
    """Listed as a file, a FIFO when read: refused, not waited on."""
    from ikros.load.read import read_file
    from ikros.oserrors import NotRegularFile, describe

    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile) as caught:
        read_file(str(fifo))
    assert describe(caught.value) == "det er ikke en vanlig fil (en FIFO, socket eller enhet)"


def test_file_name_that_is_not_utf8_is_checked_and_shown_with_replacement(
    tmp_path: Path,
) -> None:
    repo = _repo_with(tmp_path)
    name = os.fsencode(repo / "ros") + b"/b\xf8rnehage.yaml"
    with open(name, "wb") as handle:
        handle.write(GOOD_ROS.replace("ROS-GOD", "ROS-LATIN").encode())
    for use_cache in (True, True, False):  # cold, warm and without the cache
        result = run(Settings(paths=(), cwd=repo, use_cache=use_cache))
        assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
            ("ros/b\ufffdrnehage.yaml", 17, 32, "nivå-utenfor-skala"),
            ("ros/god.yaml", 17, 32, "nivå-utenfor-skala"),
        ]


def test_konfig_linked_from_outside_is_a_configuration_error(tmp_path: Path) -> None:
    """The verdict must rest on the repository's own konfig."""
    outside = tmp_path / "felles-ikros.yaml"
    outside.write_text((BASE / "ikros.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    repo = write_tree(
        tmp_path / "repo",
        {
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/god.yaml": GOOD_ROS,
        },
    )
    (repo / "ikros.yaml").symlink_to(outside)
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    konfig_error = (
        "ikros.yaml",
        1,
        1,
        "konfig-lenke-utenfor",
        "feil",
        "ikros.yaml er en snarvei (symbolsk lenke) til en fil utenfor mappen; ikros bruker den "
        "ikke.",
    )
    assert konfig_error in [
        (d.path, d.line, d.column, d.code, d.severity.value, d.message) for d in result.diagnostics
    ]
    assert [d.code for d in result.config_errors] == ["konfig-lenke-utenfor"]
