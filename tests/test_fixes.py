"""Fixes: every fixable rule's failing fixture fixed to the exact text its case states,
the edits mapped onto LF, CRLF, lone-CR and BOM files byte for byte, and --fix / --diff /
--show-fixes / stdin end to end through the command line."""

from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import FIXTURES, TODAY, make_settings, read_case, read_fix_case, rule_fixtures
from test_cli import run_cli
from seedlint.fix import Applicability, EditError, apply, choose, fix_bytes
from seedlint.linter import finish, lint_bytes
from seedlint.model import SAFE, UNSAFE, Edit
from seedlint.registry import all_rules

PINNED = ["--today", TODAY.isoformat(), "--no-cache", "--isolated"]
CASES = [p for p in rule_fixtures() if read_fix_case(p) is not None]


def _lint(data: bytes, settings, path="g.md"):
    return finish(lint_bytes(data, path, settings), settings)


def _fix(data: bytes, unsafe: bool, settings=None):
    settings = settings or make_settings()
    ok = Applicability(unsafe, settings.fixable_codes())
    return fix_bytes(data, "g.md", settings, _lint(data, settings), ok)


def _variants(data: bytes):
    yield "lf", data, lambda b: b
    yield "crlf", data.replace(b"\n", b"\r\n"), lambda b: b.replace(b"\n", b"\r\n")
    yield "cr", data.replace(b"\n", b"\r"), lambda b: b.replace(b"\n", b"\r")
    yield "bom", b"\xef\xbb\xbf" + data, lambda b: b"\xef\xbb\xbf" + b


@pytest.mark.parametrize("variant", ["lf", "crlf", "cr", "bom"])
@pytest.mark.parametrize("fixture", CASES, ids=lambda p: p.stem)
def test_fixture_is_fixed_to_the_stated_text(fixture, variant):
    failing, after, unsafe, remaining = read_fix_case(fixture)
    _, _, settings_kw = read_case(fixture)
    settings = make_settings(**settings_kw)
    name, data, conv = next(v for v in _variants(failing) if v[0] == variant)
    out = _fix(data, unsafe, settings)
    assert out.data == conv(after), out.data.decode("utf-8", "replace")
    left = sorted((d.line, d.column, d.code, d.message) for d in out.diagnostics)
    assert left == sorted((e.line, e.column, e.code, e.message) for e in remaining)
    # converged: fixing the result changes nothing
    assert _fix(out.data, unsafe, settings).data == out.data


def test_every_fixable_rule_has_a_fixed_fixture_and_declares_its_kind():
    rules = all_rules()
    fixed_codes = {p.name[:5] for p in CASES}
    declared = {code for code, r in rules.items() if r.fix}
    assert declared == fixed_codes, (declared - fixed_codes, fixed_codes - declared)
    assert declared >= {"SL502", "SL503", "SL504", "SL505", "SL507", "SL508", "SL509", "SL510", "SL511", "SL603",
                        "SL301", "SL204", "SL201", "SL102"}
    for code in ("SL401", "SL405", "SL701", "SL702", "SL002", "SL003"):
        assert rules[code].fix is None, code
    for code in declared:
        assert "## Fix (" in rules[code].doc, code


@pytest.mark.parametrize("fixture", rule_fixtures(), ids=lambda p: p.stem)
def test_fixes_are_of_the_kind_the_rule_declares(fixture):
    data, _, settings_kw = read_case(fixture)
    rules = all_rules()
    for d in _lint(data, make_settings(**settings_kw)):
        if d.fix is None:
            continue
        kind = rules[d.code].fix
        assert kind is not None, f"{d.code} declares no fix but gave one"
        assert d.fix.applicability in kind.split(" or "), d.code


def test_safe_fixes_only_unless_unsafe_is_asked():
    failing, _, _, _ = read_fix_case(FIXTURES / "rules" / "SL301_fail_just_over_two_percent.yaml")
    assert _fix(failing, unsafe=False).data == failing
    assert _fix(failing, unsafe=True).data != failing


def test_fixable_and_unfixable_settings():
    failing = read_fix_case(FIXTURES / "rules" / "SL504_fail_bonus_range.yaml")[0]
    assert _fix(failing, False, make_settings(unfixable=("SL504",))).data == failing
    assert _fix(failing, False, make_settings(fixable=("SL3",))).data == failing
    assert _fix(failing, False, make_settings(fixable=("SL5",))).data != failing


