"""The registry and the engine: docs for every rule, stable codes, crash isolation."""

from __future__ import annotations

import re

from seedlint import registry
from seedlint.registry import all_rules, resolve_selector

from conftest import FIXTURES, lint_files

REF = FIXTURES / "reference_like.md"


def test_every_rule_is_documented():
    for code, r in all_rules().items():
        assert re.fullmatch(r"SL\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert r.summary and r.summary.endswith("."), code
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in r.doc, f"{code} lacks {heading}"


def test_public_codes_are_stable():
    """Codes and names are public interface: users write them in config and suppressions."""
    expected = {
        "SL001": "missing-front-matter", "SL002": "yaml-syntax", "SL003": "duplicate-key", "SL004": "not-utf8",
        "SL005": "front-matter-not-mapping", "SL101": "missing-field", "SL102": "unknown-field", "SL103": "wrong-type",
        "SL104": "invalid-value", "SL201": "inverted-range", "SL202": "duplicate-region", "SL203": "currency-region-mismatch",
        "SL204": "slug-mismatch", "SL301": "total-comp-mismatch", "SL401": "review-overdue", "SL402": "future-date",
        "SL403": "review-before-update", "SL404": "quarter-after-update", "SL405": "stale-data", "SL501": "missing-comp-table",
        "SL502": "region-set-mismatch", "SL503": "table-value-mismatch", "SL504": "bonus-mismatch",
        "SL505": "currency-symbol-mismatch", "SL506": "unparseable-cell", "SL507": "summary-mismatch",
        "SL508": "level-mapping-mismatch", "SL509": "title-mismatch", "SL601": "missing-section", "SL602": "table-shape",
        "SL603": "uncited-source", "SL701": "duplicate-guide", "SL702": "level-mapping-conflict",
        "SL801": "unused-suppression", "SL802": "invalid-suppression", "SL999": "internal-error",
        "SL006": "unsafe-yaml-tag", "SL007": "yaml-alias-expansion", "SL008": "file-too-large", "SL009": "binary-file",
        "SL010": "non-string-key", "SL011": "invalid-merge-key", "SL012": "symlink-outside-project",
        "SL510": "missing-summary-line", "SL511": "missing-level-mapping-line", "SL512": "unreadable-vesting-period",
        "SL206": "region-scale-mismatch", "SL703": "comp-outlier",
    }
    rules = all_rules()
    for code, name in expected.items():
        assert rules[code].name == name
    warnings = {c for c, r in rules.items() if r.severity == "warning"}
    assert warnings == {"SL204", "SL206", "SL401", "SL405", "SL512", "SL603", "SL702", "SL703", "SL801"}
    assert set(rules) == set(expected)  # a new code is added here on purpose


def test_selectors():
    assert resolve_selector("SL30") == ["SL301"]
    assert resolve_selector("bonus-mismatch") == ["SL504"]
    assert "SL001" in resolve_selector("ALL")


def test_crashing_rule_becomes_sl999_and_others_still_run(monkeypatch):
    original = registry.RULES["SL301"]

    def boom(doc, opts):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(registry.RULES, "SL301", original.__class__(**{**original.__dict__, "func": boom}))
    result = lint_files([REF])
    codes = [d.code for d in result.diagnostics]
    assert "SL999" in codes and "SL301" not in codes
    assert codes.count("SL504") == 3 and "SL401" in codes
    bug = next(d for d in result.diagnostics if d.code == "SL999")
    assert "SL301 total-comp-mismatch" in bug.message and "ZeroDivisionError" in bug.message
    assert result.internal_error  # the CLI exits 2
