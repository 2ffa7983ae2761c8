"""Differential check against python-frontmatter, the user's named front-matter reader.

seedlint does not use python-frontmatter to read guides (docs/decisions.md has the
measurements: it drops BOM files, strips the body's leading lines and raises on
2026-02-30), but on well-formed guides both must read the same data. This catches a
drift in our own YAML constructor (dates, numbers, booleans, nulls).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import frontmatter
import pytest

from seedlint.document import parse

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

from conftest import read_case, rule_fixtures  # noqa: E402

GUIDES = sorted((ROOT / "seeds").iterdir()) + [p for p in rule_fixtures() if "_pass_" in p.name]


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _oracle(text: str):
    try:
        post = frontmatter.loads(text)
    except Exception:  # the oracle cannot read it (tags, bad dates): nothing to compare
        return None
    return _plain(post.metadata) or None


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_same_data_as_python_frontmatter(path):
    raw = read_case(path)[0] if path.suffix == ".yaml" else path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf") or b"\x00" in raw:
        pytest.skip("python-frontmatter does not read this file")
    expected = _oracle(raw.decode("utf-8"))
    if expected is None:
        pytest.skip("python-frontmatter cannot read this file")
    assert parse(raw, str(path)).front_matter.data == expected


def test_generated_guides_agree(tmp_path):
    for p in generate(200, str(tmp_path), defects=0.2, seed=7):
        raw = open(p, "rb").read()
        assert parse(raw, p).front_matter.data == _oracle(raw.decode()), p
