"""Shared helpers: lint a fixture the way the CLI does, with a pinned date."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from seedlint.options import Options
from seedlint.runner import run
from seedlint.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 26)


def make_settings(**kw) -> Settings:
    """Settings with every rule, today pinned, git-ignore off (fixtures live in a repo)."""
    opts = kw.pop("options", None) or Options(today=TODAY)
    return Settings(options=opts, respect_gitignore=False, **kw)


def lint_files(paths, settings=None, **kw):
    """Diagnostics for ``paths`` (strings), serial and uncached."""
    return run([str(p) for p in paths], settings or make_settings(**kw), jobs=1, cache=None)


def read_expected(path: Path):
    """Expected findings ``LINE[:COL] CODE`` (or ``FILE:LINE[:COL] CODE``) and optional settings."""
    settings, expected = {}, []
    for line in path.read_text().splitlines():
        if line.startswith("# settings:"):
            settings = json.loads(line.split(":", 1)[1])
        elif line.strip():
            where, code = line.split()
            expected.append((where, code))
    return expected, settings


@pytest.fixture
def settings():
    return make_settings()


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory):
    """Every run in the tests, in process or as a subprocess, caches in a folder of the test session."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
