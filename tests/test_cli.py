"""The command line end to end: formats, exit status, selection, rule docs, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from seedlint.cli import main

from conftest import FIXTURES

REF = FIXTURES / "reference_like.md"
CLEAN = FIXTURES / "rules" / "clean_base.md"
PINNED = ["--today", "2026-11-26", "--no-cache", "--isolated"]


def run_cli(*args, cwd=None, stdin=None, env=None):
    """Run the installed CLI as a user would (a subprocess)."""
    e = dict(os.environ)
    e.pop("GITHUB_ACTIONS", None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "seedlint", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, env=e, encoding="utf-8")


def test_reference_acceptance_exact_findings():
    """The acceptance list: SL401 at 10, SL301 at 18 19 27 28 36 37, SL504 at 54 55 56."""
    proc = run_cli(*PINNED, "--format", "json", REF)
    assert proc.returncode == 1, proc.stderr
    found = [(d["line"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"]]
    assert found == [(10, "SL401"), (18, "SL301"), (19, "SL301"), (27, "SL301"), (28, "SL301"),
                     (36, "SL301"), (37, "SL301"), (54, "SL504"), (55, "SL504"), (56, "SL504")]


def test_text_output_snapshot(monkeypatch):
    """Whole-document text output, so message wording is reviewed in diffs."""
    proc = run_cli(*PINNED, "tests/fixtures/reference_like.md", cwd=FIXTURES.parent.parent)
    assert proc.stdout == (FIXTURES / "reference_like.txt").read_text(encoding="utf-8")


def test_clean_file_passes_and_exits_zero():
    proc = run_cli(*PINNED, CLEAN)
    assert proc.returncode == 0
    assert proc.stdout == "All checks passed.\n"


def test_warnings_only_exit_zero(tmp_path):
    text = CLEAN.read_text().replace("next_review_due: 2027-04-01", "next_review_due: 2026-11-01")
    (tmp_path / "g.md").write_text(text)
    proc = run_cli(*PINNED, tmp_path / "g.md")
    assert proc.returncode == 0
    assert "SL401" in proc.stdout and "(0 errors, 1 warning)" in proc.stdout
    assert run_cli(*PINNED, "--fail-on", "warning", tmp_path / "g.md").returncode == 1


def test_json_format_shape():
    data = json.loads(run_cli(*PINNED, "--format", "json", REF).stdout)
    assert data["version"] == 1
    d = data["diagnostics"][0]
    assert set(d) >= {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message"}
    assert d["name"] == "review-overdue" and d["severity"] == "warning"
    assert data["summary"]["errors"] == 9 and data["summary"]["warnings"] == 1


@pytest.mark.parametrize("selector,codes", [
    (["--select", "SL3"], {"SL301"}),
    (["--select", "total-comp-mismatch,SL401"], {"SL301", "SL401"}),
    (["--ignore", "SL3,bonus-mismatch"], {"SL401"}),
])
def test_select_and_ignore(selector, codes):
    data = json.loads(run_cli(*PINNED, "--format", "json", *selector, REF).stdout)
    assert {d["code"] for d in data["diagnostics"]} == codes


def test_unknown_selector_is_usage_error():
    proc = run_cli(*PINNED, "--select", "SL3O1", REF)
    assert proc.returncode == 2
    assert "unknown rule code or name" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_path_one_line_exit_2():
    proc = run_cli(*PINNED, "does/not/exist.md")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "seedlint: error: does/not/exist.md: no such file or directory"


def test_bad_today_is_usage_error():
    proc = run_cli("--today", "2026-13-01", "--no-cache", REF)
    assert proc.returncode == 2 and "--today" in proc.stderr and "Traceback" not in proc.stderr


def test_list_rules_and_explain():
    listing = run_cli("--list-rules").stdout
    assert "SL301  total-comp-mismatch" in listing and "SL702" in listing
    doc = run_cli("--explain", "SL301").stdout
    assert "## What it does" in doc and "## Why is this bad?" in doc and "## Example" in doc
    assert run_cli("--explain", "bonus-mismatch").stdout.startswith("# SL504 bonus-mismatch")
    assert run_cli("--explain", "SL000").returncode == 2


def test_version_and_module_entry_point():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("seedlint ")


def test_folder_walk_extensions_and_hidden(tmp_path):
    for name in ("a.md", "b.markdown", "c.txt", "d.rst", ".hidden/e.md", "sub/f.md"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(CLEAN.read_text())
    data = json.loads(run_cli(*PINNED, "--format", "json", "--select", "SL001", ".", cwd=tmp_path).stdout)
    assert data["summary"]["files"] == 4  # a.md b.markdown c.txt sub/f.md


def test_explicit_file_always_linted(tmp_path):
    p = tmp_path / "notes.rst"
    p.write_text("no front matter")
    proc = run_cli(*PINNED, p)
    assert proc.returncode == 1 and "SL001" in proc.stdout


def test_stdin_with_filename(tmp_path):
    proc = run_cli(*PINNED, "--stdin-filename", "guides/x.md", "-", stdin=REF.read_text(encoding="utf-8"))
    assert proc.returncode == 1
    assert proc.stdout.startswith("guides/x.md:10:18: SL401")


def test_stdin_filename_alone_reads_stdin():
    proc = run_cli(*PINNED, "--stdin-filename", "g.md", stdin=REF.read_text(encoding="utf-8"))
    assert proc.returncode == 1 and proc.stdout.startswith("g.md:10:18: SL401")


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    proc = run_cli(*PINNED, "--format", "json", "--output-file", out, REF)
    assert proc.stdout == "" and json.loads(out.read_text())["summary"]["problems"] == 10


def test_statistics():
    out = run_cli(*PINNED, "--statistics", REF).stdout
    assert "     6  SL301  total-comp-mismatch" in out


def test_exit_zero():
    assert run_cli(*PINNED, "--exit-zero", REF).returncode == 0


def test_in_process_main_matches(capsys):
    assert main([*PINNED, str(REF)]) == 1
    assert capsys.readouterr().out.count("SL301") == 6


def test_empty_folder_warns_and_passes(tmp_path):
    proc = run_cli(*PINNED, tmp_path)
    assert proc.returncode == 0 and proc.stdout == "All checks passed.\n"
    assert "no guides" in proc.stderr
