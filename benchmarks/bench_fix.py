"""The cost of --fix: 10,000 guides of which 20 % have fixable findings, two corpus shapes.

    python benchmarks/bench_fix.py [--n 10000] [--share 0.2] [--rounds 3] [--jobs 1]

A corpus is generated clean (``generate.py``, plain and perturbed shapes); then a
``--share`` of its guides get one or two defects that safe fixes repair (a bonus written
as a range, a base cell off by 10K, a London cell in dollars, the summary line edited).
Each round copies the corpus afresh and times, interleaved, ``seedlint --no-cache`` (the
plain lint) and ``seedlint --no-cache --fix`` on a copy (fixing writes). Prints the median
times, the ratio, and checks that after --fix no fixable finding remains.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

TODAY = ["--today", "2026-11-26", "--isolated", "--no-cache"]


def plant(path: Path, rng: random.Random) -> bool:
    """One or two safe-fixable defects in the guide at ``path``; False if none applies."""
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.startswith("| ") and "%" in ln and not ln.startswith("| Region")]
    wanted, made = rng.randint(1, 2), 0
    for _ in range(12):
        if made >= wanted:
            break
        made += _one(lines, rows, rng)
    path.write_text("\n".join(lines), encoding="utf-8")
    return made > 0


def _one(lines: list[str], rows: list[int], rng: random.Random) -> bool:
    pick = rng.randrange(3)
    if pick < 2 and rows:
        i = rng.choice(rows)
        cells = lines[i].split(" | ")
        if pick == 0:  # the bonus as a range
            k = next((k for k, c in enumerate(cells) if c.endswith("%") and "–" not in c), None)
            if k is None:
                return False
            cells[k] = cells[k][:-1] + "–20%"
        elif "0K" in cells[1]:  # a base cell off by 9K
            cells[1] = cells[1].replace("0K", "9K", 1)
        else:
            return False
        lines[i] = " | ".join(cells)
        return True
    k = next((i for i, ln in enumerate(lines) if ln.startswith("**Negotiation DNA:**") and not ln.endswith("(draft)")), None)
    if k is None:
        return False
    lines[k] += " (draft)"  # the summary line edited
    return True


def run(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "seedlint", *args], cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--share", type=float, default=0.2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", default="1", help="--jobs for both runs (0 = all cores)")
    args = ap.parse_args()
    rng = random.Random(1)
    ok = True
    for shape in ("plain", "perturbed"):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            generate(args.n, str(src), 0.0, 1, shape=shape)
            files = sorted(src.rglob("*.md"))
            chosen = rng.sample(files, int(len(files) * args.share))
            planted = sum(plant(p, rng) for p in chosen)
            lint, fix = [], []
            for r in range(args.rounds):
                work = Path(tmp) / f"w{r}"
                shutil.copytree(src, work)
                t, _ = run([*TODAY, "--jobs", args.jobs, "--format", "json", "."], work)
                lint.append(t)
                t, proc = run([*TODAY, "--jobs", args.jobs, "--fix", "--format", "json", "."], work)
                fix.append(t)
                left = json.loads(proc.stdout)["diagnostics"]
                remaining = sum(1 for d in left if d.get("fix") and d["fix"]["applicability"] == "safe")
                if remaining:
                    ok = False
                    print(f"  {remaining} safe-fixable findings remain after --fix", file=sys.stderr)
                changed = int(subprocess.run(["sh", "-c", f"diff -rq {src} {work} | wc -l"], capture_output=True,
                                             text=True).stdout)
                shutil.rmtree(work)
            lm, fm = statistics.median(lint), statistics.median(fix)
            print(f"{shape:9s} {args.n:,} guides, {planted:,} with planted fixable defects "
                  f"({planted / args.n:.0%}), --jobs {args.jobs}: lint {lm:.2f} s, --fix {fm:.2f} s "
                  f"(files changed: {changed:,}; a planted defect can be no defect, as a bonus of 20 % "
                  f"written 20–20 %) → {fm / lm:.2f}× the plain lint")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
