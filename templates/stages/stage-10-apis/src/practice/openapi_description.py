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

PROBLEM = "application/problem+json"
JSON = "application/json"


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
    raise NotImplementedError("return the document described above; share schemas via components and $ref")
