"""An OpenAPI 3.1 description of the books resource from ex05.

OpenAPI is the contract of an HTTP API: which paths and methods exist, what
they accept, and every status code and body they can answer with. Client
generators, documentation sites (Swagger UI, Redoc), mock servers and
contract tests all read it. OpenAPI 3.1 schemas are plain JSON Schema
(draft 2020-12), so the same schema can validate real responses in tests.

Build the document as a Python dict; ``json.dumps(build_openapi())`` is a
valid ``openapi.json``.
"""

from __future__ import annotations

from typing import Any

from practice.problem_details import AUTHOR_MAX, TITLE_MAX, YEAR_MAX, YEAR_MIN

PROBLEM = "application/problem+json"
JSON = "application/json"


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _json_body(schema: str, description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {JSON: {"schema": _ref("schemas", schema)}},
    }
    if headers:
        response["headers"] = headers
    return response


def _schemas() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    year = {"type": ["integer", "null"], "minimum": YEAR_MIN, "maximum": YEAR_MAX}
    return {
        "Book": {
            "type": "object",
            "required": ["id", "title", "author", "isbn", "year"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer", "minimum": 1, "readOnly": True},
                "title": {**text, "maxLength": TITLE_MAX},
                "author": {**text, "maxLength": AUTHOR_MAX},
                "isbn": {"type": "string", "pattern": "^[0-9]{13}$"},
                "year": year,
            },
        },
        "BookInput": {
            "type": "object",
            "required": ["title", "author", "isbn"],
            "additionalProperties": False,
            "properties": {
                "title": {**text, "maxLength": TITLE_MAX, "description": "Trimmed; must not be blank."},
                "author": {**text, "maxLength": AUTHOR_MAX, "description": "Trimmed; must not be blank."},
                "isbn": {
                    "type": "string",
                    "pattern": "^[0-9][0-9 -]*[0-9]$",
                    "description": "An ISBN-13; hyphens and spaces are ignored; the check digit is verified.",
                },
                "year": year,
            },
        },
        "BookPage": {
            "type": "object",
            "required": ["items", "total", "limit", "offset"],
            "additionalProperties": False,
            "properties": {
                "items": {"type": "array", "items": _ref("schemas", "Book")},
                "total": {"type": "integer", "minimum": 0},
                "limit": {"type": "integer", "minimum": 1, "maximum": 100},
                "offset": {"type": "integer", "minimum": 0},
            },
        },
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details.",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string", "format": "uri-reference", "default": "about:blank"},
                "title": {"type": "string"},
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"type": "string"},
                "instance": {"type": "string", "format": "uri-reference"},
            },
        },
        "ValidationProblem": {
            "allOf": [
                _ref("schemas", "Problem"),
                {
                    "type": "object",
                    "properties": {
                        "errors": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["pointer", "detail"],
                                "properties": {
                                    "pointer": {"type": "string", "description": "RFC 6901 JSON Pointer."},
                                    "detail": {"type": "string"},
                                },
                            },
                        }
                    },
                },
            ]
        },
    }


def _problem_response(description: str, schema: str = "Problem") -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": _ref("schemas", schema)}}}


def _header_param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": False, "description": description, "schema": schema}


