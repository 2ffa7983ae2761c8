"""Configuration files, precedence, validation with file:line messages, and every setting."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from test_cli import run_cli

from conftest import FIXTURES, read_case, rule_fixtures

REF = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")
CLEAN = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
NOCACHE = ["--no-cache", "--today", "2026-11-26", "--format", "json"]


def codes(proc):
    assert proc.returncode in (0, 1), proc.stderr
    return [(d["path"], d["line"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"]]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "ref.md").write_text(REF, encoding="utf-8")
    return tmp_path


def test_pyproject_found_from_nested_path(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.seedlint]\nselect = ["SL5"]\n')
    got = codes(run_cli(*NOCACHE, "guides", cwd=project))
    assert {c for _, _, c in got} == {"SL504"}


def test_dot_seedlint_toml_wins_over_pyproject_and_nearest_wins(project):
    (project / "pyproject.toml").write_text('[tool.seedlint]\nselect = ["SL5"]\n')
    (project / ".seedlint.toml").write_text('select = ["SL4"]\n')
    assert {c for _, _, c in codes(run_cli(*NOCACHE, "guides", cwd=project))} == {"SL401"}
    (project / "guides" / "seedlint.toml").write_text('select = ["SL301"]\n')
    assert {c for _, _, c in codes(run_cli(*NOCACHE, "guides", cwd=project))} == {"SL301"}


def test_explicit_config_and_isolated(project):
    cfg = project / "custom.toml"
    cfg.write_text('ignore = ["SL3", "SL4"]\n')
    (project / ".seedlint.toml").write_text('select = ["SL401"]\n')
    assert {c for _, _, c in codes(run_cli(*NOCACHE, "--config", cfg, "guides", cwd=project))} == {"SL504"}
    assert len(codes(run_cli(*NOCACHE, "--isolated", "guides", cwd=project))) == 10


def test_cli_flags_override_file(project):
    (project / ".seedlint.toml").write_text('select = ["SL4"]\nfail-on = "warning"\n')
    assert {c for _, _, c in codes(run_cli(*NOCACHE, "--select", "SL504", "guides", cwd=project))} == {"SL504"}
    assert run_cli("--no-cache", "--today", "2026-11-26", "--fail-on", "error", "guides", cwd=project).returncode == 0


@pytest.mark.parametrize("text,line,needle", [
    ('select = ["SL3"]\n\nbogus-key = 1\n', 3, "bogus-key: unknown setting"),
    ('ignore = ["SL3O1"]\n', 1, "unknown rule code or name 'SL3O1'"),
    ('\nvesting-years = "four"\n', 2, "vesting-years: expected a positive integer"),
    ('[severity]\nSL401 = "fatal"\n', 1, "severity: expected"),
    ('total-comp-toleranse = 0.05\n', 1, "did you mean 'total-comp-tolerance'"),
])
def test_bad_config_exits_2_naming_file_line_key(project, text, line, needle):
    (project / ".seedlint.toml").write_text(text)
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    assert proc.returncode == 2
    assert f".seedlint.toml:{line}:" in proc.stderr and needle in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_pyproject_line_is_in_the_tool_table(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\nselect = 1\n\n[tool.seedlint]\nignore = ["SL401"]\nselect = "SL3"\n')
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    assert proc.returncode == 2 and "pyproject.toml:7: select:" in proc.stderr


def test_invalid_toml_is_a_clear_error(project):
    (project / ".seedlint.toml").write_text("select = [\n")
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    assert proc.returncode == 2 and "invalid TOML" in proc.stderr


def test_per_file_ignores_and_severity(project):
    (project / "guides" / "other.md").write_text(REF.replace("role: staff-software-engineer", "role: staff-swe"), encoding="utf-8")
    (project / ".seedlint.toml").write_text('[per-file-ignores]\n"guides/other.md" = ["SL2", "SL3", "bonus-mismatch"]\n[severity]\nSL401 = "off"\nSL504 = "warning"\n')
    got = codes(run_cli(*NOCACHE, "guides", cwd=project))
    assert {(p, c) for p, _, c in got} == {("guides/ref.md", "SL301"), ("guides/ref.md", "SL504")}
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    sev = {d["code"]: d["severity"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert sev == {"SL301": "error", "SL504": "warning"}


def test_rule_options(project):
    (project / ".seedlint.toml").write_text(
        'today = 2026-05-01\ntotal-comp-tolerance = 0.25\n[region-currency]\n"San Francisco" = "EUR"\n')
    got = codes(run_cli("--no-cache", "--format", "json", "guides", cwd=project))
    found = {(line, c) for _, line, c in got}
    # 2026-05-01: review not yet due; 25% tolerance: no SL301; SF now expects EUR (line 20)
    assert ("SL401" not in {c for _, c in found}) and ("SL301" not in {c for _, c in found})
    assert (20, "SL203") in found


def test_vesting_stale_and_sections_options(tmp_path):
    text = CLEAN.replace("last_updated: 2026-10-01", "last_updated: 2026-06-01").replace("2026-Q3", "2026-Q2")
    (tmp_path / "g.md").write_text(text)
    (tmp_path / ".seedlint.toml").write_text('stale-days = 100\nrequired-sections = ["Negotiation DNA", "Walk-Away Point"]\n')
    got = {(line, c) for _, line, c in codes(run_cli(*NOCACHE, "g.md", cwd=tmp_path))}
    assert got == {(7, "SL405"), (38, "SL601")}
    (tmp_path / ".seedlint.toml").write_text("vesting-years = 3\n")  # no header years: the option decides
    text = CLEAN.replace("Stock (RSU/4yr)", "Stock")
    (tmp_path / "g.md").write_text(text)
    assert {c for _, _, c in codes(run_cli(*NOCACHE, "g.md", cwd=tmp_path))} == {"SL301"}


def test_include_exclude(project):
    (project / "guides" / "drafts").mkdir()
    (project / "guides" / "drafts" / "wip.md").write_text("not a guide")
    (project / "guides" / "README.txt").write_text("notes")
    (project / ".seedlint.toml").write_text('exclude = ["drafts/**", "README.txt"]\nselect = ["SL001"]\n')
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    assert codes(proc) == [] and json.loads(proc.stdout)["summary"]["files"] == 1
    (project / ".seedlint.toml").write_text('include = ["guides/drafts/*.md"]\nselect = ["SL001"]\n')
    assert [p for p, _, _ in codes(run_cli(*NOCACHE, "guides", cwd=project))] == ["guides/drafts/wip.md"]


def test_respect_gitignore(project):
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / ".gitignore").write_text("guides/ignored/\n")
    (project / "guides" / "ignored").mkdir()
    (project / "guides" / "ignored" / "x.md").write_text("junk")
    proc = run_cli(*NOCACHE, "--select", "SL001", "guides", cwd=project)
    assert json.loads(proc.stdout)["summary"]["files"] == 1
    (project / ".seedlint.toml").write_text("respect-gitignore = false\n")
    proc = run_cli(*NOCACHE, "--select", "SL001", "guides", cwd=project)
    assert json.loads(proc.stdout)["summary"]["files"] == 2


def test_gitignore_asked_in_batches_gives_the_same_files(tmp_path, monkeypatch):
    """git is asked about a few thousand paths at a time (a million at once cost 150 MB):
    ignored files in the first, a middle and the last batch are left out, the rest kept,
    and outside a repository nothing is ignored."""
    from seedlint import discover

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("*-skip.md\n")
    names = [f"g{i:02}{'-skip' if i in (0, 7, 12) else ''}.md" for i in range(13)]
    for name in names:
        (tmp_path / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(discover, "IGNORE_BATCH", 3)
    assert discover.git_ignored(names) == {"g00-skip.md", "g07-skip.md", "g12-skip.md"}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert discover.git_ignored(["a-skip.md"]) == set()


def test_user_schema_replaces_with_exact_positions(project):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "properties": {"data_quality": {"enum": ["audited"]}}}
    (project / "my.schema.json").write_text(json.dumps(schema))
    (project / ".seedlint.toml").write_text('schema = "my.schema.json"\nselect = ["SL1"]\n')
    assert codes(run_cli(*NOCACHE, "guides", cwd=project)) == [("guides/ref.md", 8, "SL104")]
    (project / ".seedlint.toml").write_text('schema = "my.schema.json"\nschema-mode = "extend"\nselect = ["SL1"]\n')
    assert codes(run_cli(*NOCACHE, "guides", cwd=project)) == [("guides/ref.md", 8, "SL104")]
    (project / "my.schema.json").write_text('{"type": "nonsense"}')
    proc = run_cli(*NOCACHE, "guides", cwd=project)
    assert proc.returncode == 2 and "not a valid JSON Schema" in proc.stderr


def test_documentation_covers_every_setting():
    """The table in docs/configuration.md is rendered from the settings' declarations."""
    from seedlint.config import declared, render_table

    doc = (Path(__file__).parent.parent / "docs" / "configuration.md").read_text()
    assert render_table() in doc, "run: python -m seedlint.config and paste the table into docs/configuration.md"
    assert len(declared()) == render_table().count("\n") - 2


