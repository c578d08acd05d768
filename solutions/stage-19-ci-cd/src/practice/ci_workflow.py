"""A GitHub Actions CI workflow built as data, then rendered to YAML.

Writing a workflow as a Python dict (and rendering it) instead of editing
YAML by hand lets you validate it, test it and generate it for many
repositories. It also forces you to get the hardening details right:

* ``permissions: {contents: read}`` so the workflow's token can read the
  code and do nothing else (least privilege),
* ``persist-credentials: false`` on ``actions/checkout`` so the token is not
  left in ``.git/config`` for every later step to read,
* a ``timeout-minutes`` so a hung test cannot burn six hours of runner time,
* actions pinned to a major version (``actions/checkout@v4``), never a branch,
* a matrix of Python versions written as strings: in YAML ``3.10`` is the
  float 3.1, a classic CI bug.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

CHECKOUT_ACTION = "actions/checkout@v4"
SETUP_PYTHON_ACTION = "actions/setup-python@v5"
MAX_TIMEOUT_MINUTES = 360

_VERSION_RE = re.compile(r"3\.(0|[1-9][0-9]*)")


def build_ci_workflow(
    python_versions: Sequence[str],
    *,
    requirements: Sequence[str] = (),
    branches: Sequence[str] = ("main",),
    timeout_minutes: int = 15,
    name: str = "tests",
) -> dict[str, Any]:
    """Build a hardened CI workflow that runs pytest on a matrix of Pythons.

    The result has exactly these top-level keys, in this order::

        name, on, permissions, concurrency, jobs

    * ``name``: ``name``.
    * ``on``: ``{"push": {"branches": [...]}, "pull_request": {"branches": [...]}}``
      with the given branches (a new list each, in the given order).
    * ``permissions``: ``{"contents": "read"}``.
    * ``concurrency``: ``{"group": "${{ github.workflow }}-${{ github.ref }}",
      "cancel-in-progress": True}``.
    * ``jobs``: one job with id ``"test"``::

        {
            "name": "Python ${{ matrix.python-version }}",
            "runs-on": "ubuntu-latest",
            "timeout-minutes": timeout_minutes,
            "strategy": {"fail-fast": False, "matrix": {"python-version": versions}},
            "steps": [checkout, setup_python, install, run_tests],
        }

      ``versions`` is ``python_versions`` sorted by minor number (so
      ``"3.9"`` comes before ``"3.10"``). The four steps, each a dict:

      1. ``{"name": "Check out the code", "uses": CHECKOUT_ACTION,
         "with": {"persist-credentials": False}}``
      2. ``{"name": "Set up Python", "uses": SETUP_PYTHON_ACTION,
         "with": {"python-version": "${{ matrix.python-version }}"}}``
      3. ``{"name": "Install dependencies", "run": "python -m pip install ARGS"}``
         where ARGS is ``"pytest"`` followed by every requirement, each
         passed through ``shlex.quote`` and joined with single spaces.
      4. ``{"name": "Run the tests", "run": "python -m pytest"}``

    Args:
        python_versions: CPython versions as strings ``"3.N"`` (N without a
            leading zero), for example ``["3.11", "3.12"]``.
        requirements: extra pip requirement strings, e.g. ``"pyyaml>=6"``.
        branches: branch names that trigger the workflow.
        timeout_minutes: job timeout, an ``int`` from 1 to 360 (GitHub's
            maximum for a job on hosted runners).
        name: the workflow name shown in the Actions tab.

    Returns:
        A new dict each call, ready for ``render_workflow``.

    Raises:
        TypeError: if ``python_versions`` is a single ``str``, or any
            version is not a ``str`` (a float such as ``3.10`` would silently
            become 3.1).
        ValueError: if there are no versions, a version does not match
            ``3.N``, a version is repeated, ``timeout_minutes`` is not an int
            in 1..360 (``bool`` is not accepted), ``branches`` is empty or
            holds an empty/blank name, or a requirement is empty/blank.
    """
    if isinstance(python_versions, str):
        raise TypeError("python_versions must be a list of strings such as ['3.11', '3.12'], not one string")
    versions = list(python_versions)
    if not versions:
        raise ValueError("python_versions must not be empty")
    for version in versions:
        if not isinstance(version, str):
            raise TypeError(f"python version {version!r} must be a string such as '3.12' (YAML turns 3.10 into 3.1)")
        if not _VERSION_RE.fullmatch(version):
            raise ValueError(f"python version {version!r} must look like '3.N', for example '3.12'")
    if len(set(versions)) != len(versions):
        raise ValueError(f"python versions must be unique, got {versions!r}")
    versions.sort(key=lambda v: int(v.split(".")[1]))

    if isinstance(timeout_minutes, bool) or not isinstance(timeout_minutes, int):
        raise ValueError(f"timeout_minutes must be an int, got {timeout_minutes!r}")
    if not 1 <= timeout_minutes <= MAX_TIMEOUT_MINUTES:
        raise ValueError(f"timeout_minutes must be between 1 and {MAX_TIMEOUT_MINUTES}, got {timeout_minutes}")

    branch_list = list(branches)
    if not branch_list or any(not isinstance(b, str) or not b.strip() for b in branch_list):
        raise ValueError(f"branches must be a non-empty list of branch names, got {branch_list!r}")
    if any(not isinstance(r, str) or not r.strip() for r in requirements):
        raise ValueError(f"requirements must be non-empty strings, got {list(requirements)!r}")

    install_args = " ".join(shlex.quote(arg) for arg in ["pytest", *requirements])
    return {
        "name": name,
        "on": {
            "push": {"branches": list(branch_list)},
            "pull_request": {"branches": list(branch_list)},
        },
        "permissions": {"contents": "read"},
        "concurrency": {
            "group": "${{ github.workflow }}-${{ github.ref }}",
            "cancel-in-progress": True,
        },
        "jobs": {
            "test": {
                "name": "Python ${{ matrix.python-version }}",
                "runs-on": "ubuntu-latest",
                "timeout-minutes": timeout_minutes,
                "strategy": {"fail-fast": False, "matrix": {"python-version": versions}},
                "steps": [
                    {
                        "name": "Check out the code",
                        "uses": CHECKOUT_ACTION,
                        "with": {"persist-credentials": False},
                    },
                    {
                        "name": "Set up Python",
                        "uses": SETUP_PYTHON_ACTION,
                        "with": {"python-version": "${{ matrix.python-version }}"},
                    },
                    {"name": "Install dependencies", "run": f"python -m pip install {install_args}"},
                    {"name": "Run the tests", "run": "python -m pytest"},
                ],
            }
        },
    }


def render_workflow(workflow: Mapping[str, Any]) -> str:
    """Render a workflow mapping as YAML text that GitHub reads back unchanged.

    Requirements:

    * Keys keep their insertion order (do not sort them).
    * Block style (one key per line), not ``{...}`` flow style.
    * ``yaml.safe_load(render_workflow(w)) == w`` for any workflow made of
      dicts, lists, str, int, float, bool and None. In particular the key
      ``"on"`` must come back as the string ``"on"`` (a bare ``on:`` is the
      boolean True in YAML 1.1) and ``"3.10"`` must stay a string.
    * Non-ASCII text is written as is (``allow_unicode``), not escaped.
    * The text ends with exactly one newline.

    Raises:
        TypeError: if ``workflow`` is not a Mapping.
        ValueError: if ``workflow`` has no ``"jobs"`` key.
    """
    if not isinstance(workflow, Mapping):
        raise TypeError(f"workflow must be a mapping, got {type(workflow).__name__}")
    if "jobs" not in workflow:
        raise ValueError("a workflow needs a 'jobs' key")
    text = yaml.safe_dump(dict(workflow), sort_keys=False, default_flow_style=False, allow_unicode=True, width=1000)
    return text.rstrip("\n") + "\n"
