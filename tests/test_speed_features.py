"""Parallel runs, the cache, start-up imports and progress: correctness, not timings
(timings are in benchmarks/)."""

from __future__ import annotations

import io
from dataclasses import replace
import os
import json
import subprocess
import sys
from pathlib import Path

import pytest

from seedlint.progress import Progress

from conftest import FIXTURES, clean_guide
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

REF = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")
BASE = ["--isolated", "--today", "2026-11-26", "--format", "json"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    generate(300, str(root / "guides"), defects=0.3, seed=3)
    return root


def test_parallel_output_identical_to_serial(corpus):
    serial = run_cli(*BASE, "--no-cache", "--jobs", "1", "guides", cwd=corpus)
    parallel = run_cli(*BASE, "--no-cache", "--jobs", "2", "guides", cwd=corpus)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["summary"]["files"] == 300


def _cached_equals_uncached(cwd, *args):
    flags = ["--today", "2026-11-26", "--format", "json"]  # configuration files apply here
    cold = run_cli(*flags, "--no-cache", *args, cwd=cwd)
    warm1 = run_cli(*flags, *args, cwd=cwd)
    warm2 = run_cli(*flags, *args, cwd=cwd)
    assert cold.stdout == warm1.stdout == warm2.stdout, "cached output differs"
    return json.loads(cold.stdout)


def test_cache_byte_identical_through_changes(tmp_path):
    g = tmp_path / "guides"
    g.mkdir()
    (g / "a.md").write_text(REF, encoding="utf-8")
    (g / "b.md").write_text(REF.replace("role: staff-software-engineer", "role: staff-swe"), encoding="utf-8")
    first = _cached_equals_uncached(tmp_path, "guides")
    assert first["summary"]["problems"] > 0

    # an edit
    (g / "a.md").write_text(REF.replace("next_review_due: 2026-05-23", "next_review_due: 2027-05-23"), encoding="utf-8")
    assert _cached_equals_uncached(tmp_path, "guides") != first
    # a configuration change
    (tmp_path / ".seedlint.toml").write_text("total-comp-tolerance = 0.5\n")
    data = _cached_equals_uncached(tmp_path, "guides")
    assert "SL301" not in {d["code"] for d in data["diagnostics"]}
    # a schema change
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"data_quality": {"const": "low"}}}))
    (tmp_path / ".seedlint.toml").write_text('schema = "s.json"\nschema-mode = "extend"\n')
    data = _cached_equals_uncached(tmp_path, "guides")
    assert "SL104" in {d["code"] for d in data["diagnostics"]}
    schema.write_text(json.dumps({"properties": {"data_quality": {"const": "high"}}}))
    data = _cached_equals_uncached(tmp_path, "guides")
    assert "SL104" not in {d["code"] for d in data["diagnostics"]}
    # a new day
    later = run_cli("--today", "2028-01-01", "--format", "json", "guides", cwd=tmp_path)
    assert later.stdout == run_cli("--today", "2028-01-01", "--format", "json", "--no-cache", "guides", cwd=tmp_path).stdout
    assert "SL405" in later.stdout
    # a renamed file
    (g / "b.md").rename(g / "c.md")
    data = _cached_equals_uncached(tmp_path, "guides")
    assert {d["path"] for d in data["diagnostics"]} <= {"guides/a.md", "guides/c.md"}
    # corpus rules: a duplicate appears in an unchanged file's output
    (g / "d.md").write_text(REF, encoding="utf-8")
    data = _cached_equals_uncached(tmp_path, "guides")
    assert ("guides/d.md", "SL701") in {(d["path"], d["code"]) for d in data["diagnostics"]}


