"""Time watch mode from a saved file to the start of the test run (median of N saves).

    python benchmarks/watch_latency.py [--runs 9] [--poll]

Runs the watch loop in this process with the check replaced by a probe that notes the
moment it starts, so the figure is the watcher's own delay, not the tests' duration.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

from common import ROADMAP, ROOT, isolated_env, scratch_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--poll", action="store_true", help="measure the polling mode instead of file events")
    args = parser.parse_args()
    scratch = scratch_dir()
    env = isolated_env(scratch)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    from scaffolder import checker, curriculum, practice_repo, watcher

    try:
        subprocess.run([*ROADMAP, "new", "stage-01", "repo"], cwd=scratch, env=env, check=True, capture_output=True)
        repo = practice_repo.find(scratch / "repo")
        started: list[float] = []
        saved: list[float] = []
        ready = threading.Event()

        def probe(*_: object, **__: object) -> None:
            started.append(time.perf_counter())
            ready.set()
            raise checker.TestRunError("probe")

        watcher.checker.check = probe  # type: ignore[assignment]
        stop = threading.Event()
        events = watcher.watch_checks(curriculum.load(), repo, poll=args.poll, stop=stop)
        thread = threading.Thread(target=lambda: [None for _ in events], daemon=True)
        thread.start()
        ready.wait(30)
        target = repo.root / "src" / "practice" / "capacity.py"
        for index in range(args.runs):
            ready.clear()
            time.sleep(1.5 if args.poll else 0.5)  # let the watcher settle between saves
            saved.append(time.perf_counter())
            target.write_text(target.read_text() + f"\n# save {index}\n")
            if not ready.wait(10):
                raise SystemExit("the watcher did not react within 10 s")
        stop.set()
        delays = [(start - save) * 1000 for save, start in zip(saved, started[1:], strict=True)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    mode = "polling" if args.poll else "file events"
    print(f"watch latency, save to start of the test run ({mode}), {args.runs} saves:")
    print(f"  median {statistics.median(delays):.0f} ms, min {min(delays):.0f} ms, max {max(delays):.0f} ms")


if __name__ == "__main__":
    main()
