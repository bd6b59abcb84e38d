"""Every way the outside world can fail a command gives a Norwegian message
and the documented exit code, never a traceback: OS errors and usage 2,
findings 1, a bug in ikros 3. And text from a file is only ever text: no
control character from a document reaches a terminal, a CI log or a
calendar."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from ikros.cli import app
from tests.conftest import minimal_ros, write_tree

BASE = Path(__file__).parent / "cases" / "_base"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_tree(
        tmp_path / "repo",
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            "ros/a.yaml": minimal_ros(level=9),  # one error: level 9 at 17:32
        },
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    return root


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def ikros(*args: str | bytes, **kwargs) -> subprocess.CompletedProcess:
    """The installed command in a process of its own, as a shell runs it."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "ikros", *args], env=env, timeout=60, check=False, **kwargs
    )


LEVEL_9 = (
    "ros/a.yaml:17:32: feil [nivå-utenfor-skala] Konsekvens 9 for `liv_og_helse` er utenfor "
    "skalaen til `enhet-5x5`: 1 Ubetydelig, 2 Mindre alvorlig, 3 Alvorlig, 4 Svært alvorlig, "
    "5 Kritisk.\n"
    "  → Velg et nivå fra 1 til 5; `ikros methods enhet-5x5` viser hva hvert nivå betyr.\n"
)


# --- exit codes ---------------------------------------------------------------


def test_a_bug_in_a_command_exits_3_not_1(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ikros.risk.summary as summary

    def broken(*args, **kwargs):
        raise RuntimeError("noe uventet")

    monkeypatch.setattr(summary, "summarize", broken)
    result = invoke("show", "ros/a.yaml")
    assert result.exit_code == 3
    assert result.stderr == (
        "intern feil i ikros: RuntimeError: noe uventet. Dette er en feil i ikros, ikke i filene "
        "dine; meld fra og legg ved kommandoen (kjør den med IKROS_DEBUG=1 for detaljer).\n"
    )


def test_a_bug_while_checking_a_file_is_shown_and_exits_3(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ikros.engine.document as document

    real = document._process

    def broken(raw, path, ctx):
        if path.startswith("ros/"):
            raise KeyError("x")
        return real(raw, path, ctx)

    monkeypatch.setattr(document, "_process", broken)
    result = invoke("validate", "--no-cache")
    assert result.exit_code == 3
    assert "[intern-feil] ikros klarte ikke å sjekke filen (KeyError: 'x')." in result.stdout


def test_invalid_ikros_today_is_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for command in (["validate"], ["due"], ["show", "ros/a.yaml"]):
        monkeypatch.setenv("IKROS_TODAY", "31.12.2026")
        result = invoke(*command)
        assert result.exit_code == 2, command
        assert result.stderr == (
            "feil: IKROS_TODAY må være en dato på formen ÅÅÅÅ-MM-DD, for eksempel 2026-12-31; "
            "fant «31.12.2026». Fjern variabelen for å bruke dagens dato.\n"
        )


def test_a_path_that_holds_no_document_says_so(repo: Path) -> None:
    (repo / "ros" / "tom").mkdir()
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for path in ("ros/tom", "mkdocs.yml"):
        result = invoke("validate", path)
        assert result.exit_code == 2, path
        # No «Sjekket 0 filer: ingen funn.» first: nothing was checked.
        assert result.stderr == (
            f"feil: Fant ingen ikros-dokumenter i {path}. Et dokument er en YAML-fil som starter "
            "med `ikros:`, for eksempel `ikros: ros/1`.\n"
        )
    result = invoke("validate", "ros/tom", "ros/a.yaml")  # the other path is still checked
    assert result.exit_code == 2
    assert result.stdout == LEVEL_9


def test_due_on_a_path_that_holds_no_document_says_so(repo: Path) -> None:
    """`due` must not answer «0 frister» about a path it could not look in:
    a typo, an empty folder, `ikros due --innen 3 mnd` (where `mnd` is
    read as a path)."""
    (repo / "ros" / "tom").mkdir()
    result = invoke("due", "--innen", "3", "mnd")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "feil: Finner ikke mnd.\n",
    )
    result = invoke("due", "ros/tom")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "feil: Fant ingen ikros-dokumenter i ros/tom. Et dokument er en YAML-fil som starter "
        "med `ikros:`, for eksempel `ikros: ros/1`.\n"
    )


