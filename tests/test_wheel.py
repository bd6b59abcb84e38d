"""A plain, non-editable install from the wheel carries everything the
tool reads at run time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import FIXTURE_TODAY

REPO = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_validates_examples(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(dist),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = dist.glob("ikros-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "ikros/risk/methods/enhet-5x5.yaml",
        "ikros/risk/methods/dsb-helhetlig.yaml",
        "ikros/risk/methods/arbeidsmiljø-3x3.yaml",
        "ikros/_data/schemas/ros.schema.json",
        "ikros/data/nynorsk.yaml",  # «Mente du» for nynorsk forms
    ):
        assert needed in names, needed

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True
    )

    work = tmp_path / "work"
    shutil.copytree(REPO / "examples" / "eksempel-kommune", work)
    result = subprocess.run(
        [str(venv / "bin" / "ikros"), "validate", "--no-cache"],
        cwd=work,
        capture_output=True,
        text=True,
        # The examples' deadlines fall due in 2027: check them on a fixed day.
        env={**os.environ, "IKROS_TODAY": FIXTURE_TODAY},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith("Sjekket ")
    assert result.stderr.rstrip().endswith("ingen funn.")
