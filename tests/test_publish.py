"""`push` fills in the README's CI badge for GitHub remotes and leaves the placeholder for others."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git
from typer.testing import CliRunner

from scaffolder import curriculum, publish
from scaffolder.cli import app
from scaffolder.render import new_practice_repo

BUNDLED = curriculum.load()
STAGE = BUNDLED.stage("stage-01")
PLACEHOLDER = "_The CI status badge appears here after `roadmap push --remote"
runner = CliRunner()


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/ada/stage-05-python.git", "ada/stage-05-python"),
        ("https://github.com/ada/stage-05-python", "ada/stage-05-python"),
        ("https://github.com/ada/stage-05-python/", "ada/stage-05-python"),
        ("https://ada:ghp_secret@github.com/ada/stage.05.py.git", "ada/stage.05.py"),
        ("git@github.com:ada-l/stage-05-python.git", "ada-l/stage-05-python"),
        ("github.com:ada/stage-05-python", "ada/stage-05-python"),
        ("ssh://git@github.com/ada/stage-05-python.git", "ada/stage-05-python"),
        ("ssh://git@ssh.github.com:443/ada/stage-05-python.git", "ada/stage-05-python"),
        ("https://gitlab.com/ada/stage-05-python.git", None),
        ("git@gitlab.com:ada/stage-05-python.git", None),
        ("https://github.com.example.org/ada/stage-05-python.git", None),
        ("https://github.com/ada", None),
        ("git@github.com:ada/stage-05-python/extra.git", None),
        ("/srv/git/stage-05-python.git", None),
        ("file:///srv/git/github.com/ada/x.git", None),
    ],
)
def test_github_repository_from_a_url(url: str, repository: str | None) -> None:
    assert publish.github_repository(url) == repository


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("git@github.com:ada/stage-05-python.git", "https://github.com/ada/stage-05-python"),
        ("ssh://git@github.com/ada/stage-05-python.git", "https://github.com/ada/stage-05-python"),
        ("https://ada:secret@github.com/ada/stage-05-python.git", "https://github.com/ada/stage-05-python"),
        ("https://ada:secret@gitlab.example.org:8443/ada/stage-05.git", "https://gitlab.example.org:8443/ada/stage-05"),
        ("git@gitlab.com:ada/stage-05-python.git", None),
        ("/srv/git/stage-05-python.git", None),
        ("git://127.0.0.1:9418/x.git", None),
    ],
)
def test_web_url_never_carries_credentials(url: str, page: str | None) -> None:
    assert publish.web_url(url) == page


def test_redact_drops_http_credentials_only() -> None:
    assert publish.redact("https://ada:tok@github.com/a/b.git") == "https://github.com/a/b.git"
    assert publish.redact("ssh://git@github.com/a/b.git") == "ssh://git@github.com/a/b.git"
    assert publish.redact("/srv/a@b/x.git") == "/srv/a@b/x.git"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return new_practice_repo(BUNDLED, STAGE, tmp_path / STAGE.folder).path


def _github_remote(tmp_path: Path, url: str) -> Path:
    """Make url reach a bare repository on disk, through git's own `insteadOf` rewriting."""
    bare = tmp_path / "github.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare))
    git(tmp_path, "config", "--global", f"url.{bare}.insteadOf", url)
    return bare


def test_the_new_readme_has_the_placeholder_inside_the_badge_region(repo: Path) -> None:
    readme = (repo / "README.md").read_text()
    start, end = readme.index(publish.BADGE_START), readme.index(publish.BADGE_END)
    assert PLACEHOLDER in readme[start:end]
    assert f"git@github.com:YOU/{STAGE.folder}.git" in readme[start:end]


@pytest.mark.parametrize(
    "url", ["https://github.com/ada/stage-01-backend-basics.git", "git@github.com:ada/stage-01-backend-basics.git"]
)
def test_push_to_github_adds_the_badge_in_its_own_commit(repo: Path, tmp_path: Path, url: str) -> None:
    bare = _github_remote(tmp_path, url)
    start = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["push", str(repo), "--remote", url])
    assert result.exit_code == 0, result.output
    assert "Added the CI status badge of ada/stage-01-backend-basics to README.md" in result.output

    actions = "https://github.com/ada/stage-01-backend-basics/actions/workflows/ci.yml"
    badge = f"[![tests]({actions}/badge.svg)]({actions})"
    readme = (repo / "README.md").read_text()
    assert f"{publish.BADGE_START}\n{badge}\n{publish.BADGE_END}" in readme
    assert PLACEHOLDER not in readme
    assert git(repo, "log", "-1", "--format=%s") == "Show the CI status badge of ada/stage-01-backend-basics"
    assert git(repo, "rev-parse", "HEAD^") == start
    assert git(repo, "diff", "--name-only", "HEAD^", "HEAD") == "README.md"
    assert git(repo, "status", "--porcelain") == ""
    assert git(bare, "rev-parse", "main") == git(repo, "rev-parse", "HEAD"), "the badge commit was pushed"
    assert badge in git(bare, "show", "main:README.md")
    assert git(repo, "config", "--get", "remote.origin.url") == url

    again = runner.invoke(app, ["push", str(repo)])
    assert again.exit_code == 0, again.output
    assert "badge" not in again.output
    assert git(repo, "rev-list", "--count", "HEAD") == "2", "an unchanged badge is not committed again"


def test_push_elsewhere_keeps_the_placeholder(repo: Path, tmp_path: Path) -> None:
    before = (repo / "README.md").read_text()
    bare = tmp_path / "elsewhere.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare))
    result = runner.invoke(app, ["push", str(repo), "--remote", str(bare)])
    assert result.exit_code == 0, result.output
    assert "badge" not in result.output
    assert (repo / "README.md").read_text() == before
    assert git(repo, "rev-list", "--count", "HEAD") == "1"


def test_uncommitted_readme_edits_are_left_alone(repo: Path, tmp_path: Path) -> None:
    url = "https://github.com/ada/stage-01-backend-basics.git"
    bare = _github_remote(tmp_path, url)
    readme = repo / "README.md"
    edited = readme.read_text() + "\nMy notes.\n"
    readme.write_text(edited)
    head = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["push", str(repo), "--remote", url])
    assert result.exit_code == 0, result.output
    assert "README.md has uncommitted changes, so the CI status badge was not added" in result.output
    assert readme.read_text() == edited
    assert git(repo, "rev-parse", "HEAD") == head == git(bare, "rev-parse", "main")


def test_a_failed_push_to_github_changes_nothing(repo: Path, tmp_path: Path) -> None:
    url = "https://github.com/ada/stage-01-backend-basics.git"
    git(tmp_path, "config", "--global", f"url.{tmp_path / 'missing.git'}.insteadOf", url)
    readme = (repo / "README.md").read_text()
    head = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["push", str(repo), "--remote", url])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (repo / "README.md").read_text() == readme
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "remote") == ""
