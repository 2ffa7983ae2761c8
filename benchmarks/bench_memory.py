"""Peak memory against the number of findings: every guide has findings.

    python benchmarks/bench_memory.py [--n 100000] [--shape perturbed] [--formats text json sarif junit]

Generates ``--n`` guides of which every one carries a defect (``generate.py --defects 1``;
the perturbed shape adds an overdue review to most; ``--defects 0 --shape plain`` gives a
corpus with almost no findings, to compare), then runs ``seedlint --no-cache``
with each format at ``--jobs 1`` and the default jobs, output to /dev/null, and prints the
peak RSS (GNU time's maximum resident set size: this process or a worker, the larger),
the wall time and the number of findings. The target of the performance issue is
≤ 150 MB at 100,000 guides for text, json, sarif and junit, and ≤ 300 MB at 1,000,000.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _count(base: list[str], folder: str) -> int:
    """The number of findings, read from the text report's summary line as it streams (a
    million guides' JSON held in this process would weigh more than seedlint itself)."""
    total = None
    with subprocess.Popen([*base, "--format", "text", folder], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            found = re.match(r"Found ([\d,]+) problem", line)
            if found:
                total = int(found.group(1).replace(",", ""))
    if proc.returncode not in (0, 1) or (total is None and proc.returncode == 1):
        raise SystemExit(f"seedlint exited {proc.returncode} without a summary")
    return total or 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--shape", default="perturbed", choices=("plain", "perturbed"))
    ap.add_argument("--formats", nargs="+", default=["text", "json", "sarif", "junit"])
    ap.add_argument("--defects", type=float, default=1.0,
                    help="share of guides with a planted defect (0: findings only where the shape has them)")
    ap.add_argument("--jobs", nargs="+", default=["1", "0"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.n, tmp, args.defects, 1, shape=args.shape)
        base = [sys.executable, "-m", "seedlint", "--isolated", "--no-cache", "--today", "2026-11-26"]
        findings = _count(base, tmp)
        print(f"{args.n:,} {args.shape} guides, {args.defects:.0%} with a planted defect: {findings:,} findings")
        for jobs in args.jobs:
            for fmt in args.formats:
                t = time.perf_counter()
                proc = subprocess.run(["/usr/bin/time", "-f", "%M", *base, "--jobs", jobs, "--format", fmt, tmp],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.perf_counter() - t
                if proc.returncode not in (0, 1):  # a run that failed at once is not a small one
                    raise SystemExit(f"seedlint --jobs {jobs} --format {fmt} exited {proc.returncode}:\n{proc.stderr}")
                peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
                print(f"  --jobs {jobs} --format {fmt:6s}: peak {peak:6.0f} MiB, {wall:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
