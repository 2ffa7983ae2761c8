"""Shared helpers: lint a fixture the way the CLI does, with a pinned date."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import NamedTuple

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


class Expect(NamedTuple):
    """One expected finding: where, which code, and (when given) the exact message."""

    line: int
    column: int | None
    code: str
    message: str | None


def _expect(text: str, with_path: bool = False) -> Expect | tuple[str, Expect]:
    where, code, *rest = text.split(None, 2)
    path = None
    if with_path:
        path, where = where.split(":", 1)
    parts = [int(x) for x in where.split(":")]
    e = Expect(parts[0], parts[1] if len(parts) > 1 else None, code, rest[0] if rest else None)
    return (path, e) if with_path else e


def read_expected(path: Path, with_path: bool = False):
    """Expected findings ``LINE[:COL] CODE [message]`` (``FILE:LINE…`` for corpus cases) and
    optional settings (a line ``# settings: {json}``)."""
    settings, expected = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# settings:"):
            settings = json.loads(line.split(":", 1)[1])
        elif line.strip() and not line.startswith("#"):
            expected.append(_expect(line, with_path))
    return expected, settings


def apply_edits(base: list[str], edits: list[dict], name: str) -> list[str]:
    """The base's lines with each edit's ``from`` lines (at ``line``) replaced by ``to``."""
    out = list(base)
    for e in sorted(edits, key=lambda e: e["line"], reverse=True):
        start = e["line"] - 1
        old = out[start:start + len(e["from"])]
        assert old == e["from"], (f"{name}: the base no longer has {e['from']!r} at line {e['line']} "
                                  f"(it has {old!r}); update the fixture's edit")
        out[start:start + len(e["from"])] = e["to"]
    return out


def read_case(path: Path) -> tuple[bytes, list[Expect], dict]:
    """A rule fixture: a real file with its ``.expected`` beside it, or a ``.yaml`` case —
    a base file, line edits on it, settings and the expected findings with messages."""
    if path.suffix == ".yaml":
        import yaml

        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(case) <= {"base", "edits", "settings", "expected", "fixed", "unsafe", "remaining"}, f"{path.name}: unknown keys"
        base = (path.parent / case["base"]).read_bytes().decode("utf-8").split("\n")
        data = "\n".join(apply_edits(base, case.get("edits") or [], path.name)).encode("utf-8")
        return data, [_expect(x) for x in case.get("expected") or []], case.get("settings") or {}
    expected, settings = read_expected(path.with_suffix(".expected"))
    return path.read_bytes(), expected, settings


def read_fix_case(path: Path) -> tuple[bytes, bytes, bool, list[Expect]] | None:
    """A case's fix expectation, or None when it states none: (the failing bytes, the
    bytes after ``--fix``, whether unsafe fixes apply, the findings that remain). ``fixed``
    is ``base`` (the fix restores the base file) or line edits on the failing file."""
    if path.suffix != ".yaml":
        return None
    import yaml

    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "fixed" not in case:
        return None
    data = read_case(path)[0]
    base = (path.parent / case["base"]).read_bytes()
    if case["fixed"] == "base":
        after = base
    else:
        after = "\n".join(apply_edits(data.decode("utf-8").split("\n"), case["fixed"], path.name)).encode("utf-8")
    return data, after, bool(case.get("unsafe")), [_expect(x) for x in case.get("remaining") or []]


def rule_fixtures() -> list[Path]:
    """Every rule fixture (real files and patch cases), by name."""
    folder = FIXTURES / "rules"
    found = [p for p in folder.iterdir() if p.suffix == ".yaml" or (p.suffix == ".md" and p.name != "clean_base.md")]
    return sorted(found, key=lambda p: p.stem)


def fixture_bytes(name: str) -> bytes:
    """The bytes of rule fixture ``name`` (without extension), whichever kind it is."""
    for suffix in (".yaml", ".md"):
        p = FIXTURES / "rules" / (name + suffix)
        if p.exists():
            return read_case(p)[0]
    raise FileNotFoundError(name)


@pytest.fixture
def settings():
    return make_settings()


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory):
    """Every run in the tests, in process or as a subprocess, caches in a folder of the test session."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


def clean_guide(i: int) -> str:
    """The clean base guide as company ``acme-analytics-<i>`` (a corpus of distinct guides)."""
    base = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
    return (base.replace("company: acme-analytics", f"company: acme-analytics-{i}")
            .replace('company_display: "Acme Analytics"', f'company_display: "Acme Analytics {i}"')
            .replace("Acme Analytics Negotiation Guide", f"Acme Analytics {i} Negotiation Guide"))
