"""Suppression comments, and the rules about them (SL801, SL802).

Front matter (YAML comments)::

    total_comp_low: 365000  # seedlint: disable=SL301
    # seedlint: disable-next-line=SL301,SL201

Body (HTML comments)::

    <!-- seedlint-disable SL504 --> … <!-- seedlint-enable -->
    <!-- seedlint-disable-next-line SL504 -->
    <!-- seedlint-disable-file SL401 -->

Codes may be codes, prefixes or rule names; no codes means every rule. SL002
(YAML syntax) can only be suppressed file-wide. Suppressions are applied after
the corpus rules, so they also silence corpus findings in their file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .model import Diagnostic, Finding, Span

if TYPE_CHECKING:
    from .document import Document

_YAML = re.compile(r"#\s*seedlint:\s*(?P<kind>disable-next-line|disable)\s*(?:=\s*(?P<codes>[\w\-, ]*))?\s*$")
_HTML = re.compile(r"<!--\s*seedlint-(?P<kind>disable-next-line|disable-file|disable|enable)(?P<codes>(?:[\s,]+[\w\-]+)*)\s*-->")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
META = ("SL801", "SL802", "SL999")


class Suppression(NamedTuple):
    kind: str  # line | next-line | range | file
    codes: tuple[str, ...] | None  # resolved codes; None = every rule
    start: int  # first line it covers
    end: int  # one past the last line it covers
    span: Span  # the comment
    invalid: tuple[str, ...]  # selectors that name no rule
    text: str


def _resolve(raw: str | None) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    from .registry import UnknownSelector, resolve_selector

    words = [w for w in re.split(r"[\s,]+", raw or "") if w]
    if not words:
        return None, ()
    codes, bad = [], []
    for w in words:
        try:
            codes.extend(resolve_selector(w))
        except UnknownSelector:
            bad.append(w)
    return tuple(codes), tuple(bad)


def scan(doc: Document) -> list[Suppression]:
    """Every suppression comment of a document, with the lines it covers."""
    out: list[Suppression] = []
    if "seedlint" not in doc.text:
        return out  # no comment can name us: one search of the text, not a pass over its lines
    lines = doc.lines
    n = len(lines)
    fm = doc.front_matter
    if fm is not None:
        for num in range(2, fm.close_line):
            text = lines[num - 1]
            if "seedlint" not in text:
                continue
            m = _YAML.search(text)
            if m:
                codes, bad = _resolve(m["codes"])
                span = Span(num, m.start() + 1, num, m.end() + 1)
                if m["kind"] == "disable":
                    out.append(Suppression("line", codes, num, num + 1, span, bad, m.group(0)))
                else:
                    out.append(Suppression("next-line", codes, num + 1, num + 2, span, bad, m.group(0)))
    start = doc.body.start_line if doc.body is not None else 1
    fence = None
    open_ranges: list[tuple[tuple[str, ...] | None, int, Span, tuple[str, ...], str]] = []
    for num in range(start, n + 1):
        text = lines[num - 1]
        f = _FENCE.match(text)
        if f:
            mark = f.group(1)
            if fence is None:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence):
                fence = None
            continue
        if fence is not None or "seedlint-" not in text:
            continue
        for m in _HTML.finditer(text):
            codes, bad = _resolve(m["codes"])
            span = Span(num, m.start() + 1, num, m.end() + 1)
            kind = m["kind"]
            if kind == "disable-next-line":
                out.append(Suppression("next-line", codes, num + 1, num + 2, span, bad, m.group(0)))
            elif kind == "disable-file":
                out.append(Suppression("file", codes, 1, n + 1, span, bad, m.group(0)))
            elif kind == "disable":
                open_ranges.append((codes, num, span, bad, m.group(0)))
            else:  # enable: closes the matching open ranges (all of them without codes)
                keep = []
                for r in open_ranges:
                    if codes is None or r[0] is None or set(r[0]) <= set(codes):
                        out.append(Suppression("range", r[0], r[1], num, r[2], r[3], r[4]))
                    else:
                        keep.append(r)
                open_ranges = keep
                if bad:
                    out.append(Suppression("enable", (), num, num, span, bad, m.group(0)))
    for r in open_ranges:
        out.append(Suppression("range", r[0], r[1], n + 1, r[2], r[3], r[4]))
    return out


def apply(diags: list[Diagnostic], sups: list[Suppression],
          enabled: frozenset[str]) -> tuple[list[Diagnostic], list[tuple[str, Finding]]]:
    """Drop suppressed diagnostics. Returns what is kept, and the findings about the
    suppressions themselves for the engine to stamp: SL801 for one that silenced nothing,
    SL802 for one naming no rule (``enabled``: the file's enabled codes)."""
    if not sups:
        return diags, []
    used = [False] * len(sups)
    kept = []
    for d in diags:
        hit = False
        if d.code not in META:
            for i, s in enumerate(sups):
                if s.kind == "enable" or (s.codes is not None and d.code not in s.codes):
                    continue
                if d.code == "SL002" and s.kind != "file":
                    continue
                if s.start <= d.line < s.end:
                    used[i] = hit = True
        if not hit:
            kept.append(d)
    about: list[tuple[str, Finding]] = []
    for i, s in enumerate(sups):
        if s.invalid and "SL802" in enabled:
            about.append(("SL802", Finding(s.span, f"unknown rule code or name in suppression: {', '.join(s.invalid)}")))
        elif not used[i] and s.kind != "enable" and "SL801" in enabled:
            if s.codes is not None and not (set(s.codes) & enabled):
                continue  # suppressing a rule that is turned off is not an error
            about.append(("SL801", Finding(s.span, f"suppression '{s.text.strip()}' suppresses nothing")))
    return kept, about
