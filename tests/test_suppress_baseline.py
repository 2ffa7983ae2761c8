"""Suppression comments beyond the per-rule fixtures, and baselines matched by content."""

from __future__ import annotations

import json

from test_cli import run_cli

from conftest import FIXTURES

REF = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")
ARGS = ["--no-cache", "--isolated", "--today", "2026-11-26", "--format", "json"]


def found(proc):
    assert proc.returncode in (0, 1), proc.stderr
    return [(d["line"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"]]


def test_disable_file_in_body(tmp_path):
    (tmp_path / "g.md").write_text(REF + "\n<!-- seedlint-disable-file SL401 SL504 -->\n")
    assert {c for _, c in found(run_cli(*ARGS, tmp_path / "g.md"))} == {"SL301"}


def test_yaml_syntax_error_only_file_wide(tmp_path):
    bad = REF.replace("data_quality: high", "data_quality: high: x  # seedlint: disable=SL002")
    (tmp_path / "g.md").write_text(bad)
    assert (8, "SL002") in found(run_cli(*ARGS, tmp_path / "g.md"))
    (tmp_path / "g.md").write_text(bad + "\n<!-- seedlint-disable-file SL002 -->\n")
    assert (8, "SL002") not in found(run_cli(*ARGS, tmp_path / "g.md"))


def test_corpus_finding_suppressed_on_its_line(tmp_path):
    (tmp_path / "a.md").write_text(REF)
    (tmp_path / "b.md").write_text(REF.replace("role: staff-software-engineer", "role: staff-software-engineer  # seedlint: disable=duplicate-guide"))
    got = found(run_cli(*ARGS, "--select", "SL7,SL8", ".", cwd=tmp_path))
    assert got == []


def test_suppression_of_disabled_rule_is_not_unused(tmp_path):
    (tmp_path / "g.md").write_text(REF.replace("total_comp_low: 365000", "total_comp_low: 365000  # seedlint: disable=SL301"))
    assert found(run_cli(*ARGS, "--ignore", "SL301", tmp_path / "g.md")).count((18, "SL801")) == 0


def test_baseline_cycle(tmp_path):
    guide = tmp_path / "g.md"
    # London's low total made right (fm and table), so London has one SL301 less
    start = REF.replace("total_comp_low: 278000", "total_comp_low: 256000").replace("£278K–£413K", "£256K–£413K")
    guide.write_text(start)
    base = tmp_path / "baseline.json"
    proc = run_cli(*ARGS, "--write-baseline", base, guide)
    assert proc.returncode == 0 and "recorded 9 findings" in proc.stderr
    assert found(run_cli(*ARGS, "--baseline", base, guide)) == []

    # lines inserted above the findings: still baselined
    lines = start.split("\n")
    shifted = "\n".join(lines[:1] + ["# a comment", ""] + lines[1:])
    guide.write_text(shifted)
    assert found(run_cli(*ARGS, "--baseline", base, guide)) == []

    # a new defect of a baselined code (SL301) in the same file is reported
    broken = shifted.replace("total_comp_low: 256000", "total_comp_low: 300000").replace("£256K–£413K", "£300K–£413K")
    guide.write_text(broken)
    assert found(run_cli(*ARGS, "--baseline", base, guide)) == [(38, "SL301")]

    # fixing a baselined finding is reported; rewriting the baseline drops it
    guide.write_text(shifted.replace("next_review_due: 2026-05-23", "next_review_due: 2027-05-23"))
    proc = run_cli(*ARGS, "--baseline", base, guide)
    assert found(proc) == [] and "1 baselined finding is now fixed" in proc.stderr
    run_cli(*ARGS, "--write-baseline", base, guide)
    entries = json.loads(base.read_text())["findings"]
    assert sorted(e["code"] for e in entries for _ in range(e["count"])) == ["SL301"] * 5 + ["SL504"] * 3


def test_bad_baseline_file_is_usage_error(tmp_path):
    (tmp_path / "b.json").write_text("{not json")
    proc = run_cli(*ARGS, "--baseline", tmp_path / "b.json", FIXTURES / "reference_like.md")
    assert proc.returncode == 2 and "cannot be read" in proc.stderr and "Traceback" not in proc.stderr