@pytest.mark.parametrize("command", ["validate", "due"])
def test_a_path_with_only_a_warning_and_no_document_says_so(repo: Path, command: str) -> None:
    """A FIFO or an empty file given by name holds no document: a warning
    about it is no verdict on a document."""
    os.mkfifo(repo / "ros" / "rør.yaml")
    (repo / "ros" / "tom.yaml").write_text("", encoding="utf-8")
    for path in ("ros/rør.yaml", "ros/tom.yaml"):
        result = invoke(command, path)
        assert result.exit_code == 2, path
        assert result.stderr.splitlines()[-1] == (
            f"feil: Fant ingen ikros-dokumenter i {path}. Et dokument er en YAML-fil som starter "
            "med `ikros:`, for eksempel `ikros: ros/1`."
        )


# --- standard output that fails -----------------------------------------------


def test_full_stdout_is_a_norwegian_error(repo: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = ikros("validate", "--format", "json", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "feil: Kan ikke skrive til standard ut: disken er full."
    )
    assert b"Traceback" not in done.stderr


def test_closed_stdout_is_a_norwegian_error(repo: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m ikros validate >&-'],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "feil: Kan ikke skrive til standard ut: den er lukket."
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("due", "--format", "json"),
        ("due", "--format", "ics"),
        ("show", "ros/a.yaml", "--format", "json"),
        ("methods",),
    ],
)
@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_every_command_reports_a_failed_stdout(
    repo: Path, args: tuple[str, ...], stdout: str
) -> None:
    """Help and the version too: Click prints them while it reads the
    arguments, before the command runs."""
    (repo / "ros" / "a.yaml").write_text(minimal_ros(), encoding="utf-8")
    if stdout == "closed":
        command = " ".join([f'"{sys.executable}"', "-m", "ikros", *args, ">&-"])
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=False,
        )
        reason = "den er lukket"
    else:
        with open("/dev/full", "wb") as full:
            done = ikros(*args, stdout=full, stderr=subprocess.PIPE)
        reason = "disken er full"
    assert (done.returncode, done.stderr.decode()) == (
        2,
        f"feil: Kan ikke skrive til standard ut: {reason}.\n",
    )


def test_stdout_whose_reader_is_gone_is_a_norwegian_error(repo: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `ikros validate | head -0`, with head already gone
    try:
        done = ikros("validate", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "feil: Kan ikke skrive til standard ut: mottakeren har lukket røret (pipe)."
    )


def _unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """`path` cannot be read, as for a user without access (root reads all):
    nor can anything in it be looked up (`chmod 000` on a folder)."""
    real_access, real_scandir, real_open, real_stat = os.access, os.scandir, os.open, os.stat

    def denied(where) -> bool:
        return os.path.abspath(os.fsdecode(where)) == str(path)

    def stat(where, *args, **kwargs):
        if os.path.abspath(os.fsdecode(where)).startswith(str(path) + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(where))
        return real_stat(where, *args, **kwargs)

    def access(where, mode, *args, **kwargs):
        return False if denied(where) else real_access(where, mode, *args, **kwargs)

    def scandir(where="."):
        if denied(where):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(where))
        return real_scandir(where)

    def open_(where, flags, *args, **kwargs):
        if denied(where):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(where))
        return real_open(where, flags, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "stat", stat)


