"""ex02: a router with 404 vs 405, an Allow header, automatic HEAD and OPTIONS."""

from __future__ import annotations

import pytest
from practice.router import MethodNotAllowed, NotFound, Request, Response, Router


def users_router() -> tuple[Router, list[str]]:
    """A router for a small users API; `calls` records which handler ran."""
    router = Router()
    calls: list[str] = []

    def list_users(request: Request) -> Response:
        calls.append("list_users")
        return Response.json([{"id": 1}], headers={"x-total-count": "1"})

    def create_user(request: Request) -> Response:
        calls.append("create_user")
        return Response.json({"id": 2}, status=201)

    def me(request: Request) -> Response:
        calls.append("me")
        return Response.json({"id": "me"})

    def show_user(request: Request) -> Response:
        calls.append("show_user")
        return Response.json({"id": request.path_params["user_id"]})

    def delete_user(request: Request) -> Response:
        calls.append("delete_user")
        return Response(status=204)

    router.add("GET", "/users", list_users, name="users")
    router.add("post", "/users", create_user)
    router.add("GET", "/users/me", me)
    router.add("GET", "/users/{user_id:int}", show_user, name="user")
    router.add("DELETE", "/users/{user_id:int}", delete_user)
    return router, calls


def test_dispatch_passes_converted_path_params() -> None:
    router, calls = users_router()
    response = router(Request("GET", "/users/42"))
    assert (response.status, response.json_body()) == (200, {"id": 42}), (
        f"GET /users/42 should reach show_user with user_id=42 (an int), got {response.status} {response.body!r}"
    )
    assert calls == ["show_user"], f"exactly one handler should run, ran {calls}"


@pytest.mark.parametrize(
    ("method", "path", "handler"),
    [
        ("GET", "/users", "list_users"),
        ("get", "/users", "list_users"),
        ("POST", "/users", "create_user"),
        ("GET", "/users/me", "me"),
        ("DELETE", "/users/5", "delete_user"),
    ],
)
def test_method_and_path_pick_the_handler(method: str, path: str, handler: str) -> None:
    router, calls = users_router()
    router(Request(method, path))
    assert calls == [handler], f"{method} {path} should run {handler}, ran {calls}"


@pytest.mark.parametrize("path", ["/nothing", "/users/abc", "/users/1/extra", "/users/"])
def test_unknown_paths_raise_not_found(path: str) -> None:
    router, calls = users_router()
    with pytest.raises(NotFound) as caught:
        router(Request("GET", path))
    assert caught.value.status == 404, f"NotFound must carry status 404, got {caught.value.status}"
    assert calls == [], f"no handler may run for {path}, ran {calls}"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/users", ("GET", "HEAD", "OPTIONS", "POST")),
        ("PATCH", "/users/3", ("DELETE", "GET", "HEAD", "OPTIONS")),
        ("POST", "/users/me", ("GET", "HEAD", "OPTIONS")),
    ],
)
def test_known_path_with_wrong_method_is_405(method: str, path: str, allowed: tuple[str, ...]) -> None:
    router, calls = users_router()
    with pytest.raises(MethodNotAllowed) as caught:
        router(Request(method, path))
    error = caught.value
    assert (error.status, error.allowed) == (405, allowed), (
        f"{method} {path} should be 405 with allowed={allowed}, got {error.status} allowed={error.allowed}"
    )
    assert error.headers.get("allow") == ", ".join(allowed), (
        f"the 405 needs an Allow header listing {', '.join(allowed)!r}, got {error.headers!r}"
    )
    assert calls == [], f"no handler may run on a 405, ran {calls}"