# ---------------------------------------------------------------- applying edits to bytes

def test_apply_keeps_every_other_byte_and_each_line_ending():
    data = b"\xef\xbb\xbfa\r\nb  \rc\n\td\r\n"
    out = apply(data, [Edit(2, 1, 2, 2, "B"), Edit(4, 2, 4, 3, "D\nE")])
    # the inserted break is the file's first line ending (CRLF); trailing spaces, the lone CR kept
    assert out == b"\xef\xbb\xbfa\r\nB  \rc\n\tD\r\nE\r\n"


def test_apply_insertions_at_one_point_keep_their_order_and_refuse_overlaps():
    assert apply(b"x\n", [Edit(1, 2, 1, 2, "1"), Edit(1, 2, 1, 2, "2")]) == b"x12\n"
    with pytest.raises(EditError):
        apply(b"abc\n", [Edit(1, 1, 1, 3, "X"), Edit(1, 2, 1, 4, "Y")])
    with pytest.raises(EditError):
        apply(b"abc\n", [Edit(1, 9, 1, 9, "X")])  # past the end of the line
    with pytest.raises(EditError):
        apply(b"abc\n", [Edit(5, 1, 5, 1, "X")])


def test_choose_defers_overlapping_fixes_and_shares_identical_ones():
    from seedlint.model import Diagnostic, Fix

    def d(code, *edits, kind=SAFE):
        return Diagnostic("g.md", edits[0].line, edits[0].column, edits[0].end_line, edits[0].end_column, code, "n",
                          "error", "m", fix=Fix("f", tuple(edits), kind))

    a = d("SL503", Edit(1, 1, 1, 5, "x"))
    b = d("SL505", Edit(1, 1, 1, 5, "x"))  # the same edit: both fixed by it
    c = d("SL504", Edit(1, 3, 1, 7, "y"))  # overlaps a: next pass
    u = d("SL301", Edit(2, 1, 2, 2, "z"), kind=UNSAFE)
    edits, fixed = choose([c, a, b, u], Applicability(False, frozenset({"SL503", "SL505", "SL504", "SL301"})).applies)
    assert edits == [Edit(1, 1, 1, 5, "x")] and {x.code for x in fixed} == {"SL503", "SL505"}


# ---------------------------------------------------------------- end to end

REF_LIKE = FIXTURES / "reference_like.md"


def _copy(tmp_path, data=None, name="guide.md"):
    target = tmp_path / name
    target.write_bytes(REF_LIKE.read_bytes() if data is None else data)
    return target