def test_an_unreadable_path_given_by_name_says_why(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ikros reads what it is given and says why it cannot (Click would only
    say «kan ikke leses», and for validate no finding at the folder)."""
    (repo / "ros" / "stengt").mkdir()
    _unreadable(monkeypatch, repo / "ros" / "stengt")
    result = invoke("validate", "ros/stengt")
    assert (result.exit_code, result.stdout) == (
        1,
        "ros/stengt:1:1: feil [ulesbar] Mappen kan ikke leses: ingen tilgang. Dokumentene i "
        "den blir ikke sjekket.\n"
        "  → Gi den som kjører ikros, lesetilgang til mappen, eller flytt den ut av mappen med "
        "ikros.yaml.\n",
    )
    _unreadable(monkeypatch, repo / "ros" / "a.yaml")
    result = invoke("show", "ros/a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "feil: Kan ikke lese ros/a.yaml: ingen tilgang.\n",
    )


@pytest.mark.parametrize("command", ["validate", "due"])
def test_a_path_in_a_folder_without_access(
    repo: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Whether it exists cannot be known: said in bokmål, not «Noe gikk galt»."""
    real_stat = os.stat
    inside = str(repo / "ros" / "stengt")

    def stat(where, *args, **kwargs):
        if os.fsdecode(where).startswith(inside + "/"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(where))
        return real_stat(where, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    result = invoke(command, "ros/stengt/a.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "feil: Kan ikke lese ros/stengt/a.yaml: ingen tilgang.\n",
    )


def test_due_enhet_where_organisasjon_cannot_be_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not «Fant ingen enhet `lia-barnehage` i organisasjon.yaml»: the file
    could not be read, and that is what the user must fix."""
    _unreadable(monkeypatch, repo / "organisasjon.yaml")
    result = invoke("due", "--enhet", "lia-barnehage")
    assert result.exit_code == 2
    assert (
        " ".join(result.stderr.split()).count(
            "Ugyldig verdi for '--enhet': ikros kjenner ingen enheter: organisasjon.yaml mangler "
            "eller kan ikke leses. Kjør `ikros validate`."
        )
        == 1
    ), result.stderr
    assert invoke("due", "--enhet", "Hele kommunen").exit_code == 0  # needs no organisasjon


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["due"],
        ["methods", "--repo", "."],
        ["show", "a.yaml"],
        ["accept", "a.yaml", "H1", "--av", "Kari", "--rolle", "enhetsleder", "--begrunnelse", "B."],
    ],
)
def test_outside_a_kommune_every_command_says_where_to_stand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The same message, with what to do, from every command."""
    (tmp_path / "a.yaml").write_text(minimal_ros(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    where = "a.yaml" if args[0] in ("show", "accept") else "."
    shown = str(tmp_path) if args[0] in ("validate", "due") else where
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"feil: Fant ingen ikros.yaml i {shown} eller mappene over. Kjør kommandoen i "
        "kommunens mappe (den med ikros.yaml), eller i en mappe under den.\n",
    )


def test_a_link_out_of_the_repository_given_by_name(repo: Path, tmp_path: Path) -> None:
    """The repository is the one that holds the link, as for the whole run:
    not «no ikros.yaml» (searched above the target), and never the target
    read with this kommune's konfig."""
    outside = tmp_path / "utenfor.yaml"
    outside.write_text(minimal_ros(id="ROS-UTE"), encoding="utf-8")
    (repo / "ros" / "lenke.yaml").symlink_to(outside)
    result = invoke("validate", "ros/lenke.yaml")
    assert (result.exit_code, result.stdout) == (
        2,
        "ros/lenke.yaml:1:1: advarsel [symlenke-utenfor] Filen er en snarvei (symbolsk lenke) "
        "til noe utenfor mappen med ikros.yaml; den blir ikke lest.\n"
        "  → Legg filen i mappen i stedet for å lenke til den.\n",
    )
    assert result.stderr.splitlines()[-1] == (
        "feil: Fant ingen ikros-dokumenter i ros/lenke.yaml. Et dokument er en YAML-fil som "
        "starter med `ikros:`, for eksempel `ikros: ros/1`."
    )
    result = invoke("show", "ros/lenke.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"feil: ros/lenke.yaml fører via en symbolsk lenke til {outside}, som ligger utenfor "
        f"mappen med ikros.yaml ({repo}); ikros leser den ikke. Legg filen i mappen i stedet "
        "for å lenke til den.\n"
    )


@pytest.mark.parametrize("args", [("--help",), ("validate", "--help"), ()])
def test_help_whose_reader_is_gone_is_a_norwegian_error(repo: Path, args: tuple[str, ...]) -> None:
    """Typer's own console would exit with 1, which means findings."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = ikros(*args, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr.decode()) == (
        2,
        "feil: Kan ikke skrive til standard ut: mottakeren har lukket røret (pipe).\n",
    )


@pytest.mark.parametrize("args", [("validate",), ("due", "--innen", "x"), ("valdate",)])
def test_full_stderr_exits_2_not_1(repo: Path, args: tuple[str, ...]) -> None:
    """Nothing can be said where standard error fails; the exit code still
    must not read as findings (1)."""
    with open("/dev/full", "wb") as full:
        done = ikros(*args, stdout=subprocess.PIPE, stderr=full)
    assert done.returncode == 2


def test_closed_stderr_keeps_the_summary_out_of_standard_output(repo: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m ikros validate --format json 2>&-'],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["errors"] == 1  # the data alone


def test_argument_that_is_not_utf8(repo: Path) -> None:
    done = ikros("validate", b"ros/\xff.yaml", capture_output=True)
    assert done.returncode == 2
    assert done.stderr.decode() == "feil: Finner ikke ros/\ufffd.yaml.\n"


@pytest.mark.parametrize("where", ["mappe-som-mangler/frister.ics", "ros"])
def test_due_out_that_cannot_be_written(repo: Path, where: str) -> None:
    before = sorted(p.name for p in repo.rglob("*"))
    result = invoke("due", "--format", "ics", "--out", where)
    assert result.exit_code == 2
    reason = "filen finnes ikke" if "/" in where else "det er en mappe"
    assert result.stderr == (
        f"feil: Kunne ikke skrive {where}: {reason}. Ingenting er skrevet; velg en annen fil "
        "med --out og kjør kommandoen på nytt.\n"
    )
    assert sorted(p.name for p in repo.rglob("*")) == before  # no temporary file left


def test_due_out_to_a_fifo_writes_into_it(repo: Path) -> None:
    """A FIFO (or `>(…)` in a shell) given to --out is written to, as a
    device is: replacing it with a file would break whoever reads it."""
    import threading

    fifo = repo / "rør.ics"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = invoke("due", "--format", "ics", "--out", "rør.ics")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert got and got[0].startswith(b"BEGIN:VCALENDAR")
    assert fifo.is_fifo()  # still the FIFO, not a file put in its place


def test_due_out_to_a_device_never_replaces_it(repo: Path) -> None:
    """`--out /dev/null` as root must not put a file where /dev/null was.
    Tried on a null device made in the test's folder, never on /dev/null."""
    device = repo / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("no mknod here")
    result = invoke("due", "--format", "ics", "--out", "null")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_due_out_on_a_full_disk_leaves_the_old_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = repo / "frister.ics"
    target.write_bytes(b"gammel")
    real = os.replace

    def full(src, dst, *a, **k):
        if str(dst).endswith("frister.ics"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", full)
    result = invoke("due", "--format", "ics", "--out", "frister.ics")
    assert result.exit_code == 2
    assert result.stderr == (
        "feil: Kunne ikke skrive frister.ics: disken er full. Ingenting er skrevet; frigjør plass "
        "og kjør kommandoen på nytt.\n"
    )
    assert target.read_bytes() == b"gammel"
    assert sorted(p.name for p in repo.iterdir()) == [
        "frister.ics",
        "ikros.yaml",
        "organisasjon.yaml",
        "ros",
    ]


def test_show_refuses_a_fifo_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "ros" / "rør.yaml")
    started = time.monotonic()
    result = invoke("show", "ros/rør.yaml")
    assert time.monotonic() - started < 30  # opening it for reading would block for ever
    assert result.exit_code == 2
    assert result.stderr == (
        "feil: Kan ikke lese ros/rør.yaml: det er ikke en vanlig fil (en FIFO, socket eller "
        "enhet).\n"
    )


# --- dates at the edges ---------------------------------------------------------


def test_due_says_which_files_it_left_out_and_no_others(repo: Path) -> None:
    """A file whose errors leave its deadlines readable (a level outside the
    scale, an unknown enhet) is in `due`; only one whose errors keep them
    from being read (no valid document) is said to be left out."""
    (repo / "ros" / "b.yaml").write_text(
        minimal_ros(id="ROS-B", enhet="finnes-ikke"), encoding="utf-8"
    )
    (repo / "ros" / "c.yaml").write_text(
        minimal_ros(id="ROS-C").replace("dato: 2026-03-01", "dato: 1. mars 2026"),
        encoding="utf-8",
    )
    result = invoke("due", "--innen", "400d", "--format", "json")
    assert result.exit_code == 0
    assert sorted(item["dokument"] for item in json.loads(result.stdout)) == ["ROS-1", "ROS-B"]
    assert result.stderr.splitlines()[-1] == (
        "advarsel: 1 fil med feil er ikke med, fordi fristene ikke kan leses ut av den. "
        "Kjør `ikros validate`."
    )


def test_a_date_at_the_end_of_the_calendar_is_a_finding(repo: Path) -> None:
    (repo / "ros" / "a.yaml").write_text(
        minimal_ros().replace("dato: 2026-03-01", "dato: 9999-06-01"), encoding="utf-8"
    )
    result = invoke("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "ros/a.yaml:10:7: feil [revisjon-utenfor-kalender] Neste revisjon blir 9999-06-01 pluss "
        "12 måneder, som er etter år 9999.\n"
        "  → Rett `dato`, eller sett `neste_revisjon` til en dato i kalenderen.\n"
    )
    # The document is read: a review after year 9999 is within no horizon.
    due = invoke("due", "--innen", "99999999999d")
    assert due.exit_code == 0
    assert due.stdout == ""
    assert due.stderr == "0 frister innen 99999999999 dager (til og med 9999-12-31), 0 forfalt.\n"


def test_huge_review_interval_is_refused_at_its_position(repo: Path) -> None:
    konfig = repo / "ikros.yaml"
    konfig.write_text(
        konfig.read_text(encoding="utf-8").replace(
            "revisjonsintervall: 12", "revisjonsintervall: 99999999999"
        ),
        encoding="utf-8",
    )
    result = invoke("validate")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "ikros.yaml:4:21: feil [ugyldig-verdi] `revisjonsintervall` kan være høyst 1200; fant "
        "tallet `99999999999`."
    )


def test_huge_horizon_lists_everything(repo: Path) -> None:
    (repo / "ros" / "a.yaml").write_text(minimal_ros(), encoding="utf-8")
    result = invoke("due", "--innen", "99999999999d", "--format", "json")
    assert result.exit_code == 0
    assert [item["dato"] for item in json.loads(result.stdout)] == ["2027-03-01"]


# --- text from a file is only ever text -----------------------------------------

HOSTILE = "Brann\x1b[2J\x1b]0;eid\x07\n::error file=x::falsk\r\x9b31m\u202eslutt"


@pytest.fixture
def hostile(repo: Path) -> Path:
    quoted = json.dumps(HOSTILE)
    text = (
        minimal_ros()
        .replace("tittel: Analyse", f"tittel: {quoted}")
        .replace("tittel: Brann", f"tittel: {quoted}")
        .replace("usikkerhet: lav", "usikkerhet: lav\n    ukjent: 1")
    )
    (repo / "ros" / "a.yaml").write_text(text, encoding="utf-8")
    (repo / "ros" / "b.yaml").write_text(
        minimal_ros(id="ROS-2").replace("tittel: Analyse", f"tittel: {quoted}"),
        encoding="utf-8",
    )
    bad_key = "ros/c.yaml"
    (repo / bad_key).write_text(
        minimal_ros(id="ROS-3").replace("formål:", json.dumps("x\x1b[31my") + ": 1\nformål:"),
        encoding="utf-8",
    )
    return repo


RAW_CONTROLS = [chr(c) for c in range(0x20) if c not in (0x0A,)] + ["\x7f", "\x9b", "\u202e"]


def _clean(output: str, *, commands: bool = False) -> None:
    """No raw control character, and no line that a CI runner would take as
    a workflow command, unless the format's own lines are commands."""
    for char in RAW_CONTROLS:
        assert char not in output, repr(char)
    for line in output.splitlines():
        if commands:
            assert line.startswith(("::error file=ros/", "::warning file=ros/")), line
            assert "::error file=x" not in line.replace("::error file=x::falsk", "")
        else:
            assert not line.startswith("::"), line


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "--format", "gitlab"],
        ["validate", "--format", "github"],
        ["show", "ros/b.yaml"],
        ["show", "ros/b.yaml", "--format", "json"],
        ["due", "--innen", "500d"],
        ["due", "--innen", "500d", "--format", "json"],
    ],
)
def test_no_control_character_from_a_file_reaches_the_output(
    hostile: Path, command: list[str]
) -> None:
    result = invoke(*command)
    assert result.exit_code in (0, 1), result.output
    _clean(result.stdout, commands="github" in command)
    _clean(result.stderr)
    if "json" in command or "gitlab" in command:
        json.loads(result.stdout)  # still valid JSON