def test_corrupt_and_foreign_cache_entries_are_rebuilt(tmp_path):
    import sqlite3

    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "g.md").write_text(REF, encoding="utf-8")
    (tmp_path / "project" / "h.md").write_text(REF.replace("role: staff-software-engineer", "role: staff-swe"), encoding="utf-8")
    good = run_cli(*BASE, "--cache-dir", "cache", ".", cwd=tmp_path / "project").stdout
    db_path = tmp_path / "project" / "cache" / "cache.sqlite"
    db = sqlite3.connect(db_path)
    keys = [k for (k,) in db.execute("SELECT key FROM entries")]
    assert len(keys) >= 3  # two files and the corpus output
    for i, key in enumerate(keys):
        bad = ["{not json", '{"v": 3, "d": "foreign"}', '{"d": [{"path": 1}], "f": 5, "s": "x", "n": "many", "e": 0}', "[]"][i % 4]
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (bad, key))
    db.commit()
    db.close()
    again = ["--cache-dir", "cache", "."]
    assert run_cli(*BASE, *again, cwd=tmp_path / "project").stdout == good  # bad rows are ignored and rewritten
    assert run_cli(*BASE, *again, cwd=tmp_path / "project").stdout == good
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (db_path.parent / name).unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database" * 100)  # a damaged file
    assert run_cli(*BASE, *again, cwd=tmp_path / "project").stdout == good
    assert run_cli(*BASE, *again, cwd=tmp_path / "project").stdout == good


def test_concurrent_runs_do_not_corrupt_the_cache(corpus):
    cmd = [sys.executable, "-m", "seedlint", *BASE, "--cache-dir", "shared-cache", "guides"]
    procs = [subprocess.Popen(cmd, cwd=corpus, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate()[0] for p in procs]
    reference = run_cli(*BASE, "--no-cache", "guides", cwd=corpus).stdout
    assert all(o.decode() == reference for o in outs)
    assert run_cli(*BASE, "--cache-dir", "shared-cache", "guides", cwd=corpus).stdout == reference
    import sqlite3

    db = sqlite3.connect(corpus / "shared-cache" / "cache.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM entries").fetchone()[0] >= 300


def test_clean_cache(tmp_path):
    from seedlint.cache import default_dir

    (tmp_path / "g.md").write_text(REF, encoding="utf-8")
    run_cli(*BASE, "g.md", cwd=tmp_path)
    folder = Path(default_dir(str(tmp_path)))
    assert (folder / "CACHEDIR.TAG").exists() and (folder / "cache.sqlite").exists()
    assert not (tmp_path / ".seedlint_cache").exists()  # nothing is written into the project
    assert run_cli("--clean-cache", cwd=tmp_path).returncode == 0
    assert not folder.exists()
    run_cli(*BASE, "--cache-dir", "c", "g.md", cwd=tmp_path)
    assert (tmp_path / "c" / "cache.sqlite").exists()
    assert run_cli("--clean-cache", "--cache-dir", "c", cwd=tmp_path).returncode == 0
    assert not (tmp_path / "c").exists()


PARSERS = ("yaml", "mistune", "jsonschema")


def _imported(args, cwd):
    code = ("import sys\nfrom seedlint.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(','.join(m for m in %r if m in sys.modules), file=sys.stderr)" % (PARSERS,))
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True)
    return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def test_startup_imports_no_parser(tmp_path):
    for args in (["--version"], ["--help"], ["--list-rules"], ["--explain", "SL301"]):
        assert _imported(args, tmp_path) == "", args
    (tmp_path / "g.md").write_text(REF, encoding="utf-8")
    # cold: YAML and Markdown are parsed; a schema-valid front matter never needs jsonschema
    assert _imported(["--today", "2026-11-26", "g.md"], tmp_path) == "yaml,mistune"
    assert _imported(["--today", "2026-11-26", "g.md"], tmp_path) == ""  # all cached: no parser
    (tmp_path / "h.md").write_text(REF.replace("currency: GBP", "currency: POUNDS"), encoding="utf-8")
    assert _imported(["--today", "2026-11-26", "h.md"], tmp_path) == ",".join(PARSERS)  # errors: jsonschema reports


