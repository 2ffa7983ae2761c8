"""The speed paths give the answers of the slow ones they stand in for.

Each fast path (mistune's block scanner searched line by line, table cells split with
``str.split``, memoised front-matter values, SL301's integer test) is checked against
the general code on crafted edge cases and seeded random inputs.
"""

from __future__ import annotations

import random
import re

from seedlint import document as D
from seedlint.linter import check_schema, lint_bytes
from seedlint.settings import Settings

from conftest import FIXTURES, make_settings

REF = (FIXTURES / "reference_like.md").read_text(encoding="utf-8")

_PIECES = ["\n", "\n\n", " ", "   ", "    ", "\t", "|", "| a | b |", "|---|---|", "-", "---", "*", "**b**", "#", "## h",
           ">", "```", "~~~", "=", "1.", "12)", "a", "text", "<div>", "<!--", "[x]: /u", "\v", "\f", "_", "***", "- item"]


def _sources(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 60))) for _ in range(n)]


def test_line_scanner_finds_what_the_regex_search_finds():
    scanner = D._markdown().block.compile_sc()
    assert isinstance(scanner, D._LineScanner)
    raw = scanner.pattern
    prose = "**Negotiation DNA**\n" + "Plain words of a long paragraph, with no block in them.\n" * 40
    cases = [prose + "| a | b |\n|---|---|\n| 1 | 2 |\n", prose, "x" * 50 + "\n\n# h\n", "", "\n", "a\n"]
    cases += _sources(4000, 7)
    rnd = random.Random(11)
    checked = 0
    for src in cases:
        starts = [0, len(src), *(i + 1 for i, c in enumerate(src) if c == "\n"), *(rnd.randint(0, len(src)) for _ in range(8))]
        for pos in starts:
            want, got = raw.search(src, pos), scanner.search(src, pos)
            assert (want and (want.span(), want.lastgroup)) == (got and (got.span(), got.lastgroup)), (src, pos)
            checked += 1
    assert checked > 20_000


def test_line_scanner_only_stands_in_for_line_anchored_patterns():
    assert D._line_anchored("^ {0,3}#")
    assert D._line_anchored("(^[ \\t]*\\n)+")
    assert D._line_anchored("^(?:a|b)c")
    assert D._line_anchored("^[|]x") and D._line_anchored("^[]|]x") and D._line_anchored("^\\|x")
    assert not D._line_anchored("^a|b")  # "b" matches anywhere
    assert not D._line_anchored("a^")
    assert not D._line_anchored("(?P<x>^a)")  # not recognised: the regex search is kept
    pattern = re.compile("(?P<a>^#)|(?P<b>x)", re.M)
    assert D._line_scanner(pattern, ["^#", "x"]) is pattern
    plain = re.compile("(?P<a>^#)")
    assert D._line_scanner(plain, ["^#"]) is plain  # no re.M: "^" anchors only at the start
    assert not isinstance(D._line_scanner(re.compile("(?P<a>^#)"), ["^#"]), D._LineScanner)  # no re.M


def test_body_after_a_long_bold_paragraph_is_read():
    lines = ["**Negotiation DNA**"] + ["words " * 12] * 30 + ["", "| Region | Base | Total |", "|---|---|---|", "| SF | 1 | 2 |", "", "## Next"]
    body = D.parse_body(lines, 1)
    assert [t.header.cells[0].text for t in body.tables] == ["Region"]
    assert body.tables[0].rows[0].line == len(lines) - 2
    assert [(h.text, h.line) for h in body.headings] == [("Next", len(lines))]
    assert [s.name for s in body.sections] == ["Negotiation DNA", "Next"]


def test_split_cells_equals_the_character_scan():
    rnd = random.Random(5)
    alphabet = ["|", " ", "\t", "a", "**", "_", "-", ":", "x y", "\u00a0", "\u3000", "é", "$240K"]
    lines = ["", "|", "||", "| a |", "a | b", " | a | b | ", "|a|b|c", "| **x** | _y_ |", "|\u3000a\u3000|"]
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(20_000)]
    for line in lines:
        assert D.split_cells(line, 4) == D._split_escaped(line, 4), line
    # a backslash keeps the character scan: "\|" does not split
    assert [c.text for c in D.split_cells("| a \\| b | c |", 1)] == ["a \\| b", "c"]


