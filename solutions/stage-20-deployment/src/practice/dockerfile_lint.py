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
"""

from __future__ import annotations

import json
import re
import shlex
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

_SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIAL", re.I)
_INSTALL = (
    "pip install",
    "pip3 install",
    "npm ci",
    "npm install",
    "poetry install",
    "uv sync",
    "bundle install",
    "go mod download",
)
_ROOT_USER = re.compile(r"(root|0)(:.*)?")
_FLAGS = re.compile(r"(\s*--\S+)+")


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
    instructions: list[Instruction] = []
    pieces: list[str] = []
    start = 0
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not pieces:
            start = number
        line = raw.rstrip()
        if line.endswith("\\"):
            pieces.append(line[:-1].strip())
            continue
        pieces.append(stripped)
        instructions.append(_make_instruction(start, pieces))
        pieces = []
    if pieces:
        instructions.append(_make_instruction(start, pieces))

    seen_from = False
    for instruction in instructions:
        if instruction.keyword == "FROM":
            seen_from = True
        elif not seen_from and instruction.keyword != "ARG":
            raise DockerfileError(f"line {instruction.line}: {instruction.keyword} before the first FROM")
    if not seen_from:
        raise DockerfileError("a Dockerfile needs at least one FROM")
    return instructions


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
    words = [word for word in from_args.split() if not word.startswith("--")]
    if len(words) == 1:
        return words[0], None
    if len(words) == 3 and words[1].lower() == "as":
        return words[0], words[2]
    raise DockerfileError(f"cannot read FROM {from_args!r}")


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
    instructions = parse_dockerfile(text)
    findings: list[Finding] = []
    stages: list[list[Instruction]] = []
    stage_names: set[str] = set()
    for instruction in instructions:
        if instruction.keyword == "FROM":
            image, name = base_image(instruction.args)
            if _unpinned(image, stage_names):
                findings.append(
                    Finding(instruction.line, "unpinned-base-image", f"pin {image!r} to a version tag or digest")
                )
            if name:
                stage_names.add(name.lower())
            stages.append([instruction])
        elif stages:
            stages[-1].append(instruction)
        if instruction.keyword in ("ENV", "ARG"):
            for key in _variable_names(instruction):
                if _SECRET_NAME.search(key):
                    findings.append(
                        Finding(
                            instruction.line,
                            "secret-in-env",
                            f"{key} is stored in the image; pass secrets at run time or with build secrets",
                        )
                    )

    if len(stages) == 1:
        findings.append(
            Finding(stages[0][0].line, "single-stage", "use a multi-stage build so build tools stay out of the image")
        )

    final = stages[-1]
    users = [i for i in final if i.keyword == "USER"]
    if not users:
        findings.append(Finding(final[0].line, "runs-as-root", "add a USER so the process does not run as root"))
    elif _ROOT_USER.fullmatch(users[-1].args.strip()):
        findings.append(Finding(users[-1].line, "runs-as-root", "switch to a non-root USER"))

    checks = [i for i in final if i.keyword == "HEALTHCHECK"]
    if not checks or checks[-1].args.strip().upper() == "NONE":
        findings.append(Finding(final[0].line, "healthcheck-missing", "add a HEALTHCHECK to the final stage"))

    for stage in stages:
        context_copies: list[Instruction] = []
        reported: set[int] = set()
        for instruction in stage:
            if instruction.keyword in ("COPY", "ADD") and _copies_whole_context(instruction):
                context_copies.append(instruction)
            elif instruction.keyword == "RUN" and any(word in instruction.args for word in _INSTALL):
                for copy in context_copies:
                    if copy.line not in reported:
                        reported.add(copy.line)
                        findings.append(
                            Finding(
                                copy.line,
                                "copy-before-install",
                                "copy the dependency files and install them before copying the rest of the code",
                            )
                        )
    return sorted(findings, key=lambda f: (f.line, f.rule))


def _make_instruction(line: int, pieces: list[str]) -> Instruction:
    joined = " ".join(piece for piece in pieces if piece)
    keyword, _, args = joined.partition(" ")
    keyword = keyword.upper()
    if keyword not in INSTRUCTIONS:
        raise DockerfileError(f"line {line}: unknown instruction {keyword!r}")
    return Instruction(line, keyword, args.strip())


def _unpinned(image: str, stage_names: set[str]) -> bool:
    if "$" in image or image.lower() == "scratch" or image.lower() in stage_names:
        return False
    if "@" in image:
        return False
    last = image.rsplit("/", 1)[-1]
    _, colon, tag = last.partition(":")
    return not colon or not tag or tag == "latest"


def _split(instruction: Instruction, text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise DockerfileError(f"line {instruction.line}: {exc}") from exc


def _variable_names(instruction: Instruction) -> list[str]:
    words = _split(instruction, instruction.args)
    if not words:
        return []
    if instruction.keyword == "ENV" and "=" not in words[0]:
        return [words[0]]
    return [word.split("=", 1)[0] for word in words if instruction.keyword == "ARG" or "=" in word]


def _copies_whole_context(instruction: Instruction) -> bool:
    flags = _FLAGS.match(instruction.args)
    if flags and "--from" in flags.group(0):
        return False
    rest = instruction.args[flags.end() if flags else 0 :].strip()
    if rest.startswith("["):
        try:
            words = json.loads(rest)
        except ValueError as exc:
            raise DockerfileError(f"line {instruction.line}: bad JSON in {instruction.keyword}") from exc
    else:
        words = _split(instruction, rest)
    return any(source in (".", "./") for source in words[:-1])
