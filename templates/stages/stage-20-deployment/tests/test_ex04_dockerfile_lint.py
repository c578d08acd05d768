"""Tests for ex04: a Dockerfile parser and production-rules linter."""

from __future__ import annotations

import pytest
from practice.dockerfile_lint import (
    DockerfileError,
    Finding,
    Instruction,
    base_image,
    lint_dockerfile,
    parse_dockerfile,
)

GOOD = """\
# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim AS build
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv \\
 && /venv/bin/pip install --no-cache-dir -r requirements.txt
COPY . .

FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
RUN useradd --create-home app
COPY --from=build --chown=app:app /venv /venv
COPY --from=build --chown=app:app /app /app
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \\
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/livez')"]
CMD ["/venv/bin/gunicorn", "--bind", "0.0.0.0:8000", "app:wsgi"]
"""


def rules(findings: list[Finding]) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in findings]


def test_parse_joins_continuations_and_skips_comments() -> None:
    text = (
        "FROM alpine:3.20\n"
        "# a comment\n"
        "\n"
        "run apk add --no-cache \\\n"
        "    curl \\\n"
        "    # a comment inside the continuation\n"
        "\n"
        "    git   \n"
        "Env A=1\r\n"
        'CMD ["sh"]'
    )
    got = parse_dockerfile(text)
    want = [
        Instruction(1, "FROM", "alpine:3.20"),
        Instruction(4, "RUN", "apk add --no-cache curl git"),
        Instruction(9, "ENV", "A=1"),
        Instruction(10, "CMD", '["sh"]'),
    ]
    assert got == want, f"parse_dockerfile should give {want!r}, got {got!r}"


def test_parse_good_dockerfile_line_numbers() -> None:
    got = [(i.line, i.keyword) for i in parse_dockerfile(GOOD)]
    want = [
        (2, "ARG"),
        (3, "FROM"),
        (4, "WORKDIR"),
        (5, "COPY"),
        (6, "RUN"),
        (8, "COPY"),
        (10, "FROM"),
        (11, "RUN"),
        (12, "COPY"),
        (13, "COPY"),
        (14, "USER"),
        (15, "EXPOSE"),
        (16, "HEALTHCHECK"),
        (18, "CMD"),
    ]
    assert got == want, f"instructions should start on these lines {want!r}, got {got!r}"


def test_open_continuation_at_end_of_file() -> None:
    got = parse_dockerfile("FROM alpine:3.20\nRUN echo one \\\n  two \\\n")
    want = [Instruction(1, "FROM", "alpine:3.20"), Instruction(2, "RUN", "echo one two")]
    assert got == want, f"a trailing backslash at the end just ends the instruction: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "RUN echo hi\nFROM alpine:3.20\n",
        "FROM alpine:3.20\nFETCH something\n",
        "ARG V=1\nARG W=2\n",
    ],
    ids=["empty", "comment-only", "run-before-from", "unknown-instruction", "args-only"],
)
def test_parse_errors(text: str) -> None:
    with pytest.raises(DockerfileError):
        parse_dockerfile(text)
    assert issubclass(DockerfileError, ValueError), "DockerfileError should subclass ValueError"


def test_unknown_instruction_error_names_the_line() -> None:
    with pytest.raises(DockerfileError) as info:
        parse_dockerfile("FROM alpine:3.20\n\nFETCH something\n")
    assert "3" in str(info.value), f"the error should name line 3: {info.value}"


@pytest.mark.parametrize(
    ("args", "want"),
    [
        ("python:3.12-slim", ("python:3.12-slim", None)),
        ("python:3.12-slim AS build", ("python:3.12-slim", "build")),
        ("--platform=$BUILDPLATFORM golang:1.22 as builder", ("golang:1.22", "builder")),
        ("scratch", ("scratch", None)),
    ],
)
def test_base_image(args: str, want: tuple[str, str | None]) -> None:
    got = base_image(args)
    assert got == want, f"base_image({args!r}) should be {want!r}, got {got!r}"


@pytest.mark.parametrize("args", ["", "python:3.12 build", "python:3.12 AS", "a AS b c"])
def test_base_image_rejects_garbage(args: str) -> None:
    with pytest.raises(DockerfileError):
        base_image(args)


def test_good_dockerfile_has_no_findings() -> None:
    got = lint_dockerfile(GOOD)
    assert got == [], f"this Dockerfile follows every rule, got {rules(got)!r}"
    as_root = GOOD.replace("USER app\n", "USER root\n")
    got = rules(lint_dockerfile(as_root))
    assert got == [(14, "runs-as-root")], f"switching line 14 to USER root should give one finding, got {got!r}"


TAIL = "USER app\nHEALTHCHECK CMD true\n"