def test_fix_on_a_reference_like_guide(tmp_path):
    """The reference guide's defects: --fix rewrites the three bonus cells to 10%; with
    --unsafe-fixes the six totals are recomputed (and the table's total cells follow);
    the overdue review (SL401) remains."""
    target = _copy(tmp_path)
    before = target.read_bytes()
    proc = run_cli(*PINNED, "--fix", "--show-fixes", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.count("| 10% |") == 3 and "10–15%" not in text
    assert proc.returncode == 1 and "Fixed 3 problems." in proc.stdout
    assert "3 × SL504 (bonus-mismatch)" in proc.stderr
    assert "No fixes available (6 hidden fixes can be enabled with the `--unsafe-fixes` option)." in proc.stdout
    changed = [(a, b) for a, b in zip(before.split(b"\n"), target.read_bytes().split(b"\n")) if a != b]
    assert len(changed) == 3 and all(a.replace("10–15%".encode(), b"10%") == b for a, b in changed)

    proc = run_cli(*PINNED, "--fix", "--unsafe-fixes", "--format", "json", str(target))
    left = json.loads(proc.stdout)["diagnostics"]
    assert [d["code"] for d in left] == ["SL401"]
    assert proc.returncode == 0  # SL401 is a warning
    text = target.read_text(encoding="utf-8")
    for total in ("total_comp_low: 339000", "total_comp_high: 455000", "total_comp_low: 333500",
                  "total_comp_high: 449500", "total_comp_low: 256450", "total_comp_high: 344550"):
        assert total in text
    assert "| $339K–$455K |" in text and "| £256.45K–£344.55K |" in text


def test_diff_changes_nothing_and_exits_one(tmp_path):
    target = _copy(tmp_path)
    before = target.read_bytes()
    proc = run_cli(*PINNED, "--diff", str(target))
    assert proc.returncode == 1
    assert target.read_bytes() == before
    assert proc.stdout.count("\n-| ") == 3 and proc.stdout.count("\n+| ") == 3 and "| 10% |" in proc.stdout
    assert "would fix 3 problems in 1 file" in proc.stderr
    run_cli(*PINNED, "--fix", str(target))
    proc = run_cli(*PINNED, "--diff", str(target))
    assert proc.returncode == 0 and proc.stdout == ""


def test_fix_with_stdin_prints_the_fixed_text_and_writes_no_file(tmp_path):
    target = _copy(tmp_path)
    before = target.read_bytes()
    proc = run_cli(*PINNED, "--fix", "--stdin-filename", str(target), "-", stdin=before.decode("utf-8"))
    assert target.read_bytes() == before
    assert proc.stdout.count("| 10% |") == 3 and proc.stdout.startswith("---\n")
    assert "SL301" in proc.stderr and "SL504" not in proc.stderr


def test_fix_keeps_mode_and_skips_a_file_that_changed(tmp_path, monkeypatch):
    target = _copy(tmp_path)
    os.chmod(target, 0o640)
    run_cli(*PINNED, "--fix", str(target))
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".seedlint-")]

    from seedlint.fix import write_atomic

    other = _copy(tmp_path, name="other.md")
    read = os.stat(other)
    os.utime(other, ns=(read.st_atime_ns, read.st_mtime_ns + 1_000_000))  # saved meanwhile
    assert "changed on disk" in write_atomic(str(other), b"new", read)
    assert other.read_bytes() == REF_LIKE.read_bytes()


def test_fix_never_writes_an_excluded_file(tmp_path):
    (tmp_path / ".seedlint.toml").write_text('today = 2026-11-26\nextend-exclude = ["drafts/**"]\n')
    (tmp_path / "drafts").mkdir()
    draft = _copy(tmp_path / "drafts", name="wip.md")
    guide = _copy(tmp_path, name="guide.md")
    proc = run_cli("--no-cache", "--fix", ".", cwd=tmp_path)
    assert "drafts/wip.md" not in proc.stdout
    assert draft.read_bytes() == REF_LIKE.read_bytes()  # excluded: not linted, not fixed
    assert guide.read_bytes() != REF_LIKE.read_bytes()


def test_fix_and_diff_escape_what_they_print(tmp_path):
    data = REF_LIKE.read_bytes().replace(b"10\xe2\x80\x9315%", b"10\xe2\x80\x9315%", 1)
    target = _copy(tmp_path, data, name="evil\x1b[31m.md")
    proc = run_cli(*PINNED, "--diff", str(target))
    assert "\x1b" not in proc.stdout + proc.stderr and "\\x1b[31m" in proc.stdout


def test_text_marks_fixable_findings_and_counts_them(tmp_path):
    target = _copy(tmp_path)
    proc = run_cli(*PINNED, str(target))
    assert proc.stdout.count(" SL504 [*] ") == 3 and " SL301 [*] " not in proc.stdout
    assert proc.stdout.rstrip().endswith(
        "[*] 3 fixable with the `--fix` option (6 hidden fixes can be enabled with the `--unsafe-fixes` option).")
    proc = run_cli(*PINNED, "--unsafe-fixes", str(target))
    assert proc.stdout.count(" SL301 [*] ") == 6 and "[*] 9 fixable with the `--fix` option." in proc.stdout


def test_sarif_carries_fixes_valid_against_the_schema(tmp_path):
    validate = pytest.importorskip("sarif_kit.validate", reason="sarif-kit needs Python 3.11+")
    proc = run_cli(*PINNED, "--format", "sarif", str(REF_LIKE))
    log = json.loads(proc.stdout)
    assert validate.validation_errors(log) == []
    fixes = [r["fixes"][0] for r in log["runs"][0]["results"] if "fixes" in r]
    assert len(fixes) == 9
    bonus = next(f for f in fixes if "10%" in f["description"]["text"])
    rep = bonus["artifactChanges"][0]["replacements"][0]
    assert rep["insertedContent"]["text"] == "10%" and rep["deletedRegion"]["startLine"] == 54


