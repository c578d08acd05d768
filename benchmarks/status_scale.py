"""Time `roadmap status` over many practice repos, against a shell loop of `git for-each-ref`.

    python benchmarks/status_scale.py [--runs 5]

Builds synthetic practice repos (answers file, one commit, milestone tags made with one
`git fast-import` each): 27 repos x 20 tags against the floor, then 50/100/200 repos and
one repo with 500/1000/2000 tags to show how time grows.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from common import ROADMAP, TYPER_FLOOR, isolated_env, median, peak_memory_mb, report, scratch_dir, timed


def make_repo(path: Path, stage: int, tags: int, env: dict[str, str]) -> None:
    """Create a practice repo for stage `stage` with `tags` annotated milestone tags."""
    path.mkdir(parents=True)
    stage_id = f"stage-{stage:02d}"
    (path / ".copier-answers.yml").write_text(f"_commit: 0.1.0+{stage_id}\n_src_path: /nowhere\n")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=path, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=path, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "start"], cwd=path, check=True, env=env)
    stream = []
    names = ["start"] + [f"ex{n:02d}-exercise-{n}" for n in range(1, tags)]
    for index, name in enumerate(names):
        message = f"{stage_id}: {name}\n\nexercise: {name}\n"
        stream.append(
            f"tag {stage_id}/{name}\nfrom refs/heads/main\ntagger Bench <b@e> {1700000000 + index} +0000\n"
            f"data {len(message.encode())}\n{message}\n"
        )
    subprocess.run(["git", "fast-import", "--quiet"], cwd=path, input="".join(stream), text=True, check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = scratch_dir()
    env = isolated_env(scratch)
    rows = []
    try:
        workspace = scratch / "ws27"
        for stage in range(1, 28):
            make_repo(workspace / f"stage-{stage:02d}", stage, 20, env)
        loop = ['for d in */; do git -C "$d" for-each-ref refs/tags >/dev/null; done']
        floor = median(args.runs, lambda _: timed(loop, workspace, env, shell=True))
        start = median(args.runs, lambda _: timed([sys.executable, "-c", "pass"], workspace, env))
        rows.append(("shell loop: git for-each-ref in 27 repos (floor)", floor, None, None))
        rows.append(("python start-up (allowed on top of 1.5x the floor)", start, None, None))
        status = [*ROADMAP, "status", str(workspace)]
        timed(status, scratch, env)  # warm: bytecode and the curriculum cache are written once
        seconds = median(args.runs, lambda _: timed(status, scratch, env))
        rows.append(("roadmap status, 27 repos x 20 tags", seconds, floor, peak_memory_mb(status, scratch, env)))
        rows.append(("  target: 1.5 x floor + python start-up", 1.5 * floor + start, None, None))
        # Any Typer command line starts slower than bare Python; this is the part roadmap cannot skip.
        typer_app = scratch / "typer_app.py"
        typer_app.write_text(TYPER_FLOOR)
        typer_start = median(args.runs, lambda _: timed([sys.executable, str(typer_app)], scratch, env))
        rows.append(("minimal one-command Typer app doing nothing", typer_start, None, None))
        rows.append(("  status beyond that start-up (target: 1.5 x floor)", seconds - typer_start, floor, None))

        for count in (50, 100, 200):
            many = scratch / f"ws{count}"
            for index in range(count):
                make_repo(many / f"repo-{index:03d}", index % 27 + 1, 20, env)
            command = [*ROADMAP, "status", str(many), "--json"]
            seconds = median(args.runs, lambda _, c=command: timed(c, scratch, env))
            rows.append((f"roadmap status, {count} repos", seconds, None, peak_memory_mb(command, scratch, env)))
        for tags in (500, 1000, 2000):
            one = scratch / f"one-{tags}"
            make_repo(one / "repo", 5, tags, env)
            command = [*ROADMAP, "status", str(one), "--json"]
            seconds = median(args.runs, lambda _, c=command: timed(c, scratch, env))
            rows.append(
                (f"roadmap status, 1 repo with {tags} tags", seconds, None, peak_memory_mb(command, scratch, env))
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(f"median of {args.runs} runs, Python {sys.version.split()[0]}", rows)


if __name__ == "__main__":
    main()
