from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# `mutation/run.py` runs the tests once per mutant: the same examples every
# time (a mutant is killed by a test, not by luck) and no example database.
settings.register_profile("mutate", derandomize=True, database=None)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "eksempel-kommune"

# The day the fixtures were written for: their dates (2026) give the same
# verdict on it whatever day the tests run. A test about another day sets
# its own (IKROS_TODAY or Settings(today=…)); tests/test_dates.py runs the
# date rules on several days, years apart.
FIXTURE_TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache folder, never the user's, and sees
    FIXTURE_TODAY as today."""
    monkeypatch.setenv("IKROS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("IKROS_TODAY", FIXTURE_TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


# A small valid analysis; the level is a parameter so that a test can make
# it wrong (levels sit at line 17, column 32).
MINIMAL_ROS = """\
ikros: ros/1
id: {id}
tittel: Analyse
type: generell
omfang_type: tjenestespesifikk
enhet: {enhet}
status: utkast
klassifisering: intern
eier: {{rolle: enhetsleder}}
dato: 2026-03-01
formål: Test.
omfang: Test.
hendelser:
  - id: H1
    tittel: Brann
    sannsynlighet: 2
    konsekvens: {{liv_og_helse: {level}}}
    begrunnelse: Test.
    usikkerhet: lav
"""


def minimal_ros(id: str = "ROS-1", enhet: str = "lia-barnehage", level: int = 2) -> str:
    return MINIMAL_ROS.format(id=id, enhet=enhet, level=level)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Build a file tree from a dict of relative path → text or bytes."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@contextlib.contextmanager
def unwritable(folder: Path):
    """Make `folder` a place where nothing can be created, for real:
    `chattr +i` as root (mode bits do not stop root), mode 0555 otherwise.
    Skips the test where that cannot be done."""
    if os.name != "posix":
        pytest.skip("no POSIX permissions")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", folder], capture_output=True).returncode:
        pytest.skip("chattr +i does not work here")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", folder], check=True)


os.environ.setdefault("COLUMNS", "200")
