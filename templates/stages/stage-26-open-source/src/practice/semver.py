"""Semantic Versioning 2.0.0 versions and npm-style version ranges.

Open source runs on version numbers: a maintainer promises with SemVer that
``MAJOR.MINOR.PATCH`` changes mean "breaking / feature / fix", and users
declare which updates they accept with ranges such as ``^1.4.2``. Package
managers (npm, Cargo, Composer, Poetry's caret syntax) all do what you build
here.

Precedence (https://semver.org, section 11):

* compare MAJOR, MINOR, PATCH numerically;
* a version WITH a pre-release is lower than the same version without
  (``1.0.0-rc.1 < 1.0.0``);
* pre-release identifiers are compared left to right: numeric ones
  numerically, alphanumeric ones in ASCII order, numeric < alphanumeric, and
  a shorter list is lower when all shared identifiers are equal;
* build metadata (``+...``) is ignored.

Ranges follow npm's node-semver (https://github.com/npm/node-semver):

* ``||`` separates alternatives (OR); inside one, whitespace separates
  comparators that must ALL hold (AND). ``>= 1.2.3`` (space after the
  operator) is the same as ``>=1.2.3``.
* Primitive comparators: ``<``, ``<=``, ``>``, ``>=``, ``=`` (or no
  operator) followed by a version.
* X-ranges: ``*``, ``x``, ``""`` = any version; ``1.x`` / ``1`` =
  ``>=1.0.0 <2.0.0-0``; ``1.2.x`` / ``1.2`` = ``>=1.2.0 <1.3.0-0``. With an
  operator: ``>1`` = ``>=2.0.0``, ``>1.2`` = ``>=1.3.0``, ``<1.2`` =
  ``<1.2.0-0``, ``<=1.2`` = ``<1.3.0-0``, ``>=1.2`` = ``>=1.2.0``.
* Tilde: ``~1.2.3`` = ``>=1.2.3 <1.3.0-0``; ``~1.2`` = ``>=1.2.0 <1.3.0-0``;
  ``~1`` = ``>=1.0.0 <2.0.0-0``.
* Caret (do not change the left-most non-zero part): ``^1.2.3`` =
  ``>=1.2.3 <2.0.0-0``; ``^0.2.3`` = ``>=0.2.3 <0.3.0-0``; ``^0.0.3`` =
  ``>=0.0.3 <0.0.4-0``; ``^1.2`` / ``^1.2.x`` = ``>=1.2.0 <2.0.0-0``;
  ``^0.0`` = ``>=0.0.0 <0.1.0-0``; ``^1`` = ``>=1.0.0 <2.0.0-0``.
* Hyphen: ``1.2.3 - 2.3.4`` = ``>=1.2.3 <=2.3.4``; a partial lower end is
  filled with zeros (``1.2 - 2.3.4`` = ``>=1.2.0 <=2.3.4``); a partial upper
  end accepts everything it covers (``1.2.3 - 2.3`` = ``>=1.2.3 <2.4.0-0``,
  ``1.2.3 - 2`` = ``>=1.2.3 <3.0.0-0``).
* Pre-releases: a version with a pre-release tag satisfies a comparator set
  only if all comparators hold AND at least one comparator of that set
  names a pre-release of the SAME ``major.minor.patch``. So ``^1.2.3``
  never picks ``1.3.0-beta``, but ``>=1.3.0-beta.1`` opts in to 1.3.0
  pre-releases.

TODO: implement everything that raises NotImplementedError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import total_ordering


class InvalidVersion(ValueError):
    """The text is not a SemVer 2.0.0 version."""


class InvalidRange(ValueError):
    """The text is not a valid version range."""


@total_ordering
@dataclass(frozen=True, slots=True, eq=False)
class Version:
    """A parsed SemVer 2.0.0 version.

    ``prerelease`` holds ints for numeric identifiers and strings for the
    others (``1.0.0-alpha.1`` -> ``("alpha", 1)``); ``build`` holds strings.
    """

    major: int
    minor: int
    patch: int
    prerelease: tuple[int | str, ...] = ()
    build: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse a version.

        Surrounding whitespace and ONE leading ``v`` are allowed
        (``" v1.2.3 "``), as in git tags. Otherwise follow the SemVer 2.0.0
        grammar strictly: three numeric parts without leading zeros; an
        optional ``-`` pre-release of dot-separated, non-empty identifiers
        made of ``[0-9A-Za-z-]`` where numeric identifiers have no leading
        zeros; an optional ``+`` build of dot-separated non-empty identifiers
        of ``[0-9A-Za-z-]`` (leading zeros allowed). ASCII only.

        Raises:
            InvalidVersion: for anything else.
        """
        raise NotImplementedError("match the SemVer grammar with a regex and build the Version")

    def __str__(self) -> str:
        """The canonical text form, for example ``"1.0.0-beta.2+exp.5"`` (no ``v``)."""
        raise NotImplementedError("join the parts back together")

    @property
    def is_prerelease(self) -> bool:
        """True for versions like ``1.0.0-rc.1``."""
        raise NotImplementedError("return whether there is a pre-release part")

    def __eq__(self, other: object) -> bool:
        """Equal PRECEDENCE: build metadata is ignored (``1.0.0+a == 1.0.0+b``).

        Returns NotImplemented for non-Version objects.
        """
        raise NotImplementedError("compare(self, other) == 0")

    def __hash__(self) -> int:
        """A hash consistent with ``__eq__`` (leave the build out)."""
        raise NotImplementedError("hash the parts that take part in precedence")

    def __lt__(self, other: object) -> bool:
        """Lower precedence (``total_ordering`` derives ``<=``, ``>``, ``>=``)."""
        raise NotImplementedError("compare(self, other) < 0")


def compare(a: str | Version, b: str | Version) -> int:
    """Compare two versions (strings are parsed first) by SemVer precedence.

    Returns:
        -1 if ``a`` is lower, 0 if equal precedence, 1 if higher.

    Raises:
        InvalidVersion: if a string is not a valid version.
    """
    raise NotImplementedError("compare the core numbers, then the pre-release identifiers")


def satisfies(version: str | Version, range_text: str) -> bool:
    """Does ``version`` fall inside the npm-style range ``range_text``?

    Tip: first turn the range into a list of comparator sets, each a list of
    ``(operator, Version)`` pairs using only ``<``, ``<=``, ``>``, ``>=``
    and ``=`` (the desugaring in the module docstring); then a version
    satisfies the range if it satisfies every comparator of at least one
    set, subject to the pre-release rule.

    Raises:
        InvalidVersion: if ``version`` is an invalid string.
        InvalidRange: if the range cannot be parsed (an unknown operator
            such as ``=>``, a dangling operator, a version with four parts
            or leading zeros, stray ``|``, words such as ``latest``).
    """
    raise NotImplementedError("desugar the range into comparator sets and test the version")


def max_satisfying(versions: Iterable[str], range_text: str) -> str | None:
    """The highest version that satisfies the range.

    Strings that are not valid versions are skipped (registries contain
    junk tags). Returns the winning string exactly as given, or None when
    nothing matches.

    Raises:
        InvalidRange: if the range cannot be parsed.
    """
    raise NotImplementedError("parse each version, keep the highest one that satisfies the range")
