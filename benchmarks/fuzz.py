"""Mutation fuzzer: mutate the seeds/ corpus and check seedlint's invariants.

    python benchmarks/fuzz.py --count 100000 [--seconds 600] [--seed 1] [--save tests/fixtures/crashes]

Mutations: byte flips, byte insertions, line deletions and duplications, line swaps,
truncation, YAML edits (indent changes, values replaced by odd scalars, tags, anchors and
aliases, duplicated keys, keys that are not plain strings, merge keys) and table edits (cells added or removed, pipes dropped,
separator rows broken). For every input it checks, in process:

* no exception escapes and no rule crashes (no SL999);
* every diagnostic has 1 ≤ line ≤ the file's line count and column ≥ 1;
* the same input gives the same diagnostics twice (checked on every 10th input);
* fixes (safe, then safe and unsafe): no edit that does not fit; the fixed file parses
  whenever the original did (no new parser finding, SL0xx); fixing twice equals fixing
  once; no applicable fix remains after ``--fix``; every line outside the first pass's
  edits is kept byte for byte (line ending and BOM included).

Besides the corpus, mutations plant fixable defects: a table cell's digit changed, a
bonus written as a range, a currency symbol swapped, the summary or level-mapping line
dropped or edited, the title's role changed, a total changed.

A failing input is written to ``--save`` (one file per distinct failure) so it becomes a
regression fixture; the summary prints count, failures, and run time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ODD_SCALARS = [b"", b"~", b"null", b"true", b"-1", b"1e309", b".nan", b"0x1F", b"'", b"\"", b"[", b"{a: 1}", b"[1, 2]",
               b"!!python/object/apply:os.system ['true']", b"&a x", b"*a", b"*missing", b"2026-02-30", b"2026-13-01",
               b"99999999999999999999999", b"|", b">-", b"\"\\u0000\"", b"\xc3\x28", b"!!binary aGk=", b"!!set {a}",
               b"<<: *a", b"? complex", b"%YAML 1.1", b"---", b"...", b"\t", b"\xef\xbb\xbf",
               # explicit core tags on text they cannot construct (PyYAML raised IndexError/KeyError)
               b"!!int \"\"", b"!!int \"-\"", b"!!float \"\"", b"!!bool maybe", b"!!int 1:x", b"!!null x"]


# keys that are not plain strings, tags on keys and merge keys
ODD_KEYS = [b"1", b"~", b"true", b"2026-01-01", b"!custom key", b"!!str 1", b"? [a, b]\n", b"<<", b"\"1\"", b"&k key", b"*k"]


def line_count(data: bytes) -> int:
    """Lines as editors (and seedlint) count them: LF, CRLF and a lone CR each end one."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    n = data.count(b"\n") + 1
    return n - 1 if data.endswith(b"\n") and n > 1 else n


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random mutations of ``data``."""
    for _ in range(rng.randint(1, 4)):
        lines = data.split(b"\n")
        op = rng.randrange(20)
        if op >= 14:
            data = plant(data, lines, rng)
            continue
        if op == 0 and data:  # flip a byte
            i = rng.randrange(len(data))
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif op == 1:  # insert a random byte
            i = rng.randrange(len(data) + 1)
            data = data[:i] + bytes([rng.randrange(256)]) + data[i:]
        elif op == 2 and len(lines) > 1:  # delete a line
            del lines[rng.randrange(len(lines))]
            data = b"\n".join(lines)
        elif op == 3:  # duplicate a line
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif op == 4 and len(lines) > 1:  # swap two lines
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif op == 5:  # truncate
            data = data[: rng.randrange(len(data) + 1)]
        elif op == 6:  # YAML: replace a value with an odd scalar
            cands = [k for k, ln in enumerate(lines) if b": " in ln]
            if cands:
                k = rng.choice(cands)
                key, _, _ = lines[k].partition(b": ")
                lines[k] = key + b": " + rng.choice(ODD_SCALARS)
                data = b"\n".join(lines)
        elif op == 7:  # YAML: change indentation
            k = rng.randrange(len(lines))
            lines[k] = (b" " * rng.choice((0, 1, 2, 3, 4, 6))) + lines[k].lstrip()
            data = b"\n".join(lines)
        elif op == 8:  # table: add or drop a cell
            cands = [k for k, ln in enumerate(lines) if ln.startswith(b"|")]
            if cands:
                k = rng.choice(cands)
                lines[k] = lines[k] + b" extra |" if rng.random() < 0.5 else lines[k].rsplit(b"|", 2)[0] + b"|"
                data = b"\n".join(lines)
        elif op == 9:  # table: drop pipes or break the separator
            cands = [k for k, ln in enumerate(lines) if b"|" in ln]
            if cands:
                k = rng.choice(cands)
                lines[k] = lines[k].replace(b"|", b"", rng.randint(1, 3)) if rng.random() < 0.5 else lines[k].replace(b"-", b"=")
                data = b"\n".join(lines)
        elif op == 10:  # splice in a random odd scalar anywhere
            i = rng.randrange(len(data) + 1)
            data = data[:i] + rng.choice(ODD_SCALARS) + data[i:]
        elif op == 12:  # YAML: replace a key with one that is not a plain string
            cands = [k for k, ln in enumerate(lines) if b": " in ln]
            if cands:
                k = rng.choice(cands)
                key, _, value = lines[k].partition(b": ")
                indent = key[: len(key) - len(key.lstrip())]
                lines[k] = indent + rng.choice(ODD_KEYS) + b": " + value
                data = b"\n".join(lines)
        elif op == 13:  # YAML: anchor a mapping and merge it into another
            cands = [k for k, ln in enumerate(lines) if ln.lstrip().startswith(b"- ")]
            if len(cands) >= 2:
                a, b = rng.sample(cands, 2)
                lines[a] = lines[a].replace(b"- ", b"- &m ", 1)
                indent = lines[b][: len(lines[b]) - len(lines[b].lstrip())]
                lines.insert(b + 1, indent + b"  <<: " + rng.choice((b"*m", b"[*m, *m]", b"5", b"*m2")))
                data = b"\n".join(lines)
        elif op == 11:  # CRLF / CR / BOM
            data = rng.choice((data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r"), b"\xef\xbb\xbf" + data))
    return data


SYMBOLS = ["$".encode(), "£".encode(), "€".encode(), "₪".encode(), b"CHF ", b"kr ", b"C$"]


def plant(data: bytes, lines: list[bytes], rng: random.Random) -> bytes:
    """A defect a fix should repair (or an unsafe one should judge)."""
    rows = [k for k, ln in enumerate(lines) if ln.startswith(b"|") and b"%" in ln]
    pick = rng.randrange(6)
    if pick == 0 and rows:  # a digit of a table row changed
        k = rng.choice(rows)
        digits = [i for i, c in enumerate(lines[k]) if 48 <= c <= 57]
        if digits:
            i = rng.choice(digits)
            lines[k] = lines[k][:i] + bytes([48 + rng.randrange(10)]) + lines[k][i + 1:]
    elif pick == 1 and rows:  # the bonus as a range
        k = rng.choice(rows)
        lines[k] = lines[k].replace(b"% |", "–15% |".encode(), 1)
    elif pick == 2 and rows:  # another currency's symbol
        k = rng.choice(rows)
        for sym in SYMBOLS:
            if sym in lines[k]:
                lines[k] = lines[k].replace(sym, rng.choice(SYMBOLS))
                break
    elif pick == 3:  # the summary or level-mapping line dropped or edited
        cands = [k for k, ln in enumerate(lines) if ln.startswith((b"**Negotiation DNA:**", b"**Level Mapping:**"))]
        if cands:
            k = rng.choice(cands)
            if rng.random() < 0.5:
                del lines[k]
            else:
                lines[k] = lines[k] + b" (edited)"
    elif pick == 4:  # the title's role
        cands = [k for k, ln in enumerate(lines) if ln.startswith(b"#") and b"|" in ln]
        if cands:
            k = cands[0]
            lines[k] = b"### Other Role |" + lines[k].split(b"|", 1)[1]
    else:  # a total, a low/high pair, a slug
        cands = [k for k, ln in enumerate(lines) if ln.lstrip().startswith((b"total_comp_", b"base_", b"stock_", b"company:"))]
        if cands:
            k = rng.choice(cands)
            key, _, value = lines[k].partition(b": ")
            lines[k] = key + b": " + (value[::-1] if rng.random() < 0.5 else value + b"0")
    return b"\n".join(lines)


_RAW_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def check_fix(data: bytes, diags, settings) -> str | None:
    """The fix invariants on ``data`` (whose reported findings are ``diags``)."""
    from seedlint.fix import BOM, MAX_PASSES, Applicability, EditError, apply, choose, fix_bytes
    from seedlint.linter import finish, lint_bytes
    from seedlint.registry import PARSER, all_rules

    parser = {c for c, r in all_rules().items() if r.scope == PARSER}
    for unsafe in (False, True):
        ok = Applicability(unsafe, settings.fixable_codes())
        try:
            out = fix_bytes(data, "fuzz.md", settings, diags, ok)
        except Exception as exc:  # noqa: BLE001
            return f"fix exception: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
        if out.error:
            return f"fix does not fit: {out.error}"
        new_parse = {d.code for d in out.diagnostics if d.code in parser} - {d.code for d in diags if d.code in parser}
        if new_parse:
            return f"fix broke parsing ({'unsafe' if unsafe else 'safe'}): {sorted(new_parse)}"
        if out.passes < MAX_PASSES and any(ok.applies(d) for d in out.diagnostics):
            left = [d.code for d in out.diagnostics if ok.applies(d)]
            return f"fixable findings remain after --fix ({'unsafe' if unsafe else 'safe'}): {left}"
        if out.data != data:
            again = fix_bytes(out.data, "fuzz.md", settings, finish(lint_bytes(out.data, "fuzz.md", settings), settings), ok)
            if again.data != out.data:
                return f"fixing twice differs from fixing once ({'unsafe' if unsafe else 'safe'})"
        edits, _ = choose(diags, ok.applies)
        if edits:
            try:
                first = apply(data, edits)
            except EditError as exc:
                return f"edit does not fit: {exc}"
            touched = {n for e in edits for n in range(e.line, e.end_line + 1)}
            kept = [ln for n, ln in enumerate(_RAW_LINE.findall(data), 1) if n not in touched]
            if not _subsequence(kept, _RAW_LINE.findall(first)) or data.startswith(BOM) != first.startswith(BOM):
                return "a byte outside the edits changed"
    return None


def _subsequence(small: list[bytes], big: list[bytes]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check(data: bytes, settings, deterministic: bool) -> str | None:
    """None if the invariants hold, else a short description of the failure."""
    from seedlint.linter import finish, lint_bytes

    try:
        res = lint_bytes(data, "fuzz.md", settings)
        diags = finish(res, settings)
    except Exception as exc:  # noqa: BLE001 - any escape is a failure
        return f"exception: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
    if res.internal_error:
        return "rule crash: " + "; ".join(d.message for d in diags if d.code == "SL999")
    n = line_count(data)
    for d in diags:
        if not (1 <= d.line <= max(n, 1)) or d.column < 1 or d.end_line < d.line:
            return f"position out of range: {d.code} {d.line}:{d.column} in a {n}-line file"
    if deterministic:
        again = finish(lint_bytes(data, "fuzz.md", settings), settings)
        if [x.to_dict() for x in again] != [x.to_dict() for x in diags]:
            return "non-deterministic output"
    return check_fix(data, diags, settings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=None, help="stop after this long even if --count is not reached")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=str(ROOT / "seeds"))
    ap.add_argument("--save", default=str(ROOT / "tests" / "fixtures" / "crashes"))
    args = ap.parse_args()

    from seedlint.options import Options
    from seedlint.settings import Settings

    settings = Settings(options=Options(today=dt.date(2026, 11, 26)), respect_gitignore=False, max_file_size=2_000_000)
    corpus = [p.read_bytes() for p in sorted(Path(args.corpus).iterdir()) if p.is_file()]
    corpus.append((ROOT / "tests" / "fixtures" / "reference_like.md").read_bytes())
    rng = random.Random(args.seed)
    start = time.monotonic()
    failures: dict[str, bytes] = {}
    done = 0
    for done in range(1, args.count + 1):
        data = mutate(rng.choice(corpus), rng)
        problem = check(data, settings, deterministic=done % 10 == 0)
        if problem:
            key = problem.splitlines()[0][:120]
            if key not in failures:
                failures[key] = data
                os.makedirs(args.save, exist_ok=True)
                name = hashlib.sha1(data).hexdigest()[:12]
                Path(args.save, f"crash-{name}.md").write_bytes(data)
                print(f"FAIL #{done}: {problem.splitlines()[0]} -> crash-{name}.md", file=sys.stderr)
        if args.seconds and time.monotonic() - start > args.seconds:
            break
        if done % 10_000 == 0:
            print(f"… {done:,} inputs, {len(failures)} distinct failures, {time.monotonic() - start:.0f}s", file=sys.stderr)
    elapsed = time.monotonic() - start
    print(f"fuzz: {done:,} inputs in {elapsed:.1f}s ({done / elapsed:,.0f}/s), {len(failures)} distinct failures")
    for key in failures:
        print(f"  - {key}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