def test_values_are_memoised_per_document_not_across_the_schema_stage():
    doc = D.parse(REF.replace("data_quality: high", "data_quality: superb").encode(), "g.md")
    assert doc.value(("data_quality",), str) == "superb"  # before the schema stage: as written
    checked = check_schema(doc, Settings())
    assert ("data_quality",) in checked.invalid
    assert checked.value(("data_quality",), str) is None  # the copy does not answer from the original's memo
    assert doc.value(("data_quality",), str) == "superb"
    assert checked.value(("compensation", 0, "base_low"), int) == 240000
    assert checked.value(("compensation", 0, "base_low"), str) is None  # the kind is part of the key


def _sl301(total: str, bonus: str = "10", base: str = "240000", stock: str = "300000") -> list[tuple[int, int]]:
    text = (REF.replace("total_comp_low: 365000", f"total_comp_low: {total}", 1)
            .replace("bonus_pct: 10\n", f"bonus_pct: {bonus}\n", 1)
            .replace("base_low: 240000", f"base_low: {base}", 1)
            .replace("stock_low: 300000", f"stock_low: {stock}", 1))
    result = lint_bytes(text.encode(), "g.md", make_settings(select=("SL301",)))
    return [(d.line, d.column) for d in result.diagnostics if d.code == "SL301" and d.line == 18]  # total_comp_low


def test_total_comp_integer_test_agrees_with_exact_fractions_at_the_tolerance():
    # expected = 240000 + 300000/4 + 24000 = 339000; 2 % of it is 6780
    assert _sl301("339000") == []
    assert _sl301("345780") == [] and _sl301("332220") == []  # exactly 2 % off: within
    assert _sl301("345781") == [(18, 21)] and _sl301("332219") == [(18, 21)]  # one unit more: over
    # the same figures written as floats go through Fraction arithmetic: same answers
    assert _sl301("345780.0") == [] and _sl301("345781.0") == [(18, 21)]
    assert _sl301("345780", base="240000.0") == [] and _sl301("345781", base="240000.0") == [(18, 21)]
    # stock / 3 is not a whole number: vesting from the header, exactness kept
    text = REF.replace("Stock (RSU/4yr)", "Stock (RSU/3yr)").replace("total_comp_low: 365000", "total_comp_low: 366000", 1)
    result = lint_bytes(text.encode(), "g.md", make_settings(select=("SL301",)))
    # 240000 + 100000 + 24000 = 364000; 366000 is 0.55 % off: within
    assert [d for d in result.diagnostics if d.code == "SL301" and d.line == 18] == []
    # a fractional bonus goes through Fraction arithmetic: 240000 + 75000 + 30000 = 345000, 2 % = 6900
    assert _sl301("338100", bonus="12.5") == [] and _sl301("338099", bonus="12.5") == [(18, 21)]


def test_non_finite_numbers_are_found_by_the_parser_and_reported():
    text = (REF.replace("base_low: 240000", "base_low: .nan", 1).replace("stock_high: 500000", "stock_high: -.inf", 1)
            .replace("bonus_pct: 10\n", "bonus_pct: &b .Inf\n", 1).replace("  - region: New York\n    base_low: 235000",
                                                                            "  - region: New York\n    base_low: *b", 1))
    doc = D.parse(text.encode(), "g.md")
    assert doc.front_matter.non_finite is True
    result = lint_bytes(text.encode(), "g.md", make_settings(select=("SL104",)))
    got = sorted(((d.line, d.message) for d in result.diagnostics), key=lambda t: (t[0], "[1]" in t[1]))
    assert got == [(13, "'compensation[0].base_low': nan is not a finite number"),
                   (16, "'compensation[0].stock_high': -inf is not a finite number"),
                   (17, "'compensation[0].bonus_pct': inf is not a finite number"),
                   # an alias's value is reported where its anchor is written
                   (17, "'compensation[1].base_low': inf is not a finite number")]
    clean = D.parse(REF.replace("bonus_pct: 10\n", "bonus_pct: 12.5\n", 1).encode(), "g.md")
    assert clean.front_matter.non_finite is False


