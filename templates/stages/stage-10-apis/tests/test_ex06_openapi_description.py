"""Tests for ex06: an OpenAPI 3.1 description that matches the real API."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from practice.openapi_description import build_openapi
from practice.problem_details import ValidationError, clean_book

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
OPERATIONS = {
    ("/books", "get"): "listBooks",
    ("/books", "post"): "createBook",
    ("/books/{bookId}", "get"): "getBook",
    ("/books/{bookId}", "put"): "replaceBook",
    ("/books/{bookId}", "delete"): "deleteBook",
}
STATUSES = {
    "listBooks": {"200", "400"},
    "createBook": {"201", "400", "409", "415", "422"},
    "getBook": {"200", "304", "400", "404", "412"},
    "replaceBook": {"200", "400", "404", "409", "412", "415", "422"},
    "deleteBook": {"204", "400", "404", "412"},
}
DUNE = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441013593", "year": 1965}
PROBLEM_422 = {"type": "about:blank", "title": "Unprocessable Content", "status": 422}


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local $refs until reaching a node that is not a reference."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert isinstance(ref, str) and ref.startswith("#/"), (
            f"only local refs like '#/components/...' are used, got {ref!r}"
        )
        target: Any = spec
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            assert isinstance(target, dict) and token in target, f"$ref {ref!r} does not resolve (no {token!r})"
            target = target[token]
        node = target
        seen += 1
        assert seen < 20, f"$ref cycle at {ref!r}"
    return node


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def operation(spec: dict[str, Any], operation_id: str) -> tuple[str, dict[str, Any]]:
    for (path, method), op_id in OPERATIONS.items():
        if op_id == operation_id:
            return path, spec["paths"][path][method]
    raise AssertionError(f"unknown operation {operation_id}")


def parameters(spec: dict[str, Any], operation_id: str) -> dict[tuple[str, str], dict[str, Any]]:
    path, op = operation(spec, operation_id)
    found = {}
    for raw in [*spec["paths"][path].get("parameters", []), *op.get("parameters", [])]:
        param = resolve(spec, raw)
        found[(param["in"], param["name"].lower())] = param
    return found


def validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator in which '#/components/...' refs resolve into the spec."""
    return Draft202012Validator({**schema, "components": spec.get("components", {})})


def component(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schemas = spec.get("components", {}).get("schemas", {})
    assert name in schemas, f"components.schemas must define {name!r}, found {sorted(schemas)}"
    return {"$ref": f"#/components/schemas/{name}"}


def test_top_level() -> None:
    spec = build_openapi()
    assert re.fullmatch(r"3\.1\.\d+", str(spec.get("openapi"))), f"openapi must be '3.1.x', got {spec.get('openapi')!r}"
    info = spec.get("info", {})
    assert isinstance(info.get("title"), str) and info["title"], "info.title must be a non-empty string"
    assert isinstance(info.get("version"), str) and info["version"], "info.version must be a non-empty string"


def test_paths_methods_and_operation_ids() -> None:
    spec = build_openapi()
    paths = spec.get("paths", {})
    assert set(paths) == {"/books", "/books/{bookId}"}, (
        f"paths should be /books and /books/{{bookId}}, got {set(paths)}"
    )
    found = {
        (path, method): item[method].get("operationId")
        for path, item in paths.items()
        for method in item
        if method in METHODS
    }
    assert found == OPERATIONS, f"operations and operationIds should be {OPERATIONS}, got {found}"


def test_every_ref_resolves() -> None:
    spec = build_openapi()
    refs = [node for node in walk(spec) if "$ref" in node]
    assert refs, "use $ref to share schemas instead of copying them"
    for node in refs:
        resolve(spec, node)


@pytest.mark.parametrize("operation_id", ["getBook", "replaceBook", "deleteBook"])
def test_book_id_path_parameter(operation_id: str) -> None:
    spec = build_openapi()
    param = parameters(spec, operation_id).get(("path", "bookid"))
    assert param is not None, f"{operation_id} needs the path parameter bookId"
    assert param.get("required") is True, "a path parameter must be required: true"
    assert param.get("schema") == {"type": "integer", "minimum": 1}, f"bookId schema, got {param.get('schema')!r}"


def test_list_query_parameters_match_pagination() -> None:
    spec = build_openapi()
    params = parameters(spec, "listBooks")
    limit = resolve(spec, params.get(("query", "limit"), {}).get("schema", {}))
    offset = resolve(spec, params.get(("query", "offset"), {}).get("schema", {}))
    assert {k: limit.get(k) for k in ("type", "minimum", "maximum", "default")} == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }, f"limit must be an integer 1..100 defaulting to 20 (as parse_page does), got {limit!r}"
    assert {k: offset.get(k) for k in ("type", "minimum", "default")} == {
        "type": "integer",
        "minimum": 0,
        "default": 0,
    }, f"offset must be an integer >= 0 defaulting to 0, got {offset!r}"
    author = params.get(("query", "author"))
    assert author is not None and resolve(spec, author.get("schema", {})).get("type") == "string", "author filter"


