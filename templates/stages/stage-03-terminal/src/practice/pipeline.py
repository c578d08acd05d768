"""Run ``cmd1 | cmd2 | cmd3`` from Python, without a shell.

Each command is an argument list (no quoting problems, no shell injection).
Standard output of one command is connected to standard input of the next with
an OS pipe, exactly as the shell does it::

    run_pipeline([["git", "log", "--format=%an"], ["sort"], ["uniq", "-c"]])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


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
    raise NotImplementedError("last status, or with pipefail the rightmost non-zero one")


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
    raise NotImplementedError("validate, Popen each stage with stdin=previous stdout, collect results")
