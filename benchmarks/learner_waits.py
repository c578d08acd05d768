"""Time the learner's waits against their floors: --help, list, new and check (median of N runs).

Each wait and its floor are measured in turns, after one warm-up run, in the same environment.

Run from the repository root with the project installed:

    python benchmarks/learner_waits.py [--runs 5] [--stage stage-05]
"""

from __future__ import annotations

import argparse
import shutil
import sys

from common import ROADMAP, ROOT, TYPER_FLOOR, isolated_env, paired, peak_memory_mb, report, scratch_dir, timed

# The floor of `new`: Copier's run_copy on the same template version, then git on the command line.
NEW_FLOOR = """
import subprocess, sys
from copier import run_copy
store, ref, target = sys.argv[1:4]
run_copy(store, target, vcs_ref=ref, defaults=True, quiet=True, overwrite=True, skip_tasks=True)
for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "start"],
             ["tag", "-a", "-m", "start", "stage/start"]):
    subprocess.run(["git", *args], cwd=target, check=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stage", default="stage-05")
    args = parser.parse_args()
    scratch = scratch_dir()
    env = isolated_env(scratch)
    sys.path.insert(0, str(ROOT))
    from scaffolder import curriculum

    bundled = curriculum.load()
    stage = bundled.stage(args.stage)
    rows = []
    try:
        floor_app = scratch / "floor.py"
        floor_app.write_text(TYPER_FLOOR)
        typer_app = [sys.executable, str(floor_app)]
        for label, argv in (("roadmap --help", ["--help"]), ("roadmap list", ["list"])):
            command = [*ROADMAP, *argv]
            timed(command, scratch, env)  # warm: bytecode and the curriculum cache are written once
            floor, seconds = paired(
                args.runs, lambda _: timed(typer_app, scratch, env), lambda _, c=command: timed(c, scratch, env)
            )
            rows.append(("minimal one-command Typer app doing nothing (floor)", floor, None, None))
            rows.append((label, seconds, floor, peak_memory_mb(command, scratch, env)))

        timed([*ROADMAP, "new", stage.id, "warm"], scratch, env)  # builds the template store once
        ref = f"{__import__('scaffolder').__version__}+{stage.id}"
        store = scratch / "data" / "templates"
        floor_new, new = paired(
            args.runs,
            lambda i: timed(
                [sys.executable, "-c", NEW_FLOOR, str(store), ref, str(scratch / f"floor-{i}")], scratch, env
            ),
            lambda i: timed([*ROADMAP, "new", stage.id, f"repo-{i}"], scratch, env),
        )
        rows.append(("run_copy + git init/add/commit/tag -a (floor of new)", floor_new, None, None))
        memory = peak_memory_mb([*ROADMAP, "new", stage.id, "mem"], scratch, env)
        rows.append((f"roadmap new {stage.id}", new, floor_new, memory))

        repo = scratch / "repo-0"
        shutil.copytree(bundled.solution_dir(stage), repo, dirs_exist_ok=True)
        check = [*ROADMAP, "check", str(repo)]
        timed(check, scratch, env)  # records the milestones once
        pytest_alone, seconds = paired(
            args.runs,
            lambda _: timed([sys.executable, "-m", "pytest", "-q"], repo, env),
            lambda _: timed(check, scratch, env),
        )
        rows.append(("python -m pytest -q on the solved repo (floor of check)", pytest_alone, None, None))
        rows.append(("roadmap check on the solved repo", seconds, pytest_alone, peak_memory_mb(check, scratch, env)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(f"median of {args.runs} runs, {stage.id}, Python {sys.version.split()[0]}", rows)


if __name__ == "__main__":
    main()
