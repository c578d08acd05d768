"""Drive git from Python with subprocess: run commands, init a repository, commit.

Everything goes through one method, `Repo.run`, so every git call gets the same
working directory, environment, timeout and error handling. The environment is
explicit: tests (and CI jobs) pass one with their own identity and
``GIT_CONFIG_GLOBAL`` so your personal git config is never read or written.

No GitPython here: ``subprocess.run(["git", ...])`` is all you need, and it is
what such libraries do underneath.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """A git command failed (or git could not be run at all)."""

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.command = tuple(command)
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(f"git {' '.join(self.command)} exited with {returncode}: {stderr.strip()}")


@dataclass(frozen=True)
class GitResult:
    """What one git command produced.

    Attributes:
        args: The arguments after ``git``.
        returncode: git's exit status.
        stdout: Standard output, decoded as UTF-8.
        stderr: Standard error, decoded as UTF-8.
    """

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Repo:
    """A git working tree on disk and the environment git runs with.

    Attributes:
        path: The working tree (it need not exist before `init`).
        env: The complete environment for every git process; None inherits
            the current process's environment.
        timeout: Seconds one git command may take.
    """

    path: Path
    env: Mapping[str, str] | None = None
    timeout: float = 10.0

    def run(self, *args: str, input: str | None = None) -> GitResult:
        """Run ``git ARGS...`` in the working tree and return what happened.

        Use ``subprocess.run(["git", *args], cwd=self.path, env=..., timeout=...,
        capture_output=True)``; never a shell string. Decode both outputs as
        UTF-8 with ``errors="replace"``.

        Args:
            *args: Arguments after ``git``, e.g. ``"log", "-1"``.
            input: Text for git's standard input (encoded as UTF-8). When None,
                standard input is ``subprocess.DEVNULL`` so git can never wait
                for the keyboard.

        Returns:
            The result, whatever the exit status was (a non-zero status does
            not raise here).

        Raises:
            GitError: With returncode 127 if the git program is not found
                (``FileNotFoundError``), or 124 if the command took longer than
                ``timeout`` seconds (``subprocess.TimeoutExpired``).
        """
        raise NotImplementedError("subprocess.run git with cwd, env, timeout, stdin/input; wrap the two failures")

    def git(self, *args: str, input: str | None = None) -> str:
        """Run ``git ARGS...`` and return its standard output unchanged.

        Args:
            *args: Arguments after ``git``.
            input: Text for git's standard input (see `run`).

        Returns:
            The standard output, including any trailing newline.

        Raises:
            GitError: If git exits with a non-zero status (with that status and
                git's stderr), or cannot run.
        """
        raise NotImplementedError("call self.run and raise GitError(args, returncode, stderr) on failure")

    def init(self, branch: str = "main") -> None:
        """Create the directory (with parents) and an empty repository in it.

        The first branch is named ``branch`` whatever ``init.defaultBranch``
        says (``git init --initial-branch=NAME``).

        Args:
            branch: Name of the first branch.

        Raises:
            GitError: If git fails.
        """
        raise NotImplementedError("mkdir(parents=True, exist_ok=True), then git init --initial-branch")

    def write(self, files: Mapping[str, str | None]) -> None:
        """Write (or delete) files in the working tree.

        Args:
            files: Maps a ``/``-separated path relative to the working tree to
                its new text (written as UTF-8, parent directories created), or
                to None to delete the file (a missing file is fine).

        Raises:
            ValueError: If a path is empty, absolute, contains ``..`` or points
                into ``.git``. All paths are checked before anything is written.
        """
        raise NotImplementedError("validate every path first (PurePosixPath helps), then write or unlink")

    def commit(self, message: str, files: Mapping[str, str | None] | None = None) -> str:
        """Write ``files`` (if given), stage every change and commit.

        Author and committer come from the environment (``GIT_AUTHOR_NAME`` and
        friends) or from git config; this method never sets them itself.

        Args:
            message: The commit message; it may have several lines.
            files: Passed to `write` first; None commits what is already in the
                working tree.

        Returns:
            The full 40-character sha of the new commit.

        Raises:
            ValueError: If the message is empty or only whitespace, or a path is bad.
            GitError: If git fails, e.g. when there is nothing to commit
                (``git commit`` exits with 1 then).
        """
        raise NotImplementedError("write, git add --all, git commit --message, git rev-parse HEAD")

    def head(self) -> str | None:
        """Return the full sha of HEAD, or None when there is no commit yet.

        ``git rev-parse --verify --quiet HEAD`` exits non-zero in a new repository.
        """
        raise NotImplementedError("use self.run and look at the returncode")

    def current_branch(self) -> str | None:
        """Return the checked-out branch's short name, or None when HEAD is detached.

        A new repository without commits is on its first branch already
        (``git symbolic-ref --quiet --short HEAD`` knows; it exits 1 when detached).
        """
        raise NotImplementedError("use self.run with symbolic-ref")
