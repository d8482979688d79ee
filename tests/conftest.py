"""Shared fixtures: paths to the seed corpus; index fixtures are built once per session
(tests/corpus_fixtures.py), the web index, service and client too (tests/web_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["corpus_fixtures", "web_fixtures"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return PROJECT_ROOT / "seeds"
