"""Check how fresh a project's dependencies are against a release index.

Outdated dependencies are where most known vulnerabilities live, and being
many major versions behind turns a routine upgrade into a project. Tools
like ``pip list --outdated``, Dependabot and Renovate answer "what is
behind, and by how much?"; you build that answer here, offline, against an
index shaped like a package registry's data: ``{project name: [Release,
...]}``.

Use the ``packaging`` library (what pip itself uses) instead of comparing
version strings yourself: ``"1.10" > "1.9"`` is False for strings, and
PEP 440 has pre-releases, post-releases, epochs and ``~=``.

* ``packaging.requirements.Requirement("requests[socks]>=2.31; python_version < '4'")``
  gives ``.name``, ``.specifier`` (a SpecifierSet) and ``.marker``.
* ``packaging.version.Version("2.32.3")`` compares correctly;
  ``.is_prerelease`` and ``.major`` are there too.
* ``SpecifierSet.contains(version, prereleases=...)`` tests a version;
  ``SpecifierSet.prereleases`` is true when the specifier itself names a
  pre-release (``>=4.13.0rc1``), the usual signal that the user opted in.
* ``packaging.utils.canonicalize_name("Typing_Extensions")`` ->
  ``"typing-extensions"``: registries treat those names as the same.
* Yanked releases (PEP 592) must not be picked by a resolver, except when a
  requirement pins exactly that version with ``==``.

TODO: implement every function below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.version import Version

STATUSES = ("up-to-date", "outdated", "yanked", "unsatisfiable", "unknown")


@dataclass(frozen=True, slots=True)
class Release:
    """One published version of a package."""

    version: str
    yanked: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """How one requirement compares with what is published.

    Attributes:
        name: canonical project name.
        requirement: ``str(requirement)``.
        resolved: the version a resolver would pick for this requirement, or
            None.
        latest: the newest usable release, or None.
        status: one of ``STATUSES``.
        majors_behind: ``latest.major - resolved.major`` (never negative;
            0 when either is missing).
        allows_latest: whether the specifier accepts ``latest``.
    """

    name: str
    requirement: str
    resolved: str | None
    latest: str | None
    status: str
    majors_behind: int
    allows_latest: bool


def parse_requirements(text: str) -> list[Requirement]:
    """Parse a requirements.txt-style text.

    * A line ending in ``\\`` continues on the next line (join them, dropping
      the backslash and the next line's leading whitespace).
    * Blank lines and ``#`` comment lines are ignored; `` #`` (space, hash)
      starts an inline comment.
    * Lines starting with ``-`` are pip options (``-r``, ``-e``,
      ``--index-url``) and are skipped.

    Returns:
        The requirements in file order.

    Raises:
        ValueError: for an invalid requirement, or a project listed twice
            (compare canonical names); the message contains
            ``"line <n>"`` with the 1-based number of the (first) line of
            the offending requirement.
    """
    raise NotImplementedError("join continuations, drop comments/options, Requirement() each line")


def latest_version(releases: Iterable[Release], *, prereleases: bool = False) -> Version | None:
    """The highest release that is valid PEP 440, not yanked, and not a pre-release (unless ``prereleases``).

    Invalid version strings are skipped, not errors: registries contain old junk.
    """
    raise NotImplementedError("parse, filter yanked/invalid/pre-releases, take the max")


def check_requirement(requirement: Requirement, releases: Sequence[Release] | None) -> Report:
    """Compare one requirement with the releases published for it.

    * ``releases is None`` (project not in the index): status ``"unknown"``,
      resolved and latest None, 0, False.
    * Pre-releases count only if the specifier names one
      (``bool(specifier.prereleases)``), for both latest and resolved.
    * latest: ``latest_version(releases, prereleases=...)``.
    * resolved: the highest non-yanked valid version the specifier allows.
      If there is none but the specifier is a single exact pin (``==X`` or
      ``===X``, not a ``.*`` wildcard) matching a YANKED release, resolved
      is that version and status is ``"yanked"``.
    * No resolved version at all: ``"unsatisfiable"`` (majors_behind 0,
      allows_latest False, latest still reported).
    * Otherwise ``"outdated"`` if resolved < latest, else ``"up-to-date"``.
    * allows_latest: ``specifier.contains(latest, prereleases=True)``.
    """
    raise NotImplementedError("compute latest and resolved, then status, majors_behind, allows_latest")


def check_requirements(
    text: str,
    index: Mapping[str, Sequence[Release]],
    *,
    environment: Mapping[str, str] | None = None,
) -> list[Report]:
    """Check every requirement in ``text`` against ``index``.

    Index keys may be spelled in any way (``"DJANGO"``, ``"typing_extensions"``):
    match them by canonical name. With an ``environment``, requirements whose
    marker evaluates to False there (``marker.evaluate(dict(environment))``)
    are skipped; without one, markers are ignored.

    Returns:
        One report per requirement, sorted by canonical name.
    """
    raise NotImplementedError("parse, evaluate markers, look up by canonical name, check, sort")


def summarize(reports: Iterable[Report]) -> dict[str, int]:
    """Count reports per status: every status of ``STATUSES`` is a key, in that order, zeros included."""
    raise NotImplementedError("count statuses in STATUSES order")
