"""Plain data types shared by the parser, the rules and the reporters.

Nothing here imports a parser, so the CLI can load it for ``--version`` or
``--list-rules`` without paying for YAML, Markdown or JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


class Span(NamedTuple):
    """A 1-based, end-exclusive region of the original file (line, column in characters)."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        """A one-character span at ``line``/``column``."""
        return cls(line, column, line, column + 1)

    def as_tuple(self) -> tuple[int, int, int, int]:
        """The four numbers as a plain tuple (for facts kept by the thousand)."""
        return (self.line, self.column, self.end_line, self.end_column)


class Related(NamedTuple):
    """Another place a finding relates to (the other file of a duplicate, a front-matter line)."""

    path: str
    line: int
    column: int
    message: str


SAFE = "safe"
UNSAFE = "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column), exclusive, by
    ``text``. Positions are those of :class:`Span` (1-based, characters of the decoded
    line); ``text`` breaks lines with ``\n`` (written with the file's own line ending).
    An insertion has equal start and end."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """How to repair a finding: non-overlapping edits, and whether the repair keeps the
    meaning (safe: the body is made to say what the front matter says) or is a judgement
    (unsafe: which of two numbers is wrong)."""

    message: str
    edits: tuple[Edit, ...]
    applicability: str = SAFE


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where and what. The engine stamps code, name, severity and path."""

    span: Span
    message: str
    related: tuple[Related, ...] = ()
    # What a baseline or SARIF matches this finding by; None: the text at the span.
    # Corpus rules set it (their span may lie in a file the engine does not hold).
    fingerprint_text: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect found while reading a file, before any rule runs (bad bytes, bad YAML)."""

    code: str
    span: Span
    message: str
    fix: Fix | None = None


@dataclass(slots=True)
class Diagnostic:
    """A stamped finding as reporters see it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    related: tuple[Related, ...] = field(default=())
    fingerprint: str = ""
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order used by every reporter: path, line, column, code."""
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a diagnostic (format version 1)."""
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }
        if self.related:
            out["related"] = [r._asdict() for r in self.related]
        if self.fingerprint:
            out["fingerprint"] = self.fingerprint
        if self.fix is not None:
            out["fix"] = {
                "applicability": self.fix.applicability,
                "message": self.fix.message,
                "edits": [e._asdict() for e in self.fix.edits],
            }
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Diagnostic:
        """Inverse of :meth:`to_dict` (used by the cache)."""
        related = tuple(Related(**r) for r in d.get("related", ()))
        fix = d.get("fix")
        return cls(
            d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"],
            d["name"], d["severity"], d["message"], related, d.get("fingerprint", ""),
            None if fix is None else Fix(fix["message"], tuple(Edit(**e) for e in fix["edits"]), fix["applicability"]),
        )
