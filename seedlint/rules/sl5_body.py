"""SL5xx: the Markdown body against the front matter."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from ..model import ERROR, WARNING, Fix, Finding, Related, Span
from ..money import (
    fmt,
    parse_money,
    parse_percent,
    render_money,
    render_percent,
    symbol_currencies,
    symbol_currency,
    too_long,
)
from ..registry import rule
from ._common import (
    COMP,
    cell_fix,
    comp_table,
    end_of,
    entries,
    insert,
    marker_lines,
    norm,
    num,
    numbers,
    read_vesting,
    replace,
    section,
    section_end,
    stock_column,
    text_at,
    one_line,
)

if TYPE_CHECKING:
    from ..document import Cell, Document, Row, Table
    from ..options import Options

MONEY_COLUMNS = (("base", ("base",)), ("stock", ("stock", "rsu", "equity")), ("total_comp", ("total",)))
_ENDS = {field: (f"{field}_low", f"{field}_high") for field, _ in MONEY_COLUMNS}  # the front-matter names


def _columns(table: Table) -> dict[str, int]:
    """Column index of each money field and of the bonus, as found in the header (found
    once per table: five rules ask; callers do not change the answer)."""
    got: dict[str, int] | None = table.found.get("money columns")
    if got is None:
        cols = {field: table.column(*words) for field, words in MONEY_COLUMNS}
        cols["bonus"] = table.column("bonus")
        got = table.found["money columns"] = {k: v for k, v in cols.items() if v is not None}
    return got


def _money_plan(table: Table) -> tuple[tuple[str, int, str, str], ...]:
    """(field, column, low name, high name) of each money column the table has, in
    MONEY_COLUMNS order (made once per table)."""
    got: tuple[tuple[str, int, str, str], ...] | None = table.found.get("money plan")
    if got is None:
        cols = _columns(table)
        got = table.found["money plan"] = tuple((field, cols[field], *_ENDS[field]) for field, _ in MONEY_COLUMNS if field in cols)
    return got


def _matched_rows(doc: Document, table: Table) -> list[tuple[Row, int]]:
    """(row, entry index) for each table row whose region has a front-matter entry (found
    once per document and table: five rules walk them)."""
    key = ("matched rows", id(table))
    got: list[tuple[Row, int]] | None = doc.view.get(key)
    if got is not None:
        return got
    by_region: dict[str, int] = {}
    for e in entries(doc):
        if e.region is not None:
            by_region.setdefault(norm(e.region), e.index)
    rcol = table.column("region") or 0  # a compensation table has one
    got = doc.view[key] = []
    for row in table.rows:
        if rcol < len(row.cells):
            idx = by_region.get(norm(row.cells[rcol].text))
            if idx is not None:
                got.append((row, idx))
    return got


def _has_front_matter(doc: Document) -> bool:
    return doc.front_matter is not None


@rule("SL501", "missing-comp-table", ERROR, "The body has no compensation table.")
def missing_comp_table(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the body has a compensation table: a pipe table whose header
    has Region, Base and Total columns.

    ## Why is this bad?
    The table is what readers scan first; without it the guide's numbers are
    only in the front matter.

    ## Example
    FAIL: a guide whose body has only prose.
    PASS:
    ```
    | Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
    |--------|-------------|-----------------|-------|------------|
    | London | £182K–£228K | £225K–£375K | 10% | £278K–£413K |
    ```
    """
    if _has_front_matter(doc) and comp_table(doc) is None:
        yield Finding(_first(doc), "no compensation table (a table with Region, Base and Total columns)")


def _first(doc: Document) -> Span:
    return Span.point(doc.first_body_line())


