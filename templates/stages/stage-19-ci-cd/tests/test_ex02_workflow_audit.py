"""Tests for ex02: auditing workflow files for security and cost mistakes."""

from __future__ import annotations

import textwrap

import pytest
from practice.workflow_audit import Finding, WorkflowError, audit_workflow, is_pinned, load_workflow

CLEAN = """\
name: ci
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-python@v5.1.0
        with:
          python-version: "3.12"
      - run: python -m pytest
  release:
    needs: test
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write
    steps:
      - uses: ./.github/actions/publish
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
      - env:
          TITLE: ${{ github.event.pull_request.title }}
        run: echo "$TITLE"
"""


def pairs(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.location) for f in findings]


def wf(text: str) -> str:
    return textwrap.dedent(text)


def test_clean_workflow_has_no_findings() -> None:
    got = audit_workflow(CLEAN)
    assert got == [], f"a hardened workflow should give no findings, got {pairs(got)!r}"
    no_timeout = CLEAN.replace("    timeout-minutes: 10\n", "", 1)
    got = pairs(audit_workflow(no_timeout))
    assert got == [("timeout-missing", "jobs.test")], f"removing one timeout should give one finding, got {got!r}"


def test_load_workflow_turns_the_yaml_true_key_back_into_on() -> None:
    data = load_workflow(CLEAN)
    assert "on" in data and True not in data, (
        f"a bare 'on:' is read by PyYAML as True; load_workflow should rename it to 'on', got keys {list(data)!r}"
    )
    assert data["on"] == {"push": {"branches": ["main"]}, "pull_request": None}, f"got on = {data['on']!r}"
    assert list(data["jobs"]) == ["test", "release"], f"jobs should keep file order, got {list(data['jobs'])!r}"


@pytest.mark.parametrize(
    "text",
    [
        "jobs: [unclosed",
        "- just\n- a list\n",
        "",
        "name: ci\non: push\n",
        "name: ci\njobs: {}\n",
        "jobs:\n  a: just a string\n",
        "jobs:\n  a:\n    runs-on: x\n    steps: run this\n",
        "jobs:\n  a:\n    runs-on: x\n    steps: [echo]\n",
    ],
    ids=["bad-yaml", "list", "empty", "no-jobs", "empty-jobs", "job-not-mapping", "steps-not-list", "step-not-mapping"],
)
def test_unreadable_workflows_raise_workflow_error(text: str) -> None:
    with pytest.raises(WorkflowError):
        audit_workflow(text)
    assert issubclass(WorkflowError, ValueError), "WorkflowError should subclass ValueError"


@pytest.mark.parametrize(
    ("uses", "want"),
    [
        ("actions/checkout@v4", True),
        ("actions/checkout@v4.1", True),
        ("actions/checkout@v4.1.7", True),
        ("actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332", True),
        ("github/codeql-action/init@v3", True),
        ("./.github/actions/build", True),
        ("docker://alpine:3.20", True),
        ("actions/checkout@main", False),
        ("actions/checkout@master", False),
        ("actions/checkout", False),
        ("actions/checkout@", False),
        ("actions/checkout@latest", False),
        ("actions/checkout@692973e", False),
        ("actions/checkout@v4-beta", False),
        ("actions/checkout@V4", False),
        ("actions/checkout@v\u0664", False),
    ],
)
def test_is_pinned(uses: str, want: bool) -> None:
    got = is_pinned(uses)
    assert got is want, f"is_pinned({uses!r}) should be {want}, got {got!r}"
    assert is_pinned("actions/cache@v4") is True and is_pinned("actions/cache@main") is False, (
        "is_pinned must tell a version tag from a branch"
    )


def test_write_permissions_at_workflow_level_are_flagged_but_job_level_is_fine() -> None:
    for permissions in ("permissions: write-all", "permissions:\n  contents: read\n  packages: write"):
        text = CLEAN.replace("permissions:\n  contents: read", permissions, 1)
        got = pairs(audit_workflow(text))
        assert got == [("permissions-write", "workflow")], f"with {permissions!r} expected one finding, got {got!r}"