def test_progress_only_after_delay_and_cleared():
    stream = io.StringIO()
    p = Progress(stream, delay=3600)
    p(1, 10)
    assert stream.getvalue() == ""
    p = Progress(stream, delay=0)
    p(5, 10)
    p(10, 10)
    p.done()
    assert "seedlint: 5/10 files" in stream.getvalue() and "10/10" in stream.getvalue()


def test_no_progress_in_pipes(corpus):
    proc = run_cli(*BASE, "--no-cache", "--jobs", "1", "guides", cwd=corpus)
    assert proc.stderr == ""


def test_progress_on_a_terminal(tmp_path):
    """A run of several seconds on a terminal shows files done / total on stderr, then clears it."""
    import pty

    generate(5000, str(tmp_path / "guides"), seed=9)
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    proc = subprocess.Popen([sys.executable, "-m", "seedlint", "--isolated", "--no-cache", "--jobs", "1", "guides"],
                            cwd=tmp_path, stdout=out_slave, stderr=err_slave, env=env)
    os.close(out_slave)
    os.close(err_slave)
    chunks = []
    while True:
        try:
            data = os.read(err_master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    err = b"".join(chunks).decode()
    assert "/5000 files" in err and "\x1b[K" in err  # shown, then the line is cleared
    for fd in (out_master, err_master):
        os.close(fd)


def test_generator_perturbed_shape(tmp_path):
    """benchmarks/generate.py --shape perturbed: findings in most guides, a few guides with a
    level mapping off the common ladder (SL702), more regions than the plain shape."""
    from conftest import lint_files

    paths = generate(1500, str(tmp_path), shape="perturbed", seed=3)
    result = lint_files(paths)
    with_findings = {d.path for d in result.diagnostics}
    assert len(with_findings) > 0.6 * len(paths)
    # SL702 without a flood: exactly the guides whose mapping is off the common ladder, once each
    import re

    off = {p for p in paths if (m := re.search(r"Google L(\d) = Meta E(\d)", Path(p).read_text(encoding="utf-8")))
           and m.group(1) != m.group(2)}
    flagged = [d.path for d in result.diagnostics if d.code == "SL702"]
    assert off and sorted(flagged) == sorted(off)
    plain = generate(50, str(tmp_path / "plain"), seed=3)
    # the command docs/performance.md gives
    cli = subprocess.run([sys.executable, str(Path(__file__).parent.parent / "benchmarks" / "generate.py"), "3",
                          str(tmp_path / "cli"), "--shape", "perturbed"], capture_output=True, text=True, check=True)
    assert cli.stdout.strip() == f"wrote 3 guides to {tmp_path / 'cli'}" and len(list((tmp_path / "cli").rglob("*.md"))) == 3
    regions = lambda p: Path(p).read_text(encoding="utf-8").count("  - region:")  # noqa: E731
    assert min(map(regions, paths)) >= 3 and max(map(regions, plain)) <= 5


def test_cached_corpus_findings_follow_every_change_of_a_guide(tmp_path):
    """The corpus rules' cached output is keyed by the files' cache keys: a warm run after
    one guide's level mapping changes reports the new conflict, and after it changes back
    reports none — with 70 guides, so the lookups run in this process and the misses in
    workers."""
    folder = tmp_path / "guides"
    folder.mkdir()
    for i in range(70):
        (folder / f"g{i:02}.md").write_text(clean_guide(i), encoding="utf-8")
    args = ["--isolated", "--today", "2026-11-26", "--cache-dir", str(tmp_path / "cache"), "--select", "SL702", "guides"]
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert run_cli(*args, cwd=tmp_path).returncode == 0  # warm
    target = folder / "g07.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Meta E5", "Meta E6"), encoding="utf-8")
    proc = run_cli(*args, cwd=tmp_path)
    assert "guides/g07.md" in proc.stdout and "SL702" in proc.stdout, proc.stdout
    target.write_text(target.read_text(encoding="utf-8").replace("Meta E6", "Meta E5"), encoding="utf-8")
    assert run_cli(*args, cwd=tmp_path).stdout == "All checks passed.\n"


