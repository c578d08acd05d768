"""Route templates such as "/users/{user_id:int}/posts/{slug:slug}".

Every web framework has this piece: it turns a template written by a developer
into something that can (a) match an incoming path and pull typed parameters out
of it and (b) build a path back from parameters ("reverse routing", url_for).

Exercise ex01: write compile_pattern, RoutePattern.match and RoutePattern.build.

Template syntax:
- A template starts with "/". Everything outside braces is literal text that must
  appear exactly (case-sensitive; a trailing slash matters: "/users/" is not
  "/users").
- `{name}` or `{name:converter}` is a parameter. The name is a Python identifier
  ([A-Za-z_][A-Za-z0-9_]*); the converter defaults to "str".
- Converters (their regexes are in CONVERTER_REGEXES below):
    str   one path segment (no "/"), value percent-decoded with urllib.parse.unquote:
          "caf%C3%A9" -> "cafe" with an acute accent, "a%20b" -> "a b"
    int   digits only (no sign), value int("007") == 7
    slug  lowercase words joined by single dashes ("hello-world"), value kept as str
    uuid  8-4-4-4-12 hex digits (either case), value uuid.UUID(text)
    path  the rest of the path, "/" included, value percent-decoded; only allowed
          as the very last thing in the template
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONVERTER_REGEXES: dict[str, str] = {
    "str": r"[^/]+",
    "int": r"[0-9]+",
    "slug": r"[a-z0-9]+(?:-[a-z0-9]+)*",
    "uuid": r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    "path": r".+",
}


@dataclass(frozen=True)
class RoutePattern:
    """A compiled route template.

    Attributes:
        template: the template it was compiled from.
        regex: a compiled regex that fullmatches the paths this route accepts, with
            one named group per parameter, e.g. for "/users/{user_id:int}":
            re.compile(r"/users/(?P<user_id>[0-9]+)"). Escape literal text with
            re.escape.
        params: (name, converter) pairs in template order, e.g. (("user_id", "int"),).
    """

    template: str
    regex: re.Pattern[str]
    params: tuple[tuple[str, str], ...]

    @property
    def param_names(self) -> tuple[str, ...]:
        """Return the parameter names in template order."""
        return tuple(name for name, _ in self.params)

    def match(self, path: str) -> dict[str, object] | None:
        """Return the converted parameters when `path` matches, else None.

        Use `self.regex.fullmatch(path)` (a partial match is no match), then convert
        each captured text with its converter (see the module docstring).
        "/users/42" against "/users/{user_id:int}" gives {"user_id": 42};
        "/users/abc" and "/users/42/extra" give None. A template without
        parameters gives {} on a match.
        """
        raise NotImplementedError("fullmatch the regex and convert each captured parameter")

    def build(self, **values: object) -> str:
        """Return the path for these parameter values (reverse routing).

        Each value is turned into text: str values are percent-encoded with
        urllib.parse.quote(text, safe="") ("a b/c" -> "a%20b%2Fc"), path values with
        quote(text, safe="/"), uuid values as lowercase str(uuid), int and slug
        values with str(). The text must then fullmatch the converter's regex.

        Raises:
            ValueError: when a parameter is missing, an unknown one is given, or a
                value does not fit its converter (build(user_id="abc") for an int
                parameter, build(slug="Not A Slug")). Say which parameter.
        """
        raise NotImplementedError("fill the template's parameters back in")


def compile_pattern(template: str) -> RoutePattern:
    """Compile a route template into a RoutePattern.

    Raises:
        ValueError: with a message naming the problem, when the template does not
            start with "/", has an unbalanced "{" or "}", an empty or invalid
            parameter name ("{}", "{1st}"), an unknown converter ("{id:float}"), the
            same parameter name twice, or a path parameter that is not last.
    """
    raise NotImplementedError("turn the template into a regex with one named group per parameter")
