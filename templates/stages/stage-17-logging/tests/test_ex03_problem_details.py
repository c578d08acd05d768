"""Tests for ex03: an exception hierarchy mapped to problem-details responses."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import pytest
from practice.problem_details import (
    PROBLEM_CONTENT_TYPE,
    TYPE_BASE,
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    RateLimited,
    Unauthorized,
    UpstreamUnavailable,
    ValidationFailed,
    to_problem,
)

LOGGER = "practice.errors"


@pytest.mark.parametrize(
    ("make", "status", "code", "title"),
    [
        (lambda: BadRequest("cursor is malformed"), 400, "bad-request", "Bad Request"),
        (lambda: ValidationFailed("invalid body", errors=[]), 422, "validation-failed", "Validation Failed"),
        (lambda: Unauthorized("token expired"), 401, "unauthorized", "Unauthorized"),
        (lambda: Forbidden("not your order"), 403, "forbidden", "Forbidden"),
        (lambda: NotFound("order 7 does not exist"), 404, "not-found", "Not Found"),
        (lambda: Conflict("email already registered"), 409, "conflict", "Conflict"),
        (lambda: RateLimited("slow down", retry_after=30), 429, "rate-limited", "Too Many Requests"),
        (lambda: UpstreamUnavailable("payments provider down"), 503, "upstream-unavailable", "Service Unavailable"),
    ],
    ids=["400", "422", "401", "403", "404", "409", "429", "503"],
)
def test_each_domain_error_maps_to_its_status(make: Callable[[], AppError], status: int, code: str, title: str) -> None:
    exc = make()
    problem = to_problem(exc)
    assert problem.status == status, f"{type(exc).__name__} should map to {status}, got {problem.status}"
    assert problem.body.get("type") == TYPE_BASE + code, f"type should be {TYPE_BASE + code!r}, got {problem.body!r}"
    assert problem.body.get("title") == title, f"title should be {title!r}, got {problem.body.get('title')!r}"
    assert problem.body.get("status") == status, "the body must repeat the status"
    assert problem.body.get("detail") == str(exc), "detail must be the message given to the exception"
    assert problem.headers.get("Content-Type") == PROBLEM_CONTENT_TYPE, f"Content-Type wrong: {problem.headers!r}"


def test_body_members_order_and_instance() -> None:
    problem = to_problem(NotFound("order 7 does not exist", order_id=7), instance="/orders/7")
    want = {
        "type": TYPE_BASE + "not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "order 7 does not exist",
        "instance": "/orders/7",
        "order_id": 7,
    }
    assert problem.body == want, f"body should be {want!r}, got {problem.body!r}"
    assert list(problem.body) == list(want), f"member order should be {list(want)!r}, got {list(problem.body)!r}"
    plain = to_problem(NotFound("gone"))
    assert "instance" not in plain.body, "without instance= the member must be omitted, not null"


def test_exception_basics() -> None:
    exc = ValidationFailed("2 fields are invalid", errors=[{"field": "email", "message": "required"}])
    assert str(exc) == "2 fields are invalid", f"str(exc) should be the detail, got {str(exc)!r}"
    assert exc.detail == "2 fields are invalid", "the detail attribute must be set"
    assert isinstance(exc, BadRequest) and isinstance(exc, AppError), "ValidationFailed is a kind of BadRequest"
    assert exc.extensions == {"errors": [{"field": "email", "message": "required"}]}, f"got {exc.extensions!r}"


def test_validation_errors_become_an_extension_member() -> None:
    errors = [
        {"field": "email", "message": "must contain @"},
        {"field": "age", "message": "must be >= 18"},
    ]
    problem = to_problem(ValidationFailed("2 fields are invalid", errors=errors))
    assert problem.status == 422, f"status should be 422, got {problem.status}"
    assert problem.body.get("errors") == errors, f"the errors list should be in the body, got {problem.body!r}"
    json.dumps(problem.body)


def test_extensions_cannot_override_standard_members() -> None:
    problem = to_problem(Conflict("duplicate", status=200, title="OK", type="x", balance=30))
    assert problem.body["status"] == 409, "an extension named 'status' must not override the real status"
    assert problem.body["title"] == "Conflict", "an extension named 'title' must be dropped"
    assert problem.body["type"] == TYPE_BASE + "conflict", "an extension named 'type' must be dropped"
    assert problem.body.get("balance") == 30, "other extensions are kept"


def test_special_headers() -> None:
    limited = to_problem(RateLimited("too many login attempts", retry_after=120))
    assert limited.headers.get("Retry-After") == "120", f"429 needs Retry-After: 120, got {limited.headers!r}"
    assert "retry_after" not in limited.body, "retry_after is a header, not a body member"
    unauth = to_problem(Unauthorized("token expired"))
    assert unauth.headers.get("WWW-Authenticate") == "Bearer", f"401 needs WWW-Authenticate, got {unauth.headers!r}"
    assert "Retry-After" not in to_problem(NotFound("x")).headers, "only 429 responses carry Retry-After"


def test_subclasses_defined_elsewhere_are_mapped() -> None:
    class OrderNotFound(NotFound):
        pass

    class PaymentDeclined(AppError):
        status = 402
        code = "payment-declined"
        title = "Payment Declined"

    inherited = to_problem(OrderNotFound("order 9 does not exist"))
    assert (inherited.status, inherited.body["type"]) == (404, TYPE_BASE + "not-found"), (
        f"a subclass of NotFound should map like NotFound, got {inherited.status} {inherited.body!r}"
    )
    custom = to_problem(PaymentDeclined("card declined", decline_code="insufficient_funds"))
    assert custom.status == 402, f"a new AppError subclass should use its own status, got {custom.status}"
    assert custom.body.get("decline_code") == "insufficient_funds", f"got {custom.body!r}"


def test_unknown_errors_become_a_generic_500_without_leaks(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    secret = "password authentication failed for user 'billing' at 10.0.0.5"
    try:
        raise KeyError(secret)
    except KeyError as exc:
        caught = exc
        problem = to_problem(exc, instance="/invoices/3", error_id_factory=lambda: "err-0001")
    want = {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "An unexpected error occurred.",
        "instance": "/invoices/3",
        "error_id": "err-0001",
    }
    assert problem.status == 500, f"unknown errors must be 500, got {problem.status}"
    assert problem.body == want, f"body should be exactly {want!r}, got {problem.body!r}"
    dumped = json.dumps(problem.body) + json.dumps(problem.headers)
    assert "billing" not in dumped and "KeyError" not in dumped, f"internals leaked into the response: {dumped}"
    records = [r for r in caplog.records if r.name == LOGGER]
    assert len(records) == 1, f"exactly one log record expected on {LOGGER!r}, got {len(records)}"
    record = records[0]
    assert record.levelno == logging.ERROR, f"unknown errors must be logged at ERROR, got {record.levelname}"
    assert record.exc_info and record.exc_info[1] is caught, "the log record must carry the exception (exc_info)"
    assert getattr(record, "error_id", None) == "err-0001", "the record needs extra error_id to match the response"
    assert getattr(record, "status", None) == 500, "the record needs extra status=500"


def test_log_level_depends_on_status(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    to_problem(NotFound("order 1 does not exist"))
    to_problem(UpstreamUnavailable("payments provider down"))
    records = [r for r in caplog.records if r.name == LOGGER]
    assert [r.levelno for r in records] == [logging.INFO, logging.ERROR], (
        f"4xx should log INFO and 5xx ERROR, got {[r.levelname for r in records]}"
    )
    client_error, server_error = records
    assert not client_error.exc_info, "client errors are expected: no traceback in the log"
    assert server_error.exc_info, "server errors need the traceback in the log"
    assert "404" in client_error.getMessage(), f"the log message should include the status, got {client_error.msg!r}"
    assert getattr(client_error, "status", None) == 404, "the record needs extra status=404"


def test_default_error_ids_are_unique() -> None:
    ids = {to_problem(RuntimeError("boom")).body["error_id"] for _ in range(20)}
    assert len(ids) == 20, "each unknown error should get its own error_id"
