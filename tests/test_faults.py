"""Every fault of benchmarks/faults.py, provoked for real (signals to the process group, a
closed descriptor, /dev/full, undecodable names, unreadable folders, over-long paths, a
FIFO as the schema), as one test each. ``python benchmarks/faults.py`` prints the same
list with one outcome line per fault."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from faults import FAULTS, cleanup  # noqa: E402


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault(name, tmp_path):
    try:
        ok, detail = FAULTS[name](tmp_path)
    finally:
        cleanup(tmp_path)
    if ok and detail.startswith("skipped:"):
        pytest.skip(detail)  # the fault needs what this machine lacks (root, setpriv, the lsp extra)
    assert ok, detail
