"""SL6xx: the body's structure — sections, table shape, cited sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import re

from ..model import ERROR, WARNING, Finding, Fix, Span
from ..registry import rule
from ._common import end_of, insert, norm, one_line, section, section_end

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options


@rule("SL601", "missing-section", ERROR, "A required section is absent.")
def missing_section(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that each required section is present (default: Negotiation DNA,
    Global Levers, Evidence & Sources). A section is a heading, or a
    paragraph whose first line is only `**Name**` or `**Name:**`; names
    compare case-insensitively. Reported at the first body line.

    ## Why is this bad?
    Every guide promises readers the same parts; a missing one is usually
    lost in an edit.

    ## Example
    FAIL: a guide with no `Global Levers` heading or bold line.
    PASS:
    ```
    **Global Levers**
    1. ...
    ```
    """
    if doc.front_matter is None or doc.body is None:
        return
    have = {norm(s.name) for s in doc.body.sections}
    for name in opts.required_sections:
        if norm(name) not in have:
            yield Finding(Span.point(doc.first_body_line()), f"required section '{name}' is missing (a heading or a line **{name}**)")


@rule("SL602", "table-shape", ERROR, "A table row has a different number of cells than its header.")
def table_shape(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports each table row whose number of cells differs from the header's.

    ## Why is this bad?
    Markdown renderers drop or shift such rows (mistune drops the whole
    table), so readers see a broken or missing table.

    ## Example
    FAIL:
    ```
    | Region | Base |
    |--------|------|
    | London | £182K | extra |
    ```
    PASS:
    ```
    | Region | Base |
    |--------|------|
    | London | £182K |
    ```
    """
    if doc.body is None:
        return
    for table in doc.body.tables:
        want = len(table.header.cells)
        for row in table.rows:
            if len(row.cells) != want:
                yield Finding(row.span, f"row has {len(row.cells)} cells, the header (line {table.line}) has {want}")


@rule("SL603", "uncited-source", WARNING, "A data_sources entry is not mentioned in Evidence & Sources.", fix="safe")
def uncited_source(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that every `data_sources` entry appears (case-insensitive) in the
    text of the Evidence & Sources section. The section runs to the next
    heading of the same or a higher level, or to the next bold line that names
    another section of the guide (the required sections, or a name in the
    `section-names` setting) — a bold label inside it, such as
    `**Primary sources:**`, does not end it. Reported at the `data_sources` item.

    ## Why is this bad?
    A source listed in the data but never cited cannot be checked by readers.

    ## Example
    FAIL: `data_sources: [Levels.fyi, Blind]` and the section mentions only
    Levels.fyi.
    PASS: the section mentions both.

    ## Fix (safe)
    The source is appended to the section as a list item after its last line,
    with the marker and indentation of the section's last list item (`- ` when
    it has none, then after a blank line).
    """
    sources = doc.value(("data_sources",), list)
    sec = section(doc, opts.sources_section)
    if sources is None or sec is None:
        return
    text = "\n".join(doc.lines[sec.line - 1 : section_end(doc, sec, opts) - 1]).casefold()
    for i, src in enumerate(sources):
        if isinstance(src, str) and src.strip() and ("data_sources", i) not in doc.invalid and src.strip().casefold() not in text:
            yield Finding(doc.span(("data_sources", i)),
                          f"data source '{src}' is not mentioned in the {opts.sources_section} section (line {sec.line})",
                          fix=_cite(doc, sec.line, section_end(doc, sec, opts), src.strip()))


_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)\S")


def _cite(doc: Document, start: int, end: int, source: str) -> Fix | None:
    """``- source`` after the last non-blank line of the section (lines ``start``..``end``)."""
    if not one_line(source):
        return None
    last = min(end, len(doc.lines) + 1) - 1
    while last > start and not doc.lines[last - 1].strip():
        last -= 1
    m = _ITEM.match(doc.lines[last - 1]) if last > start else None
    if m is None:
        return insert(last, end_of(doc, last), f"\n\n- {source}", f"Cite '{source}' in the section")
    marker = m.group(2)
    if marker[0].isdigit():
        marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
    return insert(last, end_of(doc, last), f"\n{m.group(1)}{marker}{m.group(3)}{source}", f"Cite '{source}' in the section")
