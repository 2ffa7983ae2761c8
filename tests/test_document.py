"""The positioned Document: every position is absolute in the file, whatever the bytes."""

from __future__ import annotations

from seedlint.document import parse, split_cells

from conftest import FIXTURES

CLEAN = (FIXTURES / "rules" / "clean_base.md").read_bytes()


def test_value_and_key_positions():
    doc = parse(CLEAN, "x.md")
    fm = doc.front_matter
    assert fm.open_line == 1 and fm.close_line == 37
    assert fm.keys[("next_review_due",)][:2] == (10, 1)
    assert fm.values[("compensation", 0, "total_comp_low")][:2] == (18, 21)
    assert fm.values[("compensation", 1, "currency")][:2] == (29, 15)
    assert fm.get(("last_updated",)) == "2026-10-01"  # dates stay as written


def test_positions_same_with_crlf_and_bom():
    base = parse(CLEAN, "x")
    for data in (CLEAN.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + CLEAN, b"\xef\xbb\xbf" + CLEAN.replace(b"\n", b"\r\n")):
        doc = parse(data, "x")
        assert doc.front_matter.values == base.front_matter.values
        assert [(r.line, [c.span for c in r.cells]) for r in doc.body.tables[0].rows] == \
               [(r.line, [c.span for c in r.cells]) for r in base.body.tables[0].rows]
        assert [(s.name, s.line) for s in doc.body.sections] == [(s.name, s.line) for s in base.body.sections]


def test_body_structure():
    doc = parse(CLEAN, "x")
    body = doc.body
    assert body.headings[0].line == 38 and body.headings[0].text.startswith("Senior Data Engineer |")
    table = body.tables[0]
    assert table.line == 42
    assert [r.line for r in table.rows] == [44, 45]
    assert [c.text for c in table.rows[1].cells] == ["London", "£120K–£150K", "£80K–£120K", "10%", "£152K–£195K"]
    assert table.rows[1].cells[1].span[:2] == (45, 12)
    assert [(s.name, s.line, s.end_line) for s in body.sections] == [
        ("Senior Data Engineer | Acme Analytics Negotiation Guide", 38, 47),
        ("Negotiation DNA", 47, 52), ("Global Levers", 52, 55), ("Evidence & Sources", 55, 58)]


def test_malformed_table_stays_a_table():
    """mistune drops a table whose row has the wrong cell count; the Document keeps it."""
    data = CLEAN.replace("| £152K–£195K |".encode(), "| £152K–£195K | x |".encode())
    tables = parse(data, "x").body.tables
    assert len(tables) == 1 and tables[0].line == 42
    assert [len(r.cells) for r in tables[0].rows] == [5, 6]


def test_table_in_code_fence_is_not_a_table():
    data = CLEAN + b"\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n"
    assert len(parse(data, "x").body.tables) == 1


def test_escaped_pipe_does_not_split():
    cells = split_cells(r"| a \| b | c |", 7)
    assert [c.text for c in cells] == [r"a \| b", "c"]
    assert cells[1].span[:2] == (7, 12)


def test_duplicate_key_points_at_repeat():
    data = CLEAN.replace(b"data_quality: high\n", b"data_quality: high\ndata_quality: low\n")
    doc = parse(data, "x")
    assert [(p.code, p.span.line) for p in doc.problems] == [("SL003", 9)]
    assert doc.front_matter.get(("data_quality",)) == "low"  # last wins, as YAML loaders do


def test_yaml_error_position_is_absolute():
    data = CLEAN.replace(b"role_type: standard", b"role_type: [standard")
    doc = parse(data, "x")
    assert doc.problems[0].code == "SL002"
    assert 6 <= doc.problems[0].span.line <= 37


def test_never_raises_on_odd_input():
    for data in (b"", b"---", b"---\n", b"---\n---", b"---\n---\n", b"\n\n", b"---\n: : :\n---\n", b"\xff\xfe---",
                 b"---\n[" + b"[" * 5000 + b"\n---\n", b"| a |\n|---|\n" * 3, b"---\na: 1\n---\n" + b"> " * 3000 + b"x"):
        doc = parse(data, "x")
        for p in doc.problems:
            assert 1 <= p.span.line <= max(1, len(doc.lines))


def test_empty_front_matter_is_not_mapping():
    doc = parse(b"---\n---\nbody\n", "x")
    assert [p.code for p in doc.problems] == ["SL005"]
