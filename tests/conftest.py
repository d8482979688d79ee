"""Shared fixtures: the seed corpus path; the tagger and indexes once per session
(tests/corpus_fixtures.py), the web index, service and client too (tests/web_fixtures.py);
Chromium and the app under waitress once per browser test module (tests/browser_fixtures.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The start-up caches (jieba's tables, the normalization table, vocabularies) of a test run live
# in the project's pytest cache, never in the user's ~/.cache/gaoxin; set before any search
# module is imported, and inherited by the subprocesses tests start.
os.environ["GAOXIN_CACHE_DIR"] = str(PROJECT_ROOT / ".pytest_cache" / "gaoxin")

pytest_plugins = ["corpus_fixtures", "web_fixtures", "browser_fixtures"]

# Property tests assert behaviour, never speed: Hypothesis's default 200 ms deadline per example
# failed on a busy machine (timings live in bench/).
settings.register_profile("gaoxin", deadline=None)
settings.load_profile("gaoxin")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return PROJECT_ROOT / "seeds"
