"""ex01: route templates with typed parameters, matching and reverse routing."""

from __future__ import annotations

import uuid

import pytest
from practice.path_patterns import compile_pattern


@pytest.mark.parametrize(
    ("template", "path", "want"),
    [
        ("/", "/", {}),
        ("/health", "/health", {}),
        ("/health", "/health/", None),
        ("/users/", "/users", None),
        ("/health", "/HEALTH", None),
        ("/a.b", "/axb", None),
        ("/v1/users", "/v1/users/extra", None),
    ],
)
def test_static_templates(template: str, path: str, want: dict[str, object] | None) -> None:
    got = compile_pattern(template).match(path)
    assert got == want, f"{template!r}.match({path!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("/users/42", {"user_id": 42}),
        ("/users/007", {"user_id": 7}),
        ("/users/0", {"user_id": 0}),
        ("/users/-1", None),
        ("/users/4.2", None),
        ("/users/abc", None),
        ("/users/", None),
        ("/users/42/posts", None),
    ],
)
def test_int_converter(path: str, want: dict[str, object] | None) -> None:
    got = compile_pattern("/users/{user_id:int}").match(path)
    assert got == want, f"'/users/{{user_id:int}}'.match({path!r}) should be {want!r}, got {got!r}"
    if got is not None:
        assert type(got["user_id"]) is int, "int parameters must be converted to int"


@pytest.mark.parametrize(
    ("path", "want"),
    [
        ("/files/report.pdf", {"name": "report.pdf"}),
        ("/files/hello%20world", {"name": "hello world"}),
        ("/files/caf%C3%A9", {"name": "caf\u00e9"}),
        ("/files/a%2Fb", {"name": "a/b"}),
        ("/files/a/b", None),
        ("/files/", None),
    ],
)
def test_str_converter_is_one_decoded_segment(path: str, want: dict[str, object] | None) -> None:
    got = compile_pattern("/files/{name}").match(path)
    assert got == want, f"'/files/{{name}}'.match({path!r}) should be {want!r}, got {got!r}"


def test_path_slug_and_uuid_converters() -> None:
    static = compile_pattern("/static/{rest:path}")
    assert static.match("/static/css/site.css") == {"rest": "css/site.css"}, "path takes every remaining segment"
    assert static.match("/static/") is None, "path needs at least one character"
    post = compile_pattern("/users/{user_id:int}/posts/{slug:slug}")
    assert post.match("/users/7/posts/hello-world") == {"user_id": 7, "slug": "hello-world"}, (
        "two parameters should both be captured and converted"
    )
    for bad in ["/users/7/posts/Hello-World", "/users/7/posts/hello--world", "/users/7/posts/-x"]:
        assert post.match(bad) is None, f"{bad!r} is not a valid slug path"
    item = compile_pattern("/items/{item_id:uuid}")
    text = "12345678-1234-5678-1234-567812345678"
    assert item.match(f"/items/{text.upper()}") == {"item_id": uuid.UUID(text)}, "uuid values become uuid.UUID"
    assert item.match("/items/1234") is None, "a short hex string is not a uuid"


def test_param_names_keep_template_order() -> None:
    pattern = compile_pattern("/orgs/{org}/repos/{repo}/issues/{number:int}")
    assert pattern.param_names == ("org", "repo", "number"), f"got {pattern.param_names!r}"
    assert pattern.match("/orgs/python/repos/cpython/issues/1") == {
        "org": "python",
        "repo": "cpython",
        "number": 1,
    }, "each segment lands in its own parameter"


@pytest.mark.parametrize(
    "template",
    [
        "users",
        "",
        "/users/{id",
        "/users/id}",
        "/users/{}",
        "/users/{:int}",
        "/users/{1st}",
        "/users/{id:float}",
        "/users/{id}/friends/{id}",
        "/static/{rest:path}/edit",
    ],
)
def test_bad_templates_raise_value_error(template: str) -> None:
    with pytest.raises(ValueError):
        compile_pattern(template)


@pytest.mark.parametrize(
    ("template", "values", "want"),
    [
        ("/health", {}, "/health"),
        ("/users/{user_id:int}", {"user_id": 42}, "/users/42"),
        ("/files/{name}", {"name": "a b/c"}, "/files/a%20b%2Fc"),
        ("/files/{name}", {"name": "caf\u00e9"}, "/files/caf%C3%A9"),
        ("/static/{rest:path}", {"rest": "css/site main.css"}, "/static/css/site%20main.css"),
        (
            "/items/{item_id:uuid}",
            {"item_id": uuid.UUID("12345678-1234-5678-1234-567812345678")},
            "/items/12345678-1234-5678-1234-567812345678",
        ),
    ],
)
def test_build_fills_in_parameters(template: str, values: dict[str, object], want: str) -> None:
    pattern = compile_pattern(template)
    got = pattern.build(**values)
    assert got == want, f"{template!r}.build(**{values!r}) should be {want!r}, got {got!r}"
    assert pattern.match(got) is not None, f"the built path {got!r} must match its own template"


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("/users/{user_id:int}", {}),
        ("/users/{user_id:int}", {"user_id": 1, "extra": 2}),
        ("/users/{user_id:int}", {"user_id": "abc"}),
        ("/users/{user_id:int}", {"user_id": -5}),
        ("/posts/{slug:slug}", {"slug": "Not A Slug"}),
    ],
)
def test_build_refuses_bad_values(template: str, values: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        compile_pattern(template).build(**values)
