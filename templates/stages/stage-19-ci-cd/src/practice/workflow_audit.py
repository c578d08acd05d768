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

TODO: implement ``load_workflow``, ``is_pinned`` and ``audit_workflow``.
You will need ``yaml.safe_load`` and a few ``re`` patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    raise NotImplementedError(
        'yaml.safe_load the text, turn errors into WorkflowError, rename the True key to "on" and check the shape'
    )


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
    raise NotImplementedError("accept ./ and docker:// references, otherwise split at '@' and fullmatch the ref")


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
    raise NotImplementedError(
        "load the workflow, then walk permissions, jobs and steps in order, appending a Finding for each rule broken"
    )
