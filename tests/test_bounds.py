"""Resource use is bounded: at most MAX_PER_FILE diagnostics per file, then
a closing one that says how many more there are, with an honest severity
and a real position (issue 6). Budgets in time and memory live in
bench/pathological.py; these tests pin the verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ikros.cli import app
from ikros.diagnostics import MAX_PER_FILE, TOO_MANY, Diagnostic, Severity, cap
from tests.conftest import minimal_ros, write_tree

BASE = Path(__file__).parent / "cases" / "_base"
KEYS = 10_000
FIRST_KEY_LINE = minimal_ros().count("\n") + 1  # the keys follow the analysis
HINT = "Rett de første funnene og kjør `ikros validate` på nytt."


def _repo(root: Path, files: dict[str, str | bytes]) -> Path:
    return write_tree(
        root,
        {
            "ikros.yaml": (BASE / "ikros.yaml").read_text(encoding="utf-8"),
            "organisasjon.yaml": (BASE / "organisasjon.yaml").read_text(encoding="utf-8"),
            **files,
        },
    )


def _diag(line: int, code: str = "x", severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic("a.yaml", line, 1, code, severity, f"funn på linje {line}")


def test_10000_unknown_keys_give_the_first_100_and_a_closing_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = "".join(f"k{i:05d}: x\n" for i in range(KEYS))
    repo = _repo(tmp_path, {"ros/a.yaml": minimal_ros() + keys})
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    got = [
        (d["path"], d["line"], d["column"], d["code"], d["severity"])
        for d in payload["diagnostics"]
    ]
    assert got == [
        *[("ros/a.yaml", FIRST_KEY_LINE + i, 1, "ukjent-nøkkel", "feil") for i in range(100)],
        ("ros/a.yaml", FIRST_KEY_LINE + 100, 1, TOO_MANY, "feil"),
    ]
    first, closing = payload["diagnostics"][0], payload["diagnostics"][-1]
    assert first["message"] == "Ukjent nøkkel `k00000`."
    assert closing["message"] == "… og 9 900 funn til i denne filen; bare de 100 første vises."
    assert closing["hint"] == HINT
    assert payload["summary"]["errors"] == 101


def test_the_text_format_ends_the_file_with_the_closing_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = "".join(f"k{i:03d}: x\n" for i in range(150))
    repo = _repo(tmp_path, {"ros/a.yaml": minimal_ros() + keys})
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["validate"], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        f"ros/a.yaml:{FIRST_KEY_LINE + 100}:1: feil [{TOO_MANY}] … og 50 funn til i denne "
        "filen; bare de 100 første vises.",
        f"  → {HINT}",
    ]


def test_cap_leaves_a_short_list_alone() -> None:
    diagnostics = [_diag(line) for line in range(MAX_PER_FILE, 0, -1)]
    assert cap(diagnostics) == (diagnostics, 0)


def test_cap_shows_the_first_by_position_and_counts_the_rest() -> None:
    warnings = [_diag(line, severity=Severity.WARNING) for line in range(150, 0, -1)]
    shown, hidden = cap(warnings)
    assert hidden == 50
    assert [d.line for d in shown] == [*range(1, 101), 101]
    assert (shown[-1].code, shown[-1].severity) == (TOO_MANY, Severity.WARNING)
    assert shown[-1].message == "… og 50 funn til i denne filen; bare de 100 første vises."


def test_one_hidden_error_makes_the_closing_diagnostic_an_error() -> None:
    diagnostics = [_diag(line, severity=Severity.WARNING) for line in range(1, 150)]
    diagnostics.append(_diag(150))
    shown, hidden = cap(diagnostics)
    assert (hidden, shown[-1].severity) == (50, Severity.ERROR)


def test_counted_findings_are_errors_after_the_listed_ones() -> None:
    diagnostics = [_diag(line, severity=Severity.WARNING) for line in range(1, 102)]
    shown, hidden = cap(diagnostics, hidden=1_000)
    assert hidden == 1_001
    assert (shown[-1].line, shown[-1].severity) == (101, Severity.ERROR)
    assert "1 001 funn til" in shown[-1].message


def test_a_second_cut_merges_with_the_first() -> None:
    """A file's own result was cut (lines 10–109 shown, 50 hidden from line
    110); the run then finds three more in it, two of them early in the file."""
    first, hidden = cap([_diag(line, severity=Severity.WARNING) for line in range(10, 160)])
    later = [_diag(1, "kryss"), _diag(2, "kryss"), _diag(500, "kryss", Severity.WARNING)]
    shown, total = cap(first + later, hidden)
    assert total == 50 + 3  # lines 108 and 109 are pushed out, line 500 joins the rest
    assert [d.line for d in shown] == [1, 2, *range(10, 108), 108]
    assert (shown[-1].code, shown[-1].severity) == (TOO_MANY, Severity.WARNING)
    assert "53 funn til" in shown[-1].message


def test_findings_across_documents_join_a_cut_file(tmp_path: Path) -> None:
    """120 unknown keys at the end of an internkontroll (its own result
    shows 100 and counts 20), and 150 references to analyses that do not
    exist, earlier in the file: the run shows the first 100 by position."""
    from ikros.engine.repository import Settings, run

    ik = Path(__file__).parent / "cases" / "ik-unknown-ros-ref" / "internkontroll" / "ik.yaml"
    text = ik.read_text(encoding="utf-8")
    refs = ", ".join(f"ROS-{i}" for i in range(150))
    assert "    ros: [ROS-404]\n" in text
    text = text.replace("    ros: [ROS-404]\n", f"    ros: [{refs}]\n")
    text += "".join(f"k{i:03d}: x\n" for i in range(120))
    repo = _repo(tmp_path, {"internkontroll/ik.yaml": text})
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    got = [(d.line, d.code) for d in result.diagnostics]
    assert got[:100] == [(33, "ukjent-referanse")] * 100
    closing = result.diagnostics[100]
    assert len(result.diagnostics) == 101
    column = text.splitlines()[32].index("ROS-100,") + 1
    assert (closing.line, closing.column, closing.code) == (33, column, TOO_MANY)
    assert closing.severity is Severity.ERROR
    assert "… og 170 funn til" in closing.message  # 50 references and 120 keys


def test_the_first_shown_are_the_first_in_the_file_not_in_pydantics_order(tmp_path: Path) -> None:
    """Pydantic reports the fields' errors before the unknown keys; the
    list shows the file from the top: the unknown key on line 2 first."""
    from ikros.engine.repository import Settings, run

    head, _ = minimal_ros().split("hendelser:\n")
    text = head.replace("ikros: ros/1\n", "ikros: ros/1\nukjent: x\n") + "hendelser:\n"
    text += "- x\n" * 150
    repo = _repo(tmp_path, {"ros/a.yaml": text})
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    first_item = text.count("\n") - 150 + 1
    assert [(d.line, d.code) for d in result.diagnostics] == [
        (2, "ukjent-nøkkel"),
        *[(first_item + i, "ugyldig-type") for i in range(99)],
        (first_item + 99, TOO_MANY),
    ]
    assert (
        result.diagnostics[1].message
        == "`hendelse nr. 1` skal være en gruppe med nøkler (nøkkel: verdi), men er teksten `x`."
    )
    assert "… og 51 funn til" in result.diagnostics[-1].message


def test_a_key_checked_against_two_choices_is_one_finding(tmp_path: Path) -> None:
    """A key of `informeres` is `alle` or a ROS type: Pydantic reports two
    errors for each wrong key, the list one finding, and counts one."""
    from ikros.engine.repository import Settings, run

    konfig = (BASE / "ikros.yaml").read_text(encoding="utf-8")
    konfig += "".join(f"  typo{i:03d}: [verneombud]\n" for i in range(150))
    repo = _repo(tmp_path, {})
    (repo / "ikros.yaml").write_text(konfig, encoding="utf-8")
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    first_line = konfig.count("\n") - 150 + 1
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [
        *[(first_line + i, 3, "ukjent-nøkkel") for i in range(100)],
        (first_line + 100, 3, TOO_MANY),
    ]
    first = result.diagnostics[0]
    assert first.message == "Ukjent nøkkel `typo000` under `informeres`."
    assert first.hint == (
        "Tillatte nøkler her: alle, generell, informasjonssikkerhet, personvern, arbeidsmiljø, "
        "smittevern, beredskap, tjeneste, organisasjonsendring, prosjekt, anskaffelse."
    )
    assert "… og 50 funn til" in result.diagnostics[-1].message
    assert result.config_errors[-1].code == TOO_MANY  # still a broken konfig: exit code 2


def test_the_positional_index_of_a_long_flow_list_and_an_alias() -> None:
    from ikros.load import yamlio

    items = ", ".join(f"v{i}" for i in range(100_000))
    text = f"a: &liste [{items}]\nb:\n  c: *liste\n"
    parsed = yamlio.read(text.encode(), "x.yaml", positions=True)
    assert parsed.ok and parsed.data["b"]["c"] == parsed.data["a"]
    last = text.index("v99999") + 1
    marks = parsed.index.marks
    assert marks.get(("a", 99_999)) == yamlio.Mark(1, last, 1, last)
    assert marks.get(("a", 100_000)) is None
    # an alias stands for the anchored value: its positions are the anchor's
    assert marks.get(("b", "c")) == yamlio.Mark(3, 3, 1, 4)
    assert marks.get(("b", "c", 99_999)) == marks.get(("a", 99_999))
    assert parsed.index.locate(("b", "c", 5, "x")) == (1, text.index("v5,") + 1)
    assert parsed.index.locate(("b", "d"), at_key=True) == (3, 3)  # where `b` starts


def test_a_pathological_file_gives_the_capped_list(tmp_path: Path) -> None:
    """900,000 list items where hendelser belong, in a file of 3.6 MB: read,
    validated in pieces and reported as the first 100 and a count (its
    time and memory are measured by bench/pathological.py)."""
    from ikros.engine.repository import Settings, run

    head, _ = minimal_ros().split("hendelser:\n")
    first_item = head.count("\n") + 2
    repo = _repo(tmp_path, {"ros/a.yaml": head + "hendelser:\n" + "- x\n" * 900_000})
    result = run(Settings(paths=(), cwd=repo, use_cache=False))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        *[("ros/a.yaml", first_item + i, 3, "ugyldig-type") for i in range(100)],
        ("ros/a.yaml", first_item + 100, 3, TOO_MANY),
    ]
    closing = result.diagnostics[-1]
    assert closing.severity is Severity.ERROR
    assert closing.message == "… og 899 900 funn til i denne filen; bare de 100 første vises."


def test_a_broken_konfig_is_checked_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ikros.engine.document as document
    from ikros.engine.repository import Settings, run

    repo = _repo(tmp_path, {"ros/a.yaml": minimal_ros()})
    (repo / "ikros.yaml").write_text("ikros: konfig/1\nkommune: K\nukjent: x\n", encoding="utf-8")
    calls: list[str] = []
    real = document.process
    monkeypatch.setattr(document, "process", lambda *a: calls.append(a[1]) or real(*a))
    run(Settings(paths=(), cwd=repo, use_cache=False))
    assert sorted(calls) == ["ikros.yaml", "organisasjon.yaml", "ros/a.yaml"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="a\r\n\u2028", max_size=40),
    st.lists(st.integers(min_value=0, max_value=45), max_size=12),
)
def test_lines_count_as_line_column_does(text: str, offsets: list[int]) -> None:
    """In order (the scans' case), and out of order too."""
    from ikros.load.yamlio import Lines, line_column

    offsets = [min(o, len(text)) for o in offsets]
    for ordered in (sorted(offsets), offsets):
        lines = Lines(text)
        assert [lines(o) for o in ordered] == [line_column(text, o) for o in ordered]


def test_a_million_control_characters_give_the_capped_list() -> None:
    from ikros.checks.context import context_for
    from ikros.engine.document import process

    raw = (minimal_ros() + "x: " + "a\x01" * 1_000_000 + "\n").encode()
    result = process(raw, "a.yaml", context_for(None))
    column = len("x: a") + 1
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [
        *[(FIRST_KEY_LINE, column + 2 * i, "ugyldig-tegn") for i in range(100)],
        (FIRST_KEY_LINE, column + 200, TOO_MANY),
    ]
    assert result.hidden == 1_000_000 - 100
    assert result.diagnostics[-1].severity is Severity.ERROR