# ---------------------------------------------------------------- properties (hypothesis)

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from fuzz import check_fix, mutate, plant  # noqa: E402

SEEDS = sorted((Path(__file__).parent.parent / "seeds").iterdir())
BASES = [p.read_bytes() for p in SEEDS if p.is_file()] + [REF_LIKE.read_bytes()] + [
    read_case(p)[0] for p in CASES]
PROPERTY_SETTINGS = make_settings()


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(BASES))), st.randoms(use_true_random=False), st.booleans())
def test_fix_properties_on_mutated_guides(base, rng, planted_only):
    """On guides with planted defects (and, half the time, random damage as well): a
    fixed file parses whenever the original did; fixing twice equals fixing once; no
    applicable fix remains; every line outside the first pass's edits is unchanged."""
    data = BASES[base]
    if planted_only:
        for _ in range(rng.randint(1, 4)):
            data = plant(data, data.split(b"\n"), rng)
    else:
        data = mutate(data, rng)
    diags = _lint(data, PROPERTY_SETTINGS, "fuzz.md")
    assert check_fix(data, diags, PROPERTY_SETTINGS) is None


@hsettings(max_examples=100, deadline=None)
@given(st.sampled_from(range(len(CASES))), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(),
       st.text(alphabet=" \t", max_size=3))
def test_fix_keeps_line_endings_bom_and_trailing_whitespace(case, eol, bom, trail):
    """Whatever the line endings, BOM and trailing blanks, the fix of a fixture is the
    stated fix in that file's own bytes."""
    failing, after, unsafe, _ = read_fix_case(CASES[case])

    def dress(b: bytes) -> bytes:
        lines = b.split(b"\n")
        # trailing blanks on lines of the base that no fix rewrites
        kept = (b"data_quality:", b"- Levels.fyi", b"- Glassdoor salary", b"**Global Levers**")
        out = eol.encode().join(ln + (trail.encode() if ln.startswith(kept) else b"") for ln in lines)
        return (b"\xef\xbb\xbf" if bom else b"") + out

    out = _fix(dress(failing), unsafe, make_settings(**read_case(CASES[case])[2]))
    assert out.data == dress(after)


