"""Conditional requests: ETags, If-None-Match (304) and If-Match (412), per RFC 9110.

An ETag is a short validator for one version of a resource. Clients send it
back to save bandwidth (``If-None-Match`` on GET: "send the body only if it
changed", answered with 304 Not Modified) and to avoid lost updates
(``If-Match`` on PUT/DELETE: "change it only if nobody else did", answered
with 412 Precondition Failed when someone did).

Entity tags look like ``"v1"`` (strong) or ``W/"v1"`` (weak); the part in
quotes is the opaque tag. ``*`` in a header means "any current version".
"""

from __future__ import annotations

from typing import Literal


def make_etag(body: bytes) -> str:
    """Return a strong ETag for a representation: its SHA-256, shortened.

    The tag is the first 16 lowercase hex digits of ``sha256(body)`` in double
    quotes, e.g. ``'"2c26b46b68ffc68f"'`` for ``b"foo"``. Equal bodies give
    equal tags; any change to the bytes changes the tag.
    """
    raise NotImplementedError("quote the first 16 hex digits of hashlib.sha256(body).hexdigest()")


def parse_etags(header: str) -> list[str] | Literal["*"]:
    """Parse an If-Match / If-None-Match header value.

    Returns ``"*"`` when the value is ``*`` (surrounding whitespace ignored);
    otherwise the list of entity tags, each exactly as written (``W/"a"`` or
    ``"a"``), in order. The list syntax of RFC 9110 applies: elements are
    separated by commas with optional spaces or tabs, and empty elements
    (``"a", , "b"``) are skipped. A comma INSIDE the quotes belongs to the tag
    (``"a,b"`` is one tag). Characters allowed inside the quotes are
    ``!`` and ``#`` to ``~`` and bytes from U+0080 to U+00FF; not a space and
    not ``"``.

    Raises:
        ValueError: Anything else: an unquoted tag, a ``*`` mixed with tags,
            a missing comma between tags, an unterminated quote, or a header
            with no tags at all.
    """
    raise NotImplementedError('handle \'*\', then scan: skip spaces/tabs/commas, match W/"..." or "..." tags')


def strong_match(a: str, b: str) -> bool:
    """Return True if both tags are strong and their opaque parts are equal.

    ``"1"`` vs ``"1"`` is True; ``W/"1"`` vs ``"1"`` and ``W/"1"`` vs ``W/"1"``
    are False (RFC 9110 section 8.8.3.2).
    """
    raise NotImplementedError("both strong (no 'W/') and identical")


def weak_match(a: str, b: str) -> bool:
    """Return True if the opaque parts are equal, ignoring any ``W/`` prefix."""
    raise NotImplementedError("compare after removing any 'W/' prefix")


def evaluate_preconditions(
    method: str,
    current_etag: str | None,
    *,
    if_match: str | None = None,
    if_none_match: str | None = None,
) -> int | None:
    """Decide whether a conditional request may proceed (RFC 9110 section 13.2.2).

    Args:
        method: The request method, e.g. ``"GET"`` or ``"PUT"`` (case-sensitive).
        current_etag: The ETag of the resource as it is now, or None if the
            resource does not exist.
        if_match: The raw If-Match header value, or None when absent.
        if_none_match: The raw If-None-Match header value, or None when absent.

    Returns:
        None to go ahead, or the status code to answer instead:

        1. If-Match present: ``*`` passes only when the resource exists; a tag
           list passes only when some tag STRONGLY matches ``current_etag``.
           Failing -> 412.
        2. Then If-None-Match present: ``*`` fails when the resource exists; a
           tag list fails when some tag WEAKLY matches ``current_etag``.
           Failing -> 304 for GET and HEAD, 412 for every other method.

    Raises:
        ValueError: A header value that :func:`parse_etags` refuses.
    """
    raise NotImplementedError("If-Match first (strong, 412), then If-None-Match (weak, 304 or 412)")
