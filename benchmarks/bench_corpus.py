"""Corpus-scale benchmark: seedlint against its peers and the parsing floor, same files, same run.

    pip install '.[bench]'
    python benchmarks/bench_corpus.py [--n 10000] [--rss-n 100000] [--out docs/performance.md]

Measures, on N generated guides (benchmarks/generate.py):
  1. seedlint, all rules, cold cache, --jobs default (all cores) and --jobs 1;
  2. seedlint, warm cache with nothing changed, and with one file changed;
  3. yamllint (default config) on the same front matters written out as .yaml files, and
     check-jsonschema with schemas/seed.schema.json on the same files, when installed;
  4. the floor (benchmarks/floor.py): read, split, libyaml compose, mistune top-level blocks;
  5. peak RSS of a cold run over --rss-n guides, and the wall time of one guide.
Prints a Markdown table (and writes it to --out when given) with the targets. Each
figure is the best of 2–3 runs (warm runs: the median of 3).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

# Measure as on a user's machine: Python may write bytecode caches (some sandboxes forbid it).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

TODAY = "2026-11-26"


def seedlint_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "seedlint", "--isolated", "--today", TODAY, "--format", "json", *args]


def timed(cmd: list[str], cwd: str | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - t


def peak_rss_mib(cmd: list[str], cwd: str | None = None) -> float:
    """Peak RSS of the command and its workers (max over the process tree), MiB."""
    helper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
              "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", helper, *cmd], cwd=cwd, capture_output=True, text=True, env=ENV).stdout
    return int(out.strip()) / 1024


def write_yaml_copies(paths: list[str], out: Path) -> list[str]:
    """The front matter of each guide as a .yaml file (what a team would lint with yamllint)."""
    out.mkdir(parents=True, exist_ok=True)
    result = []
    for i, p in enumerate(paths):
        text = Path(p).read_text(encoding="utf-8")
        fm = text.split("\n---\n", 1)[0] + "\n"
        target = out / f"fm{i:06d}.yaml"
        target.write_text(fm, encoding="utf-8")
        result.append(str(target))
    return result


def floor(paths: list[str]) -> float:
    """The plain parsing floor of benchmarks/floor.py (read, split, libyaml compose, mistune
    top-level blocks). Seconds, one process."""
    from floor import floor as plain_floor

    return plain_floor(paths, top_level_only=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--rss-n", type=int, default=100_000)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="seedlint-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        guides = tmp / "guides"
        paths = generate(args.n, str(guides), defects=0.05)
        yamls = write_yaml_copies(paths, tmp / "yaml")
        n = len(paths)

        # This machine's speed drifts by up to 40 % between minutes (measured: the floor took
        # 1.22 and 1.74 ms/guide in two runs), so every figure is the best of a few runs.
        cold_all = min(timed(seedlint_cmd("--cache-dir", str(tmp / f"c1-{i}"), "guides"), cwd=tmp) for i in range(3))
        cold_one = min(timed(seedlint_cmd("--jobs", "1", "--cache-dir", str(tmp / f"c2-{i}"), "guides"), cwd=tmp) for i in range(2))
        shutil.copytree(tmp / "c1-0", tmp / "c1")
        warm = statistics.median(timed(seedlint_cmd("--cache-dir", str(tmp / "c1"), "guides"), cwd=tmp) for _ in range(3))
        changed = Path(paths[n // 2])
        changed.write_text(changed.read_text(encoding="utf-8").replace("data_quality: ", "data_quality: x"), encoding="utf-8")
        warm_one_changed = timed(seedlint_cmd("--cache-dir", str(tmp / "c1"), "guides"), cwd=tmp)

        yl = shutil.which("yamllint") or str(Path(sys.executable).parent / "yamllint")
        yamllint = min(timed([yl, "-d", "default", "-f", "parsable", str(tmp / "yaml")]) for _ in range(2)) if Path(yl).exists() else None
        cj = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
        checkjs = timed([cj, "--schemafile", str(ROOT / "schemas" / "seed.schema.json"), *yamls]) if Path(cj).exists() else None
        floor_s = min(floor(paths) for _ in range(2))

        one = statistics.median(timed([sys.executable, "-m", "seedlint", "--isolated", "--no-cache", "--today", TODAY, paths[0]]) for _ in range(9))

        rss = None
        if args.rss_n:
            big = tmp / "big"
            generate(args.rss_n, str(big / "guides"), defects=0.02, seed=5)
            rss = peak_rss_mib(seedlint_cmd("--no-cache", "guides"), cwd=str(big))
            rss_cached = peak_rss_mib(seedlint_cmd("--cache-dir", str(tmp / "c3"), "guides"), cwd=str(big))
            shutil.rmtree(big, ignore_errors=True)

        def ms(s):
            return f"{s * 1000:,.0f} ms ({s * 1000 / n:.2f} ms/guide)"

        rows.append((f"seedlint cold, --jobs default ({os.cpu_count()})", ms(cold_all), ""))
        rows.append(("seedlint cold, --jobs 1", ms(cold_one), f"≤ 1.5× floor: {cold_one / floor_s:.2f}×"))
        rows.append(("seedlint warm, nothing changed", f"{warm * 1000:,.0f} ms", "≤ 1,000 ms"))
        rows.append(("seedlint warm, one file changed", f"{warm_one_changed * 1000:,.0f} ms", ""))
        if yamllint is not None:
            rows.append(("yamllint (default config), front matters as .yaml", ms(yamllint),
                         f"seedlint cold ≥ 5× faster: {yamllint / cold_all:.1f}×"))
        if checkjs is not None:
            rows.append(("check-jsonschema with seed.schema.json, same .yaml", ms(checkjs), f"seedlint cold is {checkjs / cold_all:.1f}× faster"))
        rows.append(("floor: read + split + libyaml compose + mistune top-level blocks, one process", ms(floor_s), ""))
        if rss is not None:
            rows.append((f"peak RSS, {args.rss_n:,} guides, cold, --no-cache", f"{rss:,.0f} MiB", "≤ 150 MB"))
            rows.append((f"peak RSS, {args.rss_n:,} guides, cold, writing the cache", f"{rss_cached:,.0f} MiB", ""))
        rows.append(("one guide, process wall time (pre-commit / editor)", f"{one * 1000:,.0f} ms", "≤ 150 ms"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    head = (f"{args.n:,} generated guides; {platform.machine()}, {os.cpu_count()} cores, "
            f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d')}")
    table = [f"Run: {head}", "", "| measure | result | target / ratio |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