@rule("SL502", "region-set-mismatch", ERROR, "Front-matter regions and table rows differ.", fix="safe")
def region_set_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports each front-matter region that has no row in the compensation
    table (at the region), and each table row whose region is not in the
    front matter (at the row). Regions compare trimmed and case-insensitive.

    ## Why is this bad?
    The two lists drift when a region is added in one place only; readers of
    the table miss it, or see a region with no data behind it.

    ## Example
    FAIL: front matter lists San Francisco and London, the table only San
    Francisco.
    PASS: both list the same regions.

    ## Fix (safe)
    A front-matter region with no row gets one, appended to the table: its cells
    rendered from the front matter in the table's column order and in the style of
    the table's first matched row (`$240K–$300K` stays in K, `£182,000` in full; the
    entry's currency symbol). No fix when the table has a column seedlint cannot fill
    from the front matter, or no row to take the style from. A row with no entry is
    not removed (which one is wrong is a judgement).
    """
    table = comp_table(doc)
    if table is None:
        return
    rcol = table.column("region") or 0  # a compensation table has one
    rows: dict[str, Row] = {}
    for row in table.rows:
        if rcol < len(row.cells):
            rows.setdefault(norm(row.cells[rcol].text), row)
    fm_regions = set()
    for e in entries(doc):
        if e.region is None:
            continue
        fm_regions.add(norm(e.region))
        if norm(e.region) not in rows:
            yield Finding(doc.span((COMP, e.index, "region")),
                          f"region '{e.region}' has no row in the compensation table (line {table.line})",
                          fix=_row_fix(doc, table, e.index, e.region))
    comp = doc.value((COMP,), list)
    if comp is None or len(list(entries(doc))) != len(comp) or any(e.region is None for e in entries(doc)):
        return  # an entry or its region is missing or invalid: its row cannot be judged (one defect, one finding)
    for key, row in rows.items():
        if key not in fm_regions:
            cell = row.cells[rcol]
            yield Finding(cell.span, f"table row '{cell.text}' has no compensation entry in the front matter")


def _row_fix(doc: Document, table: Table, idx: int, region: str) -> Fix | None:
    """A row for entry ``idx``, written like the table's first matched row, appended."""
    template = next((row for row, _ in _matched_rows(doc, table)), None)
    if template is None or not table.rows or not one_line(region) or "|" in region:
        return None
    rcol = table.column("region") or 0
    cols = {v: k for k, v in _columns(table).items()}
    cur = doc.value((COMP, idx, "currency"), str)
    line = doc.lines[template.line - 1]
    for i in reversed(range(len(template.cells))):
        cell = template.cells[i]
        if i == rcol:
            new: str | None = region
        elif cols.get(i) == "bonus":
            bonus = num(doc, idx, "bonus_pct")
            new = None if bonus is None else render_percent(cell.text, bonus)
        elif i in cols:
            low, high = num(doc, idx, f"{cols[i]}_low"), num(doc, idx, f"{cols[i]}_high")
            new = None if low is None or high is None else render_money(cell.text, low, high, cur)
        else:
            new = None  # a column the front matter has nothing for
        raw = text_at(doc, cell.span)
        if new is None or raw is None or raw.find(cell.text) < 0 or not cell.text:
            return None
        start = cell.span.column - 1 + raw.find(cell.text)
        line = line[:start] + new + line[start + len(cell.text):]
    last = table.rows[-1].line
    return insert(last, end_of(doc, last), "\n" + line, f"Add the row '{line.strip()}'")