def _seventy(folder: Path) -> None:
    folder.mkdir()
    for i in range(70):
        text = clean_guide(i)
        if i == 3:  # a dropped zero: SL703 (and SL301 for its total)
            text = text.replace("base_low: 200000", "base_low: 20000")
        (folder / f"g{i:02}.md").write_text(text, encoding="utf-8")


def test_a_changed_level_mapping_reruns_only_the_rules_that_read_it(tmp_path, monkeypatch, capsys):
    """Corpus rules are cached one by one, keyed by the digests of the facts they read: a
    warm run reads no fact row from the cache; after a level mapping changes, the guide
    facts (SL701, SL702) come inside the files' results and the compensation facts
    (SL703, stored apart) are never read — and every output equals an uncached run's.
    When the cache has lost the facts, they are read from the files again and the output
    is still the uncached one."""
    import sqlite3

    from seedlint.cache import Cache
    from seedlint.cli import main

    _seventy(tmp_path / "guides")
    monkeypatch.chdir(tmp_path)
    read: list[str] = []
    real = Cache.get_facts
    monkeypatch.setattr(Cache, "get_facts", lambda self, name, wanted: read.append(name) or real(self, name, wanted))
    common = ["--isolated", "--today", "2026-11-26", "--jobs", "1", "--format", "json", "guides"]

    def lint(*extra: str) -> str:
        main([*extra, *common])
        return capsys.readouterr().out

    cached = ("--cache-dir", str(tmp_path / "cache"))
    cold = lint(*cached)
    assert '"SL703"' in cold and lint("--no-cache") == cold and read == []
    assert lint(*cached) == cold and read == []  # warm: every rule's findings from the cache
    target = tmp_path / "guides" / "g07.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Meta E5", "Meta E6"), encoding="utf-8")
    changed = lint(*cached)
    assert '"SL702"' in changed and '"SL703"' in changed and read == []
    assert lint("--no-cache") == changed
    db = sqlite3.connect(tmp_path / "cache" / "cache.sqlite")
    count = lambda pattern: db.execute("SELECT count(*) FROM entries WHERE key LIKE ?", (pattern,)).fetchone()[0]  # noqa: E731
    assert count("%:guide") == 0 and count("%:comp") >= 70  # small facts inside the results, large apart
    # the facts lost from the cache (and the corpus findings with them): read from the files
    db.execute("DELETE FROM entries WHERE key LIKE '%:comp' OR (key LIKE 'c%' AND length(key) = 65)")
    db.commit()
    db.close()
    read.clear()
    target.write_text(target.read_text(encoding="utf-8").replace("Meta E6", "Meta E7"), encoding="utf-8")
    assert lint(*cached) == lint("--no-cache") and sorted(set(read)) == ["comp"]


def test_facts_inside_a_cached_result_are_checked_like_the_result():
    """An entry's inline facts must be of a collector kept inline, have their digest in the
    result, and name the entry's own file: otherwise the entry is refused (linted again)."""
    from seedlint.cache import FORMAT, _decode
    from seedlint.linter import lint_bytes
    from seedlint.serial import dump

    from conftest import make_settings

    result = lint_bytes(clean_guide(1).encode(), "guides/a.md", make_settings())
    guide, comp = dump(result.facts["guide"]), dump(result.facts["comp"])

    def entry(inline, path="guides/a.md", digests=("guide", "comp")):
        return {"v": FORMAT, "f": inline,
                "r": dump(replace(result, path=path, facts=None, fact_digests={n: "d" for n in digests}))}

    assert _decode(entry({"guide": guide}), "guides/a.md").facts == {"guide": result.facts["guide"]}
    for bad, path in (({"comp": comp}, "guides/a.md"),  # a collector stored apart
                      ({"guide": guide}, "guides/b.md"),  # the fact of another file in b's entry
                      ({}, "guides/a.md"), ([guide], "guides/a.md")):
        with pytest.raises(Exception):
            _decode(entry(bad, path), path)
    with pytest.raises(ValueError):  # a fact whose digest the result does not carry
        _decode(entry({"guide": guide}, digests=("comp",)), "guides/a.md")


