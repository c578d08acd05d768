"""Order tasks so that every task runs after the tasks it depends on.

Deploy pipelines, database migrations, Airflow DAGs, service start-up and package
installers all face the same question: given "X needs Y first", in which order do we
run everything, and which tasks can never run because they wait on each other?
That is a topological sort of a directed graph.

Kahn's algorithm does it in O(V + E) time: count, for every task, how many of its
dependencies are unfinished; start with the tasks whose count is 0; each time a task
finishes, decrement the count of the tasks that depend on it and start those that
reach 0. Whatever never reaches 0 is on a cycle, or depends on one.

To make the plan reproducible (the same input always gives the same plan, which keeps
CI logs and diffs readable) always run the alphabetically smallest ready task next:
keep the ready tasks in a heap. Note ``graphlib.TopologicalSorter`` in the standard
library hands out ready tasks in batches; it does not give this order by itself.

The tests count how many times your code reads the dependency mapping: each task's
dependencies should be read once, not once per round.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping


class CycleError(ValueError):
    """Some tasks can never run because they (directly or indirectly) wait on each other.

    Attributes:
        blocked: Every task that could not be scheduled (the tasks on a cycle and the
            tasks that depend on them), sorted alphabetically.
    """

    def __init__(self, blocked: list[str]) -> None:
        self.blocked = blocked
        super().__init__(f"cannot order {len(blocked)} task(s) because of a dependency cycle: " + ", ".join(blocked))


def plan_order(dependencies: Mapping[str, Iterable[str]]) -> list[str]:
    """Return every task in an order that respects the dependencies.

    ``dependencies[task]`` lists the tasks that must finish before ``task`` starts.
    A task named only as someone's dependency (not a key) is a task with no
    dependencies of its own. Repeating a dependency has no extra effect.

    Among the tasks that are ready (all dependencies done), the alphabetically
    smallest (plain ``str`` ordering) runs next. Example::

        {"b": [], "a": ["b"], "c": []}  ->  ["b", "a", "c"]

    ("b" and "c" are ready; "b" runs; now "a" and "c" are ready and "a" < "c".)

    Args:
        dependencies: Task name -> the names it depends on. Read each value once.

    Returns:
        All tasks (keys and the names they mention), each exactly once; ``[]`` for an
        empty mapping.

    Raises:
        TypeError: A value is a ``str`` (``{"deploy": "build"}`` would otherwise be read
            as the dependencies "b", "u", "i", ...); wrap it in a list.
        CycleError: Some tasks can never become ready; its ``blocked`` attribute names
            them all, sorted.
    """
    waiting_on: dict[str, int] = {}
    dependents: dict[str, list[str]] = {}
    for task, needs in dependencies.items():
        if isinstance(needs, str):
            raise TypeError(f"dependencies of {task!r} is the string {needs!r}; use a list: [{needs!r}]")
        unique = set(needs)
        waiting_on[task] = waiting_on.get(task, 0) + len(unique)
        for need in unique:
            waiting_on.setdefault(need, 0)
            dependents.setdefault(need, []).append(task)

    ready = [task for task, count in waiting_on.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for follower in dependents.get(task, ()):
            waiting_on[follower] -= 1
            if waiting_on[follower] == 0:
                heapq.heappush(ready, follower)

    if len(order) < len(waiting_on):
        done = set(order)
        raise CycleError(sorted(task for task in waiting_on if task not in done))
    return order
