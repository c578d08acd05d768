"""Maintainers' regression tests for the open linkheader issues (see tests/data/ISSUES.md).

Each test is named after the issue it reproduces. They fail on linkheader
0.4.1; a good first contribution makes them pass without editing them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from practice.linkheader import Link, format_link_header, links_by_rel, next_page_url, parse_link_header

API = "https://api.example.com"


def expect_value_error(call: Callable[[], object], what: str) -> None:
    """Assert that ``call()`` raises ValueError (and nothing else)."""
    try:
        got = call()
    except ValueError:
        return
    raise AssertionError(f"{what} should raise ValueError, but returned {got!r}")


@pytest.mark.parametrize(
    ("header", "want"),
    [
        (
            f'<{API}/items?ids=1,2,3&page=2>; rel="next"',
            [Link(f"{API}/items?ids=1,2,3&page=2", "next")],
        ),
        (
            f'<{API}/a?page=2>; rel="next"; title="Page 2, of 9", <{API}/a?page=9>; rel="last"',
            [Link(f"{API}/a?page=2", "next", {"title": "Page 2, of 9"}), Link(f"{API}/a?page=9", "last")],
        ),
        (
            f'<{API}/a?page=2>; rel="next"; title="say \\"hi\\", ok", <{API}/a?page=1>; rel="first"',
            [Link(f"{API}/a?page=2", "next", {"title": 'say "hi", ok'}), Link(f"{API}/a?page=1", "first")],
        ),
    ],
    ids=["comma-in-url", "comma-in-quoted-title", "escaped-quote-in-title"],
)
def test_issue_12_commas_inside_urls_and_quoted_strings(header: str, want: list[Link]) -> None:
    got = parse_link_header(header)
    assert got == want, f"parse_link_header({header!r})\n should be {want!r}\n got       {got!r}"


@pytest.mark.parametrize(
    ("header", "want"),
    [
        (f'<{API}/i?page=9>; rel="next last"', {"next": f"{API}/i?page=9", "last": f"{API}/i?page=9"}),
        (
            f'<{API}/i?page=1>; rel="prev  first", <{API}/i?page=3>; rel=next',
            {
                "prev": f"{API}/i?page=1",
                "first": f"{API}/i?page=1",
                "next": f"{API}/i?page=3",
            },
        ),
    ],
    ids=["next-last", "prev-first-double-space"],
)
def test_issue_15_rel_is_a_list_of_relation_types(header: str, want: dict[str, str]) -> None:
    got = links_by_rel(header)
    assert got == want, f"links_by_rel({header!r}) should be {want!r}, got {got!r}"
    assert all(" " not in link.rel for link in parse_link_header(header)), "each Link must carry ONE relation type"


@pytest.mark.parametrize(
    "header",
    [
        f'<{API}/i?page=2>; REL="Next"',
        f"<{API}/i?page=2>; rel=NEXT",
        f'<{API}/i?page=2> ; rel = "next"',
        f'<{API}/i?page=2>; Rel="next"; Title="Two"',
    ],
    ids=["upper-name-mixed-value", "unquoted-upper-value", "spaces-around-equals", "mixed-case-params"],
)
def test_issue_19_names_and_relation_types_are_case_insensitive(header: str) -> None:
    got = next_page_url(header)
    assert got == f"{API}/i?page=2", f"next_page_url({header!r}) should find the next link, got {got!r}"
    (link,) = parse_link_header(header)
    assert link.rel == "next" and all(k == k.lower() for k in link.params), (
        f"rel and parameter names should be stored in lower case, got {link!r}"
    )


@pytest.mark.parametrize(
    ("header", "base", "want"),
    [
        ('</items?page=3>; rel="next"', f"{API}/v1/items?page=2", f"{API}/items?page=3"),
        ('<?page=3>; rel="next"', f"{API}/v1/items?page=2", f"{API}/v1/items?page=3"),
        ('<page/3>; rel="next"', f"{API}/v1/items/", f"{API}/v1/items/page/3"),
    ],
    ids=["root-relative", "query-only", "path-relative"],
)
def test_issue_23_relative_urls_use_base_url(header: str, base: str, want: str) -> None:
    got = next_page_url(header, base_url=base)
    assert got == want, f"next_page_url({header!r}, base_url={base!r}) should be {want!r}, got {got!r}"
    absolute = next_page_url(f'<{API}/x>; rel="next"', base_url=base)
    assert absolute == f"{API}/x", f"absolute URLs must stay as they are, got {absolute!r}"


@pytest.mark.parametrize(
    "header",
    [
        f'{API}/items?page=2; rel="next"',
        f'<{API}/items?page=2; rel="next"',
        f'<{API}/items?page=2>; rel="next',
        f'<{API}/items?page=2> rel="next"',
    ],
    ids=["no-angle-brackets", "unclosed-angle-bracket", "unclosed-quote", "junk-after-url"],
)
def test_issue_31_malformed_headers_raise_value_error(header: str) -> None:
    expect_value_error(lambda: parse_link_header(header), f"parse_link_header({header!r})")


def test_round_trip_and_existing_behaviour_still_work() -> None:
    links = {"next": f"{API}/items?ids=4,5&page=2", "last": f"{API}/items?ids=4,5&page=7"}
    header = format_link_header(links)
    got = links_by_rel(header)
    assert got == links, f"format_link_header -> links_by_rel should round-trip {links!r}, got {got!r}"
    assert parse_link_header("") == [] and parse_link_header(" , ") == [], "blank headers and empty items give []"
    assert next_page_url(f'<{API}/i?page=9>; rel="last"') is None, "no rel=next means no next page"
    only_first = links_by_rel(f'<{API}/a>; rel="next", <{API}/b>; rel="next"')
    assert only_first == {"next": f"{API}/a"}, f"the first link with a given rel wins, got {only_first!r}"