def test_json_keeps_the_text_exactly(hostile: Path) -> None:
    """Escaped, not changed: a program reading the JSON gets the title."""
    data = json.loads(invoke("show", "ros/b.yaml", "--format", "json").stdout)
    assert data["tittel"] == HOSTILE
    due = json.loads(invoke("due", "--innen", "500d", "--format", "json").stdout)
    assert [item["tittel"] for item in due] == [HOSTILE]  # a and c have errors: left out


def test_github_annotation_cannot_start_a_command_of_its_own(hostile: Path) -> None:
    lines = invoke("validate", "--format", "github").stdout.splitlines()
    assert lines[-1] == (
        "::error file=ros/c.yaml,line=11,col=1,title=ikros ukjent-nøkkel::Ukjent nøkkel "
        "`x␛[31my`. Tillatte nøkler her: ikros, id, tittel, type, "
        "omfang_type, enhet, metode, status, klassifisering, unntak_hjemmel, eier, deltakere, "
        "dato, neste_revisjon, formål, omfang, forutsetninger, kommunebeskrivelse, sårbarhet, "
        "vedlegg, personvernkonsekvenser, hendelser, godkjenning, informert, behandling."
    )


def test_text_output_shows_the_characters(hostile: Path) -> None:
    result = invoke("show", "ros/b.yaml")
    assert "Brann␛[2J␛]0;eid␇␊::error file=x::falsk␍\\u009b31m\\u202eslutt" in result.stdout