@rule("SL503", "table-value-mismatch", ERROR, "A base, stock or total cell differs from the front matter.", fix="safe")
def table_value_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    For each table row matched to a front-matter region, reads the base,
    stock and total cells (`$240K–$300K`, `£182,000`, `CHF 180K–CHF 220K`;
    K = 1,000, M = 1,000,000) and compares them with `X_low`/`X_high`. A
    single value must equal both. The message names the end(s) that differ
    (`base_high`, or both) with their front-matter lines, each also given as a
    related location.

    ## Why is this bad?
    The table and the front matter state the same data; when they differ, at
    least one of them is wrong.

    ## Example
    FAIL (front matter base 240000–300000):
    ```
    | San Francisco | $240K–$310K | ...
    ```
    PASS:
    ```
    | San Francisco | $240K–$300K | ...
    ```

    ## Fix (safe)
    The cell is rewritten from the front matter in its own style: `$240K–$310K`
    → `$240K–$300K` (K and the en dash kept), `$240,000 to $310,000` →
    `$240,000 to $300,000`, a symbol that is not the entry's currency replaced by
    the currency's (`£` for GBP). No fix when the new text would not read back
    as exactly the front matter's values.
    """
    table = comp_table(doc)
    if table is None:
        return
    plan = _money_plan(table)
    for row, idx in _matched_rows(doc, table):
        nums = numbers(doc, idx)
        cells = row.cells
        for field, col, low_name, high_name in plan:
            if col >= len(cells):
                continue
            low, high = nums.get(low_name), nums.get(high_name)
            if low is None or high is None:
                continue
            cell = cells[col]
            amount = parse_money(cell.text)
            if amount is None or (amount.low == low and amount.high == high):
                continue
            differ = [end for end, have, want in (("low", amount.low, low), ("high", amount.high, high)) if have != want]
            if differ:
                cur = doc.value((COMP, idx, "currency"), str)
                wheres = [(f"{field}_{end}", doc.span((COMP, idx, f"{field}_{end}"))) for end in differ]
                yield Finding(
                    cell.span,
                    f"{table.header.cells[col].text} cell '{cell.text}' is {fmt(amount.low)}–{fmt(amount.high)} "
                    f"but the front matter says {fmt(low)}–{fmt(high)} "
                    f"({'; '.join(f'{name}, line {w.line}' for name, w in wheres)})",
                    tuple(Related(doc.path, w.line, w.column, f"{name} in the front matter") for name, w in wheres),
                    fix=_money_fix(doc, cell, low, high, cur),
                )


def _money_fix(doc: Document, cell: Cell, low: int | float | Decimal, high: int | float | Decimal,
               cur: str | None) -> Fix | None:
    new = render_money(cell.text, low, high, cur)
    return None if new is None else cell_fix(doc, cell, new, f"Rewrite the cell as '{new.strip()}'")


@rule("SL504", "bonus-mismatch", ERROR, "The bonus cell differs from bonus_pct.", fix="safe")
def bonus_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Compares each matched row's bonus cell (`10%`, `10–15%`) with the entry's
    `bonus_pct`. A range matches only a range of equal ends: `bonus_pct: 10`
    against `10–15%` is a mismatch.

    ## Why is this bad?
    The bonus feeds the total comp; a table that says 10–15 % while the data
    says 10 % tells readers two different offers.

    ## Example
    FAIL (bonus_pct 10):
    ```
    | London | ... | 10–15% | ...
    ```
    PASS:
    ```
    | London | ... | 10% | ...
    ```

    ## Fix (safe)
    The cell is rewritten as `bonus_pct`: `10–15%` → `10%` (a cell written
    without `%` stays without it).
    """
    table = comp_table(doc)
    if table is None:
        return
    col = _columns(table).get("bonus")
    if col is None:
        return
    for row, idx in _matched_rows(doc, table):
        bonus = num(doc, idx, "bonus_pct")
        if bonus is None or col >= len(row.cells):
            continue
        cell = row.cells[col]
        pct = parse_percent(cell.text)
        if pct is not None and not (pct[0] == pct[1] and float(pct[0]) == float(bonus)):
            where = doc.span((COMP, idx, "bonus_pct"))
            new = render_percent(cell.text, bonus)
            yield Finding(cell.span, f"bonus cell '{cell.text}' does not match bonus_pct {bonus:g} (line {where.line})",
                          fix=None if new is None else cell_fix(doc, cell, new, f"Rewrite the cell as '{new}'"))


