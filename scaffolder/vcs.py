"""Run git through GitPython's command interface: one git process per call."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from scaffolder.errors import GitError

IDENTITY_HELP = (
    "git does not know who you are, so it cannot record your work. Run:\n"
    '  git config --global user.name "Your Name"\n'
    '  git config --global user.email "you@example.com"\n'
    "then run the command again."
)


def require_git() -> None:
    """Raise GitError when no git executable is on PATH."""
    if shutil.which("git") is None:
        raise GitError("git is not installed or not on PATH; install git (https://git-scm.com/downloads) and try again")


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run `git ARGS` in cwd and return its standard output without the final newline."""
    return _execute(cwd, list(args), env, raw=False)  # type: ignore[return-value]


def blob(cwd: Path, spec: str) -> bytes:
    """Return a file's bytes at a revision, exactly: `git cat-file blob REV:PATH`."""
    return _execute(cwd, ["cat-file", "blob", spec], None, raw=True)  # type: ignore[return-value]


def _execute(cwd: Path, args: list[str], env: dict[str, str] | None, raw: bool) -> str | bytes:
    require_git()
    # GitPython looks for git when imported; we have checked for it ourselves above.
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import git as gitpython

    try:
        return gitpython.Git(str(cwd)).execute(
            ["git", *args], env=env, strip_newline_in_stdout=not raw, stdout_as_string=not raw
        )
    except gitpython.GitCommandNotFound:
        raise GitError("git is not installed or not on PATH; install git and try again") from None
    except gitpython.GitCommandError as error:
        detail = _stderr(error)
        if "Please tell me who you are" in detail or "unable to auto-detect email" in detail:
            raise GitError(IDENTITY_HELP) from None
        raise GitError(f"git {args[0]} failed: {detail}") from None


def succeeds(cwd: Path, *args: str) -> bool:
    """Return whether `git ARGS` exits with status 0."""
    try:
        run(cwd, *args)
    except GitError:
        return False
    return True


def has_identity(cwd: Path) -> bool:
    """Return whether git knows who is committing (user.name and user.email, or their variables)."""
    require_git()
    return succeeds(cwd, "var", "GIT_AUTHOR_IDENT") and succeeds(cwd, "var", "GIT_COMMITTER_IDENT")


def _stderr(error: Exception) -> str:
    text = str(getattr(error, "stderr", "") or error).strip()
    for prefix in ("stderr:", "stderr: '"):
        text = text.removeprefix(prefix).strip()
    lines = [line.strip().strip("'") for line in text.splitlines() if line.strip().strip("'")]
    return "; ".join(lines[-3:]) if lines else "no details"