def test_money_digit_limit_read_from_the_numbers_equals_the_text_scan():
    from seedlint import money

    def scanned(text: str):
        return None if money.too_long(text) else money._parse_money(text)

    rnd = random.Random(2)
    pieces = ["$", "£", "K", "M", "1", "9", "0", ",", ".", " ", "–", " to ", "CHF", "A$", "_", "x"]
    cases = ["$" + "9" * 15, "$" + "9" * 16, "$1,234,567,890,123,456", "9" * 16 + "–1", "1–" + "9" * 16, "$1" + ",000" * 5]
    cases += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(30_000)]
    cases += ["".join(rnd.choice("999,.$K–") for _ in range(rnd.randint(10, 30))) for _ in range(10_000)]
    assert [money._parse_money(c) for c in cases] == [scanned(c) for c in cases]
    assert money.parse_money("$" + "9" * 15) is not None and money.parse_money("$" + "9" * 16) is None


def test_sl702_candidates_through_the_bit_set_equal_the_dict(monkeypatch):
    from array import array

    from seedlint.rules import sl7_corpus

    rnd = random.Random(17)
    for size in (0, 1, 50, 3000):
        keys = array("q", (rnd.choice([rnd.randrange(-2**63, 2**63), rnd.randrange(40)]) for _ in range(size)))
        levels = array("q", (rnd.randrange(3) for _ in range(size)))
        direct = sl7_corpus._contradicted(keys, levels)
        monkeypatch.setattr(sl7_corpus, "DIRECT_KEYS", 0)
        assert sl7_corpus._contradicted(keys, levels) == direct
        monkeypatch.undo()
        # the same by a plain reading: keys given two different levels
        seen: dict[int, set[int]] = {}
        for a, b in zip(keys, levels):
            seen.setdefault(a, set()).add(b)
        assert direct == {a for a, bs in seen.items() if len(bs) > 1}


def test_sl702_large_corpus_index_of_names_splits_mappings_as_the_full_one(monkeypatch):
    """Beyond ALL_NAMES guides SL702 indexes only the names a later item's first word could
    start: every mapping splits into the same items as with every name indexed — multi-word
    names, a name that is also a guide's own role's first word, qualifiers, empty parts."""
    from seedlint.rules import sl7_corpus
    from seedlint.rules.sl7_corpus import GuideFacts, _known, split_mapping

    rnd = random.Random(3)
    names = ["Goldman Sachs", "Goldman", "Jane Street", "Acme", "Acme Analytics", "Meta", "Google", "Two Sigma",
             "Staff Co", "(Paren) Inc"]
    guides = []
    for i in range(400):
        display = rnd.choice(names + [f"Solo {i}", None])
        parts = [rnd.choice(["Staff Engineer", "Acme Senior", "Goldman Analyst", ""])]
        for _ in range(rnd.randrange(0, 4)):
            parts.append(rnd.choice([f"{rnd.choice(names)} {rnd.choice(['VP', 'L5', 'E6 (Staff)'])}", " ", "Two Sigma",
                                     f"Solo {rnd.randrange(400)} L4", "(x) Meta E5"]))
        raw = rnd.choice(["", " = "]) + " = ".join(parts)
        guides.append(GuideFacts(f"g{i}.md", "c", "r", None, display, raw, None))
    # a name met only as the first later item of one mapping
    guides.append(GuideFacts("u1.md", "u", "r", None, "Unique Corp", "Own = Nobody X", None))
    guides.append(GuideFacts("u2.md", "v", "r", None, None, "Unique Corp Staff = Unique Corp L5", None))
    full = _known(guides, ["Jane Street"])
    monkeypatch.setattr(sl7_corpus, "ALL_NAMES", 0)
    small = _known(guides, ["Jane Street"])
    assert sum(map(len, small.values())) < sum(map(len, full.values()))  # the filter left names out
    for g in guides:
        assert split_mapping(g.raw, g.company_display, small) == split_mapping(g.raw, g.company_display, full), g.raw


