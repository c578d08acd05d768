"""Route templates such as "/users/{user_id:int}/posts/{slug:slug}".

Every web framework has this piece: it turns a template written by a developer
into something that can (a) match an incoming path and pull typed parameters out
of it and (b) build a path back from parameters ("reverse routing", url_for).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote, unquote

PARAM = re.compile(r"\{([^{}]*)\}")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


CONVERTER_REGEXES: dict[str, str] = {
    "str": r"[^/]+",
    "int": r"[0-9]+",
    "slug": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "uuid": r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    "path": r".+",
}


def _to_python(kind: str, text: str) -> object:
    if kind == "int":
        return int(text)
    if kind == "uuid":
        return uuid.UUID(text)
    if kind in ("str", "path"):
        return unquote(text)
    return text


def _to_path(kind: str, value: object) -> str:
    if kind == "str":
        return quote(str(value), safe="")
    if kind == "path":
        return quote(str(value), safe="/")
    if kind == "uuid":
        return str(value).lower()
    return str(value)


@dataclass(frozen=True)
class RoutePattern:
    """A compiled route template."""

    template: str
    regex: re.Pattern[str]
    params: tuple[tuple[str, str], ...]

    @property
    def param_names(self) -> tuple[str, ...]:
        """Return the parameter names in template order."""
        return tuple(name for name, _ in self.params)

    def match(self, path: str) -> dict[str, object] | None:
        """Return the converted parameters when `path` matches, else None."""
        found = self.regex.fullmatch(path)
        if found is None:
            return None
        return {name: _to_python(kind, found.group(name)) for name, kind in self.params}

    def build(self, **values: object) -> str:
        """Return the path for these parameter values."""
        names = set(self.param_names)
        missing = sorted(names - values.keys())
        extra = sorted(values.keys() - names)
        if missing or extra:
            raise ValueError(f"{self.template}: missing parameters {missing}, unexpected parameters {extra}")
        kinds = dict(self.params)

        def fill(found: re.Match[str]) -> str:
            name = found.group(1).partition(":")[0]
            text = _to_path(kinds[name], values[name])
            if not re.fullmatch(CONVERTER_REGEXES[kinds[name]], text):
                raise ValueError(f"{values[name]!r} is not a valid {kinds[name]} for {{{name}}}")
            return text

        return PARAM.sub(fill, self.template)


def compile_pattern(template: str) -> RoutePattern:
    """Compile a route template."""
    if not template.startswith("/"):
        raise ValueError(f"route template {template!r} must start with '/'")
    parts: list[str] = []
    params: list[tuple[str, str]] = []
    position = 0
    for found in PARAM.finditer(template):
        literal = template[position : found.start()]
        _check_literal(template, literal)
        parts.append(re.escape(literal))
        name, _, kind = found.group(1).partition(":")
        kind = kind or "str"
        if not NAME.fullmatch(name):
            raise ValueError(f"{template!r}: {name!r} is not a valid parameter name")
        if kind not in CONVERTER_REGEXES:
            raise ValueError(
                f"{template!r}: unknown converter {kind!r} (known: {', '.join(sorted(CONVERTER_REGEXES))})"
            )
        if name in dict(params):
            raise ValueError(f"{template!r}: parameter {name!r} appears twice")
        if kind == "path" and found.end() != len(template):
            raise ValueError(f"{template!r}: a path parameter must be the last thing in the template")
        params.append((name, kind))
        parts.append(f"(?P<{name}>{CONVERTER_REGEXES[kind]})")
        position = found.end()
    tail = template[position:]
    _check_literal(template, tail)
    parts.append(re.escape(tail))
    return RoutePattern(template=template, regex=re.compile("".join(parts)), params=tuple(params))


def _check_literal(template: str, literal: str) -> None:
    if "{" in literal or "}" in literal:
        raise ValueError(f"{template!r}: unbalanced '{{' or '}}'")