def build_openapi() -> dict[str, Any]:
    """Return the OpenAPI 3.1 document for the books resource, as a dict.

    The tests check this contract, so follow it exactly:

    * ``openapi``: ``"3.1.0"``; ``info`` with non-empty ``title`` and ``version``.
    * ``paths``: exactly ``/books`` (``get`` with operationId ``listBooks``,
      ``post`` ``createBook``) and ``/books/{bookId}`` (``get`` ``getBook``,
      ``put`` ``replaceBook``, ``delete`` ``deleteBook``). ``bookId`` is a
      required path parameter with schema ``{"type": "integer", "minimum": 1}``
      (declared on the path item or on each operation).
    * Parameters (inline or ``$ref`` to ``#/components/parameters/...``):
      listBooks has query ``limit`` (integer, minimum 1, maximum 100, default
      20), ``offset`` (integer, minimum 0, default 0) and ``author`` (string);
      createBook has header ``Idempotency-Key`` (string, minLength 1,
      maxLength 255); getBook has headers ``If-None-Match`` and ``If-Match``;
      replaceBook and deleteBook have ``If-Match``.
    * createBook and replaceBook have a required ``requestBody`` with
      ``application/json`` and schema ``#/components/schemas/BookInput``.
    * ``responses`` - every operation documents at least these statuses (keys
      are strings), each with a ``description``:
      listBooks 200, 400; createBook 201, 400, 409, 415, 422; getBook 200,
      304, 400, 404, 412; replaceBook 200, 400, 404, 409, 412, 415, 422;
      deleteBook 204, 400, 404, 412.
    * 200/201 responses have ``application/json`` content: ``BookPage`` for
      listBooks, ``Book`` otherwise. Headers documented: ``Link`` on listBooks
      200; ``Location`` and ``ETag`` on createBook 201; ``ETag`` on getBook 200
      and replaceBook 200 and on getBook 304. 204 and 304 have no content.
    * Every 4xx response has ``application/problem+json`` content with schema
      ``Problem``, except 422 which uses ``ValidationProblem``: a Problem that
      may carry an ``errors`` array of ``{pointer, detail}`` objects (the 422
      for a reused Idempotency-Key has no ``errors``).
    * ``components.schemas``: ``Book`` (all five members required, no others
      allowed, ``year`` is ``["integer", "null"]``), ``BookInput`` (title,
      author, isbn required; year optional; no other members), ``BookPage``,
      ``Problem`` (type, title, status required), ``ValidationProblem``. They
      must be valid JSON Schema 2020-12 and agree with what the app really
      sends and accepts.
    * Every ``$ref`` is local (``#/...``) and points at something that exists.
    """
    bad_request = _problem_response("Malformed request: bad JSON, query parameter or header.")
    not_found = _problem_response("No book with this id.")
    conflict = _problem_response("The ISBN belongs to another book, or the idempotent request is in progress.")
    precondition = _problem_response("The book changed: the If-Match / If-None-Match precondition failed.")
    media = _problem_response("The body must be application/json.")
    invalid = _problem_response("The book has invalid fields; see errors.", "ValidationProblem")
    etag = {"ETag": _ref("headers", "ETag")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Books API",
            "version": "1.0.0",
            "description": "A books collection with validation, pagination, ETags and idempotent creation.",
        },
        "paths": {
            "/books": {
                "get": {
                    "operationId": "listBooks",
                    "summary": "List books, a page at a time",
                    "parameters": [
                        _ref("parameters", "Limit"),
                        _ref("parameters", "Offset"),
                        {"name": "author", "in": "query", "required": False, "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": _json_body(
                            "BookPage",
                            "One page of books.",
                            {
                                "Link": {
                                    "description": "RFC 8288 links to the first, prev, next and last pages.",
                                    "schema": {"type": "string"},
                                }
                            },
                        ),
                        "400": bad_request,
                    },
                },
                "post": {
                    "operationId": "createBook",
                    "summary": "Add a book",
                    "parameters": [
                        _header_param(
                            "Idempotency-Key",
                            "Retrying with the same key and body replays the first response.",
                            {"type": "string", "minLength": 1, "maxLength": 255},
                        )
                    ],
                    "requestBody": _ref("requestBodies", "BookInput"),
                    "responses": {
                        "201": _json_body(
                            "Book",
                            "The book was created.",
                            {
                                "Location": {"description": "URL of the new book.", "schema": {"type": "string"}},
                                **etag,
                            },
                        ),
                        "400": bad_request,
                        "409": conflict,
                        "415": media,
                        "422": _problem_response(
                            "Invalid fields (see errors), or an Idempotency-Key reused for another request.",
                            "ValidationProblem",
                        ),
                    },
                },
            },
            "/books/{bookId}": {
                "parameters": [_ref("parameters", "BookId")],
                "get": {
                    "operationId": "getBook",
                    "summary": "Read one book",
                    "parameters": [
                        _header_param("If-None-Match", "Answer 304 if the ETag still matches.", {"type": "string"}),
                        _ref("parameters", "IfMatch"),
                    ],
                    "responses": {
                        "200": _json_body("Book", "The book.", etag),
                        "304": {"description": "Not modified since the given ETag.", "headers": etag},
                        "400": bad_request,
                        "404": not_found,
                        "412": precondition,
                    },
                },
                "put": {
                    "operationId": "replaceBook",
                    "summary": "Replace a book",
                    "parameters": [_ref("parameters", "IfMatch")],
                    "requestBody": _ref("requestBodies", "BookInput"),
                    "responses": {
                        "200": _json_body("Book", "The updated book.", etag),
                        "400": bad_request,
                        "404": not_found,
                        "409": conflict,
                        "412": precondition,
                        "415": media,
                        "422": invalid,
                    },
                },
                "delete": {
                    "operationId": "deleteBook",
                    "summary": "Delete a book",
                    "parameters": [_ref("parameters", "IfMatch")],
                    "responses": {
                        "204": {"description": "Deleted."},
                        "400": bad_request,
                        "404": not_found,
                        "412": precondition,
                    },
                },
            },
        },
        "components": {
            "schemas": _schemas(),
            "parameters": {
                "BookId": {
                    "name": "bookId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                },
                "Limit": {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                },
                "Offset": {
                    "name": "offset",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 0, "default": 0},
                },
                "IfMatch": _header_param(
                    "If-Match", "Only act if the book still has one of these ETags.", {"type": "string"}
                ),
            },
            "requestBodies": {
                "BookInput": {"required": True, "content": {JSON: {"schema": _ref("schemas", "BookInput")}}},
            },
            "headers": {
                "ETag": {"description": "Version of the representation.", "schema": {"type": "string"}},
            },
        },
    }