def test_due_ics_cannot_be_injected(hostile: Path) -> None:
    result = invoke("due", "--innen", "500d", "--format", "ics")
    assert result.exit_code == 0
    raw = result.stdout_bytes
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        _clean(line.decode("utf-8", "replace"))  # a fold may split a character
    calendar = icalendar.Calendar.from_ical(raw)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == [
        "Revisjon: ROS-2: Brann␛[2J␛]0;eid␇␊::error file=x::falsk␍\\u009b31m\\u202eslutt (ROS-2)",
    ]


# --- the same refusal from every command ------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["show", "ros/a.yaml"],
        ["due"],
        ["methods"],
        [
            "accept",
            "ros/a.yaml",
            "H1",
            "--av",
            "Ola",
            "--rolle",
            "enhetsleder",
            "--begrunnelse",
            "Lav.",
        ],
    ],
)
def test_every_command_refuses_a_konfig_linked_from_outside(
    repo: Path, tmp_path: Path, command: list[str]
) -> None:
    outside = tmp_path / "felles.yaml"
    (repo / "ikros.yaml").rename(outside)
    (repo / "ikros.yaml").symlink_to(outside)
    (repo / "ros" / "a.yaml").write_text(minimal_ros(), encoding="utf-8")
    before = (repo / "ros" / "a.yaml").read_bytes()
    result = invoke(*command)
    assert result.exit_code == 2, result.output
    message = (
        "ikros.yaml er en snarvei (symbolsk lenke) til en fil utenfor mappen; ikros bruker den "
        "ikke."
    )
    assert message in result.output
    assert (repo / "ros" / "a.yaml").read_bytes() == before


