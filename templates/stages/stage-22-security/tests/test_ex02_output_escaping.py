"""Tests for ex02: escaping for HTML text, attributes, URLs and script JSON."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from practice.output_escaping import UnsafeURLError, escape_html, html_attribute, render_comment, safe_url, script_json


class TagCollector(HTMLParser):
    """Record every start tag with its attributes, the way a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    return collector


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&lt;", "&amp;lt;"),
        ('say "hi" it\'s', "say &quot;hi&quot; it&#x27;s"),
        ("caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"),
        ("", ""),
    ],
    ids=["script-tag", "ampersand", "already-escaped", "quotes", "unicode", "empty"],
)
def test_escape_html(text: str, want: str) -> None:
    got = escape_html(text)
    assert got == want, f"escape_html({text!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("mailto:ana@example.com", "mailto:ana@example.com"),
        ("/profile/42", "/profile/42"),
        ("page.html?x=a:b", "page.html?x=a:b"),
        ("#top", "#top"),
        ("  https://example.com/\n", "https://example.com/"),
    ],
)
def test_safe_url_accepts_allowed_schemes_and_relative_urls(url: str, want: str) -> None:
    got = safe_url(url)
    assert got == want, f"safe_url({url!r}) should return {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " \x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "   ",
    ],
)
def test_safe_url_refuses_dangerous_schemes(url: str) -> None:
    with pytest.raises(UnsafeURLError):
        safe_url(url)


def test_safe_url_error_is_a_value_error_and_schemes_are_configurable() -> None:
    assert issubclass(UnsafeURLError, ValueError), "UnsafeURLError should subclass ValueError"
    got = safe_url("ftp://files.example.com/a", allowed_schemes=frozenset({"ftp"}))
    assert got == "ftp://files.example.com/a", f"ftp should be allowed when listed, got {got!r}"
    with pytest.raises(UnsafeURLError):
        safe_url("https://example.com", allowed_schemes=frozenset({"ftp"}))


@pytest.mark.parametrize(
    ("name", "value", "want"),
    [
        ("title", 'x" onmouseover="alert(1)', 'title="x&quot; onmouseover=&quot;alert(1)"'),
        ("Class", "a b", 'class="a b"'),
        ("data-user", "<O'Neil>", 'data-user="&lt;O&#x27;Neil&gt;"'),
        ("href", " /home?a=1&b=2", 'href="/home?a=1&amp;b=2"'),
    ],
)
def test_html_attribute_escapes_values(name: str, value: str, want: str) -> None:
    got = html_attribute(name, value)
    assert got == want, f"html_attribute({name!r}, {value!r}) should be {want!r}, got {got!r}"
    tags = parse(f"<div {got}>").tags
    assert tags == [("div", {want.split("=")[0]: value.strip()})], f"a browser should read back the value, got {tags!r}"


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("onclick", "alert(1)", ValueError),
        ("ONLOAD", "x", ValueError),
        ("style", "color: red", ValueError),
        ("title x", "y", ValueError),
        ("", "y", ValueError),
        ("href", "javascript:alert(1)", UnsafeURLError),
        ("src", "data:image/svg+xml,<svg onload=alert(1)>", UnsafeURLError),
    ],
)
def test_html_attribute_refuses_unsafe_names_and_urls(name: str, value: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        html_attribute(name, value)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "</script><script>alert(1)</script>"},
        {"comment": "<!-- hi -->", "amp": "a&b", "n": [1, 2.5, None, True]},
        ["line\u2028sep\u2029para", "caf\u00e9"],
        "plain",
        {},
    ],
)
def test_script_json_round_trips_and_cannot_break_out(data: object) -> None:
    got = script_json(data)
    assert json.loads(got) == data, f"script_json({data!r}) must stay valid JSON for the same data, got {got!r}"
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in got, f"script_json output must not contain {bad!r}: {got!r}"


def test_script_json_exact_output_and_type_error() -> None:
    got = script_json({"a": "</b>", "c": "x&y"})
    want = '{"a":"\\u003c/b\\u003e","c":"x\\u0026y"}'
    assert got == want, f"script_json should use compact separators and \\u escapes: want {want!r}, got {got!r}"
    with pytest.raises(TypeError):
        script_json({"when": object()})


def test_render_comment_with_safe_link() -> None:
    got = render_comment("Ana", "https://ana.example/", "Nice post!\nThanks")
    want = (
        '<li class="comment"><a href="https://ana.example/" rel="nofollow ugc">Ana</a><p>Nice post!<br>Thanks</p></li>'
    )
    assert got == want, f"render_comment output:\nwant {want}\ngot  {got}"


@pytest.mark.parametrize(
    ("author", "website", "body"),
    [
        ("<img src=x onerror=alert(1)>", "https://ok.example/", "hi"),
        ("Eve", "javascript:alert(document.cookie)", "<script>steal()</script>"),
        ('Eve" onmouseover="x', '"><script>alert(1)</script>', "a\nb"),
        ("Mallory", " JAVASCRIPT:alert(1)", "</p></li><li>fake</li>"),
        ("Zo\u00eb", "", "\u65e5\u672c & co"),
    ],
)
def test_render_comment_never_lets_markup_through(author: str, website: str, body: str) -> None:
    html = render_comment(author, website, body)
    parsed = parse(html)
    names = [tag for tag, _ in parsed.tags]
    assert set(names) <= {"li", "a", "span", "p", "br"} and names.count("li") == 1, (
        f"only one li and a/span/p/br tags may appear, got {names!r} in {html!r}"
    )
    assert "script" not in names and "img" not in names, f"user input became a tag: {html!r}"
    for tag, attrs in parsed.tags:
        for attr, value in attrs.items():
            assert not attr.startswith("on"), f"event handler {attr!r} on <{tag}> leaked into {html!r}"
            if attr == "href":
                assert not (value or "").lower().strip().startswith("javascript"), f"javascript: link in {html!r}"
    text = "".join(parsed.text)
    assert author in text, f"the author's name should be shown as text, got text {text!r} from {html!r}"
