"""`ikros accept` writes the acceptance and leaves every other byte alone."""

from __future__ import annotations

import difflib
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikros.cli import app
from ikros.engine.repository import Settings, run
from ikros.load import atomic, yamlio
from tests.conftest import unwritable

BASE = Path(__file__).parent / "cases" / "_base"

ROS = """\
# yaml-language-server: $schema=../schemas/ros.schema.json
# Analysen er laget i arbeidsmøte med verneombudet.
ikros: ros/1
id: ROS-A
tittel:   "Tilgang til fagsystem"   # ekstra mellomrom beholdes
type: informasjonssikkerhet
omfang_type: tjenestespesifikk
enhet: lia-barnehage
status: utkast
klassifisering: intern
eier: {navn: Ola Eksempel, rolle: enhetsleder}
dato: 2026-03-01
formål: Test.
omfang: Test.
hendelser:
  - id: H1
    tittel: Feil tilgang
    sannsynlighet: 5
    konsekvens:
      personvern_og_informasjonssikkerhet: 5   # kritisk
    begrunnelse: >-
      Mange brukere,
      lite kontroll.
    usikkerhet: middels
    tiltak:
      - {id: T1, beskrivelse: Tilgangsstyring, status: planlagt, ansvarlig: {rolle: IT}, frist: 2027-06-01}
    restrisiko:
      sannsynlighet: 4
      konsekvens: {personvern_og_informasjonssikkerhet: 5}

    # H2 er lav risiko.
  - id: H2
    tittel: Glemt passord
    sannsynlighet: 2
    konsekvens: {tjenesteleveranse: 1}
    begrunnelse: Skjer sjelden.
    usikkerhet: lav
# slutt på hendelsene
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ikros.yaml", "organisasjon.yaml"):
        shutil.copy(BASE / name, tmp_path / name)
    (tmp_path / "ros").mkdir()
    (tmp_path / "ros" / "a.yaml").write_text(ROS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


WHY = ("--begrunnelse", "Tiltakene er i gang.")
DIRECTOR = ("--av", "Per", "--rolle", "kommunalområdedirektør", "--dato", "2026-11-20", *WHY)


def accept(*args: str):
    return CliRunner().invoke(app, ["accept", "ros/a.yaml", *args])


def codes(repo: Path) -> list[str]:
    return [d.code for d in run(Settings(paths=(), cwd=repo, use_cache=False)).diagnostics]


def added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("+ ")], [d[2:] for d in diff if d.startswith("- ")]


def test_missing_acceptance_is_reported_then_written(repo: Path) -> None:
    assert codes(repo) == ["mangler-aksept"]
    result = accept(
        "H1",
        "--av",
        "Per Prøvesen",
        "--rolle",
        "kommunalområdedirektør",
        "--til",
        "2027-12-31",
        "--begrunnelse",
        "Tiltak: innføres i 2027.",
        "--dato",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.stderr
    after = (repo / "ros" / "a.yaml").read_text(encoding="utf-8")
    added, removed = added_and_removed(ROS, after)
    assert removed == []
    assert added[:5] == [
        "    aksept:",
        "      av: {navn: Per Prøvesen, rolle: kommunalområdedirektør}",
        "      dato: 2026-11-20",
        '      begrunnelse: "Tiltak: innføres i 2027."',
        "      gjelder_til: 2027-12-31",
    ]
    assert added[5].startswith("      fingeravtrykk: ") and len(added) == 6
    # inserted at the end of H1, before the blank line and H2's comment
    lines = after.splitlines()
    assert (
        lines.index("    aksept:")
        == lines.index("      konsekvens: {personvern_og_informasjonssikkerhet: 5}") + 1
    )
    assert codes(repo) == []


def test_replacing_an_acceptance_changes_only_that_block(repo: Path) -> None:
    assert (
        accept(
            "H1", *WHY, "--av", "Per", "--rolle", "kommunedirektør", "--dato", "2026-11-20"
        ).exit_code
        == 0
    )
    first = (repo / "ros" / "a.yaml").read_text(encoding="utf-8")
    assert (
        accept(
            "H1", *WHY, "--av", "Kari", "--rolle", "kommunalområdedirektør", "--dato", "2026-11-21"
        ).exit_code
        == 0
    )
    second = (repo / "ros" / "a.yaml").read_text(encoding="utf-8")
    added, removed = added_and_removed(first, second)
    assert removed == ["      av: {navn: Per, rolle: kommunedirektør}", "      dato: 2026-11-20"]
    assert added == [
        "      av: {navn: Kari, rolle: kommunalområdedirektør}",
        "      dato: 2026-11-21",
    ]


def test_role_too_low_is_refused_and_nothing_is_written(repo: Path) -> None:
    result = accept("H1", *WHY, "--av", "Ola", "--rolle", "enhetsleder")
    assert result.exit_code == 1
    assert result.stderr == (
        "feil: Enhetsleder kan ikke akseptere restrisiko i sonen `rød`; det krever kommunalområdedirektør eller høyere.\n"
    )
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


def test_unknown_hendelse(repo: Path) -> None:
    result = accept("H9", *WHY, "--av", "Ola", "--rolle", "enhetsleder")
    assert result.exit_code == 1
    assert "Hendelsene er: H1, H2." in result.stderr


def test_changed_hendelse_makes_the_acceptance_stale(repo: Path) -> None:
    assert accept("H1", *DIRECTOR).exit_code == 0
    path = repo / "ros" / "a.yaml"
    # Reformatting what the fingerprint covers does not matter: quoting and
    # spacing in a tiltak's text, a default written out, flow or block
    # style, key order, comments ...
    text = path.read_text(encoding="utf-8")
    reformatted = (
        text.replace(
            "{id: T1, beskrivelse: Tilgangsstyring, status: planlagt,",
            '{id: T1, beskrivelse: "  Tilgangsstyring ", virkning: begge, status: planlagt,',
        )
        .replace(
            "      konsekvens: {personvern_og_informasjonssikkerhet: 5}",
            "      konsekvens:\n        personvern_og_informasjonssikkerhet: 5  # uendret",
        )
        .replace("# kritisk", "# svært kritisk")
    )
    assert reformatted.count("Tilgangsstyring ") == 1 and "uendret" in reformatted
    path.write_text(reformatted, encoding="utf-8")
    assert codes(repo) == []
    # ... nor does text the fingerprint does not cover (the begrunnelse) ...
    path.write_text(reformatted.replace("lite kontroll.", "lite annet."), encoding="utf-8")
    assert codes(repo) == []
    # ... but a word changed in a tiltak does ...
    path.write_text(reformatted.replace("Tilgangsstyring ", "Tilgangskontroll "), encoding="utf-8")
    assert codes(repo) == ["aksept-utdatert"]
    path.write_text(reformatted, encoding="utf-8")
    assert codes(repo) == []
    # ... a changed level does.
    path.write_text(
        path.read_text(encoding="utf-8").replace("sannsynlighet: 4", "sannsynlighet: 3"),
        encoding="utf-8",
    )
    assert codes(repo) == ["aksept-utdatert"]


def test_crlf_file_keeps_its_line_endings(repo: Path) -> None:
    path = repo / "ros" / "a.yaml"
    path.write_bytes(ROS.replace("\n", "\r\n").encode())
    assert accept("H1", *DIRECTOR).exit_code == 0
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    # aksept, av, dato, begrunnelse, fingeravtrykk
    assert raw.count(b"\r\n") == ROS.count("\n") + 5


def test_one_line_hendelse_is_refused(repo: Path) -> None:
    path = repo / "ros" / "a.yaml"
    text = ROS.split("  - id: H2")[0] + (
        "  - {id: H2, tittel: Glemt passord, sannsynlighet: 2, konsekvens: {tjenesteleveranse: 1},"
        " begrunnelse: Skjer sjelden., usikkerhet: lav}\n"
    )
    path.write_text(text, encoding="utf-8")
    result = accept("H2", *WHY, "--av", "Ola", "--rolle", "enhetsleder")
    assert result.exit_code == 1
    assert "én linje" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_accept_through_a_symlink_keeps_the_link(repo: Path) -> None:
    real = repo / "ros" / "ekte.yaml"
    (repo / "ros" / "a.yaml").rename(real)
    (repo / "ros" / "a.yaml").symlink_to("ekte.yaml")
    assert accept("H1", *DIRECTOR).exit_code == 0
    assert (repo / "ros" / "a.yaml").is_symlink()
    assert "fingeravtrykk:" in real.read_text(encoding="utf-8")


def test_marking_a_tiltak_done_keeps_the_acceptance(repo: Path) -> None:
    assert accept("H1", *DIRECTOR).exit_code == 0
    path = repo / "ros" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: planlagt", "status: gjennomført"),
        encoding="utf-8",
    )
    assert codes(repo) == []
    path.write_text(
        path.read_text(encoding="utf-8").replace("frist: 2027-06-01", "frist: 2027-09-01"),
        encoding="utf-8",
    )
    assert codes(repo) == ["aksept-utdatert"]


LEADER = ("--av", "Ola", "--rolle", "enhetsleder", "--dato", "2026-11-20", *WHY)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_link_out_of_the_repository_is_refused(repo: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("ute") / "x.yaml"
    outside.write_text(ROS, encoding="utf-8")
    (repo / "ros" / "a.yaml").unlink()
    (repo / "ros" / "a.yaml").symlink_to(outside)
    result = accept("H1", *DIRECTOR)
    assert result.exit_code == 2
    assert result.stderr == (
        f"feil: ros/a.yaml fører via en symbolsk lenke til {outside}, som ligger utenfor "
        f"mappen med ikros.yaml ({repo}); ikros skriver ikke dit. Kjør kommandoen på filen i "
        "mappen den hører til.\n"
    )
    assert outside.read_text(encoding="utf-8") == ROS


def test_a_read_only_file_is_refused_and_not_made_writable(repo: Path) -> None:
    path = repo / "ros" / "a.yaml"
    path.chmod(0o444)
    result = accept("H1", *DIRECTOR)
    assert result.exit_code == 2
    assert result.stderr == (
        "feil: ros/a.yaml er skrivebeskyttet (-r--r--r--); ikros endrer den ikke. "
        "Gi skrivetilgang til filen hvis den skal endres, og kjør kommandoen på nytt.\n"
    )
    assert path.read_text(encoding="utf-8") == ROS
    assert path.stat().st_mode & 0o7777 == 0o444


def test_mode_is_kept(repo: Path) -> None:
    path = repo / "ros" / "a.yaml"
    path.chmod(0o640)
    assert accept("H1", *DIRECTOR).exit_code == 0
    assert path.stat().st_mode & 0o7777 == 0o640


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root gives files away")
def test_owner_and_group_are_kept_when_root_accepts(repo: Path) -> None:
    path = repo / "ros" / "a.yaml"
    os.chown(path, 1234, 5678)
    assert accept("H1", *DIRECTOR).exit_code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)
    assert "fingeravtrykk:" in path.read_text(encoding="utf-8")


def test_someone_else_writing_meanwhile_is_not_overwritten(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ikros.risk.accept

    path = repo / "ros" / "a.yaml"
    theirs = ROS.replace("Glemt passord", "Glemt passord igjen")
    real = ikros.risk.accept.accept

    def accept_while_someone_saves(*args, **kwargs):
        path.write_text(theirs, encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(ikros.risk.accept, "accept", accept_while_someone_saves)
    result = accept("H1", *DIRECTOR)
    assert result.exit_code == 2
    assert result.stderr == (
        "feil: ros/a.yaml ble endret av noen andre mens ikros skrev; ingenting er skrevet. "
        "Kjør kommandoen på nytt.\n"
    )
    assert path.read_text(encoding="utf-8") == theirs
    assert leftovers(path.parent) == []


def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("where", "code", "said"),
    [
        ("tempfile.mkstemp", errno.EROFS, "filsystemet er skrivebeskyttet. Filen er ikke endret; skriv til et filsystem som ikke er skrivebeskyttet"),
        ("os.write", errno.ENOSPC, "disken er full. Filen er ikke endret; frigjør plass"),
        ("os.fsync", errno.EIO, "inn/ut-feil på disken. Filen er ikke endret; sjekk disken (og systemloggen)"),
        ("os.replace", errno.EXDEV, "filen kan ikke flyttes mellom to filsystemer. Filen er ikke endret; rediger filen der den egentlig ligger, ikke gjennom en montering av filen alene"),
    ],
)  # fmt: skip
def test_an_os_failure_is_told_in_bokmaal_and_leaves_the_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, said: str
) -> None:
    module, name = where.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, _raise(code))
    result = accept("H1", *DIRECTOR)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == (
        f"feil: Kunne ikke skrive ros/a.yaml: {said} og kjør kommandoen på nytt.\n"
    )
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS
    assert leftovers(repo / "ros") == []


def test_a_folder_that_cannot_be_written(repo: Path) -> None:
    with unwritable(repo / "ros"):
        result = accept("H1", *DIRECTOR)
        assert leftovers(repo / "ros") == []
    assert result.exit_code == 2
    assert result.stderr == (
        "feil: Kunne ikke skrive ros/a.yaml: ingen tilgang. Filen er ikke endret; "
        "sjekk tilgangen til filen og mappen den ligger i og kjør kommandoen på nytt.\n"
    )
    assert (repo / "ros" / "a.yaml").read_text(encoding="utf-8") == ROS


def test_a_missing_file(repo: Path) -> None:
    result = CliRunner().invoke(app, ["accept", "ros/borte.yaml", "H1", *DIRECTOR])
    assert result.exit_code == 2
    assert result.stderr == "feil: Kan ikke lese ros/borte.yaml: filen finnes ikke.\n"


REFUSALS = (
    "feil: ros/a.yaml ble endret av noen andre mens ikros skrev; ingenting er skrevet. "
    "Kjør kommandoen på nytt.\n",
    "feil: ros/a.yaml er låst av en annen prosess (en annen ikros-kommando?); ingenting er "
    "skrevet. Vent til den er ferdig, og kjør kommandoen på nytt.\n",
)


def test_two_accepts_at_once_never_lose_one(repo: Path) -> None:
    """20 pairs of real processes on two hendelser of one file: both
    acceptances are written, or one process refuses and the other's is
    there. (Before the lock, one of the two was lost in 20 runs of 20.)"""
    path = repo / "ros" / "a.yaml"
    command = [sys.executable, "-m", "ikros", "accept", "ros/a.yaml"]
    for _ in range(20):
        path.write_text(ROS, encoding="utf-8")
        pair = {
            h: subprocess.Popen(
                [
                    *command,
                    h,
                    *WHY,
                    "--av",
                    "Per",
                    "--rolle",
                    "kommunedirektør",
                    "--dato",
                    "2026-11-20",
                ],
                cwd=repo,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "NO_COLOR": "1"},
            )
            for h in ("H1", "H2")
        }
        outcome = {h: (p.wait(60), p.communicate()[1].decode()) for h, p in pair.items()}
        data = yamlio.read(path.read_bytes(), str(path)).data
        written = {h["id"] for h in data["hendelser"] if "aksept" in h}
        succeeded = {h for h, (code, _) in outcome.items() if code == 0}
        assert written == succeeded, outcome
        for code, err in outcome.values():
            assert code == 0 or (code == 2 and err in REFUSALS), outcome
        assert succeeded, outcome
    assert set(codes(repo)) <= {"mangler-aksept"}  # none stale, no errors


def physical_lines(raw: bytes) -> list[bytes]:
    """Lines with their endings, split on CRLF, CR and LF only."""
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+", raw)


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """(removed, added) lines, byte for byte, endings included."""
    a, b = physical_lines(before), physical_lines(after)
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    removed = [line for op, i1, i2, _, _ in ops if op != "equal" for line in a[i1:i2]]
    added = [line for op, _, _, j1, j2 in ops if op != "equal" for line in b[j1:j2]]
    return removed, added


def with_endings(text: str, ending_of) -> bytes:
    """`text` (LF) with each line's ending chosen by `ending_of(line)`."""
    return "".join(line + ending_of(line) for line in text.splitlines()).encode()


