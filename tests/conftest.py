"""Every test runs with its own HOME, git config and roadmap data folder, and no network."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIT = shutil.which("git") or "git"  # found once, so tests that hide git from roadmap can still inspect repos


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give the test a fresh HOME with a git identity, its own template store, and no system git config."""
    home = tmp_path_factory.mktemp("home")
    config = home / ".gitconfig"
    config.write_text("[user]\n\tname = Ada Learner\n\temail = ada@example.com\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("ROADMAP_DATA_DIR", str(home / "roadmap-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("ROADMAP_CURRICULUM", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def no_identity(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the git identity, as on a fresh machine."""
    (isolated / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("EMAIL", "")


def git(cwd: Path, *args: str) -> str:
    """Run git in cwd and return its output."""
    return subprocess.run([GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def tags(repo: Path) -> list[str]:
    """Return the repo's tags, sorted."""
    return sorted(git(repo, "tag", "--list").split())


def tree_listing(folder: Path) -> list[str]:
    """Return every path under folder, relative and sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def solve(repo: Path, solution: Path, *modules: str) -> None:
    """Copy solution files into a practice repo: the named modules, or all of them."""
    for source in solution.rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts:
            relative = source.relative_to(solution)
            if not modules or str(relative) in modules:
                (repo / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, repo / relative)


def refused(result, message: str) -> None:
    """Assert a CLI result is one readable refusal: exit code 2, the message, no traceback."""
    assert result.exit_code == 2, result.output
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert result.output.count("roadmap:") == 1, result.output
