"""Facts for ``seedlint report`` (no rule consumes them): what the HTML report shows of
each guide besides its findings — names, dates and compensation ranges. Collected only
when a report is being made (``Settings.collect``)."""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import TYPE_CHECKING, NamedTuple

from ..registry import collector
from ._common import COMP, entries, num

if TYPE_CHECKING:
    from ..document import Document

_SEP = "\x1f"
REPORT_FIELDS = ("base_low", "base_high", "total_comp_low", "total_comp_high")


class ReportFacts(NamedTuple):
    path: str
    company: str | None
    role: str | None  # display name, else slug
    role_slug: str | None
    last_updated: str | None  # ISO dates
    next_review_due: str | None
    # one line per entry: region, currency, the four REPORT_FIELDS ("-" when absent), and
    # the lines they are on (to mark the values SL703 reports)
    entries: str
    linted: bool = True


def _iso(doc: Document, key: str) -> str | None:
    value = doc.value((key,), (dt.date, str))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def _clean(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split()).replace(_SEP, " ")


@collector("report", ReportFacts, apart=True)
def report_facts(doc: Document) -> ReportFacts | None:
    """Names, dates and ranges of one guide, for the report."""
    if doc.front_matter is None or doc.front_matter.data is None:
        return None
    lines = []
    for e in entries(doc):
        cur = doc.value((COMP, e.index, "currency"), str)
        if e.region is None or cur is None:
            continue
        values, where = [], []
        for field in REPORT_FIELDS:
            v = num(doc, e.index, field)
            values.append("-" if v is None or not math.isfinite(v) else str(v))
            where.append("-" if v is None else str(doc.span((COMP, e.index, field)).line))
        lines.append(_SEP.join((_clean(e.region) or "", (_clean(cur) or "").upper(), " ".join(values), " ".join(where))))
    role_slug = doc.value(("role",), str)
    company = _clean(doc.value(("company_display",), str) or doc.value(("company",), str))
    role = _clean(doc.value(("role_display",), str) or role_slug)
    return ReportFacts(doc.path, sys.intern(company) if company else None, sys.intern(role) if role else None,
                       sys.intern(role_slug) if role_slug else None, _iso(doc, "last_updated"),
                       _iso(doc, "next_review_due"), "\n".join(lines))
