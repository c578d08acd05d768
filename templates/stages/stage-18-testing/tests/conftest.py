"""Grading helpers for the testing stage.

In this stage YOU write the checks. Each test file here holds a correct
implementation plus several "mutants" (subtly broken copies). A good check
passes on the correct implementation and fails on every mutant, exactly like
a good test suite fails when someone introduces a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("practice-grading", derandomize=True, database=None, deadline=None, print_blob=False)
settings.load_profile("practice-grading")

Outcome = Callable[..., BaseException | None]


def _run_check(check: Callable[..., Any], *implementation: Any) -> BaseException | None:
    """Run ``check(*implementation)``.

    Returns None if the check finished without raising, or the exception it
    raised (a failed ``assert``, ``pytest.raises`` reporting DID NOT RAISE, a
    Hypothesis falsifying example, or an error escaping from the code under
    test). ``NotImplementedError`` is re-raised: it means the check is not
    written yet.
    """
    try:
        check(*implementation)
    except NotImplementedError:
        raise
    except pytest.fail.Exception as exc:
        return exc
    except Exception as exc:
        return exc
    return None


@pytest.fixture
def outcome() -> Outcome:
    """``outcome(check, *impl)`` -> None if the check passed, else what it raised."""
    return _run_check


def describe(exc: BaseException | None) -> str:
    """A short description of a check's failure for assertion messages."""
    if exc is None:
        return "it passed"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


@pytest.fixture
def explain() -> Callable[[BaseException | None], str]:
    """``explain(exc)`` -> a one-line description of a check's failure."""
    return describe
