"""SL703's peer groups and SL206's choice of the value that is off, beyond the fixtures."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, TODAY, lint_files, make_settings
from seedlint.options import Options

FEW = FIXTURES / "corpus" / "SL703_pass_too_few_peers"


def test_peer_groups_join_roles_into_one_group(tmp_path, monkeypatch):
    """Four peers are too few; two guides of another role mapped into the group make six."""
    for p in FEW.glob("*.md"):
        shutil.copy(p, tmp_path / p.name)
    base = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
    for i in (7, 8):
        text = (base.replace("role: senior-data-engineer", "role: data-engineer")
                .replace("role_display: Senior Data Engineer", "role_display: Data Engineer")
                .replace("company: acme-analytics", f"company: acme-analytics-{i}")
                .replace('company_display: "Acme Analytics"', f'company_display: "Acme Analytics {i}"')
                .replace("### Senior Data Engineer | Acme Analytics Negotiation Guide",
                         f"### Data Engineer | Acme Analytics {i} Negotiation Guide"))
        (tmp_path / f"other{i}.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files = sorted(p.name for p in tmp_path.glob("*.md"))
    alone = lint_files(files, select=("SL703",))
    assert alone.diagnostics == []
    grouped = lint_files(files, make_settings(select=("SL703",), options=Options(
        today=TODAY, peer_groups=(("data-engineer", "senior-data-engineer"),))))
    assert [(d.path, d.line, d.code) for d in grouped.diagnostics] == [("odd.md", 13, "SL703"), ("odd.md", 18, "SL703")]
    assert "of 6 senior-data-engineer guides" in grouped.diagnostics[0].message
    assert len(grouped.diagnostics[0].related) == 2 and grouped.diagnostics[0].related[0].path != "odd.md"


def test_region_scale_points_at_the_value_off_among_three(tmp_path):
    """Three USD regions, one a tenth of the two others: that one is reported, once."""
    base = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
    third = ("  - region: Seattle\n    base_low: 20000\n    base_high: 240000\n    stock_low: 160000\n"
             "    stock_high: 240000\n    bonus_pct: 10\n    total_comp_low: 62000\n    total_comp_high: 324000\n"
             "    currency: USD\n")
    text = base.replace("level_mapping:", third + "level_mapping:").replace(
        "| London |", "| Seattle | $20K–$240K | $160K–$240K | 10% | $62K–$324K |\n| London |")
    (tmp_path / "g.md").write_text(text, encoding="utf-8")
    result = lint_files([tmp_path / "g.md"], select=("SL206",))
    lines = [(d.line, d.code) for d in result.diagnostics]
    assert lines == [(31, "SL206")]  # Seattle's base_low (its total, 4.2x below, is under the factor of 5)
    assert "in Seattle is 10.0× below 200,000 in San Francisco" in result.diagnostics[0].message


def test_entries_compressed_by_an_earlier_version_are_read_and_garbage_refused() -> None:
    import base64
    import zlib

    from seedlint.rules.sl7_corpus import _ZIPPED, _unpack

    long = "\n".join(f"Zürich {n}\x1fCHF\x1f1 2 3 4 5 6\x1f{n}:1:2 - - - - -" for n in range(8))
    assert _unpack(_ZIPPED + base64.b64encode(zlib.compress(long.encode("utf-8"), 6)).decode("ascii")) == long
    assert _unpack(long) == long  # entries as collected now
    assert _unpack(_ZIPPED + "not base64!") == "" and _unpack(_ZIPPED + "AAAA") == ""