H1_LINES = ROS[ROS.index("  - id: H1") : ROS.index("\n\n    # H2")].splitlines()
H2_LINES = ROS[ROS.index("  - id: H2") : ROS.index("# slutt")].splitlines()


def mixed_ending(line: str) -> str:
    # LF around, CRLF in H1, CR-only in H2 (no line occurs in two of them)
    return "\r\n" if line in H1_LINES else "\r" if line in H2_LINES else "\n"


KINDS = {
    "lf": (ROS.encode(), b"\n", b"\n"),
    "crlf": (ROS.replace("\n", "\r\n").encode(), b"\r\n", b"\r\n"),
    "cr": (ROS.replace("\n", "\r").encode(), b"\r", b"\r"),
    "mixed": (with_endings(ROS, mixed_ending), b"\r\n", b"\r"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_block_keeps_the_files_line_endings(repo: Path, kind: str) -> None:
    original, h1_ending, h2_ending = KINDS[kind]
    path = repo / "ros" / "a.yaml"
    path.write_bytes(original)
    assert accept("H1", *DIRECTOR).exit_code == 0
    assert accept("H2", *LEADER).exit_code == 0
    accepted = path.read_bytes()
    removed, added = changed_lines(original, accepted)
    assert removed == []
    assert [line.decode() for line in added if b"fingeravtrykk" not in line] == [
        f"{line}{h1_ending.decode()}"
        for line in (
            "    aksept:",
            "      av: {navn: Per, rolle: kommunalområdedirektør}",
            "      dato: 2026-11-20",
            "      begrunnelse: Tiltakene er i gang.",
        )
    ] + [
        f"{line}{h2_ending.decode()}"
        for line in (
            "    aksept:",
            "      av: {navn: Ola, rolle: enhetsleder}",
            "      dato: 2026-11-20",
            "      begrunnelse: Tiltakene er i gang.",
        )
    ]
    assert [line[len(line.rstrip(b"\r\n")) :] for line in added] == [h1_ending] * 5 + [
        h2_ending
    ] * 5
    assert codes(repo) == []
    # Replacing the acceptance changes its own lines only, ending kept
    assert accept("H1", *WHY, "--av", "Kari", "--rolle", "kommunedirektør").exit_code == 0
    removed, added = changed_lines(accepted, path.read_bytes())
    assert [line.decode() for line in removed] == [
        f"      av: {{navn: Per, rolle: kommunalområdedirektør}}{h1_ending.decode()}",
        f"      dato: 2026-11-20{h1_ending.decode()}",
    ]
    assert all(line.endswith(h1_ending) and b"\r" not in line.rstrip(h1_ending) for line in added)
    assert codes(repo) == []


def test_a_last_line_without_a_line_break_gets_the_files_own(repo: Path) -> None:
    original = ROS.replace("# slutt på hendelsene\n", "").rstrip("\n").replace("\n", "\r").encode()
    path = repo / "ros" / "a.yaml"
    path.write_bytes(original)
    assert accept("H2", *LEADER).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(
        original + b"\r    aksept:\r      av: {navn: Ola, rolle: enhetsleder}\r"
    )
    assert b"\n" not in after and after.endswith(b"\r")
    assert codes(repo) == ["mangler-aksept"]  # H1's, not yet written


def test_unicode_line_separators_are_content_not_line_breaks(repo: Path) -> None:
    """U+2028, U+2029 and U+0085 in quoted text: libyaml counts them as
    line breaks in its positions, YAML 1.2 does not; the block still goes
    in the right place, and the text is untouched."""
    original = (
        ROS.replace("formål: Test.", 'formål: "Første\u2028andre linje"')
        .replace("tittel: Feil tilgang", 'tittel: "Feil\u2029tilgang"')
        .replace("tittel: Glemt passord", 'tittel: "Glemt\x85passord"')
        .encode()
    )
    path = repo / "ros" / "a.yaml"
    path.write_bytes(original)
    assert accept("H1", *DIRECTOR).exit_code == 0
    assert accept("H2", *LEADER).exit_code == 0
    removed, added = changed_lines(original, path.read_bytes())
    assert removed == []
    assert [line.split(b":")[0] for line in added] == [
        b"    aksept",
        b"      av",
        b"      dato",
        b"      begrunnelse",
        b"      fingeravtrykk",
    ] * 2
    lines = path.read_bytes().decode().split("\n")
    assert (
        lines[lines.index("    aksept:") - 1]
        == "      konsekvens: {personvern_og_informasjonssikkerhet: 5}"
    )
    # the acceptances are current; only the invisible characters are pointed out
    assert codes(repo) == ["usynlig-tegn"] * 3


@pytest.mark.parametrize("mark", ["1234567890123456", "0123e45678901234", "abcdef0123456789"])
def test_a_fingerprint_that_looks_like_a_number_stays_text(
    repo: Path, monkeypatch: pytest.MonkeyPatch, mark: str
) -> None:
    """About one acceptance in a thousand has a fingerprint of digits (and
    perhaps one `e`): unquoted, YAML would read it as a number."""
    import ikros.risk.accept as accept_mod
    import ikros.risk.summary as summary_mod
    from ikros.checks import ros as ros_checks

    for module in (accept_mod, ros_checks, summary_mod):
        monkeypatch.setattr(module, "fingerprint", lambda hendelse: mark)
    assert accept("H1", *DIRECTOR).exit_code == 0
    text = (repo / "ros" / "a.yaml").read_text(encoding="utf-8")
    expected = mark if mark[0].isalpha() else f'"{mark}"'
    assert f"      fingeravtrykk: {expected}\n" in text
    assert codes(repo) == []