_SCALARS = ["", "~", "null", "Null", "NULL", "true", "True", "yes", "no", "off", "On", "y", "n", "1", "-1", "+1", "0x1f", "0o17",
            "017", "1_000", "1.5", ".5", "-.inf", ".NaN", "1e3", "2026-11-26", "2026-11-26 10:00:00", "<<", "=", "USD", "base_low",
            "0", "00", "1:30", "12:00:00", "3.", "-", "+", "1,000", "₪", "a b", "'q'", '"q"', "[1, 2]", "{a: 1}"]


def test_memo_resolver_gives_the_safe_loaders_tags(monkeypatch):
    import yaml

    D._load_yaml()
    plain = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    monkeypatch.setattr(D, "RESOLVED_HELD", 7)  # the memo starts again many times
    rnd = random.Random(5)

    def tags(node, seen):
        # tags, values, styles and positions; a node met again (an alias) by its first place
        if id(node) in seen:
            return [("again", seen[id(node)])]
        seen[id(node)] = len(seen)
        at = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
        if isinstance(node, yaml.ScalarNode):
            return [(node.tag, node.value, node.style, at)]
        if isinstance(node, yaml.SequenceNode):
            return [node.tag, at, *(t for c in node.value for t in tags(c, seen))]
        return [node.tag, at, *(t for k, v in node.value for t in (*tags(k, seen), *tags(v, seen)))]

    def composed(src, loader):
        try:
            return tags(yaml.compose(src, Loader=loader), {})
        except yaml.YAMLError as exc:
            return type(exc).__name__, str(exc)

    checked = 0
    anchors = ["a: &x {b: 1}\nc: *x\n", "<<: *y\n", "d: &y [1, *y]\n", "e: !!str 5\n", "f: *missing\n", "- x\n", ": :\n"]
    for _ in range(400):
        items = [f"k{i}: {rnd.choice(_SCALARS)}" for i in range(rnd.randint(1, 12))]
        items += [f"l: [{', '.join(rnd.choice(_SCALARS[:40]) for _ in range(3))}]", f"{rnd.choice(_SCALARS[:40])}: x"]
        src = "\n".join(items) + "\n" + "".join(rnd.sample(anchors, rnd.randint(0, 2)))
        want = composed(src, plain)
        assert composed(src, D._loader) == want, src
        checked += isinstance(want, list)
    assert checked > 120
    assert D._loader is not plain and issubclass(D._loader, plain)


_TABLE_PIECES = ["| a | b |\n", "|---|---|\n", "| 1 | 2 |\n", "| 1 | 2 | 3 |\n", "|:-:|--:|\n", "| :- | x |\n", "a | b\n",
                 "--- | ---\n", "1 | 2\n", "| a \\| b | c |\n", "| \\\\| c |\n", "|  |  |\n", "| | |\n", "|-|\n", "| a |\n",
                 "\n", "text\n", "   | a | b |  \n", "\t| a | b |\n", "| - - | -- |\n", "|---|---| \n", "x\n", "# h\n", "- i\n",
                 "> | a |\n", "```\n", "|:--:|:--|\n", "| ₪ 1 | 2 |\n", "|a|b\n", "a|b|\n", "| **a** | _b_ |\n"]


def test_table_rules_find_the_tables_of_the_table_plugin_as_written():
    fast = D._markdown()
    plain = D._make_markdown(type(fast.block), fast_tables=False)
    assert _same_tokens(plain, fast, _TABLE_PIECES, 14, 3000, 13, "table") > 400


