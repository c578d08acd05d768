"""Tests for ex01: a hardened GitHub Actions workflow built as data."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from practice.ci_workflow import build_ci_workflow, render_workflow

PINNED_MAJOR = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@v[0-9]+")


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    jobs = workflow.get("jobs", {})
    assert list(jobs) == ["test"], f"the workflow should have exactly one job called 'test', got {list(jobs)!r}"
    return jobs["test"]["steps"]


def schema_errors(validator: Draft202012Validator, workflow: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(workflow)]


@pytest.mark.parametrize(
    "versions",
    [["3.12"], ["3.11", "3.12"], ["3.9", "3.10", "3.11", "3.12", "3.13"]],
    ids=["one", "two", "five"],
)
def test_workflow_passes_the_schema(workflow_validator: Draft202012Validator, versions: list[str]) -> None:
    workflow = build_ci_workflow(versions, requirements=["pyyaml>=6"])
    errors = schema_errors(workflow_validator, workflow)
    assert errors == [], f"build_ci_workflow({versions!r}) is not a valid workflow: {errors}"
    assert list(workflow) == ["name", "on", "permissions", "concurrency", "jobs"], (
        f"top-level keys should be name, on, permissions, concurrency, jobs in that order, got {list(workflow)!r}"
    )


def test_token_has_least_privilege_and_checkout_drops_credentials() -> None:
    workflow = build_ci_workflow(["3.12"])
    assert workflow["permissions"] == {"contents": "read"}, (
        f"permissions should be exactly {{'contents': 'read'}} (least privilege), got {workflow['permissions']!r}"
    )
    checkout = [s for s in steps_of(workflow) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkout) == 1, f"there should be one actions/checkout step, got {checkout!r}"
    got = checkout[0].get("with", {}).get("persist-credentials")
    assert got is False, f"checkout should set with: persist-credentials to the boolean False, got {got!r}"


def test_every_action_is_pinned_to_a_major_version_and_steps_are_in_order() -> None:
    steps = steps_of(build_ci_workflow(["3.11", "3.12"]))
    uses = [s["uses"] for s in steps if "uses" in s]
    assert len(uses) == 2, f"expected two 'uses' steps (checkout and setup-python), got {uses!r}"
    for ref in uses:
        assert PINNED_MAJOR.fullmatch(ref), f"action {ref!r} should be pinned to a major version tag like '@v4'"
    names = [s.get("name") for s in steps]
    want = ["Check out the code", "Set up Python", "Install dependencies", "Run the tests"]
    assert names == want, f"step names should be {want!r}, got {names!r}"
    setup = steps[1]
    assert setup["uses"].startswith("actions/setup-python@"), f"step 2 should use actions/setup-python, got {setup!r}"
    got = setup.get("with", {}).get("python-version")
    assert got == "${{ matrix.python-version }}", f"setup-python should read the matrix version, got {got!r}"
    assert steps[3].get("run") == "python -m pytest", f"the last step should run 'python -m pytest', got {steps[3]!r}"


@pytest.mark.parametrize(
    ("given", "want"),
    [
        (["3.12", "3.9", "3.10"], ["3.9", "3.10", "3.12"]),
        (["3.13", "3.11"], ["3.11", "3.13"]),
        (["3.8"], ["3.8"]),
    ],
)
def test_matrix_is_sorted_by_minor_number(given: list[str], want: list[str]) -> None:
    before = list(given)
    job = build_ci_workflow(given)["jobs"]["test"]
    got = job["strategy"]["matrix"]["python-version"]
    assert got == want, f"matrix for {given!r} should be sorted numerically (3.9 < 3.10) as {want!r}, got {got!r}"
    assert job["strategy"]["fail-fast"] is False, "fail-fast should be False so one version failing shows all results"
    assert job["runs-on"] == "ubuntu-latest", f"runs-on should be 'ubuntu-latest', got {job['runs-on']!r}"
    assert given == before, f"build_ci_workflow must not sort the caller's list in place, it became {given!r}"


@pytest.mark.parametrize("minutes", [1, 15, 360])
def test_timeout_is_set(minutes: int) -> None:
    job = build_ci_workflow(["3.12"], timeout_minutes=minutes)["jobs"]["test"]
    assert job.get("timeout-minutes") == minutes, (
        f"timeout-minutes should be {minutes}, got {job.get('timeout-minutes')!r}"
    )


def test_default_timeout_and_concurrency() -> None:
    workflow = build_ci_workflow(["3.12"])
    assert workflow["jobs"]["test"]["timeout-minutes"] == 15, "the default timeout should be 15 minutes"
    want = {"group": "${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": True}
    assert workflow["concurrency"] == want, f"concurrency should be {want!r}, got {workflow['concurrency']!r}"


@pytest.mark.parametrize("minutes", [0, -5, 361, True, 15.0, "15"], ids=repr)
def test_bad_timeout_raises_value_error(minutes: Any) -> None:
    with pytest.raises(ValueError):
        build_ci_workflow(["3.12"], timeout_minutes=minutes)


@pytest.mark.parametrize(
    "versions",
    [[], ["3"], ["3.x"], ["2.7"], ["3.09"], [" 3.12"], ["3.12", "3.12"], ["\u0033.\u0661\u0662"]],
    ids=["empty", "no-minor", "letter", "python2", "leading-zero", "space", "duplicate", "arabic-digits"],
)
def test_bad_versions_raise_value_error(versions: list[str]) -> None:
    with pytest.raises(ValueError):
        build_ci_workflow(versions)


@pytest.mark.parametrize("versions", [[3.10], ["3.11", 3.12], "3.12"], ids=["float", "mixed", "bare-string"])
def test_versions_that_are_not_lists_of_strings_raise_type_error(versions: Any) -> None:
    with pytest.raises(TypeError):
        build_ci_workflow(versions)


@pytest.mark.parametrize(
    "requirements",
    [[], ["pyyaml>=6"], ["pyyaml>=6", "jsonschema>=4", "requests[socks] ; python_version < '3.13'"]],
    ids=["none", "one", "with-shell-characters"],
)
def test_install_step_quotes_requirements(requirements: list[str]) -> None:
    install = steps_of(build_ci_workflow(["3.12"], requirements=requirements))[2]
    run = install.get("run", "")
    got = shlex.split(run)
    want = ["python", "-m", "pip", "install", "pytest", *requirements]
    assert got == want, f"the install step should split (as the shell would) into {want!r}, got {got!r} from {run!r}"


def test_branches_trigger_push_and_pull_request_and_bad_inputs_fail() -> None:
    workflow = build_ci_workflow(["3.12"], branches=["main", "release/1.x"])
    want = {"push": {"branches": ["main", "release/1.x"]}, "pull_request": {"branches": ["main", "release/1.x"]}}
    assert workflow["on"] == want, f"'on' should be {want!r}, got {workflow['on']!r}"
    assert workflow["on"]["push"]["branches"] is not workflow["on"]["pull_request"]["branches"], (
        "push and pull_request should get separate lists (YAML would otherwise write an anchor &id001)"
    )
    for bad in ([], [""], ["  "]):
        with pytest.raises(ValueError):
            build_ci_workflow(["3.12"], branches=bad)
    with pytest.raises(ValueError):
        build_ci_workflow(["3.12"], requirements=["pyyaml", " "])


def test_render_round_trips_through_yaml_and_keeps_on_and_versions_as_strings() -> None:
    workflow = build_ci_workflow(["3.9", "3.10"], requirements=["pyyaml>=6"], name="CI \u2713")
    text = render_workflow(workflow)
    assert isinstance(text, str) and text.endswith("\n") and not text.endswith("\n\n"), (
        f"render_workflow should return text ending in exactly one newline, got {text[-20:]!r}"
    )
    loaded = yaml.safe_load(text)
    assert loaded == workflow, f"yaml.safe_load(render_workflow(w)) should equal w, got {loaded!r}"
    assert "on" in loaded and True not in loaded, "the 'on' key must be quoted so YAML does not read it as True"
    assert loaded["jobs"]["test"]["strategy"]["matrix"]["python-version"] == ["3.9", "3.10"], (
        "the versions must stay strings after rendering: '3.10' must not become 3.1"
    )
    assert "\u2713" in text, "non-ASCII text should be written as is, not escaped"
    assert "{" not in text.replace("${{", "").replace("}}", ""), "use block style, not flow style {...}"
    assert text.index("name:") < text.index("permissions:") < text.index("jobs:"), "keys must keep their order"


def test_render_rejects_non_workflows() -> None:
    with pytest.raises(TypeError):
        render_workflow(["jobs"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        render_workflow({"name": "no jobs"})
    text = render_workflow({"on": {"push": None}, "jobs": {"a": {"runs-on": "x", "steps": [{"run": "true"}]}}})
    loaded = yaml.safe_load(text)
    assert loaded == {"on": {"push": None}, "jobs": {"a": {"runs-on": "x", "steps": [{"run": "true"}]}}}, (
        f"a hand-made workflow should round-trip too, got {loaded!r}"
    )
