"""Small helpers shared by the data rules: reading the compensation entries and table."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

COMP = "compensation"
_VESTING = re.compile(r"(\d+)\s*-?\s*(?:yr|year)", re.I)


def norm(text: str) -> str:
    """Trimmed, case-folded, inner whitespace collapsed: how names are compared."""
    return " ".join(text.split()).casefold()


def slugify(text: str) -> str:
    """lowercase, ``&`` → ``and``, runs of other non-alphanumerics → ``-``, trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")


class Entry(NamedTuple):
    index: int
    region: str | None  # None when the region is missing or invalid


def entries(doc) -> Iterator[Entry]:
    """Compensation entries that are mappings and not themselves invalid."""
    comp = doc.value((COMP,), list)
    if comp is None:
        return
    for i, item in enumerate(comp):
        if isinstance(item, dict) and (COMP, i) not in doc.invalid:
            yield Entry(i, doc.value((COMP, i, "region"), str))


def num(doc, index: int, field: str):
    """An integer or number field of entry ``index``, or None if absent/invalid."""
    return doc.value((COMP, index, field), (int, float))


def comp_table(doc):
    """The compensation table: the first body table with Region, Base and Total columns."""
    if doc.body is None:
        return None
    for table in doc.body.tables:
        if table.column("region") is not None and table.column("base") is not None and table.column("total") is not None:
            return table
    return None


def vesting_years(table, default: int) -> int:
    """Years in the stock header ("Stock (RSU/4yr)"), or ``default``."""
    if table is not None:
        col = table.column("stock", "rsu", "equity")
        if col is not None:
            m = _VESTING.search(table.header.cells[col].text)
            if m and int(m.group(1)) > 0:
                return int(m.group(1))
    return default


def section(doc, name: str):
    """The first section called ``name`` (case-insensitive), or None."""
    if doc.body is None:
        return None
    want = norm(name)
    for sec in doc.body.sections:
        if norm(sec.name) == want:
            return sec
    return None


def marker_line(doc, label: str):
    """(line, column, rest) of the paragraph line starting ``**Label:**``, or None."""
    if doc.body is None:
        return None
    pattern = re.compile(r"^\s*\*\*" + re.escape(label) + r"\s*(?::\*\*|\*\*\s*:)\s*", re.I)
    for line, text in doc.body.paragraph_lines:
        m = pattern.match(text)
        if m:
            return line, len(text) - len(text.lstrip()) + 1, text[m.end():]
    return None
