"""Shared helpers for the benchmark scripts: isolated environments, timing, medians, peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROADMAP = [sys.executable, "-m", "scaffolder"]
TIME = shutil.which("time") or "/usr/bin/time"
# The floor of every command's start-up: a minimal one-command Typer app doing nothing.
TYPER_FLOOR = "import typer\napp = typer.Typer()\n@app.command()\ndef main() -> None:\n    pass\napp()\n"


def isolated_env(scratch: Path) -> dict[str, str]:
    """Return an environment with its own HOME, git identity and roadmap data folder."""
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    config = home / ".gitconfig"
    config.write_text("[user]\n\tname = Bench\n\temail = bench@example.com\n")
    # Bytecode caches are written, as on a machine where roadmap and pytest were installed with pip.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **inherited, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1",
        "ROADMAP_DATA_DIR": str(scratch / "data"), "NO_COLOR": "1", "PYTHONPATH": str(ROOT),
    }  # fmt: skip


def scratch_dir() -> Path:
    """Return a fresh temporary folder."""
    return Path(tempfile.mkdtemp(prefix="roadmap-bench-"))


def timed(command: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,), shell: bool = False) -> float:
    """Run a command and return its wall time in seconds; stop the benchmark if it fails."""
    start = time.perf_counter()
    result = subprocess.run(
        command if not shell else " ".join(command), cwd=cwd, env=env, capture_output=True, text=True, shell=shell
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise SystemExit(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def median(runs: int, measure: Callable[[int], float]) -> float:
    """Return the median of `runs` measurements."""
    return statistics.median(measure(i) for i in range(runs))


def paired(runs: int, floor: Callable[[int], float], measure: Callable[[int], float]) -> tuple[float, float]:
    """Return the medians of a floor and a measurement taken in turns, so both see the same machine load."""
    floors, measured = [], []
    for i in range(runs):
        floors.append(floor(i))
        measured.append(measure(i))
    return statistics.median(floors), statistics.median(measured)


def peak_memory_mb(command: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float | None:
    """Return the command's peak resident memory in MB, measured by /usr/bin/time -v."""
    if not Path(TIME).exists():
        return None
    result = subprocess.run([TIME, "-v", *command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode not in ok:
        return None
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    return None


def report(title: str, rows: list[tuple[str, float, float | None, float | None]]) -> None:
    """Print rows of (label, seconds, floor seconds or None, peak MB or None)."""
    print(title)
    for label, seconds, floor, memory in rows:
        ratio = f"{seconds / floor:5.2f}x floor" if floor else " " * 11
        peak = f"{memory:6.1f} MB peak" if memory else ""
        print(f"  {label:<58} {seconds * 1000:8.0f} ms  {ratio}  {peak}")
