"""Shared fixtures: run a practice module as a real command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Variables the tests set on purpose; a value inherited from your shell must not leak in.
CONTROLLED = ("NO_COLOR", "TERM", "FORCE_COLOR")


@dataclass(frozen=True)
class Run:
    """The outcome of one command run."""

    command: str
    code: int
    out: str
    err: str
    raw_out: bytes

    def crashed(self) -> bool:
        """Return True when the program died with an uncaught exception."""
        return "Traceback (most recent call last)" in self.err

    def explain(self) -> str:
        """Describe the run for a failure message."""
        return f"`{self.command}` exited {self.code}\n--- stdout ---\n{self.out}--- stderr ---\n{self.err}"


RunModule = Callable[..., Run]


@pytest.fixture
def run_module(tmp_path: Path) -> RunModule:
    """Return a function that runs ``python -m practice.MODULE ARGS...``.

    It runs in ``tmp_path`` with a 10 second timeout, feeds ``stdin`` (bytes or
    str) to the program and returns a `Run`. ``env`` adds or overrides
    environment variables for that one run.
    """

    def run(
        module: str,
        *args: str,
        stdin: bytes | str = b"",
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Run:
        base = {
            key: value for key, value in os.environ.items() if key not in CONTROLLED and not key.startswith("LOGTOOL_")
        }
        full_env = {**base, "PYTHONPATH": str(SRC), "PYTHONUTF8": "1", **(env or {})}
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        proc = subprocess.run(
            [sys.executable, "-m", f"practice.{module}", *args],
            input=data,
            capture_output=True,
            env=full_env,
            cwd=cwd or tmp_path,
            timeout=10,
            check=False,
        )
        shown = " ".join(["python -m", f"practice.{module}", *args])
        return Run(
            command=shown,
            code=proc.returncode,
            out=proc.stdout.decode("utf-8", errors="replace"),
            err=proc.stderr.decode("utf-8", errors="replace"),
            raw_out=proc.stdout,
        )

    return run