def test_allowed_methods() -> None:
    router, _ = users_router()
    assert router.allowed_methods("/users/9") == ("DELETE", "GET", "HEAD", "OPTIONS"), (
        "/users/9 matches the GET and DELETE routes on /users/{user_id:int}, plus HEAD and OPTIONS"
    )
    assert router.allowed_methods("/users/me") == ("GET", "HEAD", "OPTIONS"), (
        "'me' is not an int, so /users/me matches only the GET /users/me route"
    )
    assert router.allowed_methods("/missing") == (), "an unknown path allows nothing"
    only_post = Router()
    only_post.add("POST", "/upload", lambda request: Response(status=201))
    assert only_post.allowed_methods("/upload") == ("OPTIONS", "POST"), "no GET means no automatic HEAD"


def test_head_is_answered_by_the_get_handler_without_a_body() -> None:
    router, calls = users_router()
    get = router(Request("GET", "/users"))
    head = router(Request("HEAD", "/users"))
    assert calls == ["list_users", "list_users"], f"HEAD should run the GET handler, ran {calls}"
    assert (head.status, head.body) == (200, b""), f"HEAD keeps the status and drops the body, got {head!r}"
    assert head.headers.get("x-total-count") == "1", "HEAD keeps the GET handler's headers"
    assert head.headers.get("content-length") == str(len(get.body)), (
        f"HEAD's content-length is the length GET's body would have ({len(get.body)}), got {head.headers!r}"
    )


def test_explicit_head_and_options_handlers_win() -> None:
    router = Router()
    router.add("GET", "/ping", lambda request: Response(body=b"pong"))
    router.add("HEAD", "/ping", lambda request: Response(status=299))
    router.add("OPTIONS", "/ping", lambda request: Response(status=298))
    assert router(Request("HEAD", "/ping")).status == 299, "a registered HEAD handler is used as is"
    assert router(Request("OPTIONS", "/ping")).status == 298, "a registered OPTIONS handler is used as is"


def test_options_lists_the_allowed_methods() -> None:
    router, calls = users_router()
    response = router(Request("OPTIONS", "/users"))
    assert (response.status, response.headers.get("allow")) == (204, "GET, HEAD, OPTIONS, POST"), (
        f"OPTIONS /users should be 204 with allow 'GET, HEAD, OPTIONS, POST', got {response!r}"
    )
    assert calls == [], "OPTIONS is answered by the router itself"
    with pytest.raises(NotFound):
        router(Request("OPTIONS", "/nowhere"))


def test_first_registered_route_wins() -> None:
    router = Router()
    router.add("GET", "/pages/about", lambda request: Response(body=b"static"))
    router.add("GET", "/pages/{name}", lambda request: Response(body=str(request.path_params["name"]).encode()))
    assert router(Request("GET", "/pages/about")).body == b"static", "the earlier, static route must win"
    assert router(Request("GET", "/pages/contact")).body == b"contact", "other names reach the parameter route"


def test_decorator_registers_and_returns_the_function() -> None:
    router = Router()

    @router.route("GET", "/hello/{name}", name="hello")
    def hello(request: Request) -> Response:
        return Response(body=f"hello {request.path_params['name']}".encode())

    assert callable(hello) and hello(Request("GET", "/x", path_params={"name": "a"})).body == b"hello a", (
        "the decorator must return the original function"
    )
    assert router(Request("GET", "/hello/caf%C3%A9")).body == "hello caf\u00e9".encode(), (
        "the decorated handler should be routed, with its parameter decoded"
    )


def test_url_for_and_registration_errors() -> None:
    router, _ = users_router()
    assert router.url_for("user", user_id=42) == "/users/42", "url_for builds a path from a route name"
    assert router.url_for("users") == "/users", "a route without parameters builds its template"
    with pytest.raises(KeyError):
        router.url_for("nope")
    with pytest.raises(ValueError):
        router.url_for("user", user_id="abc")
    with pytest.raises(ValueError):
        router.add("get", "/users", lambda request: Response())
    with pytest.raises(ValueError):
        router.add("PUT", "/users/{user_id:int}", lambda request: Response(), name="user")
    with pytest.raises(ValueError):
        router.add("GET", "no-slash", lambda request: Response())
