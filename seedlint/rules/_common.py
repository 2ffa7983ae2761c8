"""Small helpers shared by the data rules: reading the compensation entries and table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..document import strip_emphasis
from ..edits import end_of, insert, replace, scalar_fix, text_at
from ..model import Fix, Span

__all__ = ["end_of", "insert", "replace", "scalar_fix", "text_at"]  # the rules' fix builders

if TYPE_CHECKING:
    from ..document import Cell, Document, Section, Table
    from ..options import Options

COMP = "compensation"


def norm(text: str) -> str:
    """Trimmed, case-folded, inner whitespace collapsed: how names are compared
    (remembered for names of NORM_LENGTH characters or fewer: regions and section names
    repeat across guides and rules)."""
    return _norm_seen(text) if len(text) <= NORM_LENGTH else _norm(text)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


NORM_LENGTH = 64
_norm_seen = lru_cache(maxsize=4096)(_norm)


def slugify(text: str) -> str:
    """The URL slug of a display name.

    ``&`` → ``and``; ``ß`` → ``ss`` (and the other letters NFKD cannot split: ``æ`` →
    ``ae``, ``ø`` → ``o``, ``ł`` → ``l``, ``đ`` → ``d``, ``þ`` → ``th``, ``œ`` → ``oe``);
    Unicode NFKD with combining marks dropped (``ü`` → ``u``, ``é`` → ``e``); lowercase;
    each run of anything but ``a-z0-9`` → ``-``; dashes trimmed.
    """
    text = text.replace("&", "and")
    if not text.isascii():  # ASCII has nothing to fold and no combining marks
        import unicodedata

        text = text.translate(_FOLD)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


_FOLD = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "œ": "oe", "Œ": "OE", "ı": "i"})


def has_latin_letters(text: str, slug: str | None = None) -> bool:
    """Whether ``text`` has a letter that slugify keeps (a name in Japanese has none);
    ``slug``: slugify(text), when the caller has it."""
    return _LATIN.search(slugify(text) if slug is None else slug) is not None


_LATIN = re.compile(r"[a-z]")


@dataclass(slots=True, eq=False)
class Entry:
    """A compensation entry that is a mapping (not frozen: a frozen dataclass's __init__
    sets each field through object.__setattr__, and one is made per entry per guide)."""

    index: int
    region: str | None  # None when the region is missing or invalid


def entries(doc: Document) -> tuple[Entry, ...]:
    """Compensation entries that are mappings and not themselves invalid (built once per
    document: every data rule walks them)."""
    got: tuple[Entry, ...] | None = doc.view.get(COMP)
    if got is None:
        comp = doc.value((COMP,), list)
        got = doc.view[COMP] = () if comp is None else tuple(
            Entry(i, doc.value((COMP, i, "region"), str))
            for i, item in enumerate(comp) if isinstance(item, dict) and (COMP, i) not in doc.invalid)
    return got


def numbers(doc: Document, index: int) -> dict[str, int | float]:
    """The valid numbers of entry ``index`` by field: what :meth:`Document.value` gives
    for ``(compensation, index, field)`` with kind ``(int, float)``, read in one pass."""
    got: dict[str, int | float] | None = doc.view.get(index)
    if got is None:
        got = doc.view[index] = {}
        item = doc.value((COMP, index), dict)
        if item is not None:
            invalid = doc.invalid
            for field, value in item.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool) and (COMP, index, field) not in invalid:
                    got[field] = value
    return got


def num(doc: Document, index: int, field: str) -> int | float | None:
    """An integer or number field of entry ``index``, or None if absent/invalid."""
    return numbers(doc, index).get(field)


def comp_table(doc: Document) -> Table | None:
    """The compensation table: the first body table with Region, Base and Total columns."""
    if doc.body is None:
        return None
    view = doc.view
    if "comp table" in view:  # asked by most SL5 rules
        found: Table | None = view["comp table"]
        return found
    found = view["comp table"] = next(
        (t for t in doc.body.tables if t.column("region") is not None and t.column("base") is not None and t.column("total") is not None), None)
    return found


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUMBER = r"(\d+|" + "|".join(_WORDS) + r")"
# "4yr", "4 yrs", "4-year", "4 years", "4y", "3-yr", "four-year" — and 48 months
# (?<!…) anchors each number at the start of its run and the gaps are bounded, so every
# pattern runs in linear time on a hostile header
_YEARS = re.compile(r"(?<![\da-z])" + _NUMBER + r"[\s-]{0,3}(?:years?|yrs?|y)(?![a-z])", re.I)
_MONTHS = re.compile(r"(?<!\d)(\d+)[\s-]{0,3}(?:months?|mos?|m)(?![a-z])", re.I)
_RANGE = re.compile(r"(?<!\d)\d+\s{0,3}(?:[-–—]|to)\s{0,3}\d+[\s-]{0,3}(?:years?|yrs?|y|months?|mos?)(?![a-z])", re.I)
MAX_HEADER = 200  # a longer stock header is not a vesting statement anyone wrote
# words that say the header speaks of a vesting period at all
_MENTIONS = re.compile(r"vest|year|yr|month|\d|\b(?:" + "|".join(_WORDS) + r")\b", re.I)


def stock_column(table: Table) -> int | None:
    """Index of the stock column of a compensation table, or None."""
    return table.column("stock", "rsu", "equity")


def read_vesting(header: str) -> int | None | bool:
    """Vesting years a stock header states: an int; None when it states none; False when
    it speaks of a period seedlint cannot read (a range, 18 months, "vests quarterly")."""
    # remembered when short: a corpus writes a few headers, each read by two rules a guide
    return _vesting_seen(header) if len(header) <= MAX_HEADER else _read_vesting(header)


def _read_vesting(header: str) -> int | None | bool:
    if len(header) > MAX_HEADER:
        return False if _MENTIONS.search(header[:MAX_HEADER]) else None
    if _RANGE.search(header):
        return False
    m = _YEARS.search(header)
    if m:
        word = m.group(1).lower()
        years = _WORDS.get(word) or int(word)
        return years if years > 0 else False
    m = _MONTHS.search(header)
    if m:
        months = int(m.group(1))
        return months // 12 if months and months % 12 == 0 else False
    words = re.sub(r"\b(stock|rsus?|equity|grants?|options?|per|year|annual|annualised|annualized)\b", "", header, flags=re.I)
    return False if _MENTIONS.search(words) else None


_vesting_seen = lru_cache(maxsize=256)(_read_vesting)


def vesting_years(table: Table | None, default: int) -> int:
    """Years the stock header states ("Stock (RSU/4yr)", "RSU / 3 years", "3-yr RSU",
    "(RSU, 48 months)"), or ``default`` when it states none or one seedlint cannot read
    (that is SL512)."""
    if table is not None:
        col = stock_column(table)
        if col is not None:
            years = read_vesting(table.header.cells[col].text)
            if years:
                return years
    return default


def section(doc: Document, name: str) -> Section | None:
    """The first section called ``name`` (case-insensitive), or None."""
    if doc.body is None:
        return None
    found: Section | None = _named(doc)[0].get(norm(name))
    return found


def _named(doc: Document) -> tuple[dict[str, Section], list[str]]:
    """The first section of each normalised name, and every section's normalised name in
    order (made once per document: several rules look sections up)."""
    got: tuple[dict[str, Section], list[str]] | None = doc.view.get("sections")
    if got is None:
        names = [norm(sec.name) for sec in doc.body.sections] if doc.body is not None else []
        first: dict[str, Section] = {}
        for name, sec in zip(names, doc.body.sections if doc.body is not None else ()):
            first.setdefault(name, sec)
        got = doc.view["sections"] = (first, names)
    return got


@lru_cache(maxsize=64)
def _structural(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(norm(n) for n in names)


def section_end(doc: Document, sec: Section, opts: Options) -> int:
    """Where section ``sec`` ends (exclusive line): at the next heading of the same or a
    higher level, or at the next bold line naming another section of the guide's
    structure (the required sections, the sources section, ``section-names``) — not at
    a bold label such as ``**Primary sources:**`` inside it."""
    structural = _structural((*opts.required_sections, opts.sources_section, *opts.section_names))
    own = norm(sec.name)
    for other, name in zip(doc.body.sections if doc.body is not None else (), _named(doc)[1]):
        if other.line <= sec.line:
            continue
        if other.level <= 6 and (sec.level == 7 or other.level <= sec.level):
            return other.line
        if other.level == 7 and name in structural and name != own:
            return other.line
    return len(doc.lines) + 1


@lru_cache(maxsize=64)
def _marker_pattern(label: str) -> re.Pattern[str]:
    return re.compile(r"^\s*\*\*" + re.escape(label) + r"\s*(?::\*\*|\*\*\s*:)\s*", re.I)


def marker_lines(doc: Document, label: str) -> list[tuple[int, int, str]]:
    """(line, column, rest) of every paragraph line starting ``**Label:**`` with text after
    it. A bare ``**Label:**`` line is a section heading, not a value line."""
    if doc.body is None:
        return []
    key = ("marker lines", label)
    got: list[tuple[int, int, str]] | None = doc.view.get(key)
    if got is not None:
        return got
    bold: list[tuple[int, str]] | None = doc.view.get("**")
    if bold is None:  # the lines that open with "**", found once for every label asked about
        bold = doc.view["**"] = [(line, text) for line, text in doc.body.paragraph_lines
                                 if "**" in text and text.lstrip().startswith("**")]
    pattern = _marker_pattern(label)
    out = []
    for line, text in bold:
        m = pattern.match(text)
        if m and text[m.end():].strip():
            out.append((line, len(text) - len(text.lstrip()) + 1, strip_emphasis(text[m.end():])))
    doc.view[key] = out
    return out


# --------------------------------------------------------------------------- fixes


def cell_fix(doc: Document, cell: Cell, new: str, message: str) -> Fix | None:
    """Rewrite a table cell's text, keeping emphasis around it (``**$240K**``); None when
    the cell's text cannot be found as written or the new text would break the table."""
    raw = text_at(doc, cell.span)
    if raw is None or not cell.text or "|" in new or "\n" in new:
        return None
    at = raw.find(cell.text)
    if at < 0:
        return None
    start = cell.span.column + at
    return replace(Span(cell.span.line, start, cell.span.line, start + len(cell.text)), new, message)


def one_line(value: str) -> bool:
    """Whether a front-matter string can be written on one body line and read back as
    itself: not blank, not padded, no control character (a line break, a NUL, an
    escape), and no emphasis the body's reader would take away (``__x__``)."""
    if not value.strip() or value != value.strip() or _CONTROL.search(value):
        return False
    return strip_emphasis(value) == value


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
