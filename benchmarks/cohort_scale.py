"""Time `roadmap cohort` over a roster of local bare repositories: median of N runs.

Run from the repository root with the project installed:

    python benchmarks/cohort_scale.py [--learners 100] [--runs 5]

Each learner has one bare repository holding a stage-05 start tag and 0 to all of its
exercise tags. Prints the median wall time of the whole command (start-up included) with
the default pool of 8 and with one repository at a time, and the start-up floor.
Uses a temporary HOME, git config and data folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from common import ROADMAP, ROOT, isolated_env, median, scratch_dir, timed


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from scaffolder import curriculum

    stage = curriculum.load().stage("stage-05")
    scratch = scratch_dir()
    env = isolated_env(scratch)
    try:
        # One source repository per amount of progress; each learner's bare repo is cloned from one.
        sources = []
        for solved in range(len(stage.exercises) + 1):
            source = scratch / f"source-{solved}"
            git(scratch, env, "init", "--quiet", str(source))
            git(source, env, "commit", "--quiet", "--allow-empty", "-m", "start")
            names = ["start", *(e.id for e in stage.exercises[:solved])]
            names += ["complete"] if solved == len(stage.exercises) else []
            for name in names:
                git(source, env, "tag", "-a", "-m", name, f"{stage.id}/{name}")
            sources.append(source)
        lines = []
        for number in range(args.learners):
            bare = f"learner-{number:03d}.git"
            git(scratch, env, "clone", "--quiet", "--bare", str(sources[number % len(sources)]), bare)
            lines.append(f"Learner {number:03d}, {bare}")
        (scratch / "roster.csv").write_text("name,url\n" + "\n".join(lines) + "\n")

        timed([*ROADMAP, "cohort", "roster.csv", "--json"], scratch, env)  # warms the curriculum cache
        rows = []
        floor = median(args.runs, lambda _: timed([*ROADMAP, "--version"], scratch, env))
        rows.append(("roadmap --version (start-up floor)", floor))
        for jobs in (8, 1):
            command = [*ROADMAP, "cohort", "roster.csv", "--json", "--jobs", str(jobs)]
            seconds = median(args.runs, lambda _, c=command: timed(c, scratch, env))
            rows.append((f"roadmap cohort, {args.learners} entries, --jobs {jobs}", seconds))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"median of {args.runs} runs, {os.cpu_count()} CPUs, git ls-remote on local bare repositories")
    for label, seconds in rows:
        print(f"{label:<48} {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