def _same_tokens(plain, fast, pieces, longest, runs, seed, kind, fixed=()) -> int:
    """Parses ``runs`` random documents of up to ``longest`` ``pieces`` (and the ``fixed``
    ones) with both parsers, checks the tokens (type, position, text) agree, and counts
    the ``kind`` ones."""
    rnd = random.Random(seed)
    found = 0
    for src in [*fixed, *("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, longest))) for _ in range(runs))]:
        got = []
        for md in (plain, fast):
            state = md.block.state_cls()
            state.process(src)
            md.block.parse(state)
            got.append([(t["type"], t.get("_pos"), t.get("text")) for t in state.tokens])
        assert got[1] == got[0], src
        found += sum(t[0] == kind for t in got[0])
    return found


_ENTRY_VALUES = ["240000", "-5", "0", "1.5", ".nan", "true", "null", "'240000'", "[1]", "{a: 1}", "1e400", "2026-01-01", "abc"]


def test_typed_view_of_entries_gives_what_value_gives():
    from seedlint.rules import _common as C

    rnd = random.Random(3)
    fields = ("region", "currency", "base_low", "base_high", "stock_low", "bonus_pct", "total_comp_low", "other")
    compared = invalid = 0
    for _ in range(300):
        items = []
        for _ in range(rnd.randint(0, 4)):
            if rnd.random() < 0.1:
                items.append(f"  - {rnd.choice(_ENTRY_VALUES)}")
                continue
            chosen = rnd.sample(fields, rnd.randint(1, len(fields)))
            items.append("\n".join(f"  {'- ' if k == 0 else '  '}{f}: {rnd.choice(_ENTRY_VALUES + ['London', 'USD'])}" for k, f in enumerate(chosen)))
        comp = "compensation:\n" + "\n".join(items) if items else f"compensation: {rnd.choice(_ENTRY_VALUES)}"
        head, rest = REF.split("compensation:\n", 1)
        text = head + comp + "\n" + rest[rest.index("level_mapping:"):]  # the entries replaced
        parsed = D.parse(text.encode(), "g.md")
        for doc in (parsed, check_schema(parsed, Settings())):  # before the schema stage, and after
            invalid += bool(doc.invalid)
            compared += _compare_view(C, doc, text, len(items), fields)
    assert compared > 5000 and invalid > 50


def _compare_view(C, doc, text, n, fields) -> int:
    """Checks the view of ``doc`` against value(); the number of values compared."""
    compared = 0
    want_entries = [(i, doc.value(("compensation", i, "region"), str)) for i, item in enumerate(doc.value(("compensation",), list) or [])
                    if isinstance(item, dict) and ("compensation", i) not in doc.invalid]
    assert [(e.index, e.region) for e in C.entries(doc)] == want_entries, text
    for i in range(n + 1):
        for f in fields:
            want = doc.value(("compensation", i, f), (int, float))
            assert C.num(doc, i, f) == want or (want != want and C.num(doc, i, f) != C.num(doc, i, f)), (text, i, f)
            compared += 1
    return compared


def test_slugify_of_ascii_text_equals_the_unicode_path():
    import unicodedata

    from seedlint.rules._common import _FOLD, slugify

    def unicode_path(text):  # every step, for any text
        text = text.replace("&", "and").translate(_FOLD)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

    rnd = random.Random(2)
    alphabet = "aZ09 -_&.!~\t/|ıßÆéü漢" + "".join(chr(c) for c in range(32, 127))
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20))) for _ in range(5000)]
    assert sum(t.isascii() for t in texts) > 1000
    for text in texts + ["Acme & Co.", "Ångström AB", "  --  ", ""]:
        assert slugify(text) == unicode_path(text), text


_LIST_PIECES = ["- a\n", "1. x\n", "2) y\n", "3. z\n", "  - nested\n", "    code\n", "\n", "\n\n", "> q\n", "```\n", "~~~\n", "# h\n",
                "***\n", "---\n", "para text\n", "* b\n", "+ c\n", "-\n", "1.\n", "\t- tab\n", "<div>\n", "| a | b |\n|---|---|\n",
                "   continued\n", "10. ten\n", "  1. two\n", "     deep\n", "- [ ] task\n", "**Bold**\n", "lazy line\n", "=\n",
                "* * *\n", "- - -\n", "\v\n", "\f x\n", "- \u00a0x\n", "-  two\n", "- \ttab\n", "-      five\n", "  two\n", "\r\n", "\u00a0\n", "   \u00a0\n"]


def test_list_extent_reads_lists_as_mistunes_list_parser():
    import mistune

    fast = D._markdown()
    if fast.block.parse_list.__func__ is not D._list_extent:
        import pytest

        pytest.skip(f"mistune {mistune.__version__}: its own list parser is used")

    class Plain(type(fast.block)):
        parse_list = mistune.BlockParser.parse_list

    plain = D._make_markdown(Plain, fast_tables=True)
    # an item without text, a line of only a no-break space, a blank, an indented line:
    # the item ends at the blank (CommonMark example 280); with text it takes the line
    fixed = ["-\n\u00a0\n\n  foo\n", "- a\n\u00a0\n\n  foo\n", "-\n\n  foo\n", "-\n  x\n\n  foo\n"]
    assert _same_tokens(plain, fast, _LIST_PIECES, 16, 4000, 17, "list", fixed) > 3000


