"""The cost of the cache's protection: warm runs over 10,000 unchanged guides, two corpus shapes.

    python benchmarks/bench_cache.py [--n 10000] [--source DIR]

Shapes: (a) clean guides in folders of 1,000; (b) 30 % defective guides (so most files
carry cached findings that must be authenticated and validated) in folders of 1,000,
linted through a per-folder configuration tree. Prints cold and warm wall times (warm:
median of 5) and the time of the MAC check alone. ``--source DIR`` runs the seedlint
package found in DIR (a checkout of another version) to measure before → after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd, cwd, env) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--source", help="a folder holding another version's seedlint package")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(ENV, XDG_CACHE_HOME=os.path.join(tmp, "user-cache"))
        if args.source:
            env["PYTHONPATH"] = args.source
        rows = []
        for shape, defects in (("clean, 10 folders", 0.0), ("30% defective, 10 folders", 0.3)):
            project = Path(tmp) / shape.split(",")[0].replace("%", "").replace(" ", "-")
            generate(args.n, str(project / "guides"), defects=defects, seed=7)
            cmd = [sys.executable, "-m", "seedlint", "--isolated", "--today", "2026-11-26", "--format", "json",
                   "--cache-dir", str(project / "cache"), "guides"]
            cold = timed(cmd, project, env)
            warm = statistics.median(timed(cmd, project, env) for _ in range(5))
            rows.append((shape, cold, warm))
        mac = _mac_cost(args.n)
    print(f"| corpus ({args.n:,} guides) | cold | warm, nothing changed |")
    print("|---|---|---|")
    for shape, cold, warm in rows:
        print(f"| {shape} | {cold * 1000:,.0f} ms | {warm * 1000:,.0f} ms |")
    print(f"\nHMAC-SHA256 check of {args.n:,} entries of 400 bytes: {mac * 1000:.1f} ms")


def _mac_cost(n: int) -> float:
    import hashlib
    import hmac

    key, body = os.urandom(32), "x" * 400
    t = time.perf_counter()
    for i in range(n):
        hmac.compare_digest(hmac.new(key, f"{i:064d}".encode() + b"\0" + body.encode(), hashlib.sha256).hexdigest(), "0" * 64)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
