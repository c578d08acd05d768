"""A portfolio for a GitHub profile README: the stages a learner started or completed, from their milestones."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scaffolder import progress, publish, vcs
from scaffolder.curriculum import Curriculum, Stage
from scaffolder.errors import GitError, WorkspaceError
from scaffolder.progress import StageProgress

PICTURE = "roadmap.svg"


@dataclass(frozen=True)
class PortfolioStage:
    """One stage as the portfolio shows it."""

    stage: Stage
    state: str
    done: int
    total: int
    started: date | None
    completed: date | None
    last_milestone: date | None
    repository: str | None

    @property
    def skills(self) -> tuple[str, ...]:
        """Return the skills the stage proved: all of its skills once it is complete, none before."""
        return self.stage.skills if self.state == "complete" else ()


@dataclass(frozen=True)
class Portfolio:
    """The stages started or completed under a workspace, in roadmap order."""

    workspace: Path
    stages: tuple[PortfolioStage, ...]
    roadmap_stages: int
    picture: str | None = None

    @property
    def complete(self) -> int:
        """Return how many stages are complete."""
        return sum(entry.state == "complete" for entry in self.stages)


def build(curriculum: Curriculum, workspace: Path) -> Portfolio:
    """Return the portfolio of every stage started or completed in the practice repos under workspace.

    When one stage has several practice repos (a clone, say), the one furthest along is shown.
    A `roadmap.svg` in the workspace is embedded as the roadmap picture.
    """
    folder = workspace.expanduser().resolve()
    if not folder.is_dir():
        raise WorkspaceError(f"{folder} is not a folder; pass the folder that holds your practice repos")
    found = [p for p in progress.of_workspace(curriculum, folder) if p.problem is None and p.state != "not started"]
    best: dict[str, tuple[StageProgress, str | None]] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(progress.readers(), len(found)))) as pool:
        for entry, page in zip(found, pool.map(_repository_page, found), strict=True):
            rank = (entry.state == "complete", len(entry.done), page is not None)
            kept = best.get(entry.stage.id)
            if kept is None or rank > (kept[0].state == "complete", len(kept[0].done), kept[1] is not None):
                best[entry.stage.id] = (entry, page)
    stages = tuple(_entry(*best[stage.id]) for stage in curriculum.stages if stage.id in best)
    picture = PICTURE if (folder / PICTURE).is_file() else None
    return Portfolio(folder, stages, len(curriculum.stages), picture)


def _repository_page(found: StageProgress) -> str | None:
    try:
        url = vcs.run(found.repo.root, "config", "--get", f"remote.{publish.REMOTE}.url")
    except GitError:
        return None
    return publish.web_url(url)


def _entry(found: StageProgress, page: str | None) -> PortfolioStage:
    return PortfolioStage(
        stage=found.stage,
        state=found.state,
        done=len(found.done),
        total=found.total,
        started=found.started.date() if found.started else None,
        completed=found.completed.date() if found.completed else None,
        last_milestone=found.last_activity.date() if found.last_activity else None,
        repository=page,
    )


def markdown(portfolio: Portfolio) -> str:
    """Return the portfolio as Markdown for a GitHub profile README."""
    in_progress = len(portfolio.stages) - portfolio.complete
    lines = [
        "## Backend developer roadmap",
        "",
        f"{portfolio.complete} of {portfolio.roadmap_stages} stages complete, {in_progress} in progress. "
        "Each stage is a practice repository whose milestones are git tags, recorded when its tests passed.",
        "",
    ]
    if portfolio.picture:
        lines += [f"![Progress through the backend developer roadmap]({portfolio.picture})", ""]
    for entry in portfolio.stages:
        lines += [f"### Stage {entry.stage.number}: {entry.stage.title}", "", _summary(entry), ""]
        if entry.skills:
            lines += ["Skills proved:", "", *(f"- {skill}" for skill in entry.skills), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(entry: PortfolioStage) -> str:
    if entry.state == "complete":
        text = f"✅ Complete: all {entry.total} exercises"
        if entry.completed:
            text += f", finished {entry.completed.isoformat()}"
    else:
        text = f"🚧 In progress: {entry.done} of {entry.total} exercises"
        if entry.last_milestone and entry.last_milestone != entry.started:
            text += f", last milestone {entry.last_milestone.isoformat()}"
    if entry.started:
        text += f" (started {entry.started.isoformat()})"
    if entry.repository:
        name = entry.repository.removeprefix("https://").removeprefix("http://").removeprefix("github.com/")
        text += f". Code: [{name}]({entry.repository})"
    return text + "."
