"""The errors roadmap raises: each carries a message written for a person."""

from __future__ import annotations


class RoadmapError(Exception):
    """Something the user can fix; the message says what happened and what to do."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CurriculumError(RoadmapError):
    """stages.yaml cannot be read or does not follow the schema."""


class UnknownStageError(RoadmapError):
    """No stage with that id, number or slug in the curriculum."""


class UnknownExerciseError(RoadmapError):
    """No exercise with that id in the stage."""


class NoExercisesError(RoadmapError):
    """The stage has no exercises yet, so there is nothing to practise."""


class UntrustedTemplateError(RoadmapError):
    """The curriculum's templates run commands and the user has not said they trust them."""


class DestinationError(RoadmapError):
    """The destination for a new practice repo cannot be used."""


class NotAPracticeRepoError(RoadmapError):
    """The folder is not inside a practice repo made by roadmap."""


class GitError(RoadmapError):
    """git is missing, unconfigured, or refused an operation."""


class TestRunError(RoadmapError):
    """The tests could not be run or did not finish."""

    __test__ = False


class WorkspaceError(RoadmapError):
    """The workspace folder does not exist or is not a folder."""


class RosterError(RoadmapError):
    """The cohort roster cannot be read or has a malformed line."""
