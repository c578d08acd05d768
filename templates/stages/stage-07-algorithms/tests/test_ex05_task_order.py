"""Tests for ex05: topological ordering of dependent tasks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pytest
from practice.task_order import CycleError, plan_order


class CountingDependencies(Mapping[str, Iterable[str]]):
    """A read-only dependency mapping that counts how often values are read."""

    def __init__(self, data: dict[str, list[str]], budget: int) -> None:
        self._data = data
        self.budget = budget
        self.reads = 0

    def __getitem__(self, task: str) -> list[str]:
        self.reads += 1
        assert self.reads <= self.budget, (
            f"the dependencies were read more than {self.budget} times for "
            f"{len(self._data)} tasks: read each task's list once (one pass over "
            ".items()), not once per round of the algorithm"
        )
        return self._data[task]

    def __contains__(self, task: object) -> bool:
        return task in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def assert_valid_plan(dependencies: Mapping[str, Iterable[str]], plan: list[str]) -> None:
    """Fail unless ``plan`` holds every task once and puts dependencies first."""
    tasks = set(dependencies) | {d for needs in dependencies.values() for d in needs}
    assert sorted(plan) == sorted(tasks), (
        f"the plan must contain every task exactly once; missing {sorted(tasks - set(plan))}, "
        f"length {len(plan)} for {len(tasks)} tasks"
    )
    position = {task: i for i, task in enumerate(plan)}
    for task, needs in dependencies.items():
        for need in needs:
            assert position[need] < position[task], f"{need!r} must come before {task!r}"


@pytest.mark.parametrize(
    ("dependencies", "want"),
    [
        ({}, []),
        ({"b": [], "a": ["b"], "c": []}, ["b", "a", "c"]),
        (
            {"deploy": ["test", "build"], "test": ["build"], "build": ["lint"], "lint": []},
            ["lint", "build", "test", "deploy"],
        ),
        ({"app": ["db", "cache"]}, ["cache", "db", "app"]),
        ({"a": ["b", "b"], "b": []}, ["b", "a"]),
        ({"a": ("b",), "b": set()}, ["b", "a"]),
        ({"\u00fcn\u00efcode": [], "zeta": [], "\u00c9mile": []}, ["zeta", "\u00c9mile", "\u00fcn\u00efcode"]),
    ],
    ids=["empty", "smallest-ready-first", "pipeline", "dependency-only", "repeated", "tuples", "unicode"],
)
def test_plan_order_examples(dependencies: dict[str, Iterable[str]], want: list[str]) -> None:
    got = plan_order(dependencies)
    assert got == want, (
        f"plan_order({dependencies!r}) should be {want} (dependencies first, then the "
        f"alphabetically smallest ready task), got {got}"
    )


def test_plan_of_a_larger_graph_respects_every_edge() -> None:
    dependencies = {f"t{i:02d}": [f"t{j:02d}" for j in range(i) if (i * j) % 7 == 3] for i in range(60)}
    snapshot = {task: list(needs) for task, needs in dependencies.items()}
    plan = plan_order(dependencies)
    assert_valid_plan(dependencies, plan)
    assert dependencies == snapshot, "plan_order must not modify the mapping it was given"


@pytest.mark.parametrize(
    ("dependencies", "blocked"),
    [
        ({"a": ["a"]}, ["a"]),
        ({"a": ["b"], "b": ["a"], "c": ["a"], "d": []}, ["a", "b", "c"]),
        ({"x": ["y"], "y": ["z"], "z": ["x"], "w": ["v"]}, ["x", "y", "z"]),
        ({"migrate": ["seed"], "seed": ["migrate"], "serve": ["migrate", "assets"]}, ["migrate", "seed", "serve"]),
    ],
)
def test_cycles_raise_cycle_error_naming_the_blocked_tasks(
    dependencies: dict[str, list[str]], blocked: list[str]
) -> None:
    with pytest.raises(CycleError) as caught:
        plan_order(dependencies)
    assert caught.value.blocked == blocked, (
        f"for {dependencies!r} the blocked tasks should be {blocked}, got {caught.value.blocked!r}"
    )
    assert isinstance(caught.value, ValueError), "CycleError must stay a ValueError"
    for task in blocked:
        assert task in str(caught.value), f"the error message should name {task!r}: {caught.value}"


@pytest.mark.parametrize("value", ["build", ""])
def test_string_instead_of_list_raises_type_error(value: str) -> None:
    with pytest.raises(TypeError):
        plan_order({"deploy": value, "build": []})  # type: ignore[dict-item]


@pytest.mark.parametrize("size", [300, 1_500])
def test_each_dependency_list_is_read_once_for_a_long_chain(size: int) -> None:
    chain = {f"step-{i:05d}": [f"step-{i - 1:05d}"] if i else [] for i in reversed(range(size))}
    dependencies = CountingDependencies(chain, budget=2 * size)
    plan = plan_order(dependencies)
    want = [f"step-{i:05d}" for i in range(size)]
    assert plan == want, f"a chain must run in chain order; first items {plan[:3]}, want {want[:3]}"


def test_each_dependency_list_is_read_once_for_a_wide_fan_in() -> None:
    size = 1_500
    data = {f"worker-{i:04d}": ["config"] for i in range(size)}
    data["release"] = sorted(data)
    data["config"] = []
    dependencies = CountingDependencies(data, budget=2 * len(data))
    plan = plan_order(dependencies)
    assert plan[0] == "config" and plan[-1] == "release", (
        f"config must run first and release last, got {plan[0]!r} ... {plan[-1]!r}"
    )
    assert_valid_plan(data, plan)
