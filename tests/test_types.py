"""The package type-checks under ``mypy --strict`` (configured in pyproject.toml).

Rules are checked against the ``FileCheck``/``CorpusCheck`` protocols of the registry, so a
rule with the wrong shape fails here, not at run time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_mypy_strict_on_the_package(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout


def test_a_rule_of_the_wrong_shape_is_a_type_error(tmp_path):
    bad = tmp_path / "bad_rule.py"
    bad.write_text('from seedlint.registry import rule\n\n\n@rule("SL990", "bad-rule", "error", "Bad.")\n'
                   "def bad(doc: int, opts: str) -> list[int]:\n    return []\n")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), str(bad)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1 and 'type variable "Check"' in proc.stdout, proc.stdout
