"""Semantic Versioning 2.0.0 versions and npm-style version ranges."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import total_ordering

NUM = r"0|[1-9]\d*"
IDENT = r"(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)"
BUILD_IDENT = r"[0-9A-Za-z-]+"
VERSION_RE = re.compile(
    rf"v?(?P<major>{NUM})\.(?P<minor>{NUM})\.(?P<patch>{NUM})"
    rf"(?:-(?P<pre>{IDENT}(?:\.{IDENT})*))?"
    rf"(?:\+(?P<build>{BUILD_IDENT}(?:\.{BUILD_IDENT})*))?",
    re.ASCII,
)
XR = rf"{NUM}|[xX*]"
PARTIAL_RE = re.compile(
    rf"v?(?P<major>{XR})(?:\.(?P<minor>{XR})(?:\.(?P<patch>{XR})"
    rf"(?:-(?P<pre>{IDENT}(?:\.{IDENT})*))?"
    rf"(?:\+(?P<build>{BUILD_IDENT}(?:\.{BUILD_IDENT})*))?)?)?",
    re.ASCII,
)
COMPARATOR_RE = re.compile(r"(?P<op><=|>=|<|>|=|~|\^)?(?P<rest>.*)")
HYPHEN_RE = re.compile(r"(?P<low>\S+)\s+-\s+(?P<high>\S+)")


class InvalidVersion(ValueError):
    """The text is not a SemVer 2.0.0 version."""


class InvalidRange(ValueError):
    """The text is not a valid version range."""


@total_ordering
@dataclass(frozen=True, slots=True, eq=False)
class Version:
    """A parsed SemVer 2.0.0 version."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[int | str, ...] = ()
    build: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse ``text`` (surrounding whitespace and one leading ``v`` allowed)."""
        match = VERSION_RE.fullmatch(text.strip())
        if match is None:
            raise InvalidVersion(f"not a semantic version: {text!r}")
        pre = match["pre"]
        build = match["build"]
        return cls(
            int(match["major"]),
            int(match["minor"]),
            int(match["patch"]),
            tuple(int(p) if p.isdigit() else p for p in pre.split(".")) if pre else (),
            tuple(build.split(".")) if build else (),
        )

    def __str__(self) -> str:
        """The canonical text form."""
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(str(p) for p in self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    @property
    def is_prerelease(self) -> bool:
        """True for versions like ``1.0.0-rc.1``."""
        return bool(self.prerelease)

    def __eq__(self, other: object) -> bool:
        """Equal precedence (build metadata is ignored)."""
        if not isinstance(other, Version):
            return NotImplemented
        return compare(self, other) == 0

    def __hash__(self) -> int:
        """Hash consistent with ``__eq__``."""
        return hash((self.major, self.minor, self.patch, self.prerelease))

    def __lt__(self, other: object) -> bool:
        """Lower precedence."""
        if not isinstance(other, Version):
            return NotImplemented
        return compare(self, other) < 0


def _coerce(version: str | Version) -> Version:
    return version if isinstance(version, Version) else Version.parse(version)


def compare(a: str | Version, b: str | Version) -> int:
    """-1, 0 or 1 by SemVer precedence (build metadata ignored)."""
    x, y = _coerce(a), _coerce(b)
    core_x, core_y = (x.major, x.minor, x.patch), (y.major, y.minor, y.patch)
    if core_x != core_y:
        return -1 if core_x < core_y else 1
    if x.prerelease == y.prerelease:
        return 0
    if not x.prerelease:
        return 1
    if not y.prerelease:
        return -1
    for p, q in zip(x.prerelease, y.prerelease, strict=False):
        if p == q:
            continue
        if isinstance(p, int) and isinstance(q, int):
            return -1 if p < q else 1
        if isinstance(p, int):
            return -1
        if isinstance(q, int):
            return 1
        return -1 if p < q else 1
    return -1 if len(x.prerelease) < len(y.prerelease) else 1


Comparator = tuple[str, Version]

ZERO_PRE: tuple[int | str, ...] = (0,)


def _v(major: int, minor: int, patch: int, pre: tuple[int | str, ...] = ()) -> Version:
    return Version(major, minor, patch, pre)


def _partial(text: str) -> tuple[int | None, int | None, int | None, tuple[int | str, ...]]:
    match = PARTIAL_RE.fullmatch(text)
    if match is None:
        raise InvalidRange(f"not a version or x-range: {text!r}")

    def number(part: str | None) -> int | None:
        return None if part is None or part in ("x", "X", "*") else int(part)

    major, minor, patch = number(match["major"]), number(match["minor"]), number(match["patch"])
    if major is None:
        minor = patch = None
    elif minor is None:
        patch = None
    pre = match["pre"]
    return major, minor, patch, tuple(int(p) if p.isdigit() else p for p in pre.split(".")) if pre else ()


def _x_range(op: str, text: str) -> list[Comparator]:
    major, minor, patch, pre = _partial(text)
    if op == "=":
        op = ""
    if major is None:
        return [("<", _v(0, 0, 0, ZERO_PRE))] if op in ("<", ">") else []
    if minor is None or patch is None:
        if op:
            m = 0 if minor is None else minor
            if op == ">":
                if minor is None:
                    return [(">=", _v(major + 1, 0, 0))]
                return [(">=", _v(major, m + 1, 0))]
            if op == "<=":
                if minor is None:
                    return [("<", _v(major + 1, 0, 0, ZERO_PRE))]
                return [("<", _v(major, m + 1, 0, ZERO_PRE))]
            if op == "<":
                return [("<", _v(major, m, 0, ZERO_PRE))]
            return [(">=", _v(major, m, 0))]
        if minor is None:
            return [(">=", _v(major, 0, 0)), ("<", _v(major + 1, 0, 0, ZERO_PRE))]
        return [(">=", _v(major, minor, 0)), ("<", _v(major, minor + 1, 0, ZERO_PRE))]
    return [(op or "=", _v(major, minor, patch, pre))]


def _tilde(text: str) -> list[Comparator]:
    major, minor, patch, pre = _partial(text)
    if major is None:
        return []
    if minor is None:
        return [(">=", _v(major, 0, 0)), ("<", _v(major + 1, 0, 0, ZERO_PRE))]
    low = _v(major, minor, patch or 0, pre if patch is not None else ())
    return [(">=", low), ("<", _v(major, minor + 1, 0, ZERO_PRE))]


def _caret(text: str) -> list[Comparator]:
    major, minor, patch, pre = _partial(text)
    if major is None:
        return []
    if minor is None:
        return [(">=", _v(major, 0, 0)), ("<", _v(major + 1, 0, 0, ZERO_PRE))]
    if patch is None:
        if major == 0:
            return [(">=", _v(0, minor, 0)), ("<", _v(0, minor + 1, 0, ZERO_PRE))]
        return [(">=", _v(major, minor, 0)), ("<", _v(major + 1, 0, 0, ZERO_PRE))]
    low = _v(major, minor, patch, pre)
    if major > 0:
        high = _v(major + 1, 0, 0, ZERO_PRE)
    elif minor > 0:
        high = _v(0, minor + 1, 0, ZERO_PRE)
    else:
        high = _v(0, 0, patch + 1, ZERO_PRE)
    return [(">=", low), ("<", high)]


def _hyphen(low_text: str, high_text: str) -> list[Comparator]:
    result: list[Comparator] = []
    major, minor, patch, pre = _partial(low_text)
    if major is not None:
        result.append((">=", _v(major, minor or 0, patch or 0, pre if patch is not None else ())))
    major, minor, patch, pre = _partial(high_text)
    if major is None:
        return result
    if minor is None:
        result.append(("<", _v(major + 1, 0, 0, ZERO_PRE)))
    elif patch is None:
        result.append(("<", _v(major, minor + 1, 0, ZERO_PRE)))
    else:
        result.append(("<=", _v(major, minor, patch, pre)))
    return result


def parse_range(text: str) -> list[list[Comparator]]:
    """Turn a range into comparator sets: ``[[(op, Version), ...], ...]`` (OR of ANDs)."""
    sets: list[list[Comparator]] = []
    for alternative in text.split("||"):
        part = alternative.strip()
        hyphen = HYPHEN_RE.fullmatch(part)
        if hyphen:
            sets.append(_hyphen(hyphen["low"], hyphen["high"]))
            continue
        part = re.sub(r"(<=|>=|<|>|=|~|\^)\s+", r"\1", part)
        comparators: list[Comparator] = []
        for token in part.split():
            match = COMPARATOR_RE.fullmatch(token)
            op, rest = (match["op"] or "", match["rest"]) if match else ("", token)
            if op == "~":
                comparators += _tilde(rest)
            elif op == "^":
                comparators += _caret(rest)
            else:
                comparators += _x_range(op, rest)
        sets.append(comparators)
    return sets


def _test(op: str, version: Version, bound: Version) -> bool:
    order = compare(version, bound)
    return {
        "=": order == 0,
        "<": order < 0,
        "<=": order <= 0,
        ">": order > 0,
        ">=": order >= 0,
    }[op]


def _set_allows(comparators: list[Comparator], version: Version) -> bool:
    if not all(_test(op, version, bound) for op, bound in comparators):
        return False
    if not version.prerelease:
        return True
    core = (version.major, version.minor, version.patch)
    return any(bound.prerelease and (bound.major, bound.minor, bound.patch) == core for _, bound in comparators)


def satisfies(version: str | Version, range_text: str) -> bool:
    """Does ``version`` fall inside the npm-style range ``range_text``?"""
    parsed = _coerce(version)
    return any(_set_allows(comparators, parsed) for comparators in parse_range(range_text))


def max_satisfying(versions: Iterable[str], range_text: str) -> str | None:
    """The highest version (as given) that satisfies the range, skipping invalid strings."""
    sets = parse_range(range_text)
    best: tuple[Version, str] | None = None
    for text in versions:
        try:
            version = Version.parse(text)
        except InvalidVersion:
            continue
        if any(_set_allows(c, version) for c in sets) and (best is None or compare(version, best[0]) > 0):
            best = (version, text)
    return None if best is None else best[1]
