"""Readings a maintainer expects on guides from other authors: the messages of the
accuracy fixtures (their findings are checked by test_rules.py), and the reference
guide kept at exactly its ten findings."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, fixture_bytes, lint_files

RULES = FIXTURES / "rules"


def messages(name: str, tmp_path, variant: str = "lf") -> list[tuple[int, int, str, str]]:
    data = fixture_bytes(name)
    if variant == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif variant == "bom":
        data = b"\xef\xbb\xbf" + data
    target = tmp_path / f"{name}.md"
    target.write_bytes(data)
    return [(d.line, d.column, d.code, d.message) for d in lint_files([target]).diagnostics]


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
def test_total_at_exactly_the_tolerance_is_exact(tmp_path, variant):
    assert messages("SL301_pass_exactly_two_percent_with_thirds", tmp_path, variant) == []
    [(line, col, code, msg)] = messages("SL301_fail_just_over_two_percent_with_thirds", tmp_path, variant)
    assert (line, code) == (18, "SL301")
    # enough precision to explain the verdict: 2.0003 %, not 2.0 %
    assert msg.endswith("= 200,000 + 83,333.33 + 20,000 = 303,333.33 (off by 2.0003%; tolerance 2%)"), msg


def test_table_value_names_the_end_that_differs(tmp_path):
    [(line, col, code, msg)] = messages("SL503_fail_only_high_end_differs", tmp_path)
    assert code == "SL503" and msg.endswith("(base_high, line 14)"), msg
    target = tmp_path / "only_high.md"
    target.write_bytes(fixture_bytes("SL503_fail_only_high_end_differs"))
    diag = lint_files([target]).diagnostics[0]
    assert [(r.line, r.message) for r in diag.related] == [(14, "base_high in the front matter")]


def test_table_value_names_both_ends(tmp_path):
    text = (RULES / "clean_base.md").read_text(encoding="utf-8").replace("| $200K–$240K |", "| $210K–$250K |")
    (tmp_path / "g.md").write_text(text, encoding="utf-8")
    [d] = lint_files([tmp_path / "g.md"]).diagnostics
    assert d.message.endswith("(base_low, line 13; base_high, line 14)")
    assert [r.line for r in d.related] == [13, 14]


def test_vesting_period_that_cannot_be_read(tmp_path):
    [(line, col, code, msg)] = messages("SL512_fail_range_of_years", tmp_path)
    assert (line, col, code) == (42, 26, "SL512") and "'Stock (RSU, 3-4 yrs)'" in msg and "4 years" in msg


def test_missing_summary_and_level_mapping_lines(tmp_path):
    [(_, _, code, msg)] = messages("SL510_fail_only_a_bare_label", tmp_path)
    assert code == "SL510" and "negotiation_dna_summary (line 36)" in msg
    [(_, _, code, msg)] = messages("SL511_fail_no_level_mapping_line", tmp_path)
    assert code == "SL511" and "level_mapping.raw (line 32)" in msg


def test_every_level_mapping_line_is_compared(tmp_path):
    [(line, _, code, msg)] = messages("SL508_fail_second_level_mapping_line_differs", tmp_path)
    assert (line, code) == (52, "SL508") and "Google L6" in msg


def test_indentation_hint_for_yaml_errors(tmp_path):
    text = (RULES / "clean_base.md").read_text(encoding="utf-8").replace("    base_high: 240000", "   base_high: 240000", 1)
    (tmp_path / "g.md").write_text(text, encoding="utf-8")
    [d] = lint_files([tmp_path / "g.md"]).diagnostics
    assert d.code == "SL002" and "line 14 is indented 3 spaces, the line above 4" in d.message


def test_blank_line_before_the_fence(tmp_path):
    [(_, _, code, msg)] = messages("SL001_fail_blank_line_before_fence", tmp_path)
    assert code == "SL001" and msg.endswith("line 1 is blank; the '---' on line 2 must be the very first line")


def test_non_ascii_slug(tmp_path):
    [(_, _, code, msg)] = messages("SL204_fail_non_ascii_display_name_slug_with_dashes", tmp_path)
    assert code == "SL204" and "(expected 'muller-and-sohne-robotik')" in msg


def test_reference_guide_keeps_its_ten_findings():
    found = [(d.line, d.code) for d in lint_files([FIXTURES / "reference_like.md"]).diagnostics]
    assert found == [(10, "SL401"), (18, "SL301"), (19, "SL301"), (27, "SL301"), (28, "SL301"),
                     (36, "SL301"), (37, "SL301"), (54, "SL504"), (55, "SL504"), (56, "SL504")]
