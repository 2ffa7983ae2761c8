"""The first hour of a new user, with the real tools: a repository with a README, docs, a
LICENSE and a guide folder, linted by `seedlint` with no arguments and by the shipped
pre-commit hook (installed by real pre-commit from this repository)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
BAD = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")


def user_repo(root: Path) -> Path:
    """README.md, CONTRIBUTING.md, docs/*.md, LICENSE.txt, CHANGELOG.md and guides/."""
    root.mkdir(parents=True)
    (root / "README.md").write_text("# Negotiation guides\n\nSee guides/.\n", encoding="utf-8")
    (root / "CONTRIBUTING.md").write_text("# Contributing\n\nRun pre-commit.\n", encoding="utf-8")
    (root / "CHANGELOG.md").write_text("# Changelog\n", encoding="utf-8")
    (root / "LICENSE.txt").write_text("MIT License\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Docs\n", encoding="utf-8")
    (root / "docs" / "style.md").write_text("# Style\n", encoding="utf-8")
    (root / "guides").mkdir()
    (root / "guides" / "README.md").write_text("# The guides\n", encoding="utf-8")
    for p in sorted((ROOT / "seeds").glob("*.md"))[:4]:
        shutil.copy(p, root / "guides" / p.name)
    return root


def test_seedlint_with_no_arguments_skips_repository_documents(tmp_path):
    repo = user_repo(tmp_path / "repo")
    proc = run_cli("--today", "2026-11-26", "--no-cache", cwd=repo)
    assert proc.returncode == 0 and proc.stdout == "All checks passed.\n", proc.stdout + proc.stderr
    (repo / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    proc = run_cli("--today", "2026-11-26", "--no-cache", "--format", "json", cwd=repo)
    import json

    paths = {d["path"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert proc.returncode == 1 and paths == {"guides/bad.md"}


def test_force_exclude_applies_to_named_files(tmp_path):
    repo = user_repo(tmp_path / "repo")
    named = ["README.md", "CONTRIBUTING.md", "docs/index.md", "LICENSE.txt", "guides/README.md"]
    assert run_cli("--today", "2026-11-26", "--no-cache", *named, cwd=repo).returncode == 1  # named: linted
    proc = run_cli("--today", "2026-11-26", "--no-cache", "--force-exclude", *named, cwd=repo)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    (repo / ".seedlint.toml").write_text('exclude = ["drafts/**"]\n', encoding="utf-8")  # replaces the defaults
    assert run_cli("--today", "2026-11-26", "--no-cache", "--force-exclude", "README.md", cwd=repo).returncode == 1
    (repo / ".seedlint.toml").write_text('extend-exclude = ["drafts/**"]\n', encoding="utf-8")  # keeps them
    assert run_cli("--today", "2026-11-26", "--no-cache", "--force-exclude", "README.md", cwd=repo).returncode == 0


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit clones this project as a git repository")
def test_real_pre_commit_in_a_repository_with_a_readme(tmp_path):
    """The README's hook snippet (with this repository as `repo`): Passed on a clean corpus,
    Failed with the findings on a defective guide, README and docs untouched by any rule."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    repo = user_repo(tmp_path / "repo")
    (repo / "pyproject.toml").write_text('[tool.seedlint]\ntoday = 2026-11-26\ncorpus-roots = ["guides"]\n', encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n      - id: seedlint\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc"), "PRE_COMMIT_COLOR": "never", "SKIP": ""}

    def run_all():
        return subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--all-files"], cwd=repo,
                              capture_output=True, text=True, env=env, timeout=900)

    proc = run_all()
    assert proc.returncode == 0 and "seedlint" in proc.stdout and "Passed" in proc.stdout, proc.stdout + proc.stderr
    (repo / "guides" / "bad.md").write_text(BAD, encoding="utf-8")
    _git(repo, "add", "-A")
    proc = run_all()
    out = proc.stdout
    assert proc.returncode == 1 and "Failed" in out, out + proc.stderr
    assert "guides/bad.md:18:21: SL301" in out and "Found 10 problems" in out
    for doc in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "LICENSE.txt", "docs/index.md", "guides/README.md"):
        assert f"{doc}:" not in out
