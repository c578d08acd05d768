"""Audit GitHub Actions workflow files for common security and cost mistakes.

Teams run a checker like this in CI over ``.github/workflows/*.yml`` so a
pull request cannot quietly give the workflow token write access, leave
credentials on disk, run forever or pull an action from a moving branch.

Rules (``Finding.rule``), where each is reported (``Finding.location``),
and when:

* ``permissions-write`` at ``workflow``: the top-level ``permissions`` is
  ``"write-all"`` or a mapping with any scope set to ``"write"`` (grant
  write access per job instead).
* ``permissions-missing`` at ``jobs.<id>``: there is no top-level
  ``permissions`` and this job has no ``permissions`` of its own, so it
  gets the repository default, which may be write access to everything.
* ``timeout-missing`` at ``jobs.<id>``: the job has no ``timeout-minutes``
  (jobs that call a reusable workflow with a job-level ``uses:`` are exempt).
* ``unpinned-action`` at ``jobs.<id>`` (job-level ``uses:``) or
  ``jobs.<id>.steps[<i>]`` (step-level ``uses:``): the reference is not
  pinned, see ``is_pinned``.
* ``checkout-persists-credentials`` at ``jobs.<id>.steps[<i>]``: a step
  using ``actions/checkout`` whose ``with`` does not set
  ``persist-credentials`` to false.
* ``script-injection`` at ``jobs.<id>.steps[<i>]``: a ``run:`` script holds
  a ``${{ ... }}`` expression that reads ``github.event.`` or
  ``github.head_ref`` (text an attacker controls, such as a pull request
  title, pasted into a shell script).

Step indexes ``<i>`` count from 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_PINNED_REF = re.compile(r"v[0-9]+(\.[0-9]+){0,2}|[0-9a-f]{40}")
_ACTION_REF = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@\s]+)?@(?P<ref>[^@\s]+)")
_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_UNTRUSTED = re.compile(r"\bgithub\.event\.|\bgithub\.head_ref\b")


class WorkflowError(ValueError):
    """The text is not a workflow this auditor can read."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a workflow.

    Attributes:
        rule: the rule id, e.g. ``"timeout-missing"``.
        location: where, e.g. ``"workflow"``, ``"jobs.build"`` or
            ``"jobs.build.steps[0]"``.
        message: a sentence for a human that says what to change.
    """

    rule: str
    location: str
    message: str


def load_workflow(text: str) -> dict[str, Any]:
    """Parse workflow YAML and return it as a dict.

    PyYAML follows YAML 1.1, where a bare ``on:`` key is the boolean True.
    Rename a top-level ``True`` key to ``"on"`` (if ``"on"`` is not already
    present) so callers can always read ``workflow["on"]``.

    Raises:
        WorkflowError: if the YAML is invalid (wrap ``yaml.YAMLError``), the
            document is not a mapping, ``jobs`` is missing or is not a
            non-empty mapping, any job is not a mapping, or a job's
            ``steps`` is present but not a list of mappings. The message
            names the problem.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WorkflowError(f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise WorkflowError(f"a workflow must be a mapping, got {type(data).__name__}")
    if True in data and "on" not in data:
        data = {("on" if key is True else key): value for key, value in data.items()}
    jobs = data.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        raise WorkflowError("a workflow needs a non-empty 'jobs' mapping")
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            raise WorkflowError(f"job {job_id!r} must be a mapping")
        steps = job.get("steps", [])
        if not isinstance(steps, list) or not all(isinstance(step, dict) for step in steps):
            raise WorkflowError(f"steps of job {job_id!r} must be a list of mappings")
    return data


def is_pinned(uses: str) -> bool:
    """Tell whether a ``uses:`` reference is pinned well enough.

    Pinned means one of:

    * a local action or workflow: starts with ``./``;
    * a Docker image: starts with ``docker://`` (not checked further here);
    * ``owner/repo@REF`` or ``owner/repo/path@REF`` where REF is a version
      tag ``vN``, ``vN.N`` or ``vN.N.N`` (ASCII digits) or a full 40
      character lowercase hex commit SHA.

    Anything else is not pinned: no ``@``, an empty ref, a branch such as
    ``main`` or ``master``, ``latest``, a short SHA, ``v1-beta``.
    """
    if uses.startswith("./") or uses.startswith("docker://"):
        return True
    match = _ACTION_REF.fullmatch(uses)
    return bool(match and _PINNED_REF.fullmatch(match.group("ref")))


def audit_workflow(text: str) -> list[Finding]:
    """Check one workflow file against the rules in the module docstring.

    Order of the findings: ``permissions-write`` first; then job by job in
    file order, and for each job ``permissions-missing``,
    ``timeout-missing``, job-level ``unpinned-action``, then its steps in
    order, and for each step ``unpinned-action``,
    ``checkout-persists-credentials``, ``script-injection``.

    Details:

    * ``persist-credentials`` counts as false when it is the boolean
      ``False`` or the string ``"false"`` (any case).
    * A step is a checkout step when its ``uses`` starts with
      ``actions/checkout@`` (any case).
    * A clean workflow returns ``[]``.

    Raises:
        WorkflowError: as ``load_workflow``.
    """
    workflow = load_workflow(text)
    findings: list[Finding] = []
    top_permissions = workflow.get("permissions")
    if top_permissions == "write-all" or (
        isinstance(top_permissions, dict) and any(value == "write" for value in top_permissions.values())
    ):
        findings.append(
            Finding(
                "permissions-write",
                "workflow",
                "workflow-level permissions grant write access; default to read and grant write per job",
            )
        )
    for job_id, job in workflow["jobs"].items():
        where = f"jobs.{job_id}"
        if "permissions" not in workflow and "permissions" not in job:
            findings.append(
                Finding("permissions-missing", where, "set permissions (e.g. contents: read) for the job or workflow")
            )
        if "timeout-minutes" not in job and "uses" not in job:
            findings.append(Finding("timeout-missing", where, "set timeout-minutes so a hung job is stopped"))
        if "uses" in job and not is_pinned(str(job["uses"])):
            findings.append(Finding("unpinned-action", where, f"pin {job['uses']!r} to a version tag or commit SHA"))
        for index, step in enumerate(job.get("steps", [])):
            findings.extend(_audit_step(step, f"{where}.steps[{index}]"))
    return findings


def _audit_step(step: dict[str, Any], where: str) -> list[Finding]:
    found: list[Finding] = []
    uses = step.get("uses")
    if isinstance(uses, str):
        if not is_pinned(uses):
            found.append(Finding("unpinned-action", where, f"pin {uses!r} to a version tag or commit SHA"))
        if uses.lower().startswith("actions/checkout@"):
            options = step.get("with") or {}
            persist = options.get("persist-credentials") if isinstance(options, dict) else None
            if not (persist is False or (isinstance(persist, str) and persist.lower() == "false")):
                found.append(
                    Finding("checkout-persists-credentials", where, "add with: persist-credentials: false to checkout")
                )
    run = step.get("run")
    if isinstance(run, str) and any(_UNTRUSTED.search(expr) for expr in _EXPRESSION.findall(run)):
        found.append(
            Finding(
                "script-injection",
                where,
                "do not paste github.event or github.head_ref into a script; pass it through env: instead",
            )
        )
    return found