def test_suppressed_and_baselined_findings_are_not_fixed(tmp_path):
    data = REF_LIKE.read_text(encoding="utf-8") + "\n<!-- seedlint-disable-file SL504 -->\n"
    target = _copy(tmp_path, data.encode("utf-8"))
    run_cli(*PINNED, "--fix", "--unsafe-fixes", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.count("10–15%") == 3  # suppressed: left alone
    assert "total_comp_low: 339000" in text  # the others are fixed

    other = _copy(tmp_path, name="b.md")
    baseline = tmp_path / "baseline.json"
    run_cli(*PINNED, "--write-baseline", str(baseline), str(other))
    proc = run_cli(*PINNED, "--baseline", str(baseline), "--fix", str(other))
    assert other.read_bytes() == REF_LIKE.read_bytes() and proc.returncode == 0


def test_json_carries_the_fix():
    proc = run_cli(*PINNED, "--format", "json", str(REF_LIKE))
    bonus = [d for d in json.loads(proc.stdout)["diagnostics"] if d["code"] == "SL504"][0]
    assert bonus["fix"] == {"applicability": "safe", "message": "Rewrite the cell as '10%'",
                            "edits": [{"line": 54, "column": 47, "end_line": 54, "end_column": 53, "text": "10%"}]}


def test_fix_refuses_combinations_that_make_no_sense(tmp_path):
    target = _copy(tmp_path)
    proc = run_cli(*PINNED, "--fix", "--diff", str(target))
    assert proc.returncode == 2 and "cannot be combined" in proc.stderr
    assert target.read_bytes() == REF_LIKE.read_bytes()


def test_a_fix_that_changes_what_corpus_rules_read_is_reported_from_a_new_lint(tmp_path):
    """An unsafe slug fix makes two guides the same company and role: the report after
    --fix comes from linting the fixed corpus, so the duplicate (SL701) is found."""
    base = (FIXTURES / "rules" / "clean_base.md").read_bytes()
    (tmp_path / "a.md").write_bytes(base.replace(b"company: acme-analytics", b"company: acme", 1))
    (tmp_path / "b.md").write_bytes(base)
    proc = run_cli(*PINNED, "--format", "json", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    codes = sorted((d["path"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"])
    assert (tmp_path / "a.md").read_bytes() == base
    assert ("a.md", "SL701") in codes or ("b.md", "SL701") in codes, codes
    assert not any(c == "SL204" for _, c in codes)


VALUE_LINES = [b'company_display: "Acme Analytics"', b"role_display: Senior Data Engineer", b"  - region: London",
               b"  - Glassdoor", b'  raw: "Acme Senior Data Engineer = Google L5 = Meta E5"',
               b'negotiation_dna_summary: "Cash-Heavy Offer | Analytics Platform"', b"    currency: GBP"]


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(CASES))), st.sampled_from(VALUE_LINES),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), st.booleans())
def test_fix_properties_with_any_text_in_the_values_fixes_copy(case, line, text, quoted):
    """Whatever a guide's values say (emphasis, pipes, control characters, quotes), the
    fixes that copy them into the body keep the invariants: parsing, idempotence, nothing
    fixable left, nothing outside the edits changed."""
    data = read_case(CASES[case])[0]
    key = line.split(b":", 1)[0]
    value = json.dumps(text).encode() if quoted else text.encode()
    data = data.replace(line, key + b": " + value, 1)
    diags = _lint(data, PROPERTY_SETTINGS, "fuzz.md")
    assert check_fix(data, diags, PROPERTY_SETTINGS) is None


def test_a_file_edited_between_lint_and_fix_is_skipped(tmp_path, monkeypatch, capsys):
    import seedlint.runner as runner
    from seedlint.cli import main

    target = _copy(tmp_path)
    edited = REF_LIKE.read_bytes() + b"\nedited meanwhile\n"
    real_run = runner.run

    def run_then_edit(*args, **kw):
        result = real_run(*args, **kw)
        target.write_bytes(edited)  # the user saves in an editor while seedlint runs
        return result

    monkeypatch.setattr(runner, "run", run_then_edit)
    main([*PINNED, "--fix", str(target)])
    assert target.read_bytes() == edited
    assert "changed on disk since it was linted; not fixed" in capsys.readouterr().err


def test_a_symlinked_guide_is_fixed_through_its_target_and_reported_afresh(tmp_path):
    real = _copy(tmp_path, name="real.md")
    (tmp_path / "link.md").symlink_to("real.md")
    proc = run_cli(*PINNED, "--fix", ".", cwd=tmp_path)
    assert (tmp_path / "link.md").is_symlink() and real.read_text(encoding="utf-8").count("| 10% |") == 3
    assert "SL504" not in proc.stdout and "changed on disk" not in proc.stderr


def test_fixing_in_worker_processes_gives_what_one_process_gives(tmp_path):
    """Enough fixable files for --fix to use workers: the files and the report are those
    of a serial run."""
    outs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        for i in range(80):
            data = REF_LIKE.read_bytes().replace(b"weights-and-biases", f"company-{i}".encode())
            (folder / f"g{i:03}.md").write_bytes(data)
        proc = run_cli(*PINNED, "--jobs", jobs, "--fix", "--format", "json", ".", cwd=folder)
        outs[jobs] = (proc.stdout, [p.read_bytes() for p in sorted(folder.iterdir())])
    assert outs["1"] == outs["2"]
    assert all(b.count(b"| 10% |") == 3 for b in outs["2"][1])


SHARED_REFERENCE = sorted((Path(__file__).resolve().parent.parent.parent / "shared" / "reference").glob("*.txt"))


@pytest.mark.skipif(not SHARED_REFERENCE, reason="the reference guide (../shared/reference) is not beside this checkout")
def test_fix_on_a_copy_of_the_reference_guide(tmp_path):
    """The issue's acceptance, on the reference guide itself when it is available."""
    target = tmp_path / "reference.txt"
    target.write_bytes(SHARED_REFERENCE[0].read_bytes())
    run_cli(*PINNED, "--fix", str(target))
    assert target.read_text(encoding="utf-8").count("| 10% |") == 3
    proc = run_cli(*PINNED, "--fix", "--unsafe-fixes", "--format", "json", str(target))
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["SL401"]
    assert run_cli(*PINNED, "--select", "SL301", str(target)).returncode == 0
