"""Serve static files without path traversal.

A static-file handler maps a URL path such as ``/css/site.css`` to a file under
a root folder. Done naively (``root / url_path``) it serves ``/etc/passwd`` to
anyone who asks for ``/../../etc/passwd``, ``/%2e%2e/%2e%2e/etc/passwd`` or a
symlink that points outside the root. The safe approach is to refuse suspicious
input early and then, as the final word, resolve the real path and check that
it is still inside the real root.

Exercise ex04: implement ``resolve_static_path`` and ``serve_static``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
INDEX_FILE = "index.html"


class UnsafePathError(ValueError):
    """The requested path tries to leave the root or reach a hidden file."""


def resolve_static_path(root: Path, url_path: str) -> Path:
    """Map a URL path to a real file path inside ``root``, or refuse.

    Steps, in order:

    1. A NUL character (``"\\x00"``) anywhere is refused.
    2. Percent-decode exactly once with ``urllib.parse.unquote(url_path,
       errors="strict")``; a ``UnicodeDecodeError`` (invalid UTF-8 such as
       ``%ff``) is refused. ``%252e`` therefore becomes the literal text
       ``%2e``, a harmless file name.
    3. After decoding, a NUL or a backslash is refused.
    4. Remove one leading ``/``. If what remains still starts with ``/`` (an
       absolute path such as ``//etc/passwd``) it is refused. If it is empty or
       ends with ``/``, append ``INDEX_FILE``.
    5. Split on ``/``. An empty segment (``a//b``) or a segment starting with
       ``.`` (``.``, ``..``, ``.env``, ``.git``) is refused.
    6. Resolve ``root`` and the joined path with ``Path.resolve()`` (following
       symlinks). If the result is not inside the resolved root
       (``Path.is_relative_to``) it is refused. Symlinks that stay inside the
       root are fine.

    The file does not have to exist; ``serve_static`` checks that.

    Args:
        root: the folder being served; it must exist.
        url_path: the path part of the request URL, still percent-encoded.

    Returns:
        The resolved absolute path of the file to serve.

    Raises:
        UnsafePathError: when any step above refuses the path.
    """
    if "\x00" in url_path:
        raise UnsafePathError("NUL byte in path")
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError as exc:
        raise UnsafePathError("path is not valid UTF-8") from exc
    if "\x00" in decoded or "\\" in decoded:
        raise UnsafePathError("NUL or backslash in path")
    relative = decoded.removeprefix("/")
    if relative.startswith("/"):
        raise UnsafePathError("absolute path")
    if relative == "" or relative.endswith("/"):
        relative += INDEX_FILE
    segments = relative.split("/")
    for segment in segments:
        if segment == "" or segment.startswith("."):
            raise UnsafePathError(f"refused path segment {segment!r}")
    real_root = root.resolve(strict=True)
    candidate = real_root.joinpath(*segments).resolve()
    if not candidate.is_relative_to(real_root):
        raise UnsafePathError("path leaves the root")
    return candidate


def serve_static(root: Path, url_path: str) -> tuple[int, dict[str, str], bytes]:
    """Answer a GET for ``url_path`` as ``(status, headers, body)``.

    * Refused by ``resolve_static_path``: ``403`` with body ``b"Forbidden"``.
    * Resolved but not an existing regular file (missing, or a directory):
      ``404`` with body ``b"Not Found"``.
    * Otherwise ``200`` with the file's bytes.

    403 and 404 answers have exactly the header
    ``{"Content-Type": "text/plain; charset=utf-8"}``. A 200 answer has exactly
    ``Content-Type`` (from ``CONTENT_TYPES`` by the lowercased file suffix, else
    ``DEFAULT_CONTENT_TYPE``), ``Content-Length`` (the body length as a string)
    and ``X-Content-Type-Options: nosniff``.

    Args:
        root: the folder being served.
        url_path: the path part of the request URL, still percent-encoded.

    Returns:
        The status code, headers and body.
    """
    plain = {"Content-Type": "text/plain; charset=utf-8"}
    try:
        path = resolve_static_path(root, url_path)
    except UnsafePathError:
        return 403, plain, b"Forbidden"
    if not path.is_file():
        return 404, plain, b"Not Found"
    body = path.read_bytes()
    headers = {
        "Content-Type": CONTENT_TYPES.get(path.suffix.lower(), DEFAULT_CONTENT_TYPE),
        "Content-Length": str(len(body)),
        "X-Content-Type-Options": "nosniff",
    }
    return 200, headers, body
