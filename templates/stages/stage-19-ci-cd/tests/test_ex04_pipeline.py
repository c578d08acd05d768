"""Tests for ex04: ordering and running CI jobs by their needs."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest
from practice.pipeline import (
    CycleError,
    PipelineError,
    execution_order,
    execution_waves,
    run_pipeline,
    validate,
)

DIAMOND = {"deploy": ["build"], "build": ["lint", "test"], "test": [], "lint": []}


def recorder(fail: dict[str, Exception] | None = None) -> tuple[list[str], dict[str, Callable[[], None]]]:
    calls: list[str] = []
    fail = fail or {}

    def make(job: str) -> Callable[[], None]:
        def run() -> None:
            calls.append(job)
            if job in fail:
                raise fail[job]

        return run

    return calls, {job: make(job) for job in ("lint", "test", "build", "deploy", "docs", "notify")}


def assert_valid_cycle(cycle: list[str], needs: dict[str, list[str]], members: set[str]) -> None:
    assert len(cycle) >= 2 and cycle[0] == cycle[-1], f"cycle should start and end with the same job, got {cycle!r}"
    assert set(cycle) == members, f"cycle should consist of {sorted(members)!r}, got {cycle!r}"
    assert len(cycle) == len(members) + 1, f"each job should appear once (plus the repeat at the end), got {cycle!r}"
    for job, need in pairwise(cycle):
        assert need in needs[job], f"in cycle {cycle!r}, {job!r} should need {need!r} but it does not"


@pytest.mark.parametrize(
    ("needs", "want"),
    [
        ({}, []),
        ({"only": []}, ["only"]),
        (DIAMOND, ["lint", "test", "build", "deploy"]),
        ({"c": [], "b": [], "a": []}, ["a", "b", "c"]),
        ({"z": [], "a": ["z"], "m": []}, ["m", "z", "a"]),
        ({"e2e": ["api", "web"], "api": ["db"], "web": [], "db": []}, ["db", "api", "web", "e2e"]),
    ],
    ids=["empty", "single", "diamond", "independent-sorted", "smallest-ready-first", "mixed"],
)
def test_execution_order(needs: dict[str, list[str]], want: list[str]) -> None:
    got = execution_order(needs)
    assert got == want, f"execution_order({needs!r}) should be {want!r}, got {got!r}"


def test_validate_normalises_needs() -> None:
    got = validate({"b": ("a", "a"), "a": [], "c": {"b", "a"}})
    want = {"b": ["a"], "a": [], "c": ["a", "b"]}
    assert got == want, f"validate should dedupe and sort needs, keeping job order, got {got!r}"
    assert list(got) == ["b", "a", "c"], f"job order should be kept, got {list(got)!r}"


@pytest.mark.parametrize(
    ("needs", "names"),
    [
        ({"deploy": ["biuld"], "build": []}, ["deploy", "biuld"]),
        ({"a": ["b"], "b": ["ghost"]}, ["b", "ghost"]),
        ({"": []}, []),
    ],
    ids=["typo", "deep", "empty-name"],
)
def test_unknown_jobs_raise_pipeline_error_naming_them(needs: dict[str, list[str]], names: list[str]) -> None:
    with pytest.raises(PipelineError) as info:
        validate(needs)
    assert not isinstance(info.value, CycleError), "an unknown job is not a cycle"
    for name in names:
        assert repr(name) in str(info.value), f"the error should name {name!r}: {info.value}"


@pytest.mark.parametrize(
    ("needs", "members"),
    [
        ({"a": ["a"]}, {"a"}),
        ({"a": ["b"], "b": ["a"]}, {"a", "b"}),
        ({"build": ["test"], "test": ["deploy"], "deploy": ["build"], "lint": []}, {"build", "test", "deploy"}),
        ({"x": ["y"], "y": ["z"], "z": ["y"]}, {"y", "z"}),
    ],
    ids=["self", "pair", "triangle", "tail-into-cycle"],
)
def test_cycles_are_named(needs: dict[str, list[str]], members: set[str]) -> None:
    with pytest.raises(CycleError) as info:
        execution_order(needs)
    assert isinstance(info.value, PipelineError), "CycleError should be a PipelineError"
    cycle = info.value.cycle
    assert_valid_cycle(cycle, needs, members)
    assert " -> ".join(cycle) in str(info.value), f"the message should show the cycle with ' -> ', got {info.value}"


def test_unknown_job_is_reported_before_a_cycle() -> None:
    with pytest.raises(PipelineError) as info:
        validate({"a": ["b"], "b": ["a", "missing"]})
    assert not isinstance(info.value, CycleError), f"report the unknown job first, got {info.value!r}"


@pytest.mark.parametrize(
    ("needs", "want"),
    [
        ({}, []),
        (DIAMOND, [["lint", "test"], ["build"], ["deploy"]]),
        ({"a": [], "b": ["a"], "c": ["a", "b"], "d": []}, [["a", "d"], ["b"], ["c"]]),
    ],
)
def test_execution_waves(needs: dict[str, list[str]], want: list[list[str]]) -> None:
    got = execution_waves(needs)
    assert got == want, f"execution_waves({needs!r}) should be {want!r}, got {got!r}"


def test_all_jobs_succeed() -> None:
    calls, runners = recorder()
    needs = {**DIAMOND, "docs": [], "notify": ["deploy", "docs"]}
    result = run_pipeline(needs, runners)
    assert calls == ["docs", "lint", "test", "build", "deploy", "notify"], f"runners called in order, got {calls!r}"
    assert result.ran == calls, f"result.ran should match the calls, got {result.ran!r}"
    assert result.ok, f"every job succeeded so ok should be True, statuses {result.statuses!r}"
    assert list(result.statuses) == calls, f"statuses should be in execution order, got {list(result.statuses)!r}"
    assert set(result.statuses.values()) == {"success"}, f"all statuses should be success, got {result.statuses!r}"


def test_failure_skips_dependents_but_not_independent_jobs() -> None:
    calls, runners = recorder({"test": AssertionError("2 tests failed")})
    needs = {**DIAMOND, "docs": [], "notify": ["deploy", "docs"]}
    result = run_pipeline(needs, runners)
    assert calls == ["docs", "lint", "test"], f"build, deploy and notify must not run after test fails, got {calls!r}"
    want = {
        "docs": "success",
        "lint": "success",
        "test": "failure",
        "build": "skipped",
        "deploy": "skipped",
        "notify": "skipped",
    }
    assert result.statuses == want, f"statuses should be {want!r}, got {result.statuses!r}"
    assert result.errors == {"test": "AssertionError: 2 tests failed"}, f"errors got {result.errors!r}"
    want_skip = {"build": ["test"], "deploy": ["build"], "notify": ["deploy"]}
    assert result.skipped_because == want_skip, (
        f"skipped_because should be {want_skip!r}, got {result.skipped_because!r}"
    )
    assert not result.ok, "a failed pipeline is not ok"


def test_fail_fast_cancels_everything_not_yet_run() -> None:
    calls, runners = recorder({"lint": RuntimeError("ruff found 3 errors")})
    needs = {**DIAMOND, "docs": []}
    result = run_pipeline(needs, {job: runners[job] for job in needs}, fail_fast=True)
    assert calls == ["docs", "lint"], f"with fail_fast no runner may start after lint fails, got {calls!r}"
    want = {"docs": "success", "lint": "failure", "test": "cancelled", "build": "cancelled", "deploy": "cancelled"}
    assert result.statuses == want, f"statuses should be {want!r}, got {result.statuses!r}"
    assert result.skipped_because == {}, f"cancelled jobs are not skipped, got {result.skipped_because!r}"


def test_runner_mismatch_and_invalid_graph_run_nothing() -> None:
    calls, runners = recorder()
    with pytest.raises(PipelineError) as info:
        run_pipeline({"lint": [], "typecheck": []}, {"lint": runners["lint"]})
    assert "typecheck" in str(info.value), f"the error should name the job without a runner: {info.value}"
    with pytest.raises(PipelineError):
        run_pipeline({"lint": []}, {"lint": runners["lint"], "extra": runners["docs"]})
    with pytest.raises(CycleError):
        run_pipeline({"lint": ["test"], "test": ["lint"]}, {"lint": runners["lint"], "test": runners["test"]})
    assert calls == [], f"no runner may be called for an invalid pipeline, got {calls!r}"


def test_keyboard_interrupt_is_not_swallowed_and_empty_pipeline_is_ok() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_pipeline({"a": []}, {"a": interrupted})
    result = run_pipeline({}, {})
    assert result.ok and result.statuses == {} and result.ran == [], f"an empty pipeline is ok, got {result!r}"