def test_a_file_is_read_in_one_call_and_over_the_limit_in_full(tmp_path, monkeypatch):
    import os

    from seedlint import batch

    calls = []
    real = os.read

    def counted(fd, n):
        calls.append(n)
        return real(fd, n)

    monkeypatch.setattr(batch.os, "read", counted)
    guide = tmp_path / "g.md"
    guide.write_bytes(REF.encode())
    assert batch.read_file(str(guide), 10 << 20) == REF.encode() and len(calls) == 1  # fstat's size reached: done
    calls.clear()
    assert batch.read_file(str(guide), 100) == REF.encode()[:101]  # over the limit: limit + 1 bytes
    empty = tmp_path / "e.md"
    empty.write_bytes(b"")
    assert batch.read_file(str(empty), 100) == b""


def test_money_fast_path_reads_cells_as_the_full_pattern():
    from seedlint import money

    rnd = random.Random(23)
    signs = ["$", "S$", "£", "€", "¥", "₹", "₪", "CHF", "C$", "US$", "kr", "R", "ABC$", "", "CHF ", "$ ", "CH", "EURO ", "USD\t"]
    nums = ["207", "0", "11.28", "1,200", "007", "1.", ".5", "1234567890123456", "12345678901234567", "3.0"]
    mults = ["K", "M", "B", "k", "", " K", "Kr"]
    seps = ["–", "-", "—", " – ", "to", " to ", "  -\t", " —", "\tto ", "  to"]
    cells, fast = [], 0
    for _ in range(20000):
        a, b = rnd.choice(signs), rnd.choice(signs) if rnd.random() < 0.3 else None
        if rnd.random() < 0.4:  # near the common shape: the fast path's cells and their neighbours
            a, b = rnd.choice(signs[:9]), None
            mult, sep = (lambda: rnd.choice("KMB" if rnd.random() < 0.9 else mults)), ("–" if rnd.random() < 0.9 else rnd.choice(seps))
        else:
            mult, sep = (lambda: rnd.choice(mults)), rnd.choice(seps)
        cell = f"{a}{rnd.choice(nums)}{mult()}{sep}{a if b is None else b}{rnd.choice(nums)}{mult()}"
        cells.append(cell)
        fast += money._SIMPLE.fullmatch(cell) is not None
    assert fast > 2000
    for cell in cells:
        m = money._MONEY.match(cell)
        want = None
        if m is not None:
            g = dict(zip(money._GROUPS, m.groups()))
            digits = max(money._digits(g["num1"]), money._digits(g["num2"]))
            if digits <= money.MAX_DIGITS:
                low = money._number(g["num1"], g["mult1"])
                high = money._number(g["num2"], g["mult2"]) if g["num2"] else low
                want = (low, high, tuple(x for x in (g["sym1"], g["suf1"], g["sym2"], g["suf2"]) if x))
        got = money._parse_money(cell)
        assert (got and tuple(got)) == want, cell


def test_delimiter_test_without_cells_equals_the_cells_test():
    rnd = random.Random(29)
    pieces = ["|", "-", "--", ":", " ", "\t", "a", "*", "_", "\\", "|:-:|", "---"]
    lines = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    found = 0
    for line in lines + ["|---|---|", "| :-- | --: |", "---|---", "|--:--|", "| - |  |", "|", "-"]:
        cells = D.split_cells(line, 0)
        want = bool(cells) and all(D._DELIM_CELL.match(c.text) for c in cells) and "-" in line
        assert D._is_delimiter(line) == want, line
        found += want
        assert all(type(c.span) is D.Span and c.span == D.Span(*c.span) for c in cells)
    assert found > 500


