"""Building fixes: edits at the positions the parser gives (1-based lines, columns in
characters of the decoded line), made by rules and the schema stage; the fix stage
(``fix.py``) maps them back onto a file's bytes. Imports only the model."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import SAFE, Edit, Fix, Span

if TYPE_CHECKING:
    from .document import Document


def text_at(doc: Document, span: Span) -> str | None:
    """The text a one-line span covers, or None for a span over several lines."""
    if span.line != span.end_line or not 1 <= span.line <= len(doc.lines):
        return None
    return doc.lines[span.line - 1][span.column - 1 : span.end_column - 1]


def replace(span: Span, text: str, message: str, applicability: str = SAFE) -> Fix:
    """A fix replacing what ``span`` covers by ``text``."""
    return Fix(message, (Edit(span.line, span.column, span.end_line, span.end_column, text),), applicability)


def insert(line: int, column: int, text: str, message: str, applicability: str = SAFE) -> Fix:
    """A fix inserting ``text`` (lines broken with ``\\n``) before ``line``/``column``."""
    return Fix(message, (Edit(line, column, line, column, text),), applicability)


def end_of(doc: Document, line: int) -> int:
    """The column just after the last character of ``line`` (before its line break)."""
    return len(doc.lines[line - 1]) + 1


def scalar_fix(doc: Document, span: Span, new: str, message: str, applicability: str = SAFE) -> Fix | None:
    """Rewrite a one-line YAML scalar (a value or a key) keeping its quotes; None when the
    scalar spans lines or ``new`` needs quoting or escapes the original does not have."""
    raw = text_at(doc, span)
    if raw is None or not raw or not re.fullmatch(r"[A-Za-z0-9_.\- ]+", new) or new != new.strip():
        return None
    if raw[0] in "'\"":
        if len(raw) < 2 or raw[-1] != raw[0]:
            return None
        new = raw[0] + new + raw[0]
    elif (not re.fullmatch(r"[A-Za-z0-9_.\-]+", new) or new.lower() in _YAML_WORDS
          or re.fullmatch(r"[-+.\d_]+(?:[eE][-+]?\d+)?|\.(?:inf|nan)", new, re.I)):
        return None  # a plain scalar that YAML would read as something else
    return replace(span, new, message, applicability)


_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}
