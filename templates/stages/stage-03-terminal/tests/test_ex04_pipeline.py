"""ex04: connect processes with pipes, like `a | b | c`, with exit codes and a timeout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from practice.pipeline import (
    CommandNotFoundError,
    PipelineTimeout,
    exit_status,
    run_pipeline,
)


def py(code: str) -> list[str]:
    """A portable command: the current Python running a short script."""
    return [sys.executable, "-c", code]


UPPER = py("import sys; sys.stdout.write(sys.stdin.read().upper())")
SORT = py("import sys; sys.stdout.writelines(sorted(sys.stdin.readlines()))")
UNIQ_C = py(
    "import sys, itertools\n"
    "for key, group in itertools.groupby(sys.stdin):\n"
    "    sys.stdout.write(f'{len(list(group))} {key}')"
)
CAT = py("import sys, shutil; shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)")
HEAD_1 = py("import sys; sys.stdout.write(sys.stdin.readline())")
YES = py("import sys\nwhile True:\n    sys.stdout.write('y\\n')")


def exits(code: int) -> list[str]:
    return py(f"import sys; sys.stdin.read(); sys.exit({code})")


@pytest.mark.parametrize(
    ("codes", "pipefail", "want"),
    [
        ([0], False, 0),
        ([1, 0], False, 0),
        ([0, 0, 5], False, 5),
        ([1, 0], True, 1),
        ([2, 3, 0], True, 3),
        ([0, 0, 0], True, 0),
        ([-13, 0], True, -13),
    ],
)
def test_exit_status(codes: list[int], pipefail: bool, want: int) -> None:
    got = exit_status(codes, pipefail=pipefail)
    assert got == want, f"exit_status({codes}, pipefail={pipefail}) should be {want}, got {got}"


def test_exit_status_needs_a_command() -> None:
    with pytest.raises(ValueError):
        exit_status([])


def test_single_command_reads_input() -> None:
    result = run_pipeline([UPPER], input="abc \u00e9t\u00e9\n".encode())
    assert result.stdout == "ABC \u00c9T\u00c9\n".encode(), f"stdout should be upper-cased input, got {result.stdout!r}"
    assert result.returncodes == (0,), f"one command that succeeded: (0,), got {result.returncodes}"
    assert result.returncode == 0, f"pipeline status should be 0, got {result.returncode}"


def test_three_stage_pipeline() -> None:
    result = run_pipeline([SORT, UNIQ_C], input=b"b\na\nb\nc\nb\n")
    want = b"1 a\n3 b\n1 c\n"
    assert result.stdout == want, f"sort | uniq -c should give {want!r}, got {result.stdout!r}"
    result = run_pipeline([CAT, SORT, UNIQ_C], input=b"x\ny\nx\n")
    assert result.stdout == b"2 x\n1 y\n", f"cat | sort | uniq -c, got {result.stdout!r}"
    assert result.returncodes == (0, 0, 0), f"want three zero statuses, got {result.returncodes}"


def test_empty_input() -> None:
    result = run_pipeline([CAT, UPPER])
    assert (result.stdout, result.returncode) == (b"", 0), f"no input gives no output, got {result}"


@pytest.mark.parametrize(("pipefail", "want"), [(False, 0), (True, 3)])
def test_failing_first_command(pipefail: bool, want: int) -> None:
    result = run_pipeline([exits(3), UPPER], input=b"data", pipefail=pipefail)
    assert result.returncodes == (3, 0), f"each command's status in order, got {result.returncodes}"
    assert result.returncode == want, f"pipefail={pipefail}: status should be {want}, got {result.returncode}"


def test_stderr_is_kept_per_command() -> None:
    noisy = py("import sys; sys.stderr.write('warning: odd input'); sys.stdout.write(sys.stdin.read())")
    result = run_pipeline([noisy, UPPER], input=b"ok")
    assert result.stdout == b"OK", f"stdout of the last command, got {result.stdout!r}"
    assert result.stderr == (b"warning: odd input", b""), f"stderr of each command in order, got {result.stderr!r}"


def test_large_data_does_not_deadlock() -> None:
    data = os.urandom(1_000_000)
    loud = py(
        "import sys, shutil\nsys.stderr.write('e' * 300_000)\nshutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)"
    )
    result = run_pipeline([loud, CAT], input=data, timeout=20)
    assert result.stdout == data, "1 MB in, the same 1 MB out (pipes hold only ~64 KB at a time)"
    assert len(result.stderr[0]) == 300_000, "300 KB of stderr must be collected too"


def test_reader_that_quits_early_stops_the_producer() -> None:
    try:
        result = run_pipeline([YES, HEAD_1], timeout=10)
    except PipelineTimeout:
        pytest.fail("`yes | head -n 1` never ended: did the parent close its copy of each pipe?")
    assert result.stdout == b"y\n", f"head should print one line, got {result.stdout!r}"
    assert result.returncode == 0, f"without pipefail the status is head's: 0, got {result.returncode}"


def test_env_and_cwd_are_passed_on(tmp_path: Path) -> None:
    (tmp_path / "greeting.txt").write_text("hi from a file\n")
    show = py("import os; print(os.environ['GREETING'], open('greeting.txt').read(), end='')")
    result = run_pipeline([show, UPPER], env={**os.environ, "GREETING": "hello"}, cwd=tmp_path)
    assert result.stdout == b"HELLO HI FROM A FILE\n", f"env and cwd reach every command, got {result.stdout!r}"


def test_missing_command_is_reported_before_anything_runs(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    first = py(f"open({str(marker)!r}, 'w').close()")
    with pytest.raises(CommandNotFoundError) as info:
        run_pipeline([first, ["no-such-command-3f9a"]])
    assert info.value.command == "no-such-command-3f9a", f"the error names the command, got {info.value.command!r}"
    assert not marker.exists(), "no command may start when another one does not exist"


@pytest.mark.parametrize("commands", [[], [[]], [UPPER, []]], ids=["no-commands", "empty", "second-empty"])
def test_empty_commands_are_rejected(commands: list[list[str]]) -> None:
    with pytest.raises(ValueError):
        run_pipeline(commands)


def test_timeout_kills_the_pipeline() -> None:
    sleeper = py("import time; time.sleep(60)")
    with pytest.raises(PipelineTimeout):
        run_pipeline([sleeper, UPPER], timeout=0.5)
    assert issubclass(PipelineTimeout, TimeoutError), "PipelineTimeout should be a TimeoutError"