def test_a_run_snapshot_serves_only_its_own_state(tmp_path):
    """A run over unchanged files reads its findings from the run's snapshot; a snapshot
    follows every change, and rows of an older snapshot replayed into the cache (authentic,
    but of another state) are refused, never reported."""
    import sqlite3

    generate(220, str(tmp_path / "guides"), defects=0.3, seed=5)
    target = sorted((tmp_path / "guides").rglob("*.md"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("---\n", "---\nx_note_a: 1\n", 1), encoding="utf-8")
    args = [*BASE, "--cache-dir", str(tmp_path / "cache"), "guides"]
    uncached = lambda: run_cli(*BASE, "--no-cache", "guides", cwd=tmp_path).stdout  # noqa: E731
    first = run_cli(*args, cwd=tmp_path).stdout
    assert first == uncached() and json.loads(first)["diagnostics"]
    db = sqlite3.connect(tmp_path / "cache" / "cache.sqlite")
    rows = lambda: db.execute("SELECT key, value FROM entries WHERE key LIKE 's%' AND (length(key) = 65 OR key LIKE '%:%' AND length(key) > 66)").fetchall()  # noqa: E731
    assert rows() == []  # a run that linted files stores no snapshot
    assert run_cli(*args, cwd=tmp_path).stdout == first  # every result cached: this run stores it
    old = rows()
    assert len(old) >= 2  # the head and a part
    assert run_cli(*args, cwd=tmp_path).stdout == first  # from the snapshot
    # a change that keeps the number of findings (an unknown field renamed)
    target.write_text(target.read_text(encoding="utf-8").replace("x_note_a:", "x_note_b:"), encoding="utf-8")
    changed = run_cli(*args, cwd=tmp_path).stdout
    assert changed != first and changed == uncached()
    assert len(json.loads(changed)["diagnostics"]) == len(json.loads(first)["diagnostics"])
    assert rows() == old  # not stored by the run that linted the changed file
    assert run_cli(*args, cwd=tmp_path).stdout == changed  # stores the new state's
    assert rows() != old
    # replay the old snapshot's parts under the new head: they name another state
    db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", [r for r in old if ":" in r[0]])
    db.commit()
    assert run_cli(*args, cwd=tmp_path).stdout == changed
    # and the whole old snapshot (head too) is of another state than the files now
    db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", old)
    db.commit()
    db.close()
    assert run_cli(*args, cwd=tmp_path).stdout == changed


def test_fix_from_a_warm_cache_equals_fix_without_one(tmp_path):
    """``--fix`` over results read from the cache (small facts inside them, the others in
    rows apart) fixes the same bytes and reports the same as a run without a cache."""
    import shutil

    _seventy(tmp_path / "a")
    for i in (5, 40):  # a base cell off the front matter: SL503, a safe fix
        p = tmp_path / "a" / f"g{i:02}.md"
        p.write_text(p.read_text(encoding="utf-8").replace("| $200K", "| $210K", 1), encoding="utf-8")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    args = ["--isolated", "--today", "2026-11-26", "--format", "json"]
    warm = ["--cache-dir", str(tmp_path / "cache")]
    first = run_cli(*args, *warm, "a", cwd=tmp_path).stdout
    assert '"SL503"' in first and run_cli(*args, *warm, "a", cwd=tmp_path).stdout == first  # every result cached
    cached = run_cli(*args, *warm, "--fix", "a", cwd=tmp_path)
    uncached = run_cli(*args, "--no-cache", "--fix", "b", cwd=tmp_path)
    assert cached.returncode == uncached.returncode
    assert cached.stdout.replace('"a/', '"b/') == uncached.stdout and '"SL503"' not in cached.stdout
    for i in range(70):
        assert (tmp_path / "a" / f"g{i:02}.md").read_bytes() == (tmp_path / "b" / f"g{i:02}.md").read_bytes()
    assert "$210K" not in (tmp_path / "a" / "g05.md").read_text(encoding="utf-8")