@pytest.mark.parametrize(
    ("operation_id", "header"),
    [
        ("createBook", "idempotency-key"),
        ("getBook", "if-none-match"),
        ("getBook", "if-match"),
        ("replaceBook", "if-match"),
        ("deleteBook", "if-match"),
    ],
)
def test_header_parameters(operation_id: str, header: str) -> None:
    spec = build_openapi()
    param = parameters(spec, operation_id).get(("header", header))
    assert param is not None, f"{operation_id} should document the {header} header parameter"
    assert param.get("required") in (None, False), f"{header} is optional"
    if header == "idempotency-key":
        schema = resolve(spec, param.get("schema", {}))
        assert (schema.get("minLength"), schema.get("maxLength")) == (1, 255), f"key length 1..255, got {schema!r}"


@pytest.mark.parametrize("operation_id", ["createBook", "replaceBook"])
def test_request_body(operation_id: str) -> None:
    spec = build_openapi()
    _, op = operation(spec, operation_id)
    body = resolve(spec, op.get("requestBody", {}))
    assert body.get("required") is True, f"{operation_id} requestBody must be required"
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    assert schema == {"$ref": "#/components/schemas/BookInput"}, f"{operation_id} takes BookInput JSON, got {schema!r}"


@pytest.mark.parametrize("operation_id", sorted(STATUSES))
def test_documented_statuses(operation_id: str) -> None:
    spec = build_openapi()
    _, op = operation(spec, operation_id)
    responses = {code: resolve(spec, r) for code, r in op.get("responses", {}).items()}
    missing = STATUSES[operation_id] - set(responses)
    assert not missing, f"{operation_id} must document statuses {sorted(missing)} (keys are strings)"
    for code, response in responses.items():
        assert isinstance(response.get("description"), str), f"{operation_id} {code} needs a description"
        if code.startswith("4"):
            want = "ValidationProblem" if code == "422" else "Problem"
            content = response.get("content", {})
            assert set(content) == {"application/problem+json"}, (
                f"{operation_id} {code} must be problem+json, got {set(content)}"
            )
            schema = content["application/problem+json"].get("schema")
            assert schema == {"$ref": f"#/components/schemas/{want}"}, f"{operation_id} {code} schema should be {want}"
        if code in ("204", "304"):
            assert not response.get("content"), f"{operation_id} {code} has no body"


@pytest.mark.parametrize(
    ("operation_id", "code", "schema", "headers"),
    [
        ("listBooks", "200", "BookPage", {"link"}),
        ("createBook", "201", "Book", {"location", "etag"}),
        ("getBook", "200", "Book", {"etag"}),
        ("getBook", "304", None, {"etag"}),
        ("replaceBook", "200", "Book", {"etag"}),
    ],
)
def test_success_responses(operation_id: str, code: str, schema: str | None, headers: set[str]) -> None:
    spec = build_openapi()
    _, op = operation(spec, operation_id)
    response = resolve(spec, op.get("responses", {}).get(code, {}))
    if schema is not None:
        got = response.get("content", {}).get("application/json", {}).get("schema")
        assert got == {"$ref": f"#/components/schemas/{schema}"}, (
            f"{operation_id} {code} should return {schema}, got {got!r}"
        )
    documented = {name.lower() for name in response.get("headers", {})}
    assert headers <= documented, f"{operation_id} {code} should document headers {headers}, got {documented}"


def test_component_schemas_are_valid_json_schema() -> None:
    spec = build_openapi()
    for name in ("Book", "BookInput", "BookPage", "Problem", "ValidationProblem"):
        Draft202012Validator.check_schema(resolve(spec, component(spec, name)))


@pytest.mark.parametrize(
    ("instance", "valid"),
    [
        ({"id": 1, **DUNE}, True),
        ({"id": 2, **DUNE, "year": None}, True),
        ({**DUNE}, False),
        ({"id": 1, **DUNE, "extra": 1}, False),
        ({"id": 1, **DUNE, "year": "1965"}, False),
        ({"id": 0, **DUNE}, False),
        ({"id": 1, **DUNE, "isbn": "978-0441013593"}, False),
    ],
)
def test_book_schema(instance: dict[str, Any], valid: bool) -> None:
    spec = build_openapi()
    got = validator(spec, component(spec, "Book")).is_valid(instance)
    assert got is valid, f"Book schema on {instance!r} should say valid={valid}, got {got}"