@rule("SL505", "currency-symbol-mismatch", ERROR, "A cell's currency symbol is not the entry's currency.", fix="safe")
def currency_symbol_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks the currency symbol or ISO code written in each money cell of a
    matched row (before or after the amount) against the entry's `currency`:
    USD {$, US$}, GBP {£}, EUR {€}, INR {₹}, CAD {C$, CA$}, AUD {A$, AU$},
    SGD {S$}, CHF {CHF, Fr.}, HKD {HK$}, NZD {NZ$}, MXN {MX$}, TWD {NT$},
    BRL {R$}, CNY {CN¥}, JPY {JP¥}, ILS {₪}, KRW {₩}, RUB {₽}, TRY {₺},
    PHP {₱}, VND {₫}, THB {฿}, NGN {₦}, UAH {₴}, KZT {₸}, CRC {₡}, PYG {₲},
    GHS {₵}, LAK {₭}, MNT {₮}, AZN {₼}, GEL {₾}, PLN {zł}, CZK {Kč},
    HUF {Ft}, IDR {Rp}, MYR {RM}, ZAR {R}, RON {lei}. A symbol several
    currencies share stands for each of them: `¥` for JPY and CNY, `kr` for
    SEK, NOK, DKK and ISK. A three-letter ISO code ("USD 240K", "240K ILS")
    stands for itself. Cells without a symbol, or with one not listed, are
    not checked.

    ## Why is this bad?
    A `$` in the London row means the figure was copied from another row or
    converted without saying so.

    ## Example
    FAIL (currency GBP):
    ```
    | London | $182K–$228K | ...
    ```
    PASS:
    ```
    | London | £182K–£228K | ...
    ```

    ## Fix (safe)
    The cell is rewritten with the currency's symbol (the shortest one that
    stands for it: `$`, `£`, `C$`, `kr`; an ISO code is replaced by the ISO code)
    and the front matter's values, in the cell's own style — the same text as
    SL503's fix, so the two fix one cell once.
    """
    table = comp_table(doc)
    if table is None:
        return
    cols = _columns(table)
    for row, idx in _matched_rows(doc, table):
        cur = doc.value((COMP, idx, "currency"), str)
        if cur is None:
            continue
        for field, _ in MONEY_COLUMNS:
            col = cols.get(field)
            if col is None or col >= len(row.cells):
                continue
            cell = row.cells[col]
            amount = parse_money(cell.text)
            if amount is None:
                continue
            wrong = [s for s in amount.symbols if (codes := symbol_currencies(s)) is not None and cur.upper() not in codes]
            if wrong:
                lo, hi = num(doc, idx, f"{field}_low"), num(doc, idx, f"{field}_high")
                low, high = (amount.low, amount.high) if lo is None or hi is None else (Decimal(str(lo)), Decimal(str(hi)))
                yield Finding(cell.span, f"cell '{cell.text}' is written in {symbol_currency(wrong[0])} ('{wrong[0]}') but the entry's currency is {cur}",
                              fix=_money_fix(doc, cell, low, high, cur))


@rule("SL506", "unparseable-cell", ERROR, "A money or bonus cell of the compensation table cannot be read.")
def unparseable_cell(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports money cells (base, stock, total) and bonus cells of the
    compensation table that do not read as an amount or a range: `$240K–$300K`,
    `$240,000 to $300,000`, `€95K - €120K`, `$1.2M`, `₪450K`, `250,000 zł`,
    `10%`, `10–15%`. Amounts use `,` between thousands and `.` for decimals;
    a currency symbol (those SL505 lists) or an ISO code may stand before or
    after each amount.

    ## Why is this bad?
    A cell seedlint cannot read is one it cannot check against the front
    matter — and usually one that readers misread too.

    ## Example
    FAIL:
    ```
    | London | about £200K | ...
    ```
    PASS:
    ```
    | London | £182K–£228K | ...
    ```
    """
    if not _has_front_matter(doc):
        return
    table = comp_table(doc)
    if table is None:
        return
    for field, col in sorted(_columns(table).items(), key=lambda kv: kv[1]):
        parse = parse_percent if field == "bonus" else parse_money
        what = "a percentage" if field == "bonus" else "an amount"
        for row in table.rows:
            if col < len(row.cells) and parse(row.cells[col].text) is None:
                cell = row.cells[col]
                digits = too_long(cell.text)
                if digits:
                    shown = cell.text if len(cell.text) <= 40 else cell.text[:20] + "…" + cell.text[-8:]
                    yield Finding(cell.span, f"{table.header.cells[col].text} cell '{shown}' holds a number of {digits:,} digits, "
                                             f"longer than any real amount; it is not read")
                else:
                    yield Finding(cell.span, f"cannot read {table.header.cells[col].text} cell '{cell.text}' as {what}")


