"""The parsing floor: what any tool reading these guides the way seedlint does must pay.

    python benchmarks/floor.py [--n 10000] [--source OLD_CHECKOUT] [--no-peers] [--shape plain|perturbed]

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

Peers at equal parallelism: yamllint (default config) and check-jsonschema (with
schemas/seed.schema.json) over the guides' front matters written out as .yaml files —
one process each against ``seedlint --jobs 1``, and under ``xargs -P N`` (the files
split evenly between N processes) against ``seedlint --jobs N``, N = the CPU count.
They read less than seedlint (no body), so the ratios flatter them. ``--source``
also times seedlint from another checkout (PYTHONPATH), for a before → after.

seedlint drives mistune's block parser with a line-start scanner (document.py,
``_LineScanner``): the same tokens, but without the regex search over every character
of a long paragraph that this floor still pays; its table and list rules find the same
blocks without building the cell and item tokens seedlint never reads, and its YAML
loader remembers each scalar's tag (docs/decisions.md, "Cold speed"). So seedlint's
parse can cost less than the floor's; the floor stays PyYAML and mistune as their users
run them.

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
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


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


def _timed(cmd: list[str], env: dict[str, str] | None = None, cwd: str | None = None,
           ok: tuple[int, ...] = (0, 1), stdin: bytes | None = None) -> float:
    """Wall seconds of ``cmd``; a status outside ``ok`` (0 clean, 1 findings) stops the
    script — a command that failed at once must not pass for a fast one."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env, cwd=cwd)
    took = time.perf_counter() - t
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd[:4])} … exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return took


def _env(source: str | None) -> dict[str, str]:
    """The environment of a seedlint run: bytecode caches allowed (as on a user's
    machine); ``source``: a checkout to run instead of the installed package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if source:
        env["PYTHONPATH"] = source
    return env


def seedlint_run(folder: str, jobs: str = "1", source: str | None = None) -> float:
    return _timed([sys.executable, "-m", "seedlint", "--no-cache", "--jobs", jobs, "--isolated", "--today", "2026-11-26",
                   "--format", "json", folder], _env(source), cwd=os.path.dirname(folder))  # not in a checkout: `-m` puts the cwd first on sys.path


def _peers(paths: list[str], tmp: str) -> list[tuple[str, list[str], list[str]]]:
    """(name, command, files) of the peers, on the guides' front matters written out as
    .yaml files (what a team would lint with them); only those installed."""
    import shutil

    from bench_corpus import write_yaml_copies

    yamls = write_yaml_copies(paths, Path(tmp) / "yaml")
    out = []
    for name, cmd in (("yamllint", ["-d", "default", "-f", "parsable"]),
                      ("check-jsonschema", ["--schemafile", str(ROOT / "schemas" / "seed.schema.json")])):
        exe = shutil.which(name) or str(Path(sys.executable).parent / name)
        if Path(exe).exists():
            out.append((name, [exe, *cmd], yamls))
    return out


def _xargs(cmd: list[str], files: list[str], procs: int) -> float:
    """``cmd`` over ``files`` under ``xargs -P procs``, the files split evenly between them."""
    per = -(-len(files) // procs)
    # xargs exits 123 when a command exited 1 (findings)
    return _timed(["xargs", "-0", "-P", str(procs), "-n", str(per), *cmd], ok=(0, 123), stdin="\0".join(files).encode())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--source", default=None, help="also time seedlint from this checkout (a before)")
    ap.add_argument("--no-peers", action="store_true", help="skip yamllint and check-jsonschema")
    ap.add_argument("--shape", choices=("plain", "perturbed"), action="append",
                    help="only this corpus shape (repeatable; default: both)")
    args = ap.parse_args()
    procs = os.cpu_count() or 1
    per = lambda s: f"{s * 1000 / args.n:.3f} ms/guide"  # noqa: E731
    for shape in args.shape or ("plain", "perturbed"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "guides")
            paths = generate(args.n, folder, defects=0.05, seed=11, shape=shape)
            peers = [] if args.no_peers else _peers(paths, tmp)
            # best of 2 each, interleaved: this machine's speed drifts minute to minute
            top = min(floor(paths, True) for _ in range(2))
            full = min(floor(paths, False) for _ in range(2))
            lint = min(seedlint_run(folder) for _ in range(2))
            before = min(seedlint_run(folder, source=args.source) for _ in range(2)) if args.source else None
            print(f"\n{args.n:,} {shape} guides, one process each")
            print("| what | time | seedlint --jobs 1 is |")
            print("|---|---|---|")
            print(f"| floor: read, split, compose, mistune top-level blocks | {per(top)} | {lint / top:.2f}× the floor |")
            print(f"| floor with mistune's full block parse | {per(full)} | {lint / full:.2f}× |")
            print(f"| **seedlint --jobs 1 --no-cache** | {per(lint)} | |")
            if before is not None:
                print(f"| seedlint --jobs 1 --no-cache from {args.source} | {per(before)} | {before / lint:.2f}× faster |")
            for name, cmd, files in peers:
                peer = _timed([*cmd, *files])
                print(f"| {name}, front matters only | {per(peer)} | {peer / lint:.2f}× faster |")
            if procs > 1:
                print(f"\n{args.n:,} {shape} guides, {procs} processes each")
                print(f"| what | time | seedlint --jobs {procs} is |")
                print("|---|---|---|")
                wide = min(seedlint_run(folder, str(procs)) for _ in range(2))
                print(f"| **seedlint --jobs {procs} --no-cache** | {per(wide)} | |")
                if args.source:
                    was = min(seedlint_run(folder, str(procs), args.source) for _ in range(2))
                    print(f"| seedlint --jobs {procs} --no-cache from {args.source} | {per(was)} | {was / wide:.2f}× faster |")
                for name, cmd, files in peers:
                    peer = _xargs(cmd, files, procs)
                    print(f"| {name} under xargs -P {procs}, front matters only | {per(peer)} | {peer / wide:.2f}× faster |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