@pytest.mark.parametrize(
    ("image", "flagged"),
    [
        ("python", True),
        ("python:latest", True),
        ("python:", True),
        ("registry.local:5000/team/app", True),
        ("registry.local:5000/team/app:1.4", False),
        ("python:3.12", False),
        ("python@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8", False),
        ("scratch", False),
        ("build", False),
        ("${BASE_IMAGE}", False),
    ],
)
def test_unpinned_base_image(image: str, flagged: bool) -> None:
    text = f"FROM alpine:3.20 AS build\nRUN true\nFROM {image}\n{TAIL}"
    got = [r for r in rules(lint_dockerfile(text)) if r[1] == "unpinned-base-image"]
    want = [(3, "unpinned-base-image")] if flagged else []
    assert got == want, f"FROM {image} should give {want!r}, got {got!r}"


def test_single_stage_and_missing_user_and_healthcheck() -> None:
    text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n'
    got = rules(lint_dockerfile(text))
    want = [(1, "healthcheck-missing"), (1, "runs-as-root"), (1, "single-stage")]
    assert got == want, f"want {want!r} (sorted by line, then rule), got {got!r}"


@pytest.mark.parametrize(
    ("user", "flagged"),
    [
        ("root", True),
        ("0", True),
        ("root:root", True),
        ("0:0", True),
        ("app", False),
        ("1000:1000", False),
        ("rooted", False),
    ],
)
def test_last_user_of_final_stage(user: str, flagged: bool) -> None:
    text = f"FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER app\nUSER {user}\nHEALTHCHECK CMD true\n"
    got = rules(lint_dockerfile(text))
    want = [(5, "runs-as-root")] if flagged else []
    assert got == want, f"a final USER {user!r} should give {want!r}, got {got!r}"


def test_user_in_an_earlier_stage_does_not_count() -> None:
    text = "FROM alpine:3.20 AS build\nUSER app\nHEALTHCHECK CMD true\nFROM alpine:3.20\nHEALTHCHECK NONE\n"
    got = rules(lint_dockerfile(text))
    want = [(4, "healthcheck-missing"), (4, "runs-as-root")]
    assert got == want, f"only the final stage counts, and HEALTHCHECK NONE is missing: want {want!r}, got {got!r}"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("ENV DB_PASSWORD=hunter2 LOG_LEVEL=info", ["DB_PASSWORD"]),
        ('ENV api_key="abc def" github_token=x', ["api_key", "github_token"]),
        ("ENV STRIPE_SECRET sk_live_123", ["STRIPE_SECRET"]),
        ("ARG NPM_TOKEN", ["NPM_TOKEN"]),
        ("ARG AWS_ACCESS_KEY=AKIA AWS_REGION=eu-west-1", ["AWS_ACCESS_KEY"]),
        ("ENV PATH=/venv/bin:$PATH PORT=8000", []),
        ("ARG PYTHON_VERSION=3.12", []),
    ],
)
def test_secrets_in_env_and_arg(line: str, names: list[str]) -> None:
    text = f"FROM alpine:3.20 AS build\nFROM alpine:3.20\n{line}\n{TAIL}"
    findings = [f for f in lint_dockerfile(text) if f.rule == "secret-in-env"]
    assert [f.line for f in findings] == [3] * len(names), f"{line!r}: want {len(names)} finding(s) on line 3"
    for name in names:
        assert any(name in f.message for f in findings), f"a finding for {line!r} should name {name!r}: {findings!r}"


def test_copy_before_install() -> None:
    text = (
        "FROM python:3.12-slim AS build\n"
        "WORKDIR /app\n"
        "COPY . .\n"
        "ADD ./ /src\n"
        "RUN pip install -r requirements.txt\n"
        "RUN pip install gunicorn\n"
        "FROM node:20 AS web\n"
        "COPY --chown=node:node . .\n"
        "RUN npm ci\n"
        "FROM python:3.12-slim\n"
        "COPY --from=build . .\n"
        "RUN pip install /wheels/*\n"
        'COPY [".", "/app"]\n'
        "RUN echo no install here\n"
        "USER app\n"
        "HEALTHCHECK CMD true\n"
    )
    got = rules(lint_dockerfile(text))
    want = [(3, "copy-before-install"), (4, "copy-before-install"), (8, "copy-before-install")]
    assert got == want, f"want {want!r} (each COPY once; --from copies and later copies are fine), got {got!r}"


def test_good_order_copies_manifest_first() -> None:
    text = (
        "FROM python:3.12-slim AS build\n"
        "COPY pyproject.toml requirements.txt ./\n"
        "RUN pip install -r requirements.txt\n"
        "COPY . .\n"
        "FROM python:3.12-slim\n"
        "USER app\n"
        "HEALTHCHECK CMD true\n"
    )
    got = rules(lint_dockerfile(text))
    assert got == [], f"copying the manifests first and the code after the install is the right order, got {got!r}"
    swapped = text.replace("COPY . .\n", "").replace("COPY pyproject.toml", "COPY . .\nCOPY pyproject.toml")
    got = rules(lint_dockerfile(swapped))
    assert got == [(2, "copy-before-install")], f"COPY . . before pip install should be reported, got {got!r}"