@rule("SL507", "summary-mismatch", ERROR, "The **Negotiation DNA:** line differs from negotiation_dna_summary.", fix="safe")
def summary_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Compares every body line starting `**Negotiation DNA:**` and holding text
    with the front matter's `negotiation_dna_summary` (runs of whitespace count
    as one space; case counts; emphasis is not part of the text). A bare
    `**Negotiation DNA:**` line is a section heading and is not compared; a
    missing summary line is SL510.

    ## Why is this bad?
    The summary is shown in listings from the front matter and in the guide
    from the body; readers get two different pitches.

    ## Example
    FAIL:
    ```
    negotiation_dna_summary: "Top-Tier Base | MLOps Leader"
    **Negotiation DNA:** Top-Tier Base | Platform Leader
    ```
    PASS: both say the same.

    ## Fix (safe)
    The text after the label is replaced by `negotiation_dna_summary`; the label,
    its emphasis and the line's trailing whitespace are kept. No fix for a summary
    of several lines.
    """
    yield from _marker(doc, "Negotiation DNA", ("negotiation_dna_summary",))


@rule("SL508", "level-mapping-mismatch", ERROR, "The **Level Mapping:** line differs from level_mapping.raw.", fix="safe")
def level_mapping_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Compares every body line starting `**Level Mapping:**` with
    `level_mapping.raw` (runs of whitespace count as one space; case counts;
    emphasis inside the line is not part of the text). A missing line is SL511.

    ## Why is this bad?
    Level equivalences are checked across the corpus from the front matter;
    a body that says something else is unchecked and contradicts it.

    ## Example
    FAIL:
    ```
    raw: "W&B Staff SWE = Google L6"
    **Level Mapping:** W&B Staff SWE = Google L7
    ```
    PASS: both say the same.

    ## Fix (safe)
    The text after the label is replaced by `level_mapping.raw` (the label kept).
    """
    yield from _marker(doc, "Level Mapping", ("level_mapping", "raw"))


