"""Every rule against its fixtures: documents that fire it and near misses that must not.

A fixture is ``fixtures/rules/<CODE>_<pass|fail>_<what>``: either a ``.yaml`` case — the
clean base (``clean_base.md``) with a few lines edited — or, where the whole file is the
point (encodings, hostile bytes, larger rewrites), a real ``.md`` file with an
``.expected`` beside it. Both state the exact findings of *all* rules with their
messages (``LINE:COL CODE message``), so a fixture also proves that one defect gives one
finding. Each is checked as written (LF), with CRLF line ends and with a UTF-8
byte-order mark: positions and codes must not move (messages are compared on LF: a byte
offset in a message moves with the line ends).
"""

from __future__ import annotations

from collections import Counter

import pytest

from seedlint.registry import all_rules

from conftest import FIXTURES, lint_files, make_settings, read_case, read_expected, rule_fixtures

RULE_FIXTURES = rule_fixtures()
CORPUS_FIXTURES = sorted(p for p in (FIXTURES / "corpus").iterdir() if p.is_dir())
ENGINE_ONLY = {"SL999", "SL012"}  # reported by the engine: a crash (test_engine.py), a symlink leaving the project (test_security.py)


def _variants(data: bytes):
    yield "lf", data
    yield "crlf", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if not data.startswith(b"\xef\xbb\xbf"):
        yield "bom", b"\xef\xbb\xbf" + data


def _matches(diags, expected, messages: bool = True):
    """Expected findings not found, and findings not expected (with messages when asked)."""
    actual = Counter((d.line, d.column, d.code, d.message if messages else None) for d in diags)
    missing = []
    for e in expected:
        want_msg = e.message if messages else None
        hit = next((k for k in actual if actual[k] > 0 and k[0] == e.line and k[2] == e.code
                    and (e.column is None or k[1] == e.column) and (want_msg is None or k[3] == want_msg)), None)
        if hit is None:
            missing.append(f"{e.line}:{e.column} {e.code} {want_msg or ''}".rstrip())
        else:
            actual[hit] -= 1
    extra = [f"{line}:{col} {code} {msg or ''}".rstrip() for (line, col, code, msg), n in actual.items() for _ in range(n)]
    return missing, extra


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: p.stem)
def test_rule_fixture(fixture, variant, tmp_path):
    original, expected, extra_settings = read_case(fixture)
    data = dict(_variants(original)).get(variant)
    if data is None:
        pytest.skip("fixture already starts with a BOM")
    target = tmp_path / (fixture.stem + ".md")
    target.write_bytes(data)
    settings = make_settings(**extra_settings)
    if "max_file_size" in extra_settings and variant != "lf":
        pytest.skip("size limits are set for the LF bytes")
    result = lint_files([target], settings)
    missing, extra = _matches(result.diagnostics, expected, messages=variant == "lf")
    assert not missing and not extra, f"missing {missing}, unexpected {extra}: " + "; ".join(
        f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics)


@pytest.mark.parametrize("case", CORPUS_FIXTURES, ids=lambda p: p.name)
def test_corpus_fixture(case, monkeypatch):
    monkeypatch.chdir(case)
    expected, _ = read_expected(case / "expected", with_path=True)
    files = sorted(p.name for p in case.glob("*.md"))
    result = lint_files(files)
    actual = sorted((d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics)
    assert actual == sorted((p, e.line, e.column, e.code, e.message) for p, e in expected)
    for d in result.diagnostics:
        if d.code in ("SL701", "SL702"):
            assert d.related and d.related[0].path != d.path  # names the other guide


def test_every_rule_has_failing_and_passing_fixtures():
    fail, passing = set(), set()
    for f in RULE_FIXTURES + CORPUS_FIXTURES:
        code, kind = f.stem.split("_")[:2] if f.is_file() else f.name.split("_")[:2]
        if f.is_file():
            codes = {e.code for e in read_case(f)[1]}
        else:
            codes = {e.code for _, e in read_expected(f / "expected", with_path=True)[0]}
        if kind == "fail":
            assert code in codes, f"{f.name} is named for {code} but does not expect it"
            fail.add(code)
        else:
            assert code not in codes, f"{f.name} is a near miss for {code} but expects it"
            passing.add(code)
    rules = set(all_rules()) - ENGINE_ONLY
    assert rules - fail == set(), "rules without a failing fixture"
    assert rules - passing == set(), "rules without a passing fixture"


def _single_line_fields():
    lines = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").split("\n")
    close = lines.index("---", 1)
    for i in range(1, close):
        text = lines[i]
        key, sep, value = text.strip().lstrip("- ").partition(":")
        if sep and value.strip() and not text.lstrip().startswith("- "):
            yield i + 1, key


@pytest.mark.parametrize("line,key", list(_single_line_fields()), ids=lambda v: str(v))
def test_a_missing_field_gives_exactly_one_finding(line, key, tmp_path):
    """Deleting any one field yields SL101 and nothing else: rules that needed it skip silently."""
    lines = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").split("\n")
    del lines[line - 1]
    target = tmp_path / "g.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    found = [(d.code, d.message) for d in lint_files([target]).diagnostics]
    assert [c for c, _ in found] == ["SL101"], found
    assert f"'{key}'" in found[0][1]


@pytest.mark.parametrize("line,key", list(_single_line_fields()), ids=lambda v: str(v))
def test_a_mistyped_field_gives_exactly_one_finding(line, key, tmp_path):
    """A list where a scalar belongs yields SL103 at the value and nothing else."""
    lines = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").split("\n")
    indent = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]
    lines[line - 1] = f"{indent}{key}: [1, 2]"
    target = tmp_path / "g.md"
    target.write_text("\n".join(lines), encoding="utf-8")
    found = [(d.code, d.line) for d in lint_files([target]).diagnostics]
    assert found == [("SL103", line)]
