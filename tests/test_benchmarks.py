"""The benchmark commands docs/performance.md gives run and print what it quotes from them
(on a few guides: figures are the scripts' business, not a test's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_floor_prints_the_floor_seedlint_and_the_peers_on_both_shapes(tmp_path):
    out = _script("floor.py", "--n", "20", "--source", str(ROOT), cwd=tmp_path)
    for shape in ("plain", "perturbed"):
        assert f"20 {shape} guides, one process each" in out
    assert out.count("| floor: read, split, compose, mistune top-level blocks |") == 2
    assert out.count("| **seedlint --jobs 1 --no-cache** |") == 2
    assert out.count(f"| seedlint --jobs 1 --no-cache from {ROOT} |") == 2
    assert out.count("| check-jsonschema, front matters only |") == 2  # a test dependency: installed
    if (os.cpu_count() or 1) > 1:
        assert out.count("under xargs -P") >= 2


def test_floor_runs_one_shape_when_asked(tmp_path):
    out = _script("floor.py", "--n", "10", "--no-peers", "--shape", "perturbed", cwd=tmp_path)
    assert "10 perturbed guides, one process each" in out and "plain" not in out
    assert out.count("| **seedlint --jobs 1 --no-cache** |") == 1


def test_bench_warm_prints_both_shapes(tmp_path):
    out = _script("bench_warm.py", "--n", "30", "--runs", "1", cwd=tmp_path)
    lines = out.splitlines()
    assert lines[0] == "| 30 guides, --jobs 0 | cold | warm, nothing changed | warm, one level mapping changed |"
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| plain", "| perturbed"]
    assert all(line.endswith(" s |") and line.count(" s |") == 3 for line in lines[2:])


def test_bench_memory_counts_findings_and_prints_each_format(tmp_path):
    """The command docs/performance.md gives for 1,000,000 guides, on a few; the count of
    findings is the text report's own summary (the script no longer holds a JSON report)."""
    out = _script("bench_memory.py", "--n", "30", "--formats", "json", "text", "--jobs", "1", cwd=tmp_path)
    lines = out.splitlines()
    head = lines[0].split(": ")
    assert head[0] == "30 perturbed guides, 100% with a planted defect" and int(head[1].split()[0]) > 30
    assert [line.split(":")[0] for line in lines[1:]] == ["  --jobs 1 --format json  ", "  --jobs 1 --format text  "]
    assert all(" MiB, " in line for line in lines[1:])
