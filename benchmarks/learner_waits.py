"""Time the learner's waits against their floors: median of N runs, and the ratio.

Run from the repository root with the project installed:

    python benchmarks/learner_waits.py [--runs 5] [--stage stage-05]

Prints one line per figure. Uses a temporary HOME, git config and data folder.
"""

from __future__ import annotations

import argparse
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


def timed(command: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def median(runs: int, measure: Callable[[int], float]) -> float:
    return statistics.median(measure(i) for i in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stage", default="stage-05")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    home = scratch / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.com\n")
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "ROADMAP_DATA_DIR": str(scratch / "data"),
        "NO_COLOR": "1",
    }
    sys.path.insert(0, str(ROOT))
    from scaffolder import curriculum

    stage = curriculum.load().stage(args.stage)
    rows: list[tuple[str, float, float | None]] = []
    try:
        floor_app = scratch / "floor.py"
        floor_app.write_text(
            "import typer\napp = typer.Typer()\n@app.command()\ndef main() -> None:\n    pass\napp()\n"
        )
        typer_floor = median(args.runs, lambda _: timed([sys.executable, str(floor_app), "--help"], scratch, env))
        rows.append(("minimal Typer app --help (floor)", typer_floor, None))
        for label, argv in (("roadmap --help", ["--help"]), ("roadmap list", ["list"])):
            rows.append((label, median(args.runs, lambda _, a=argv: timed([*ROADMAP, *a], scratch, env)), typer_floor))

        timed([*ROADMAP, "new", stage.id, "warm"], scratch, env)  # builds the template store once
        new_time = median(args.runs, lambda i: timed([*ROADMAP, "new", stage.id, f"repo-{i}"], scratch, env))
        rows.append((f"roadmap new {stage.id}", new_time, None))

        repo = scratch / "repo-0"
        solution = curriculum.load().solution_dir(stage)
        shutil.copytree(solution, repo, dirs_exist_ok=True)
        timed([*ROADMAP, "check", str(repo)], scratch, env)  # records the milestones once
        pytest_alone = median(args.runs, lambda _: timed([sys.executable, "-m", "pytest", "-q"], repo, env))
        rows.append(("python -m pytest -q on the solved repo (floor)", pytest_alone, None))
        check = median(args.runs, lambda _: timed([*ROADMAP, "check", str(repo)], scratch, env))
        rows.append(("roadmap check on the solved repo", check, pytest_alone))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"median of {args.runs} runs, {stage.id}, Python {sys.version.split()[0]}")
    for label, seconds, floor in rows:
        ratio = f"  ({seconds / floor:.2f}x the floor)" if floor else ""
        print(f"{label:<48} {seconds * 1000:8.0f} ms{ratio}")


if __name__ == "__main__":
    main()
