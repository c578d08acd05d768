"""Fixtures: throw-away git repositories that never touch your own git config.

Every git process in these tests gets an environment with a fixed identity,
``GIT_CONFIG_GLOBAL`` pointing at the null device, ``GIT_CONFIG_NOSYSTEM=1`` and
a temporary HOME. Inherited ``GIT_*`` variables (set, for example, when tests run
inside a git hook) are dropped so they cannot redirect git to another repository.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

AUTHOR_NAME = "Ada Lovelace"
AUTHOR_EMAIL = "ada@example.com"
FIRST_DATE = 1_700_000_000  # 2023-11-14, every test commit one minute after the last


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """An isolated environment for git processes."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME=AUTHOR_NAME,
        GIT_AUTHOR_EMAIL=AUTHOR_EMAIL,
        GIT_COMMITTER_NAME=AUTHOR_NAME,
        GIT_COMMITTER_EMAIL=AUTHOR_EMAIL,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_MERGE_AUTOEDIT="no",
        HOME=str(home),
        LC_ALL="C",
    )
    return env


@dataclass
class Sandbox:
    """The tests' own git driver, independent of the practice code.

    It prepares repositories and checks the results, so a test can tell whether
    your code did the right thing without trusting your code to report it.
    """

    path: Path
    env: dict[str, str]
    commits: int = field(default=0)

    def git(self, *args: str, extra_env: dict[str, str] | None = None) -> str:
        """Run git in the sandbox; return stdout without the final newline."""
        proc = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env={**self.env, **(extra_env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=10,
            check=False,
        )
        if proc.returncode != 0:
            raise AssertionError(f"test setup: git {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout.rstrip("\n")

    def commit(self, message: str, files: dict[str, str | None]) -> str:
        """Write files (None deletes), commit with a predictable date, return the sha."""
        for name, text in files.items():
            target = self.path / name
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        self.commits += 1
        stamp = f"{FIRST_DATE + 60 * self.commits} +0000"
        self.git("add", "--all")
        dates = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        self.git("commit", "--quiet", "--allow-empty", "--message", message, extra_env=dates)
        return self.git("rev-parse", "HEAD")

    def timestamp_of(self, number: int) -> int:
        """The Unix time given to the NUMBER-th commit made by `commit` (from 1)."""
        return FIRST_DATE + 60 * number


@pytest.fixture
def sandbox(tmp_path: Path, git_env: dict[str, str]) -> Sandbox:
    """An empty repository on branch ``main``, driven by the tests' own helper."""
    path = tmp_path / "repo"
    path.mkdir()
    box = Sandbox(path, git_env)
    box.git("init", "--quiet", "--initial-branch=main")
    return box
