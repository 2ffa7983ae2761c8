"""Warm runs: nothing changed, and one level mapping changed, on both corpus shapes.

    python benchmarks/bench_warm.py [--n 10000] [--runs 5] [--source DIR] [--jobs N]

For each shape (``plain``: the generator's consistent ladders with 5 % defects;
``perturbed``: findings in most guides and some contradictory level mappings), the
script generates N guides into a temporary folder, warms a ``--cache-dir`` with one
cold run, then times (wall clock, median of ``--runs``):

* **unchanged** — the same command again;
* **one mapping changed** — before each run one guide's ``level_mapping.raw`` (and the
  body line that repeats it) gets its last level number raised by one, and the guide
  changed for the previous run is put back: every run lints a corpus state no run has
  seen, so neither the file's entry nor the corpus rules' can come from the cache.

``--source DIR`` runs the seedlint package found in DIR (a checkout of another
version) to measure before → after; run both in one session, they share the machine.
"""

from __future__ import annotations

import argparse
import os
import re
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
RAW = re.compile(r'^  raw: "(.*)"$', re.M)


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    took = time.perf_counter() - t
    if proc.returncode not in (0, 1):  # 1: findings; anything else failed and timed nothing
        sys.exit(f"seedlint exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return took


def bump(path: Path) -> str | None:
    """Raise the last level number of the guide's mapping by one; return the old text."""
    text = path.read_text(encoding="utf-8")
    m = RAW.search(text)
    if m is None or not re.search(r"\d+(?!.*\d)", m.group(1)):
        return None
    raw = m.group(1)
    new = re.sub(r"(\d+)(?!.*\d)", lambda d: str(int(d.group(1)) + 1), raw)
    path.write_text(text.replace(raw, new), encoding="utf-8")
    return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=0, help="seedlint --jobs (0: all cores, the default)")
    ap.add_argument("--source", help="a folder holding another version's seedlint package")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(ENV, XDG_CACHE_HOME=os.path.join(tmp, "user-cache"))
        if args.source:
            env["PYTHONPATH"] = args.source
        for shape, defects in (("plain", 0.05), ("perturbed", 0.0)):
            project = Path(tmp) / shape
            paths = [Path(p) for p in generate(args.n, str(project / "guides"), defects=defects, seed=11, shape=shape)]
            cmd = [sys.executable, "-m", "seedlint", "--isolated", "--today", "2026-11-26", "--jobs", str(args.jobs),
                   "--cache-dir", str(project / "cache"), "guides"]
            cold = timed(cmd, project, env)
            unchanged = statistics.median(timed(cmd, project, env) for _ in range(args.runs))
            changed, previous = [], None
            step = max(1, len(paths) // (args.runs + 1))
            for i in range(args.runs):
                target = paths[(i + 1) * step - 1]
                if previous is not None:
                    previous[0].write_text(previous[1], encoding="utf-8")
                old = bump(target)
                previous = (target, old) if old is not None else None
                changed.append(timed(cmd, project, env))
            if previous is not None:
                previous[0].write_text(previous[1], encoding="utf-8")
            rows.append((shape, cold, unchanged, statistics.median(changed)))
    print(f"| {args.n:,} guides, --jobs {args.jobs} | cold | warm, nothing changed | warm, one level mapping changed |")
    print("|---|---|---|---|")
    for shape, cold, unchanged, changed in rows:
        print(f"| {shape} | {cold:.2f} s | {unchanged:.3f} s | {changed:.3f} s |")


if __name__ == "__main__":
    main()
