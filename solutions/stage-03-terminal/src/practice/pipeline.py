"""Run ``cmd1 | cmd2 | cmd3`` from Python, without a shell.

Each command is an argument list (no quoting problems, no shell injection).
Standard output of one command is connected to standard input of the next with
an OS pipe, exactly as the shell does it::

    run_pipeline([["git", "log", "--format=%an"], ["sort"], ["uniq", "-c"]])
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class CommandNotFoundError(LookupError):
    """A command of the pipeline is not an executable on PATH."""

    def __init__(self, command: str) -> None:
        super().__init__(f"command not found: {command}")
        self.command = command


class PipelineTimeout(TimeoutError):
    """The pipeline did not finish in time; all its processes were killed."""


@dataclass(frozen=True)
class PipelineResult:
    """What a finished pipeline produced.

    Attributes:
        stdout: Standard output of the last command.
        stderr: Standard error of each command, in pipeline order.
        returncodes: Exit status of each command, in pipeline order (negative
            when a signal ended the process, as in `subprocess`).
        returncode: The pipeline's status, see `exit_status`.
    """

    stdout: bytes
    stderr: tuple[bytes, ...]
    returncodes: tuple[int, ...]
    returncode: int


def exit_status(returncodes: Sequence[int], *, pipefail: bool = False) -> int:
    """Return a pipeline's exit status the way bash computes it.

    Args:
        returncodes: Each command's status, in pipeline order.
        pipefail: Like ``set -o pipefail``.

    Returns:
        Without pipefail, the last command's status. With pipefail, the status
        of the rightmost command that failed (non-zero), or 0 if none failed:
        ``exit_status([2, 3, 0], pipefail=True)`` is 3.

    Raises:
        ValueError: If ``returncodes`` is empty.
    """
    if not returncodes:
        raise ValueError("a pipeline has at least one command")
    if not pipefail:
        return returncodes[-1]
    for code in reversed(returncodes):
        if code != 0:
            return code
    return 0


def run_pipeline(
    commands: Sequence[Sequence[str]],
    *,
    input: bytes = b"",
    timeout: float = 5.0,
    pipefail: bool = False,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> PipelineResult:
    """Run commands connected by pipes and collect what they produce.

    Start every command with ``subprocess.Popen`` (never ``shell=True``):
    the first reads ``input``, each next one reads the previous one's stdout,
    and the last one's stdout is returned. Things to get right:

    * Check every program with ``shutil.which(argv[0], path=...)`` using the
      PATH from ``env`` (or ``os.environ`` when ``env`` is None) before
      starting anything.
    * After handing a pipe's read end to the next process, close the parent's
      copy, or a producer like ``yes`` never learns that its reader has gone.
    * Large ``input`` or lots of stderr must not deadlock: temporary files
      (``tempfile.TemporaryFile``) are a simple place for both.
    * One deadline for the whole pipeline; on timeout kill every process,
      wait for them, then raise.

    Args:
        commands: Argument lists, e.g. ``[["sort"], ["uniq", "-c"]]``.
        input: Bytes for the first command's standard input.
        timeout: Seconds for the whole pipeline.
        pipefail: Passed to `exit_status`.
        cwd: Working directory of every command (None: the current one).
        env: Environment of every command (None: inherit).

    Returns:
        The result; commands that fail do not raise, their status is reported.

    Raises:
        ValueError: If ``commands`` is empty or one of them is empty.
        CommandNotFoundError: If a program is not found on PATH (checked for
            every command before anything starts).
        PipelineTimeout: If the pipeline runs longer than ``timeout``; every
            process has been killed and reaped by then.
    """
    if not commands:
        raise ValueError("no commands to run")
    if any(not argv for argv in commands):
        raise ValueError("every command needs at least a program name")
    search_path = (env if env is not None else os.environ).get("PATH", os.defpath)
    for argv in commands:
        if shutil.which(argv[0], path=search_path) is None:
            raise CommandNotFoundError(argv[0])

    deadline = time.monotonic() + timeout
    procs: list[subprocess.Popen[bytes]] = []
    with ExitStack() as stack:
        first_stdin = stack.enter_context(tempfile.TemporaryFile())
        first_stdin.write(input)
        first_stdin.seek(0)
        err_files: list[IO[bytes]] = []
        upstream: IO[bytes] = first_stdin
        try:
            for argv in commands:
                err = stack.enter_context(tempfile.TemporaryFile())
                proc = subprocess.Popen(
                    list(argv), stdin=upstream, stdout=subprocess.PIPE, stderr=err, cwd=cwd, env=env
                )
                if procs:
                    # The child holds its own copy; ours would keep the pipe open forever.
                    upstream.close()
                assert proc.stdout is not None
                upstream = proc.stdout
                procs.append(proc)
                err_files.append(err)
            out, _ = procs[-1].communicate(timeout=max(0.0, deadline - time.monotonic()))
            for proc in procs[:-1]:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _kill_all(procs)
            raise PipelineTimeout(f"pipeline did not finish within {timeout} seconds") from None
        except BaseException:
            _kill_all(procs)
            raise
        stderr = []
        for err in err_files:
            err.seek(0)
            stderr.append(err.read())
    codes = tuple(proc.returncode for proc in procs)
    return PipelineResult(
        stdout=out,
        stderr=tuple(stderr),
        returncodes=codes,
        returncode=exit_status(codes, pipefail=pipefail),
    )


def _kill_all(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
    for proc in procs:
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
