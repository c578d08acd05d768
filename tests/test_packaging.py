"""`pip install .` ships the curriculum: stages.yaml, templates and solutions are inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scaffolder import curriculum

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_holds_the_curriculum(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("roadmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = "scaffolder/bundled/"
    assert f"{prefix}stages.yaml" in names
    assert f"{prefix}templates/base/README.md.jinja" in names
    assert f"{prefix}templates/base/.github/workflows/ci.yml.jinja" in names
    bundled = curriculum.load()
    for stage in bundled.with_exercises():
        for exercise in stage.exercises:
            assert f"{prefix}templates/stages/{stage.folder}/{exercise.test_file}" in names
            assert f"{prefix}solutions/{stage.folder}/{exercise.module}" in names
    assert not any("__pycache__" in name for name in names)
    assert "scaffolder/cli.py" in names


def test_the_installed_layout_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "scaffolder"
    (package / "bundled").mkdir(parents=True)
    (package / "bundled" / "stages.yaml").write_text("format_version: 1\n")
    monkeypatch.setattr(curriculum, "__file__", str(package / "curriculum.py"))
    assert curriculum.bundled_root() == package / "bundled"
