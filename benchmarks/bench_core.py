"""Core figures: parse + schema and the whole lint per guide, start-up, one guide.

    python benchmarks/bench_core.py [--n 10000]

Prints a table. Targets (2-core machine): parse + schema ≤ 1.5 ms/guide,
whole lint ≤ 2 ms/guide on one process, `seedlint --version` ≤ 50 ms,
linting one guide ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generate import generate  # noqa: E402

# Measure as on a user's machine: Python may write bytecode caches (some sandboxes forbid it).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str], repeat: int = 15) -> float:
    """Median wall time of a command, in ms."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()

    from seedlint.document import parse
    from seedlint.linter import add_facts, corpus_diagnostics, finish, lint_document
    from seedlint.options import Options
    from seedlint.schema import check, schema_for
    from seedlint.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(args.n, tmp, defects=0.05)
        blobs = [(p, open(p, "rb").read()) for p in paths]
        validator = schema_for()
        settings = Settings(options=Options(today=dt.date(2026, 11, 26)), respect_gitignore=False)
        settings.enabled()

        t = time.process_time()
        for p, b in blobs:
            check(parse(b, p), validator)
        parse_schema = (time.process_time() - t) * 1000 / len(blobs)

        t = time.process_time()
        results = []
        for p, b in blobs:
            results.append(lint_document(parse(b, p), settings, validator))
        facts: dict = {}
        for r in results:
            add_facts(facts, r.facts)
        corpus = corpus_diagnostics(facts, settings)
        for r in results:
            finish(r, settings, [d for d in corpus if d.path == r.path] if corpus else ())
        whole = (time.process_time() - t) * 1000 / len(blobs)

        exe = [sys.executable, "-m", "seedlint"]
        version = wall(exe + ["--version"])
        python_floor = wall([sys.executable, "-c", "pass"])
        one = wall(exe + ["--no-cache", "--isolated", "--today", "2026-11-26", paths[0]])

    rows = [
        ("parse + schema, one process", f"{parse_schema:.3f} ms/guide", "≤ 1.5 ms"),
        ("whole lint (all rules + corpus), one process", f"{whole:.3f} ms/guide", "≤ 2 ms"),
        ("`seedlint --version` (process wall time)", f"{version:.1f} ms", "≤ 50 ms"),
        ("  python -c pass, for reference", f"{python_floor:.1f} ms", ""),
        ("lint one guide (process wall time, no cache)", f"{one:.1f} ms", "≤ 200 ms"),
    ]
    print(f"seedlint core benchmark: {args.n:,} generated guides; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'result':>16}  target")
    for name, value, target in rows:
        print(f"{name:<{w}}  {value:>16}  {target}")


if __name__ == "__main__":
    main()