def _toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"


def test_every_field_is_a_declared_setting():
    """A field added without a declaration could change results without changing the cache key."""
    from dataclasses import fields

    from seedlint.options import Options
    from seedlint.settings import Settings
    from seedlint.spec import spec_of

    undeclared = [f.name for cls in (Settings, Options) for f in fields(cls) if spec_of(f) is None]
    assert undeclared == ["options", "config_path", "collect"]
    # `collect` (facts a report asks for) is not a setting but is part of the cache key
    assert Settings(collect=frozenset({"report"})).cache_key() != Settings().cache_key()


def _declared_keys():
    from seedlint.config import declared

    return sorted(declared())


@pytest.mark.parametrize("key", _declared_keys())
def test_changing_any_setting_changes_the_cache_key_or_no_result(key, tmp_path):
    """Through a real configuration file: a setting that can change a file's findings
    changes the cache key; one declared not to (which files, exit status, workers) leaves
    every file's result unchanged, shown on fixtures with findings of every family."""
    from seedlint.config import declared, resolve
    from seedlint.linter import lint_bytes
    from seedlint.spec import RESULTS

    _, spec = declared()[key]
    (tmp_path / "extra.schema.json").write_text('{"properties": {"data_quality": {"const": "low"}}}')
    (tmp_path / "guides").mkdir()
    (tmp_path / ".seedlint.toml").write_text("")
    base = resolve(str(tmp_path), None, False)
    (tmp_path / ".seedlint.toml").write_text(f"{json.dumps(key)} = {_toml_value(spec.example)}\n")
    changed = resolve(str(tmp_path), None, False)
    assert changed != base, f"the example value of {key} is its default"
    if spec.affects == RESULTS:
        assert changed.cache_key() != base.cache_key()
        return
    assert changed.cache_key() == base.cache_key()
    samples = [FIXTURES / "reference_like.md", FIXTURES / "rules" / "clean_base.md",
               *(p for p in rule_fixtures() if re.match(r"SL[0-8]0[1-3]_fail_", p.name))]
    for sample in samples:
        data = read_case(sample)[0] if sample.suffix == ".yaml" else sample.read_bytes()
        assert lint_bytes(data, "guides/g.md", changed) == lint_bytes(data, "guides/g.md", base), sample.name


def test_rules_doc_is_up_to_date():
    from seedlint.ruledocs import render

    committed = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m seedlint.ruledocs > docs/rules.md"


def test_documented_generators_print_what_the_docs_hold():
    """The commands docs name for regenerating them (`python -m seedlint.config`,
    `python -m seedlint.ruledocs`) print exactly what the committed pages contain."""
    import sys

    root = Path(__file__).parent.parent
    table = subprocess.run([sys.executable, "-m", "seedlint.config"], cwd=root, capture_output=True, text=True, check=True)
    assert table.stdout.startswith("| setting | type") and table.stdout in (root / "docs" / "configuration.md").read_text(encoding="utf-8")
    rules = subprocess.run([sys.executable, "-m", "seedlint.ruledocs"], cwd=root, capture_output=True, text=True, check=True)
    assert rules.stdout == (root / "docs" / "rules.md").read_text(encoding="utf-8")
