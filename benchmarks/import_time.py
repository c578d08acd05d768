"""Show the slowest imports of a roadmap command (`python -X importtime`), and which heavy modules it loads.

python benchmarks/import_time.py [COMMAND ...]     (default: --help)
"""

from __future__ import annotations

import subprocess
import sys

from common import isolated_env, scratch_dir

HEAVY = ("copier", "git", "pytest", "yaml", "watchfiles", "icalendar")


def main() -> None:
    argv = sys.argv[1:] or ["--help"]
    scratch = scratch_dir()
    env = isolated_env(scratch)
    probe = (
        "import sys, runpy; sys.argv = ['roadmap', *sys.argv[1:]]; runpy.run_module('scaffolder', run_name='__main__')"
    )
    # The first run writes bytecode and the curriculum cache; the second is the one every later run looks like.
    for flags in ([], ["-X", "importtime"]):
        result = subprocess.run(
            [sys.executable, *flags, "-c", probe, *argv], cwd=scratch, env=env, capture_output=True, text=True
        )
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    top = [row for row in sorted(rows, reverse=True) if not row[1].startswith("scaffolder")][:5]
    print(f"roadmap {' '.join(argv)}: top 5 imports by cumulative time")
    for micros, name in top:
        print(f"  {micros / 1000:7.1f} ms  {name}")
    loaded = sorted({name.split(".")[0] for _, name in rows} & set(HEAVY))
    print(f"  heavy modules loaded: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