def test_methods_show_names_from_the_konfig_as_text(repo: Path) -> None:
    own = (Path(__file__).parent / "cases" / "ok-own-method-grid" / "ikros.yaml").read_text(
        encoding="utf-8"
    )
    hostile = own.replace("navn: ROS for tekniske anlegg", 'navn: "ROS\\e[2J\\n::error::x"')
    assert hostile != own
    (repo / "ikros.yaml").write_text(hostile, encoding="utf-8")
    for command in (["methods"], ["methods", "teknisk-4x3"]):
        result = invoke(*command)
        assert result.exit_code == 0, result.output
        _clean(result.stdout)
        assert "ROS␛[2J␊::error::x" in result.stdout


def test_file_name_that_is_not_utf8_in_every_format(repo: Path) -> None:
    name = os.fsencode(repo / "ros") + b"/b\xf8rnehage.yaml"
    with open(name, "wb") as handle:
        handle.write(minimal_ros(id="ROS-B").replace("    usikkerhet: lav\n", "").encode())
    (repo / "ros" / "a.yaml").unlink()
    shown = "ros/b\ufffdrnehage.yaml"
    text = invoke("validate")
    assert text.stdout.startswith(f"{shown}:14:5: advarsel [mangler-usikkerhet]")
    for fmt in ("json", "gitlab"):
        data = json.loads(invoke("validate", "-f", fmt).stdout)
        assert shown in json.dumps(data, ensure_ascii=False)
    assert invoke("validate", "-f", "github").stdout.startswith(f"::warning file={shown},line=14")
    assert invoke("validate").stdout == text.stdout  # warm, from the cache
    due = invoke("due", "--innen", "500d", "--format", "json")
    assert [item["fil"] for item in json.loads(due.stdout)] == [shown]
    assert shown in invoke("due", "--innen", "500d").stdout