def test_missing_permissions_are_reported_per_job_without_their_own() -> None:
    text = CLEAN.replace("permissions:\n  contents: read\n", "", 1)
    got = pairs(audit_workflow(text))
    assert got == [("permissions-missing", "jobs.test")], (
        f"without top-level permissions only 'test' lacks its own (release has contents: write), got {got!r}"
    )


def test_missing_timeout_and_reusable_workflow_jobs() -> None:
    text = wf(
        """\
        permissions: {contents: read}
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - run: ruff check
          shared:
            uses: octo/workflows/.github/workflows/deploy.yml@main
          pinned:
            uses: octo/workflows/.github/workflows/deploy.yml@v2
        """
    )
    got = pairs(audit_workflow(text))
    want = [("timeout-missing", "jobs.lint"), ("unpinned-action", "jobs.shared")]
    assert got == want, f"expected {want!r} (reusable-workflow jobs need no timeout but must be pinned), got {got!r}"


@pytest.mark.parametrize(
    ("with_block", "flagged"),
    [
        ("", True),
        ("        with:\n          fetch-depth: 0\n", True),
        ("        with:\n          persist-credentials: true\n", True),
        ("        with:\n          persist-credentials: false\n", False),
        ("        with:\n          persist-credentials: 'False'\n", False),
    ],
    ids=["no-with", "other-option", "true", "false", "string-false"],
)
def test_checkout_must_not_persist_credentials(with_block: str, flagged: bool) -> None:
    text = (
        "permissions: {contents: read}\njobs:\n  t:\n    runs-on: x\n    timeout-minutes: 5\n    steps:\n"
        "      - run: echo first\n      - uses: Actions/Checkout@v4\n" + with_block
    )
    got = pairs(audit_workflow(text))
    want = [("checkout-persists-credentials", "jobs.t.steps[1]")] if flagged else []
    assert got == want, f"checkout step with {with_block.strip() or 'no with:'!r} should give {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("script", "flagged"),
    [
        ('echo "${{ github.event.issue.title }}"', True),
        ("git checkout ${{github.head_ref}}", True),
        ("echo ${{ toJSON(github.event.pull_request.body) }}", True),
        ('echo "$TITLE"', False),
        ("echo ${{ github.sha }} ${{ matrix.python-version }}", False),
        ("echo github.event.issue.title", False),
    ],
    ids=["issue-title", "head-ref", "inside-function", "env-var", "safe-context", "not-an-expression"],
)
def test_script_injection(script: str, flagged: bool) -> None:
    text = (
        "permissions: {contents: read}\njobs:\n  t:\n    runs-on: x\n    timeout-minutes: 5\n    steps:\n"
        f"      - run: '{script}'\n"
    )
    got = pairs(audit_workflow(text))
    want = [("script-injection", "jobs.t.steps[0]")] if flagged else []
    assert got == want, f"run: {script!r} should give {want!r}, got {got!r}"


def test_findings_come_in_documented_order_with_messages() -> None:
    text = wf(
        """\
        on: push
        permissions: write-all
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@main
              - run: echo ${{ github.event.head_commit.message }}
              - uses: someone/tool
          deploy:
            runs-on: ubuntu-latest
            timeout-minutes: 3
            steps:
              - uses: actions/checkout@v4
        """
    )
    findings = audit_workflow(text)
    want = [
        ("permissions-write", "workflow"),
        ("timeout-missing", "jobs.build"),
        ("unpinned-action", "jobs.build.steps[0]"),
        ("checkout-persists-credentials", "jobs.build.steps[0]"),
        ("script-injection", "jobs.build.steps[1]"),
        ("unpinned-action", "jobs.build.steps[2]"),
        ("checkout-persists-credentials", "jobs.deploy.steps[0]"),
    ]
    assert pairs(findings) == want, f"findings should be {want!r} in this order, got {pairs(findings)!r}"
    assert all(isinstance(f, Finding) and f.message.strip() for f in findings), "every finding needs a message"
