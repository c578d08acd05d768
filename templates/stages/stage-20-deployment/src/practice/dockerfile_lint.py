"""Parse a Dockerfile and check it against production rules.

A container image is the unit you deploy, and most of its security and
speed problems are visible in the Dockerfile before anything is built:
a ``latest`` base image that changes under you, a single stage that ships
compilers and caches to production, a process running as root, a password
baked into an ``ENV`` layer forever, no ``HEALTHCHECK``, and a ``COPY . .``
placed before ``pip install`` so every code change reinstalls every
dependency. Tools such as hadolint check rules like these in CI; here you
write the parser and the rules yourself.

Rules (``Finding.rule``) and the line each is reported on:

* ``unpinned-base-image`` (the FROM line): the image has no tag, or the
  tag is ``latest``. Pinned: a tag other than latest, or a digest
  (``@sha256:...``). Not images, so never reported: ``scratch``, the name
  of an earlier stage (``FROM build``), and anything containing ``$``.
* ``single-stage`` (the only FROM line): just one FROM in the file.
* ``runs-as-root``: the final stage has no USER (reported on that stage's
  FROM line) or its last USER is ``root`` or ``0``, optionally followed by
  ``:group`` (reported on that USER line).
* ``secret-in-env`` (the ENV or ARG line): a variable name that contains
  (any case) PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, APIKEY,
  PRIVATE_KEY, ACCESS_KEY or CREDENTIAL. One finding per such name.
* ``healthcheck-missing`` (the final stage's FROM line): the final stage
  has no HEALTHCHECK, or its last one is ``HEALTHCHECK NONE``.
* ``copy-before-install`` (the COPY/ADD line): in one stage, a COPY or ADD
  of the whole build context (a source that is ``.`` or ``./``) comes
  before a RUN that installs dependencies (its text contains
  ``pip install``, ``pip3 install``, ``npm ci``, ``npm install``, ``poetry install``,
  ``uv sync``, ``bundle install`` or ``go mod download``). Copies with
  ``--from=`` read another stage and are ignored. Report each such COPY
  once.

TODO: implement ``parse_dockerfile``, ``base_image`` and ``lint_dockerfile``.
``shlex.split`` splits ENV/ARG/COPY arguments; ``json.loads`` reads the
``COPY ["src", "dest"]`` form.
"""

from __future__ import annotations

from dataclasses import dataclass

INSTRUCTIONS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)


class DockerfileError(ValueError):
    """The text is not a Dockerfile this linter can read."""


@dataclass(frozen=True)
class Instruction:
    """One logical instruction.

    Attributes:
        line: 1-based number of the physical line where it starts.
        keyword: the instruction in upper case, e.g. ``"RUN"``.
        args: everything after the keyword, continuation lines joined.
    """

    line: int
    keyword: str
    args: str


@dataclass(frozen=True)
class Finding:
    """One rule broken at one line."""

    line: int
    rule: str
    message: str


def parse_dockerfile(text: str) -> list[Instruction]:
    """Split Dockerfile text into logical instructions.

    * Lines end in ``\\n`` or ``\\r\\n``. Blank lines are skipped.
    * A line whose first non-blank character is ``#`` is a comment and is
      skipped, also in the middle of a continued instruction (parser
      directives like ``# syntax=...`` are treated as comments too).
    * A line that ends with a backslash (after trailing whitespace is
      removed) continues on the next non-blank, non-comment line. The
      pieces, each stripped and without the backslash, are joined with
      single spaces. A continuation still open at the end of the text ends
      the instruction there.
    * The keyword is the first word, in any case; ``args`` is the rest,
      stripped (may be empty).

    Raises:
        DockerfileError: naming the line number, if a keyword is not in
            ``INSTRUCTIONS``, if an instruction other than ARG comes before
            the first FROM, or if there is no FROM at all (this includes
            empty text).
    """
    raise NotImplementedError(
        "walk the lines with their numbers, skip blanks and comments, glue continuation pieces, then check keywords"
    )


def base_image(from_args: str) -> tuple[str, str | None]:
    """Split the arguments of a FROM into ``(image, stage_name)``.

    Flags such as ``--platform=linux/amd64`` are skipped. ``AS name`` (any
    case) gives the stage name; without it the name is None.

    ``"--platform=$BUILDPLATFORM python:3.12-slim AS build"`` ->
    ``("python:3.12-slim", "build")``.

    Raises:
        DockerfileError: if there is no image, or the words after the image
            are not exactly ``AS <name>``.
    """
    raise NotImplementedError("split into words, drop the leading --flags, then take the image and an optional AS name")


def lint_dockerfile(text: str) -> list[Finding]:
    """Check a Dockerfile against the rules in the module docstring.

    Stages start at each FROM; the final stage is the last one. To read the
    tag of an image, look only after the last ``/``: in
    ``registry.local:5000/team/app`` the ``:5000`` is a port, so this image
    has no tag.

    ENV accepts ``ENV KEY=value KEY2="two words"`` and the older
    ``ENV KEY value``; ARG accepts ``ARG NAME`` and ``ARG NAME=default``,
    possibly several per line. COPY/ADD take their last word as the
    destination; the words before it (after ``--flags``) are sources. The
    JSON form ``COPY ["a", "b", "/dest/"]`` works the same way.

    Returns:
        Findings sorted by line, then by rule name. A Dockerfile that
        follows every rule gives ``[]``.

    Raises:
        DockerfileError: as ``parse_dockerfile`` and ``base_image``.
    """
    raise NotImplementedError(
        "parse, split into stages at each FROM, check each rule, then sort the findings by (line, rule)"
    )