@rule("SL512", "unreadable-vesting-period", WARNING, "The stock header mentions a vesting period seedlint cannot read.")
def unreadable_vesting_period(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    SL301 divides stock by the vesting years the compensation table's stock header
    states. seedlint reads `Stock (RSU/4yr)`, `Stock (RSU/3y)`, `Stock (RSU / 3 years)`,
    `Stock (3-yr RSU)`, `Equity (five-year vest)` and `Stock (RSU, 48 months)`; a header
    without any period (`Stock (RSU)`) means the `vesting-years` option (default 4).
    This rule reports a header that speaks of a period seedlint cannot read — a range
    (`3-4 yrs`), a count of months that is not whole years, `vests quarterly`, `0yr` —
    at the header cell, instead of silently using the default.

    ## Why is this bad?
    The total-comp check would use a period the guide does not state, and readers
    cannot tell how the stock figure was annualised either.

    ## Example
    FAIL:
    ```
    | Region | Base Salary | Stock (RSU, 3-4 yrs) | Bonus | Total Comp |
    ```
    PASS:
    ```
    | Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
    ```
    """
    table = comp_table(doc)
    if table is None:
        return
    col = stock_column(table)
    if col is None:
        return
    cell = table.header.cells[col]
    if read_vesting(cell.text) is False:
        yield Finding(cell.span, f"stock header '{cell.text}' mentions a vesting period seedlint cannot read; "
                                 f"total comp is checked with {opts.vesting_years} years (vesting-years)")


def _spaces(text: str) -> str:
    """Whitespace collapsed, case kept: a change of case is a drift too."""
    return " ".join(text.split())


def _marker(doc: Document, label: str, path: tuple[str, ...]) -> Iterator[Finding]:
    want = doc.value(path, str)
    if want is None:
        return
    key = ".".join(path)
    for line, col, rest in marker_lines(doc, label):
        if rest != want and _spaces(rest) != _spaces(want):  # equal text: equal once spaces are collapsed
            yield Finding(Span(line, col, line, col + len(label) + 5),
                          f"**{label}:** line says '{rest.strip()}' but {key} (line {doc.span(path).line}) says '{want}'",
                          fix=_marker_fix(doc, line, label, want, key))


def _marker_fix(doc: Document, line: int, label: str, want: str, key: str) -> Fix | None:
    """The text after ``**Label:**`` on ``line`` replaced by ``want``."""
    if not one_line(want):
        return None
    import re

    text = doc.lines[line - 1]
    m = re.match(r"^\s*\*\*" + re.escape(label) + r"\s*(?::\*\*|\*\*\s*:)\s*", text, re.I)
    if m is None:
        return None
    return replace(Span(line, m.end() + 1, line, len(text.rstrip()) + 1), want, f"Write {key} after the label")


def _missing_marker(doc: Document, label: str, path: tuple[str, ...], opts: Options) -> Iterator[Finding]:
    want = doc.value(path, str)
    if want is None or doc.body is None or marker_lines(doc, label):
        return
    yield Finding(_first(doc), f"no '**{label}:** …' line in the body; {'.'.join(path)} "
                               f"(line {doc.span(path).line}) is not shown to readers",
                  fix=_insert_marker(doc, label, want, opts) if one_line(want) else None)


def _insert_marker(doc: Document, label: str, want: str, opts: Options) -> Fix | None:
    """Insert ``**Label:** want`` where the reference guide has it: the summary right
    under the title, the level mapping at the end of the Negotiation DNA section (else
    before the first heading after the compensation table, else at the end)."""
    assert doc.body is not None
    new = f"**{label}:** {want}"
    msg = f"Insert '**{label}:** …'"
    heads = doc.body.headings
    if label == "Negotiation DNA":
        title = heads[0] if heads else None
        if title is not None and title.line == doc.first_body_line() and doc.lines[title.line - 1].lstrip().startswith("#"):
            return insert(title.line, end_of(doc, title.line), "\n\n" + new, msg)
        first = doc.first_body_line()
        if first < doc.body.start_line or not doc.lines[first - 1].strip():  # an empty body: after the fence
            return insert(len(doc.lines), end_of(doc, len(doc.lines)), "\n\n" + new, msg)
        return insert(first, 1, new + "\n\n", msg)
    sec = section(doc, "Negotiation DNA")
    at: int | None = None
    if sec is not None and sec.level == 7:
        at = section_end(doc, sec, opts)
    else:
        table = comp_table(doc)
        after = table.rows[-1].line if table is not None and table.rows else (heads[0].line if heads else doc.body.start_line)
        at = next((h.line for h in heads if h.line > after and doc.lines[h.line - 1].lstrip().startswith("#")), None)
    if at is None or at > len(doc.lines):
        last = len(doc.lines)
        while last > doc.body.start_line and not doc.lines[last - 1].strip():
            last -= 1
        return insert(last, end_of(doc, last), "\n\n" + new, msg)
    before = "" if at <= 1 or not doc.lines[at - 2].strip() else "\n"
    return insert(at, 1, before + new + "\n\n", msg)


@rule("SL510", "missing-summary-line", ERROR, "The body has no **Negotiation DNA:** line with the summary.", fix="safe")
def missing_summary_line(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a guide whose front matter has `negotiation_dna_summary` but whose body
    has no line `**Negotiation DNA:** …` with text after the label (a bare
    `**Negotiation DNA:**` line opens a section; it is not the summary). Reported at
    the first body line.

    ## Why is this bad?
    The summary is the guide's pitch; listings show it from the front matter, and a
    body without it leaves readers of the page without it — and nothing to check it
    against.

    ## Example
    FAIL:
    ```
    ### Staff Software Engineer | Weights & Biases Global Negotiation Guide

    | Region | Base Salary | ...
    ```
    PASS:
    ```
    ### Staff Software Engineer | Weights & Biases Global Negotiation Guide

    **Negotiation DNA:** Top-Tier Base | MLOps Platform Leader
    ```

    ## Fix (safe)
    The line is inserted where the reference guide has it: after the title heading
    and a blank line (before the first body line when the guide has no title).
    """
    yield from _missing_marker(doc, "Negotiation DNA", ("negotiation_dna_summary",), opts)


@rule("SL511", "missing-level-mapping-line", ERROR, "The body has no **Level Mapping:** line.", fix="safe")
def missing_level_mapping_line(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a guide whose front matter has `level_mapping.raw` but whose body has no
    line `**Level Mapping:** …` with text after the label. Reported at the first body
    line.

    ## Why is this bad?
    Level equivalences are what candidates compare offers by; the body should state
    the ones the corpus checks.

    ## Example
    FAIL: a body without a `**Level Mapping:**` line.
    PASS:
    ```
    **Level Mapping:** W&B Staff SWE = Google L6 = Meta E6
    ```

    ## Fix (safe)
    The line is inserted where the reference guide has it: at the end of the
    `**Negotiation DNA**` section; without one, before the first heading after the
    compensation table; else at the end of the guide.
    """
    yield from _missing_marker(doc, "Level Mapping", ("level_mapping", "raw"), opts)


@rule("SL509", "title-mismatch", ERROR, "The first heading does not start with \"{role_display} | {company_display}\".", fix="safe")
def title_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the body's first heading starts with
    `{role_display} | {company_display}` (spaces around `|` are free; case
    counts).

    ## Why is this bad?
    The title is what search and listings show; a title from another role or
    company means the guide was copied and not fully edited.

    ## Example
    FAIL (role_display Staff Software Engineer):
    ```
    ### Senior Software Engineer | Weights & Biases Global Negotiation Guide
    ```
    PASS:
    ```
    ### Staff Software Engineer | Weights & Biases Global Negotiation Guide
    ```

    ## Fix (safe)
    When the part after the first `|` starts with the company (in any case or
    spacing), the part before it becomes `role_display` and the company is
    written as `company_display`; the rest of the title is kept. No fix when the
    company differs (where its old name ends is a guess) or the title has no `|`.
    """
    role, company = doc.value(("role_display",), str), doc.value(("company_display",), str)
    if role is None or company is None or doc.body is None:
        return
    want = f"{_spaces(role)} | {_spaces(company)}"
    if not doc.body.headings:
        yield Finding(_first(doc), f"no heading: the guide should open with '{role} | {company} …'")
        return
    head = doc.body.headings[0]
    have = " | ".join(_spaces(part) for part in head.text.split("|"))
    if not have.startswith(want):
        yield Finding(head.span, f"first heading '{head.text}' does not start with '{role} | {company}'",
                      fix=_title_fix(doc, head.line, head.text, role, company))


def _title_fix(doc: Document, line: int, text: str, role: str, company: str) -> Fix | None:
    import re

    raw = doc.lines[line - 1]
    at = raw.find(text)
    if at < 0 or "|" not in text or not one_line(role) or not one_line(company) or "|" in role + company:
        return None
    rest = text.split("|", 1)[1]
    m = re.match(r"\s*" + r"\s+".join(map(re.escape, company.split())) + r"(?![\w])", rest, re.I)
    if m is None:
        return None
    new = f"{role} | {company}{rest[m.end():]}"
    return replace(Span(line, at + 1, line, at + 1 + len(text)), new, f"Retitle as '{role} | {company}…'")

