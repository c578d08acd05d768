"""Push a practice repo's branch and its milestone tags to its remote."""

from __future__ import annotations

from dataclasses import dataclass

from scaffolder import vcs
from scaffolder.errors import GitError
from scaffolder.practice_repo import PracticeRepo

REMOTE = "origin"


@dataclass(frozen=True)
class PushResult:
    """What `push` sent where."""

    remote: str
    url: str
    branch: str
    tags: tuple[str, ...]


def push(repo: PracticeRepo, remote_url: str | None = None) -> PushResult:
    """Push the current branch and the stage's milestone tags to origin, or to a URL that then becomes origin."""
    root = repo.root
    remotes = vcs.run(root, "remote").split()
    if not remote_url and REMOTE not in remotes:
        raise GitError(
            f"{root} has no remote called {REMOTE}; create an empty repository on GitHub and run "
            "`roadmap push --remote git@github.com:YOU/REPO.git`"
        )
    branch = vcs.run(root, "branch", "--show-current")
    if not branch:
        raise GitError(f"{root} is not on a branch (detached HEAD); run `git switch main` and push again")
    tags = tuple(vcs.run(root, "tag", "--list", f"{repo.stage_id}/*").split())
    pattern = f"refs/tags/{repo.stage_id}/*"
    # Push first and set origin only once the push worked, so a wrong URL changes nothing.
    vcs.run(
        root,
        "push",
        "--quiet",
        remote_url or REMOTE,
        f"refs/heads/{branch}:refs/heads/{branch}",
        f"{pattern}:{pattern}",
    )
    if remote_url:
        vcs.run(root, "remote", "set-url" if REMOTE in remotes else "add", REMOTE, remote_url)
        vcs.run(root, "fetch", "--quiet", REMOTE, f"refs/heads/{branch}:refs/remotes/{REMOTE}/{branch}")
    vcs.run(root, "branch", "--quiet", f"--set-upstream-to={REMOTE}/{branch}")
    return PushResult(REMOTE, vcs.run(root, "remote", "get-url", REMOTE), branch, tags)
