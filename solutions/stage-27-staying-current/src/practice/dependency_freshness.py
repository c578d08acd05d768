"""Check how fresh a project's dependencies are against a release index."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

STATUSES = ("up-to-date", "outdated", "yanked", "unsatisfiable", "unknown")


@dataclass(frozen=True, slots=True)
class Release:
    """One published version of a package."""

    version: str
    yanked: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """How one requirement compares with what is published."""

    name: str
    requirement: str
    resolved: str | None
    latest: str | None
    status: str
    majors_behind: int
    allows_latest: bool


def parse_requirements(text: str) -> list[Requirement]:
    """Parse a requirements.txt-style text into Requirement objects."""
    logical: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw if not pending else pending + raw.lstrip()
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1]
            continue
        pending = ""
        logical.append((start, line))
    if pending:
        logical.append((start, pending))
    requirements: list[Requirement] = []
    seen: dict[str, int] = {}
    for number, line in logical:
        content = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not content or content.startswith("-"):
            continue
        try:
            requirement = Requirement(content)
        except InvalidRequirement as exc:
            raise ValueError(f"line {number}: {exc}") from exc
        name = canonicalize_name(requirement.name)
        if name in seen:
            raise ValueError(f"line {number}: {name} is already listed on line {seen[name]}")
        seen[name] = number
        requirements.append(requirement)
    return requirements


def _versions(releases: Iterable[Release]) -> list[tuple[Version, bool]]:
    found = []
    for release in releases:
        try:
            found.append((Version(release.version), release.yanked))
        except InvalidVersion:
            continue
    return found


def latest_version(releases: Iterable[Release], *, prereleases: bool = False) -> Version | None:
    """The highest non-yanked valid version (pre-releases only if asked)."""
    candidates = [v for v, yanked in _versions(releases) if not yanked and (prereleases or not v.is_prerelease)]
    return max(candidates, default=None)


def check_requirement(requirement: Requirement, releases: Sequence[Release] | None) -> Report:
    """Compare one requirement with the releases published for it."""
    name = canonicalize_name(requirement.name)
    text = str(requirement)
    if releases is None:
        return Report(name, text, None, None, "unknown", 0, False)
    spec = requirement.specifier
    allow_pre = bool(spec.prereleases)
    versions = _versions(releases)
    latest = latest_version(releases, prereleases=allow_pre)
    allowed = [v for v, yanked in versions if not yanked and spec.contains(v, prereleases=allow_pre)]
    resolved = max(allowed, default=None)
    status = "up-to-date"
    pins = [s for s in spec if s.operator in ("==", "===") and not s.version.endswith(".*")]
    if resolved is None and len(pins) == 1:
        yanked_match = [v for v, yanked in versions if yanked and spec.contains(v, prereleases=True)]
        if yanked_match:
            resolved = max(yanked_match)
            status = "yanked"
    if resolved is None:
        return Report(name, text, None, str(latest) if latest else None, "unsatisfiable", 0, False)
    if status != "yanked" and latest is not None and resolved < latest:
        status = "outdated"
    majors = max(0, latest.major - resolved.major) if latest is not None else 0
    allows_latest = latest is not None and spec.contains(latest, prereleases=True)
    return Report(name, text, str(resolved), str(latest) if latest else None, status, majors, allows_latest)


def check_requirements(
    text: str,
    index: Mapping[str, Sequence[Release]],
    *,
    environment: Mapping[str, str] | None = None,
) -> list[Report]:
    """Check every requirement in ``text`` against ``index``, sorted by name."""
    by_name = {canonicalize_name(key): value for key, value in index.items()}
    reports = []
    for requirement in parse_requirements(text):
        marker = requirement.marker
        if environment is not None and marker is not None and not marker.evaluate(dict(environment)):
            continue
        reports.append(check_requirement(requirement, by_name.get(canonicalize_name(requirement.name))))
    return sorted(reports, key=lambda r: r.name)


def summarize(reports: Iterable[Report]) -> dict[str, int]:
    """Count reports per status, with every status present (zeros included), in STATUSES order."""
    counts = dict.fromkeys(STATUSES, 0)
    for report in reports:
        counts[report.status] += 1
    return counts
