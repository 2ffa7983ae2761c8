"""The engine: files → documents → rules → diagnostics.

It knows the registry and the settings, never a particular rule, and never
formats output. Corpus rules run after every file, over per-file facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ERROR, Diagnostic, Finding, Span
from .registry import CORPUS, FILE, all_rules
from .settings import Settings


@dataclass
class FileResult:
    """One file's outcome, before suppressions (they apply after the corpus rules)."""

    path: str
    diagnostics: list[Diagnostic]
    facts: object = None
    internal_error: bool = False
    suppressions: list = field(default_factory=list)
    line_count: int = 1


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_errors: list[str] = field(default_factory=list)
    internal_error: bool = False
    paths: list[str] = field(default_factory=list)  # every file linted, in order

    @property
    def files(self) -> int:
        return len(self.paths)


def fingerprint(code: str, line_text: str, column: int = 1, end_column: int = 0) -> str:
    """What baselines and SARIF match on: the code and the text at the finding.

    The text is the finding's span on its line (a cell, a value), or the whole line when
    the span is a single point. Line numbers are not part of it, so inserting lines
    above a finding does not change it; editing the flagged text does.
    """
    import hashlib

    text = line_text[column - 1 : end_column - 1] if end_column - column > 1 else line_text
    return hashlib.sha1(f"{code}\0{' '.join(text.split())}".encode()).hexdigest()[:16]


def stamp(rule, severity: str, path: str, finding: Finding, line_count: int, lines=None) -> Diagnostic:
    """Turn a rule's finding into a diagnostic, clamping the span into the file."""
    span = finding.span
    line = min(max(span.line, 1), line_count)
    end_line = min(max(span.end_line, line), line_count)
    col = max(span.column, 1)
    end_col = max(span.end_column, col + 1) if end_line == line else max(span.end_column, 1)
    text = lines[line - 1] if lines and line <= len(lines) else ""
    return Diagnostic(path, line, col, end_line, end_col, rule.code, rule.name, severity, finding.message,
                      finding.related, fingerprint(rule.code, text, col, end_col if end_line == line else 0))


def lint_document(doc, settings: Settings, front_matter_schema=None) -> FileResult:
    """Run the schema stage and every enabled file rule on a parsed document."""
    from . import schema
    from .rules.corpus import facts

    rules = all_rules()
    enabled = settings.enabled() - settings.ignored_for(doc.path)
    sev = settings.severities()
    if doc.front_matter is not None and doc.front_matter.data is not None:
        schema.validate(doc, front_matter_schema or schema.schema_for(settings.schema, settings.schema_mode == "extend"))
    diags: list[Diagnostic] = []
    crashed = False
    n = doc.line_count
    for code in sorted(enabled):
        r = rules[code]
        if r.scope != FILE:
            continue
        try:
            for finding in r.func(doc, settings.options):
                diags.append(stamp(r, sev[code], doc.path, finding, n, doc.lines))
        except Exception as exc:  # a crashing rule must not hide the others
            crashed = True
            bug = rules["SL999"]
            diags.append(stamp(bug, ERROR, doc.path, Finding(Span.point(1), f"internal error in {r.code} {r.name}: {type(exc).__name__}: {exc}"), n, doc.lines))
    from .suppress import scan

    f = facts(doc) if any(rules[c].scope == CORPUS for c in enabled) else None
    return FileResult(doc.path, diags, f, crashed, scan(doc) if doc.text else [], n)


def finish(result: FileResult, settings: Settings, extra: list[Diagnostic] = ()) -> list[Diagnostic]:
    """A file's final diagnostics: its own plus corpus ones, suppressions applied."""
    from .suppress import apply

    return apply(result.diagnostics + list(extra), result.suppressions, settings, result.path, result.line_count)


def lint_bytes(data: bytes, path: str, settings: Settings, size: int | None = None) -> FileResult:
    """Parse and lint one file's bytes (``size``: the file's size, when only part was read)."""
    from .document import parse

    doc = parse(data, path, settings.max_file_size, size)
    return lint_document(doc, settings)


def corpus_diagnostics(guides: list, settings: Settings, report: set | None = None,
                       settings_for=None) -> list[Diagnostic]:
    """Run corpus rules over every file's facts; keep findings for ``report`` paths (all if None).

    The rules run with the run's options; whether a finding is kept, and its severity,
    follow the settings of the file it lands in (``settings_for(path)``).
    """
    rules = all_rules()
    own = settings_for or (lambda _p: settings)
    enabled = set(settings.enabled())
    for path in (report or ()):
        enabled |= own(path).enabled()
    corpus_rules = [rules[c] for c in sorted(enabled) if rules[c].scope == CORPUS]
    if not corpus_rules:
        return []
    out = []
    by_path = None
    for r in corpus_rules:
        for path, finding in r.func(guides, settings.options):
            if report is not None and path not in report:
                continue
            mine = own(path)
            if r.code not in mine.enabled() or r.code in mine.ignored_for(path):
                continue
            d = stamp(r, mine.severities()[r.code], path, finding, 10**9)
            # the text at a corpus finding is the value it points at (the role, the level mapping)
            if by_path is None:
                by_path = {g.path: g for g in guides}
            g = by_path[path]
            d.fingerprint = fingerprint(r.code, g.role if g.role_pos is not None and g.role_pos[0] == d.line else (g.raw or ""))
            out.append(d)
    return out


def engine_result(path: str, code: str, message: str, settings: Settings) -> FileResult:
    """A file the engine reports on without reading it (a symlink leaving the project)."""
    r = all_rules()[code]
    diags = []
    if code in settings.enabled() and code not in settings.ignored_for(path):
        diags.append(stamp(r, settings.severities()[code], path, Finding(Span.point(1), message), 1))
    return FileResult(path, diags, None, False, [], 1)


def read_file(path: str, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes: enough to know a file is over the limit.

    Opened without blocking and read only if it is a regular file: a FIFO or a device
    named like a guide is an I/O error, never a hang or an endless read.
    """
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise OSError(0, "not a regular file")
        return fh.read(limit + 1)