def test_memos_keep_only_short_values():
    import yaml

    from seedlint import money
    from seedlint.rules import _common as C

    D._load_yaml()
    long_value = "x" * (D.RESOLVED_LENGTH + 1)
    yaml.compose(f"a: {long_value}\nb: short\n", Loader=D._loader)
    assert "short" in D._loader.memo and long_value not in D._loader.memo
    before = money._money_seen.cache_info().currsize
    cell = "$240K" + " " * money.REMEMBERED_LENGTH + "– $300K"
    assert money.parse_money(cell) == money._parse_money(cell) and money.parse_money(cell) is not None
    assert money._money_seen.cache_info().currsize == before  # read, not remembered
    assert money.parse_money("$1K–$2K") is money.parse_money("$1K–$2K")  # a short cell is remembered
    before = money._percent_seen.cache_info().currsize
    assert money.parse_percent("1" * 300) is None and money._percent_seen.cache_info().currsize == before
    before = C._vesting_seen.cache_info().currsize
    header = "Stock " + "very " * 60 + "(RSU/4yr)"
    assert C.read_vesting(header) == C._read_vesting(header)
    assert C._vesting_seen.cache_info().currsize == before
    C._norm_seen.cache_clear()  # (a full memo would not grow either)
    name = "  Long   " + "Region " * 20
    assert C.norm(name) == C._norm(name) == ("long " + "region " * 20).strip()
    assert C._norm_seen.cache_info().currsize == 0
    assert C.norm(" Zzyzx  Memo Test ") == "zzyzx memo test" and C._norm_seen.cache_info().currsize == 1


def test_top_level_parse_loop_gives_mistunes_tokens():
    """The parse loop without the indented-code try on lines that open with neither a
    space nor a tab: the same tokens as mistune's loop, on documents with indented code,
    tabs, lists, tables and paragraphs."""
    import mistune

    fast = D._markdown()
    if type(fast.block).parse is not type(fast.block).parse_top:
        import pytest

        pytest.skip(f"mistune {mistune.__version__}: its own parse loop is used")

    class Plain(type(fast.block)):
        parse_block_quote = mistune.BlockParser.parse_block_quote

        def parse(self, state, rules=None):
            if state.parent is None:
                mistune.BlockParser.parse(self, state, rules)

    plain = D._make_markdown(Plain, fast_tables=True)
    pieces = _LIST_PIECES + ["\tcode\n", "    code\n", "  \tx\n", "    \n", "text\n    more\n", "| a |\n|---|\n| 1 |\n"]
    assert _same_tokens(plain, fast, pieces, 16, 4000, 31, "block_code") > 300
    # quotes: the first line decides whether every line needs a ">"; blank quote lines,
    # lazy lines, and the blocks that end a quote
    quotes = [">\n", "> \n", ">\t\n", "> q\n", ">    code\n", ">\tcode\n", "> ```\n", "> > nested\n", "  > indented\n",
              ">> x\n", "> - item\n", "> \u00a0\n"]
    assert _same_tokens(plain, fast, _LIST_PIECES + quotes, 16, 4000, 37, "block_quote") > 2000


def test_generated_record_dump_equals_the_field_by_field_dump():
    """serial.dump writes each dataclass through code made for its fields; the JSON values
    are those of dumping every field in turn (records with findings, fixes, related
    locations, facts, None and empty fields)."""
    import dataclasses

    from seedlint import serial

    def plain_dump(value):
        if value is None or isinstance(value, (str, int, float)):
            return value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [plain_dump(getattr(value, f.name)) for f in dataclasses.fields(value)]
        if isinstance(value, (list, tuple)):
            return [plain_dump(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain_dump(v) for k, v in value.items()}
        raise TypeError(type(value).__name__)

    text = (REF.replace("base_high: 300000", "base_high: 200000", 1).replace("bonus_pct: 10\n", "bonus_pct: 12\n", 1)
            .replace("last_reviewed:", "last_reviewed_x:", 1))
    result = lint_bytes(text.encode(), "g.md", Settings())
    assert any(d.fix is not None for d in result.diagnostics) and any(d.related for d in result.diagnostics)
    assert result.facts  # the corpus facts too
    assert serial.dump(result) == plain_dump(result)
    assert serial.dump(result.diagnostics) == plain_dump(result.diagnostics)
    back = serial.loader(type(result.diagnostics[0]))(serial.dump(result.diagnostics[0]))
    assert back == result.diagnostics[0]
