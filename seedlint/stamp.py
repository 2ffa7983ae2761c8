"""From a rule's finding to a diagnostic: code, name, severity, path and a fingerprint.

Below the engine and the suppression stage (both stamp), above nothing but the model.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .model import Diagnostic, Finding

if TYPE_CHECKING:
    from .registry import Rule


def fingerprint(code: str, line_text: str, column: int = 1, end_column: int = 0) -> str:
    """What baselines and SARIF match on: the code and the text at the finding.

    The text is the finding's span on its line (a cell, a value), or the whole line when
    the span is a single point. Line numbers are not part of it, so inserting lines
    above a finding does not change it; editing the flagged text does.
    """
    text = line_text[column - 1 : end_column - 1] if end_column - column > 1 else line_text
    return hashlib.sha1(f"{code}\0{' '.join(text.split())}".encode()).hexdigest()[:16]


def stamp(rule: Rule, severity: str, path: str, finding: Finding, line_count: int,
          lines: list[str] | None = None) -> Diagnostic:
    """Turn a rule's finding into a diagnostic, clamping the span into the file."""
    span = finding.span
    line = min(max(span.line, 1), line_count)
    end_line = min(max(span.end_line, line), line_count)
    col = max(span.column, 1)
    end_col = max(span.end_column, col + 1) if end_line == line else max(span.end_column, 1)
    if finding.fingerprint_text is not None:
        fp = fingerprint(rule.code, finding.fingerprint_text)
    else:
        text = lines[line - 1] if lines and line <= len(lines) else ""
        fp = fingerprint(rule.code, text, col, end_col if end_line == line else 0)
    return Diagnostic(path, line, col, end_line, end_col, rule.code, rule.name, severity, finding.message,
                      finding.related, fp, finding.fix)
