"""Shared fixtures for the CI/CD exercises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def workflow_validator() -> Draft202012Validator:
    """A JSON Schema validator for the subset of workflow syntax the exercises use."""
    schema: dict[str, Any] = json.loads((DATA / "workflow.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