@pytest.mark.parametrize(
    "payload",
    [
        DUNE,
        {"title": "  Dune ", "author": "F. Herbert", "isbn": "978-0-441-01359-3"},
        {**DUNE, "year": None},
        {"title": "x", "author": "y", "isbn": "9780306406157", "year": 2100},
        {"title": "x", "author": "y"},
        {**DUNE, "isbn": 9780441013593},
        {**DUNE, "id": 1},
        {**DUNE, "year": True},
        {**DUNE, "year": 1.5},
        {**DUNE, "title": ""},
        [DUNE],
    ],
)
def test_book_input_schema_agrees_with_the_server(payload: Any) -> None:
    spec = build_openapi()
    schema_ok = validator(spec, component(spec, "BookInput")).is_valid(payload)
    try:
        clean_book(payload)
        server_ok = True
    except ValidationError:
        server_ok = False
    if server_ok:
        assert schema_ok, f"the server accepts {payload!r}, so BookInput must not reject it"
    if not schema_ok:
        assert not server_ok, f"BookInput rejects {payload!r}; the server must too"
    if not isinstance(payload, dict) or set(payload) - {"title", "author", "isbn", "year"} or "author" not in payload:
        assert not schema_ok, f"BookInput must reject {payload!r} (wrong shape, unknown member or missing field)"


@pytest.mark.parametrize(
    ("name", "instance", "valid"),
    [
        ("Problem", {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no book 9"}, True),
        ("Problem", {"title": "x", "status": 404}, False),
        ("Problem", {"type": "about:blank", "title": "x", "status": "404"}, False),
        ("ValidationProblem", {**PROBLEM_422, "errors": [{"pointer": "/title", "detail": "is required"}]}, True),
        ("ValidationProblem", {**PROBLEM_422, "errors": [{"pointer": "/title"}]}, False),
        ("ValidationProblem", {"title": "x", "errors": []}, False),
        ("BookPage", {"items": [{"id": 1, **DUNE}], "total": 1, "limit": 20, "offset": 0}, True),
        ("BookPage", {"items": [DUNE], "total": 1, "limit": 20, "offset": 0}, False),
    ],
)
def test_other_schemas(name: str, instance: dict[str, Any], valid: bool) -> None:
    spec = build_openapi()
    got = validator(spec, component(spec, name)).is_valid(instance)
    assert got is valid, f"{name} on {instance!r} should say valid={valid}, got {got}"


def test_spec_matches_what_the_app_really_does(call: Callable[..., Any]) -> None:
    """Drive the real app from ex05 and check every answer against the description."""
    from practice.books_resource import create_app

    spec = build_openapi()
    app = create_app()
    exchanges = [
        ("POST", "/books", {"body": DUNE, "headers": {"Idempotency-Key": "k1"}}),
        ("POST", "/books", {"body": DUNE, "headers": {"Idempotency-Key": "k1"}}),
        ("POST", "/books", {"body": {**DUNE, "title": "other"}, "headers": {"Idempotency-Key": "k1"}}),
        ("POST", "/books", {"body": DUNE}),
        ("POST", "/books", {"body": {"title": ""}}),
        ("POST", "/books", {"body": b"{", "headers": {"Content-Type": "application/json"}}),
        ("POST", "/books", {"body": b"x", "headers": {"Content-Type": "text/plain"}}),
        ("GET", "/books", {"query": "limit=1"}),
        ("GET", "/books", {"query": "limit=0"}),
        ("GET", "/books/1", {}),
        ("GET", "/books/1", {"headers": {"If-None-Match": "*"}}),
        ("GET", "/books/1", {"headers": {"If-Match": '"nope"'}}),
        ("GET", "/books/1", {"headers": {"If-Match": "bad"}}),
        ("GET", "/books/99", {}),
        ("PUT", "/books/1", {"body": {**DUNE, "year": None}}),
        ("PUT", "/books/1", {"body": {"title": 5}}),
        ("PUT", "/books/1", {"body": DUNE, "headers": {"If-Match": '"old"'}}),
        ("DELETE", "/books/1", {"headers": {"If-Match": '"old"'}}),
        ("DELETE", "/books/1", {}),
        ("DELETE", "/books/1", {}),
    ]
    seen = set()
    for method, path, kwargs in exchanges:
        response = call(app, method, path, **kwargs)
        template = "/books" if path == "/books" else "/books/{bookId}"
        op = spec["paths"][template][method.lower()]
        documented = op["responses"].get(str(response.status))
        assert documented is not None, (
            f"{method} {path} answered {response.status}, which {op['operationId']} does not document"
        )
        documented = resolve(spec, documented)
        seen.add((op["operationId"], response.status))
        content = documented.get("content", {})
        if not content:
            assert response.body == b"", f"{method} {path} {response.status} is documented without a body"
            continue
        media_type = response.header("Content-Type")
        assert media_type in content, (
            f"{method} {path} {response.status} sent {media_type!r}, documented {set(content)}"
        )
        errors = [e.message for e in validator(spec, content[media_type]["schema"]).iter_errors(response.json())]
        assert not errors, f"{method} {path} {response.status} body does not match its schema: {errors}"
    assert len(seen) >= 14, f"the scenario should exercise many (operation, status) pairs, got {sorted(seen)}"
