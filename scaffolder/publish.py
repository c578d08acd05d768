"""Push a practice repo's branch and its milestone tags to its remote, with a CI badge for GitHub."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scaffolder import vcs
from scaffolder.errors import GitError
from scaffolder.practice_repo import PracticeRepo

REMOTE = "origin"
README = "README.md"
BADGE_START = "<!-- roadmap:badge -->"
BADGE_END = "<!-- /roadmap:badge -->"
_BADGE_REGION = re.compile(re.escape(BADGE_START) + r".*?" + re.escape(BADGE_END), re.DOTALL)
_NAME = r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?"
_GITHUB = (
    re.compile(r"(?:https?|git)://(?:[^@/]+@)?github\.com(?::\d+)?/" + _NAME),
    re.compile(r"ssh://(?:[^@/]+@)?(?:ssh\.)?github\.com(?::\d+)?/" + _NAME),
    re.compile(r"(?:[^@/:]+@)?github\.com:" + _NAME),
)


@dataclass(frozen=True)
class PushResult:
    """What `push` sent where, and what became of the README's CI badge.

    `badge` is `added` (committed and pushed), `current` (already there), `readme-changed`
    (README.md has uncommitted changes, so it was left alone), `no-region` (README.md has no
    badge region) or `not-github` (origin is not a GitHub repository).
    """

    remote: str
    url: str
    branch: str
    tags: tuple[str, ...]
    badge: str = "not-github"
    repository: str | None = None


def push(repo: PracticeRepo, remote_url: str | None = None) -> PushResult:
    """Push the current branch and the stage's milestone tags to origin, or to a URL that then becomes origin.

    When the remote is a GitHub repository, the README's badge region gets that repository's
    CI status badge, in a commit of its own that is pushed with the branch.
    """
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
    # The URL as the learner wrote it, before any `insteadOf` rewriting, names their repository.
    repository = github_repository(remote_url or vcs.run(root, "config", "--get", f"remote.{REMOTE}.url"))
    badge, badge_commit = _badge_commit(root, repository) if repository else ("not-github", None)
    tags = tuple(vcs.run(root, "tag", "--list", f"{repo.stage_id}/*").split())
    pattern = f"refs/tags/{repo.stage_id}/*"
    # Push first and set origin only once the push worked, so a wrong URL changes nothing.
    # The badge commit is made beside the branch and becomes part of it only after the push.
    vcs.run(
        root,
        "push",
        "--quiet",
        remote_url or REMOTE,
        f"{badge_commit or f'refs/heads/{branch}'}:refs/heads/{branch}",
        f"{pattern}:{pattern}",
    )
    if badge_commit:
        _adopt(root, branch, badge_commit, f"Show the CI status badge of {repository}")
    if remote_url:
        vcs.run(root, "remote", "set-url" if REMOTE in remotes else "add", REMOTE, remote_url)
        vcs.run(root, "fetch", "--quiet", REMOTE, f"refs/heads/{branch}:refs/remotes/{REMOTE}/{branch}")
    vcs.run(root, "branch", "--quiet", f"--set-upstream-to={REMOTE}/{branch}")
    return PushResult(REMOTE, vcs.run(root, "remote", "get-url", REMOTE), branch, tags, badge, repository)


def _badge_commit(root: Path, repository: str) -> tuple[str, str | None]:
    """Return what becomes of the badge, and a commit on top of HEAD that shows it when one is needed."""
    try:
        text = vcs.blob(root, f"HEAD:{README}").decode("utf-8")
    except (GitError, UnicodeDecodeError):
        return "no-region", None
    if not _BADGE_REGION.search(text):
        return "no-region", None
    updated = _BADGE_REGION.sub(lambda _: badge_region(repository), text, count=1)
    if updated == text:
        return "current", None
    if not vcs.succeeds(root, "diff", "--quiet", "HEAD", "--", README):
        # The learner's own edits are theirs to commit; the badge waits for the next push.
        return "readme-changed", None
    if not vcs.has_identity(root):
        raise GitError(vcs.IDENTITY_HELP)
    head = vcs.run(root, "rev-parse", "HEAD")
    mode = vcs.run(root, "ls-tree", head, "--", README).split()[0]
    with tempfile.TemporaryDirectory(prefix="roadmap-badge-") as scratch:
        draft = Path(scratch) / README
        draft.write_bytes(updated.encode("utf-8"))
        blob = vcs.run(root, "hash-object", "-w", "--no-filters", str(draft))
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        vcs.run(root, "read-tree", head, env=env)
        vcs.run(root, "update-index", "--cacheinfo", f"{mode},{blob},{README}", env=env)
        tree = vcs.run(root, "write-tree", env=env)
    commit = vcs.run(root, "commit-tree", tree, "-p", head, "-m", f"Show the CI status badge of {repository}")
    return "added", commit


def _adopt(root: Path, branch: str, commit: str, summary: str) -> None:
    """Move the branch to the pushed badge commit and bring README.md in the index and folder along."""
    vcs.run(root, "update-ref", "-m", f"roadmap push: {summary}", f"refs/heads/{branch}", commit, f"{commit}^")
    vcs.run(root, "reset", "--quiet", "--", README)
    vcs.run(root, "checkout", "--", README)


def badge_region(repository: str) -> str:
    """Return the README's badge region showing the CI status of a GitHub repository (`owner/name`)."""
    actions = f"https://github.com/{repository}/actions/workflows/ci.yml"
    return f"{BADGE_START}\n[![tests]({actions}/badge.svg)]({actions})\n{BADGE_END}"


def github_repository(url: str) -> str | None:
    """Return `owner/name` when url (https, ssh or scp-like) points at a GitHub repository, else None."""
    for pattern in _GITHUB:
        match = pattern.fullmatch(url.strip())
        if match:
            return f"{match['owner']}/{match['repo']}"
    return None


def web_url(url: str) -> str | None:
    """Return the web page of a remote: GitHub's for any GitHub URL, the URL itself for other https ones.

    Credentials in the URL are left out. Local paths and other transports have no web page: None.
    """
    repository = github_repository(url)
    if repository:
        return f"https://github.com/{repository}"
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    host = parts.hostname + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, host, parts.path.removesuffix("/").removesuffix(".git"), "", ""))


def redact(url: str) -> str:
    """Return url without the user name and password an http(s) URL may carry."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
