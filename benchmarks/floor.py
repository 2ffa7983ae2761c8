"""The parsing floor: what any tool reading these guides the way seedlint does must pay.

    python benchmarks/floor.py [--n 10000]

For each guide, in one process, and nothing else:
  1. read the file (``open(…, "rb").read()``) and decode it as UTF-8;
  2. split it at the front-matter fences (``text.split("---\\n", 2)``);
  3. compose the front matter with libyaml (``yaml.compose(…, Loader=yaml.CSafeLoader)``):
     the node graph with positions, no Python objects constructed — seedlint composes
     once and builds its values from the nodes;
  4. run mistune's block parser (with the table plugin) over the body, **top-level blocks
     only** — seedlint does not parse inside lists and quotes, and never runs the inline
     parser or a renderer.
It prints that floor per guide, the same with mistune's full block parse (nested blocks
too), and ``seedlint --jobs 1 --no-cache`` on the same files as a ratio of both, for the
two corpus shapes of ``generate.py`` (plain and perturbed).

The former floor in bench_corpus.py ran ``yaml.load`` (compose *and* construct) and
mistune with inline parsing: it cost about twice this and made seedlint look 1.2× the
floor when it was about 2.6×.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generate import generate  # noqa: E402


def _block_parser(top_level_only: bool):
    import mistune
    from mistune.plugins.table import table

    class Parser(mistune.BlockParser):
        def parse(self, state, rules=None):
            if not top_level_only or state.parent is None:
                super().parse(state, rules)

    md = mistune.Markdown(block=Parser(), plugins=[table])
    return md


def floor(paths: list[str], top_level_only: bool = True) -> float:
    """Seconds for steps 1–4 over ``paths`` in this process."""
    import yaml

    md = _block_parser(top_level_only)
    loader = yaml.CSafeLoader
    t = time.perf_counter()
    for p in paths:
        with open(p, "rb") as fh:
            text = fh.read().decode("utf-8")
        _, fm, body = text.split("---\n", 2)
        yaml.compose(fm, Loader=loader)
        state = md.block.state_cls()
        state.process(body)
        md.block.parse(state)
    return time.perf_counter() - t


def seedlint_one_process(folder: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "seedlint", "--no-cache", "--jobs", "1", "--isolated", "--today", "2026-11-26",
                    "--format", "json", folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    print("| shape | floor (top-level blocks) | floor (full block parse) | seedlint --jobs 1 --no-cache | ratio | ratio (full) |")
    print("|---|---|---|---|---|---|")
    for shape in ("plain", "perturbed"):
        with tempfile.TemporaryDirectory() as tmp:
            paths = generate(args.n, tmp, defects=0.05, seed=11, shape=shape)
            # best of 2 each, interleaved: this machine's speed drifts minute to minute
            top = min(floor(paths, True) for _ in range(2))
            full = min(floor(paths, False) for _ in range(2))
            lint = min(seedlint_one_process(tmp) for _ in range(2))
            per = lambda s: f"{s * 1000 / args.n:.3f} ms/guide"  # noqa: E731
            print(f"| {shape} | {per(top)} | {per(full)} | {per(lint)} | {lint / top:.2f}× | {lint / full:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
