"""SL703 and SL206 measured: false findings on clean corpora, planted slips found, cost.

    python benchmarks/bench_outliers.py [--n 10000] [--slips 1000]

For each corpus shape (plain, perturbed): a clean corpus of ``--n`` guides is generated
and linted with only SL703 and SL206; every guide with a finding is a false one. Then
``--slips`` guides get one slip each — a base or total value of one entry ×10 or ÷10 (an
extra or dropped zero) — and the share of slips with a finding at the slipped value is
printed per rule (SL206 only counts slips in guides with another region of that
currency); stock values ×10 are measured on their own. Last, the corpus phase's cost:
peak RSS and wall time of ``--jobs 1`` with and without SL703.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BASE = ["--isolated", "--no-cache", "--today", "2026-11-26", "--format", "json"]
VALUE = re.compile(r"^    (base_low|base_high|total_comp_low|total_comp_high|stock_low|stock_high): (\d+)$")


def lint(folder: Path, *extra: str) -> tuple[list[dict], float, float]:
    """(diagnostics, seconds, peak RSS of the run in MiB, from /usr/bin/time)."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "seedlint", *BASE, *extra, "."],
                          cwd=folder, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak = int(proc.stderr.strip().splitlines()[-1])
    return json.loads(proc.stdout)["diagnostics"], wall, peak / 1024


def plant(path: Path, rng: random.Random, fields: tuple[str, ...]) -> tuple[int, str, bool] | None:
    """Multiply or divide one value by 10; (line, field, another region shares its currency)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cands = [(i, m) for i, ln in enumerate(lines) if (m := VALUE.match(ln)) and m.group(1) in fields]
    if not cands:
        return None
    i, m = rng.choice(cands)
    value = int(m.group(2))
    new = value * 10 if rng.random() < 0.5 or value < 1000 else value // 10
    lines[i] = f"    {m.group(1)}: {new}"
    path.write_text("\n".join(lines), encoding="utf-8")
    # the entry's currency, and whether another entry has it
    cur_of = [ln.split(": ", 1)[1] for ln in lines if ln.startswith("    currency: ")]
    starts = [k for k, ln in enumerate(lines) if ln.startswith("  - region: ")]
    entry = max(k for k, s in enumerate(starts) if s < i)
    shared = cur_of.count(cur_of[entry]) > 1
    return i + 1, m.group(1), shared


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--slips", type=int, default=1000)
    args = ap.parse_args()
    for shape in ("plain", "perturbed"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "clean"
            generate(args.n, str(folder), 0.0, 1, shape=shape)
            diags, _, _ = lint(folder, "--select", "SL703,SL206")
            flagged = {d["path"] for d in diags}
            by_rule = {c: len({d["path"] for d in diags if d["code"] == c}) for c in ("SL703", "SL206")}
            print(f"{shape:9s} clean, {args.n:,} guides: {len(flagged)} flagged ({len(flagged) / args.n:.2%}); "
                  f"SL703 {by_rule['SL703']}, SL206 {by_rule['SL206']}")
            _, t_with, rss_with = lint(folder, "--jobs", "1")
            _, t_without, rss_without = lint(folder, "--jobs", "1", "--ignore", "SL703")
            print(f"{shape:9s} cost, --jobs 1: without SL703 {t_without:.2f} s, {rss_without:.0f} MiB; "
                  f"with SL703 {t_with:.2f} s, {rss_with:.0f} MiB")
            rng = random.Random(7)
            for label, fields in (("base/total", ("base_low", "base_high", "total_comp_low", "total_comp_high")),
                                  ("stock ×10", ("stock_low", "stock_high"))):
                work = Path(tmp) / label.replace("/", "-").replace(" ", "").replace("×", "x")
                subprocess.run(["cp", "-r", str(folder), str(work)], check=True)
                chosen = rng.sample(sorted(work.rglob("*.md")), args.slips)
                slips = {}
                for p in chosen:
                    if label.startswith("stock"):
                        got = plant_up(p, rng)
                    else:
                        got = plant(p, rng, fields)
                    if got:
                        slips[str(p.relative_to(work))] = got
                diags, _, _ = lint(work, "--select", "SL703,SL206")
                at = {(d["path"], d["line"], d["code"]) for d in diags}
                for code in ("SL703", "SL206"):
                    eligible = {p: s for p, s in slips.items() if code == "SL703" or s[2]}
                    if code == "SL206" and label.startswith("stock"):
                        continue
                    hit = sum((p, s[0], code) in at for p, s in eligible.items())
                    print(f"{shape:9s} {label} slips: {code} found {hit} of {len(eligible)} ({hit / max(len(eligible), 1):.1%})")
    return 0


def plant_up(path: Path, rng: random.Random) -> tuple[int, str, bool] | None:
    """A stock value ×10 (only an excess of stock is judged)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cands = [(i, m) for i, ln in enumerate(lines) if (m := VALUE.match(ln)) and m.group(1).startswith("stock") and int(m.group(2)) > 0]
    if not cands:
        return None
    i, m = rng.choice(cands)
    lines[i] = f"    {m.group(1)}: {int(m.group(2)) * 10}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1, m.group(1), False


if __name__ == "__main__":
    sys.exit(main())
