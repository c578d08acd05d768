"""Tests for ex02: requirement parsing and dependency freshness with `packaging`."""

from __future__ import annotations

import pytest
from packaging.requirements import Requirement
from practice.dependency_freshness import (
    STATUSES,
    Release,
    Report,
    check_requirement,
    check_requirements,
    latest_version,
    parse_requirements,
    summarize,
)

INDEX: dict[str, list[Release]] = {
    "Django": [Release("4.2.16"), Release("5.0.9"), Release("5.1.2"), Release("5.2a1")],
    "requests": [Release("2.31.0"), Release("2.32.0", yanked=True), Release("2.32.3")],
    "flask": [Release("2.3.3"), Release("3.0.3")],
    "attrs": [Release("23.2.0"), Release("24.2.0")],
    "typing_extensions": [Release("4.12.2"), Release("4.13.0rc1")],
    "legacy.lib": [Release("1.0"), Release("not.a.version"), Release("2.0", yanked=True)],
    "pydantic": [Release("1.10.18"), Release("2.9.2"), Release("3.0.0b1")],
}

REQUIREMENTS = """\
# web stack
Django>=4.2,<5   # stay on the LTS for now
requests[socks]==2.32.0
-r dev-requirements.txt
--index-url https://pypi.example.org/simple

attrs \\
    >=23
pywin32>=306; sys_platform == "win32"
"""


def test_parse_requirements_skips_comments_options_and_joins_continuations() -> None:
    got = [str(r) for r in parse_requirements(REQUIREMENTS)]
    want = ["Django<5,>=4.2", "requests[socks]==2.32.0", "attrs>=23", 'pywin32>=306; sys_platform == "win32"']
    assert got == want, f"parse_requirements should keep only the 4 requirements {want}, got {got}"
    assert parse_requirements("") == [] and parse_requirements("# only a comment\n\n") == [], "nothing to parse -> []"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("attrs\ndjango>=>4\n", "line 2"),
        ("# header\n\nflask ==\n", "line 3"),
        ("Django>=4\nrequests\ndjango<6\n", "line 3"),
        ("typing-extensions\ntyping_extensions>=4\n", "line 2"),
    ],
    ids=["bad-operator", "missing-version", "duplicate", "duplicate-after-normalising"],
)
def test_parse_requirements_errors_name_the_line(text: str, line: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_requirements(text)
    assert line in str(info.value), f"the error should say {line!r} so the user can find it, got {str(info.value)!r}"


@pytest.mark.parametrize(
    ("name", "prereleases", "want"),
    [
        ("Django", False, "5.1.2"),
        ("Django", True, "5.2a1"),
        ("requests", False, "2.32.3"),
        ("legacy.lib", False, "1.0"),
    ],
)
def test_latest_version(name: str, prereleases: bool, want: str) -> None:
    got = latest_version(INDEX[name], prereleases=prereleases)
    assert str(got) == want, f"latest_version({name}, prereleases={prereleases}) should be {want}, got {got}"
    assert latest_version([]) is None and latest_version([Release("1.0", yanked=True)]) is None, (
        "no usable (non-yanked, valid) release means None"
    )


@pytest.mark.parametrize(
    ("line", "index_key", "want"),
    [
        ("django>=4.2,<5", "Django", ("django", "4.2.16", "5.1.2", "outdated", 1, False)),
        ("Django~=5.1", "Django", ("django", "5.1.2", "5.1.2", "up-to-date", 0, True)),
        ("requests==2.32.0", "requests", ("requests", "2.32.0", "2.32.3", "yanked", 0, False)),
        ("requests>=2.31", "requests", ("requests", "2.32.3", "2.32.3", "up-to-date", 0, True)),
        ("flask<2", "flask", ("flask", None, "3.0.3", "unsatisfiable", 0, False)),
        ("attrs", "attrs", ("attrs", "24.2.0", "24.2.0", "up-to-date", 0, True)),
        ("typing-extensions>=4", "typing_extensions", ("typing-extensions", "4.12.2", "4.12.2", "up-to-date", 0, True)),
        (
            "Typing_Extensions>=4.13.0rc1",
            "typing_extensions",
            ("typing-extensions", "4.13.0rc1", "4.13.0rc1", "up-to-date", 0, True),
        ),
        ("pydantic==1.10.18", "pydantic", ("pydantic", "1.10.18", "2.9.2", "outdated", 1, False)),
        ("legacy.lib>=1", "legacy.lib", ("legacy-lib", "1.0", "1.0", "up-to-date", 0, True)),
        ("left-pad==1.0", None, ("left-pad", None, None, "unknown", 0, False)),
    ],
    ids=[
        "outdated-major",
        "compatible-release",
        "pinned-yanked",
        "yanked-skipped",
        "unsatisfiable",
        "unpinned",
        "prerelease-ignored",
        "prerelease-opt-in",
        "two-majors-max-one",
        "invalid-and-yanked-skipped",
        "unknown",
    ],
)
def test_check_requirement(line: str, index_key: str | None, want: tuple[object, ...]) -> None:
    report = check_requirement(Requirement(line), INDEX[index_key] if index_key else None)
    got = (report.name, report.resolved, report.latest, report.status, report.majors_behind, report.allows_latest)
    assert got == want, (
        f"check_requirement({line!r}) -> (name, resolved, latest, status, majors_behind, allows_latest)\n"
        f" should be {want}\n got       {got}"
    )
    assert report.requirement == str(Requirement(line)), "requirement should be str(Requirement) of the input"


def test_check_requirements_normalises_index_names_and_sorts() -> None:
    index = {"DJANGO": INDEX["Django"], "Requests": INDEX["requests"], "ATTRS": INDEX["attrs"]}
    reports = check_requirements(REQUIREMENTS, index)
    got = [(r.name, r.status) for r in reports]
    want = [("attrs", "up-to-date"), ("django", "outdated"), ("pywin32", "unknown"), ("requests", "yanked")]
    assert got == want, f"reports should be sorted by canonical name with index names normalised: {want}, got {got}"


def test_check_requirements_evaluates_markers_when_given_an_environment() -> None:
    reports = check_requirements(REQUIREMENTS, INDEX, environment={"sys_platform": "linux"})
    names = [r.name for r in reports]
    assert names == ["attrs", "django", "requests"], f"pywin32 is only for win32, so it is skipped on linux: {names}"
    windows = check_requirements(REQUIREMENTS, INDEX, environment={"sys_platform": "win32"})
    assert "pywin32" in [r.name for r in windows], "on win32 the marker is true and pywin32 is checked"


def test_summarize_counts_every_status() -> None:
    reports = [
        Report("a", "a", "1", "2", "outdated", 0, True),
        Report("b", "b", "1", "1", "up-to-date", 0, True),
        Report("c", "c", "1", "2", "outdated", 1, False),
    ]
    got = summarize(reports)
    want = {"up-to-date": 1, "outdated": 2, "yanked": 0, "unsatisfiable": 0, "unknown": 0}
    assert got == want and list(got) == list(STATUSES), f"summarize should give {want} in STATUSES order, got {got}"
    assert summarize([]) == dict.fromkeys(STATUSES, 0), "no reports: every count is 0"
