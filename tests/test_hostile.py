"""Hostile and broken input: a diagnostic or a one-line error, bounded time and memory, no lost byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from seedlint import batch
from seedlint.cli import main
from seedlint.linter import finish, lint_bytes

from conftest import FIXTURES, make_settings
from test_cli import run_cli

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from fuzz import check, line_count, mutate  # noqa: E402

CLEAN = (FIXTURES / "rules" / "clean_base.md").read_bytes()
SEEDS = sorted((Path(__file__).parent.parent / "seeds").iterdir())
ARGS = ["--no-cache", "--isolated", "--today", "2026-11-26", "--format", "json"]


def lint(data: bytes, **kw):
    s = make_settings(**kw)
    res = lint_bytes(data, "x.md", s)
    diags = finish(res, s)
    assert not res.internal_error, [d.message for d in diags]
    n = line_count(data)
    for d in diags:
        assert 1 <= d.line <= n and d.column >= 1, (d.code, d.line, n)
    return [(d.line, d.code) for d in diags]


@pytest.mark.parametrize("data,expected", [
    (b"", [(1, "SL001")]),
    (b"---", [(1, "SL001")]),
    (b"---\n", [(1, "SL001")]),
    (b"---\ncompany: x\n", [(1, "SL001")]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [(3, "SL009")]),
    (b"a\rb\rc\x00", [(3, "SL009")]),
    ("---\ncompany: caf\u00e9\n---\n".encode("latin-1"), [(2, "SL004")]),
    ("---\ncompany: x\n---\n".encode("utf-16"), [(1, "SL004")]),
])
def test_small_broken_inputs(data, expected):
    assert lint(data) == expected


def test_front_matter_with_no_body():
    fm = CLEAN.split(b"---\n###")[0] + b"---\n"
    got = lint(fm)
    n = line_count(fm)
    assert (n, "SL501") in got and all(line == n for line, c in got if c in ("SL501", "SL601"))


def test_large_file_gets_its_own_diagnostic_in_bounded_memory(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:
        fh.write(CLEAN)
        chunk = b"filler line of a huge guide\n" * 40_000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's high-water mark across exec
    code = ("import re, sys; from seedlint.cli import main; rc = main(sys.argv[1:]); "
            "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1), file=sys.stderr); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, *ARGS, str(big)], capture_output=True, text=True)
    assert proc.returncode == 1
    [diag] = json.loads(proc.stdout)["diagnostics"]
    assert (diag["line"], diag["code"]) == (1, "SL008")
    assert f"file is {big.stat().st_size:,} bytes, over the limit of 10,485,760" in diag["message"]  # the size, not the bytes read
    assert int(proc.stderr.strip().splitlines()[-1]) < 60 * 1024  # KiB: the 50 MB file is never read whole


@pytest.mark.parametrize("yaml", [
    "a: " + "[" * 10_000 + "]" * 10_000,
    "".join(" " * i + "k:\n" for i in range(3_000)),  # 4.5 MB of indentation
    "a: " + "{b: " * 10_000 + "1" + "}" * 10_000,
])
def test_deep_nesting_is_a_diagnostic_not_a_recursion_error(yaml):
    t = time.monotonic()
    assert lint(("---\n" + yaml + "\n---\n").encode())[0][1] == "SL002"
    assert time.monotonic() - t < 2


def test_alias_bomb_costs_milliseconds():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{k}: &{k} [{','.join(['*' + p] * 9)}]" for p, k in zip("abcdefgh", "bcdefghi")]
    t = time.monotonic()
    got = lint(("---\n" + "\n".join(lines) + "\n---\n").encode())
    assert time.monotonic() - t < 0.5 and [c for _, c in got if c.startswith("SL0")] == ["SL007"]


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "owned"
    data = CLEAN.replace(b"company: acme-analytics", f"company: !!python/object/apply:os.system ['touch {marker}']".encode())
    assert (2, "SL006") in lint(data)
    assert not marker.exists()


def test_one_megabyte_lines():
    line = b"x" * (1 << 20)
    t = time.monotonic()
    lint(CLEAN.replace(b"data_quality: high", b"data_quality: " + line))
    lint(CLEAN + line + b"\n" + b"|" + line + b"|\n")
    assert time.monotonic() - t < 5


def test_wide_and_long_tables():
    wide = b"| " + b" | ".join(b"h%d" % i for i in range(1000)) + b" |\n|" + b"---|" * 1000 + b"\n" + (b"| x " * 1000 + b"|\n") * 3
    rows = b"| Region | Base | Total |\n|---|---|---|\n" + b"| Mars | $1K | $1K |\n" * 10_000
    t = time.monotonic()
    lint(CLEAN + b"\n" + wide)
    got = lint(CLEAN.replace(b"| Region |", rows + b"\n| Region |"))
    assert time.monotonic() - t < 10
    assert got.count((45 + 10_002 + 2, "SL502")) == 0  # only the first table is the compensation table


def test_pathological_markdown():
    t = time.monotonic()
    lint(CLEAN + b"> " * 5000 + b"deep quote\n")
    lint(CLEAN + b"".join(b"  " * i + b"- item\n" for i in range(3000)))
    lint(CLEAN + b"[" * 20000 + b"]" * 20000 + b"\n" + b"*" * 50000 + b"\n" + b"`" * 30000 + b"\n")
    assert time.monotonic() - t < 10


def test_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "g.md").write_bytes(CLEAN)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    proc = run_cli(*ARGS, tmp_path)
    assert proc.returncode == 0 and json.loads(proc.stdout)["summary"]["files"] == 1


def test_unreadable_file_reported_others_linted(tmp_path, monkeypatch, capsys):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_bytes(CLEAN)
    real = batch.read_file

    def deny(path, limit):
        if path.endswith("b.md"):
            raise PermissionError(13, "Permission denied")
        return real(path, limit)

    monkeypatch.setattr(batch, "read_file", deny)
    monkeypatch.chdir(tmp_path)
    rc = main([*ARGS, "--jobs", "1", "."])
    out, err = capsys.readouterr()
    assert rc == 2
    assert err.strip() == "seedlint: error: b.md: permission denied"
    assert json.loads(out)["summary"]["files"] == 2


def test_file_vanishing_during_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.md").write_bytes(CLEAN)
    from seedlint import discover

    real = discover.Walk.files

    def with_ghost(self, paths):
        yield from real(self, paths)
        yield "ghost.md"

    monkeypatch.setattr("seedlint.discover.Walk.files", with_ghost)
    monkeypatch.chdir(tmp_path)
    rc = main([*ARGS, "--jobs", "1", "."])
    assert rc == 2 and "ghost.md: file vanished" in capsys.readouterr().err


def test_linted_files_are_never_touched(tmp_path):
    files = []
    for p in SEEDS[:4] + [FIXTURES / "reference_like.md", FIXTURES / "rules" / "SL004_fail_latin1_pound.md"]:
        target = tmp_path / p.name
        target.write_bytes(p.read_bytes())
        os.utime(target, (1_000_000_000, 1_000_000_000))
        files.append((target, target.read_bytes()))
    run_cli("--today", "2026-11-26", tmp_path, cwd=tmp_path)  # with the cache, as users run it
    run_cli(*ARGS, "--format", "sarif", tmp_path, cwd=tmp_path)
    for target, content in files:
        assert target.read_bytes() == content
        assert target.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(t.name for t, _ in files)


def test_crash_regressions_stay_fixed():
    s = make_settings(max_file_size=2_000_000)
    for path in sorted((FIXTURES / "crashes").glob("*.md")):
        assert check(path.read_bytes(), s, deterministic=True) is None, path.name


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    assert check(data, make_settings(), deterministic=True) is None


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEEDS) - 1), st.randoms(use_true_random=False))
def test_mutated_guides(index, rnd):
    data = mutate(SEEDS[index].read_bytes(), rnd)
    assert check(data, make_settings(), deterministic=True) is None


@hsettings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_in_body_and_values(text):
    s = make_settings()
    assert check(CLEAN.replace(b"Acme pays data engineers mostly in cash.", text.encode()), s, True) is None
    assert check(CLEAN.replace(b"Cash-Heavy Offer | Analytics Platform\"", text.encode() + b"\""), s, True) is None


def test_emphasis_and_vesting_patterns_are_linear_on_hostile_cells(tmp_path):
    """A cell of 200,000 emphasis markers and a stock header of digits and spaces: the patterns
    that read them are linear (the quadratic ones took minutes at this size). The timeout is a
    guard against a hang, not a speed figure."""
    text = CLEAN.decode("utf-8")
    text = text.replace("| San Francisco | $200K–$240K |", "| San Francisco | " + "**a" * 70_000 + " |")
    text = text.replace("Stock (RSU/4yr)", "Stock " + "1 " * 50_000 + "- " * 50_000)
    (tmp_path / "g.md").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "seedlint", *ARGS, "g.md"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    codes = {d["code"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert "SL506" in codes and "SL512" in codes and "SL999" not in codes


def test_explicit_tags_on_values_they_cannot_be():
    # !!int "" and !!bool maybe made PyYAML's constructors raise IndexError / KeyError
    data = (FIXTURES / "crashes" / "explicit_tag_values.md").read_bytes()
    got = lint(data)
    assert (13, "SL103") in got and (21, "SL103") in got  # base_low and bonus_pct: strings, not numbers
    assert [c for _, c in got if c.startswith("SL0")] == []
