"""ex04: custom exception handlers that give every error one JSON shape."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from practice.error_handlers import (
    ConflictError,
    NotFoundError,
    ServiceError,
    error_body,
    error_code_for,
    install_error_handlers,
)
from pydantic import BaseModel


class Thing(BaseModel):
    name: str
    size: int


def probe_client() -> TestClient:
    """An app whose routes fail in every way a real service can."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/missing")
    def missing() -> None:
        raise NotFoundError("no bookmark called 'caf\u00e9'")

    @app.get("/conflict")
    def conflict() -> None:
        raise ConflictError("already there")

    @app.get("/plain-service-error")
    def plain() -> None:
        raise ServiceError("that will not do")

    @app.get("/locked")
    def locked() -> None:
        raise HTTPException(401, "missing API key", headers={"WWW-Authenticate": "ApiKey"})

    @app.get("/structured")
    def structured() -> None:
        raise HTTPException(400, detail={"field": "sort", "problem": "unknown column"})

    @app.post("/things")
    def make_thing(thing: Thing, limit: int = 10) -> dict[str, str]:
        return {"name": thing.name}

    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("db password is hunter2")

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "bad_request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (405, "method_not_allowed"),
        (409, "conflict"),
        (413, "payload_too_large"),
        (422, "validation_error"),
        (429, "too_many_requests"),
        (500, "internal_error"),
        (418, "http_418"),
        (503, "http_503"),
    ],
)
def test_error_code_for(status: int, code: str) -> None:
    got = error_code_for(status)
    assert got == code, f"error_code_for({status}) should be {code!r}, got {got!r}"


def test_error_body_shapes() -> None:
    got = error_body("not_found", "gone")
    assert got == {"error": {"code": "not_found", "message": "gone"}}, (
        f"without details the envelope has only code and message, got {got!r}"
    )
    got = error_body("validation_error", "bad", [{"field": "body.url", "message": "nope"}])
    assert got == {
        "error": {"code": "validation_error", "message": "bad", "details": [{"field": "body.url", "message": "nope"}]}
    }, f"details go inside 'error', got {got!r}"
    got = error_body("validation_error", "bad", [])
    assert got["error"].get("details") == [], f"an empty details list is still included, got {got!r}"


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        ("/missing", 404, {"error": {"code": "not_found", "message": "no bookmark called 'caf\u00e9'"}}),
        ("/conflict", 409, {"error": {"code": "conflict", "message": "already there"}}),
        ("/plain-service-error", 400, {"error": {"code": "bad_request", "message": "that will not do"}}),
    ],
)
def test_service_errors_become_envelopes(path: str, status: int, body: dict[str, object]) -> None:
    response = probe_client().get(path)
    assert (response.status_code, response.json()) == (status, body), (
        f"GET {path} should answer {status} {body!r}, got {response.status_code} {response.text}"
    )


def test_http_exceptions_keep_their_headers() -> None:
    response = probe_client().get("/locked")
    assert response.status_code == 401, f"status must be kept, got {response.status_code}"
    assert response.json() == {"error": {"code": "unauthorized", "message": "missing API key"}}, response.text
    assert response.headers.get("www-authenticate") == "ApiKey", (
        "the WWW-Authenticate header of the HTTPException must survive the handler"
    )


def test_non_string_detail_goes_into_details() -> None:
    response = probe_client().get("/structured")
    assert (response.status_code, response.json()) == (
        400,
        {
            "error": {
                "code": "bad_request",
                "message": "Bad Request",
                "details": [{"field": "sort", "problem": "unknown column"}],
            }
        },
    ), f"a dict detail becomes details=[detail] with the reason phrase as message, got {response.text}"


def test_unknown_paths_and_methods_use_the_envelope_too() -> None:
    client = probe_client()
    response = client.get("/no/such/page")
    assert (response.status_code, response.json()) == (
        404,
        {"error": {"code": "not_found", "message": "Not Found"}},
    ), f"Starlette's own 404 must be wrapped (register starlette's HTTPException), got {response.text}"
    response = client.delete("/missing")
    assert response.status_code == 405, f"DELETE on a GET route is 405, got {response.status_code}"
    assert response.json()["error"]["code"] == "method_not_allowed", response.text
    assert response.headers.get("allow") == "GET", "the 405 must keep its Allow header"


def test_validation_errors_list_each_field() -> None:
    client = probe_client()
    response = client.post("/things?limit=many", json={"name": "box"})
    assert response.status_code == 422, f"expected 422, got {response.status_code}"
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("validation_error", "request validation failed"), error
    fields = sorted(item["field"] for item in error["details"])
    assert fields == ["body.size", "query.limit"], (
        f"details should name 'body.size' (missing) and 'query.limit' (not an int), got {fields}"
    )
    assert all(isinstance(item["message"], str) and item["message"] for item in error["details"]), (
        f"every detail needs a human message, got {error['details']}"
    )


def test_unexpected_errors_are_hidden_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    client = probe_client()
    with caplog.at_level(logging.ERROR):
        response = client.get("/crash")
    assert (response.status_code, response.json()) == (
        500,
        {"error": {"code": "internal_error", "message": "internal server error"}},
    ), f"an unhandled exception should be a generic 500, got {response.status_code} {response.text}"
    assert "hunter2" not in response.text, "the exception text must never reach the client"
    logged = "\n".join(record.getMessage() + str(record.exc_info) for record in caplog.records)
    assert "hunter2" in logged, "the real exception must be logged (exc_info=exc) for the operators"
