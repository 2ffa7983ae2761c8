"""SL2xx and SL3xx: the front matter against itself."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..model import ERROR, WARNING, Finding
from ..money import fmt
from ..registry import rule
from ._common import COMP, comp_table, entries, has_latin_letters, norm, num, slugify, vesting_years

RANGES = ("base", "stock", "total_comp")


@rule("SL201", "inverted-range", ERROR, "A low value is greater than its high value.")
def inverted_range(doc, opts):
    """
    ## What it does
    For each compensation entry, checks `base_low ≤ base_high`,
    `stock_low ≤ stock_high` and `total_comp_low ≤ total_comp_high`, and
    points at the low value.

    ## Why is this bad?
    A swapped range is almost always a typing error, and every figure derived
    from it (totals, the table) is wrong too.

    ## Example
    FAIL:
    ```
    base_low: 300000
    base_high: 240000
    ```
    PASS:
    ```
    base_low: 240000
    base_high: 300000
    ```
    """
    for e in entries(doc):
        for x in RANGES:
            low, high = num(doc, e.index, f"{x}_low"), num(doc, e.index, f"{x}_high")
            if low is not None and high is not None and low > high:
                yield Finding(doc.front_matter.span((COMP, e.index, f"{x}_low")),
                              f"{x}_low {fmt(low)} is greater than {x}_high {fmt(high)}")


@rule("SL202", "duplicate-region", ERROR, "A region is listed twice in the compensation list.")
def duplicate_region(doc, opts):
    """
    ## What it does
    Reports a compensation entry whose region (trimmed, case-insensitive)
    was already listed, at the second one.

    ## Why is this bad?
    Readers and tools cannot tell which of the two ranges is current.

    ## Example
    FAIL:
    ```
    - region: London
    - region: london
    ```
    PASS:
    ```
    - region: London
    - region: Dublin
    ```
    """
    seen: dict[str, int] = {}
    for e in entries(doc):
        if e.region is None:
            continue
        span = doc.front_matter.span((COMP, e.index, "region"))
        key = norm(e.region)
        if key in seen:
            yield Finding(span, f"region '{e.region}' is already listed on line {seen[key]}")
        else:
            seen[key] = span.line


@rule("SL203", "currency-region-mismatch", ERROR, "An entry's currency is not its region's currency.")
def currency_region_mismatch(doc, opts):
    """
    ## What it does
    Compares each entry's `currency` with the currency of its region, from
    the region map (London → GBP, Zurich → CHF, …; extendable in
    configuration). Regions not in the map are not checked.

    ## Why is this bad?
    A London range in USD is either mislabelled or converted, and readers
    compare it with the wrong numbers.

    ## Example
    FAIL:
    ```
    - region: London
      currency: USD
    ```
    PASS:
    ```
    - region: London
      currency: GBP
    ```
    """
    for e in entries(doc):
        cur = doc.value((COMP, e.index, "currency"), str)
        if e.region is None or cur is None:
            continue
        want = opts.currency_for(e.region)
        if want is not None and cur.upper() != want:
            yield Finding(doc.front_matter.span((COMP, e.index, "currency")),
                          f"currency {cur} does not match region '{e.region}', which uses {want}")


@rule("SL204", "slug-mismatch", WARNING, "company/role is not the slug of company_display/role_display.")
def slug_mismatch(doc, opts):
    """
    ## What it does
    Checks that `company` equals slugify(`company_display`) and `role` equals
    slugify(`role_display`). slugify turns `&` into `and` and `ß` into `ss`
    (likewise `æ` → `ae`, `ø` → `o`, `ł` → `l`, `œ` → `oe`), applies Unicode
    NFKD and drops combining marks (`Müller & Söhne` → `muller-and-sohne`),
    lowercases, turns each run of characters other than `a-z0-9` into `-`,
    and trims dashes. A display name without any Latin letter (a name written
    in Japanese) has no slug to compare: the rule does not apply.

    ## Why is this bad?
    Slugs name files and URLs; a slug that drifted from the display name
    makes duplicate guides for one company or role.

    ## Example
    FAIL:
    ```
    company: weights-biases
    company_display: "Weights & Biases"
    ```
    PASS:
    ```
    company: weights-and-biases
    company_display: "Weights & Biases"
    ```
    """
    for slug_key, display_key in (("company", "company_display"), ("role", "role_display")):
        slug, display = doc.value((slug_key,), str), doc.value((display_key,), str)
        if slug is None or display is None or not has_latin_letters(display):
            continue
        want = slugify(display)
        if slug != want:
            yield Finding(doc.front_matter.span((slug_key,)),
                          f"{slug_key} '{slug}' is not the slug of {display_key} '{display}' (expected '{want}')")


@rule("SL301", "total-comp-mismatch", ERROR, "A total comp is not base + stock / vesting years + bonus.")
def total_comp_mismatch(doc, opts):
    """
    ## What it does
    For each entry and each of low and high, computes
    `expected = base + stock / vesting_years + base × bonus_pct / 100` and
    reports `total_comp_low` / `total_comp_high` when it differs from expected
    by more than the tolerance (default 2 % of expected). `vesting_years`
    comes from the compensation table's stock header ("Stock (RSU/3yr)"),
    else the `vesting-years` option (default 4).

    ## Why is this bad?
    Total comp is what candidates quote in a negotiation; a total that does
    not follow from its parts overstates or understates the offer.

    ## Example
    FAIL (240,000 + 300,000/4 + 24,000 = 339,000):
    ```
    base_low: 240000
    stock_low: 300000
    bonus_pct: 10
    total_comp_low: 365000
    ```
    PASS:
    ```
    total_comp_low: 339000
    ```
    """
    years = vesting_years(comp_table(doc), opts.vesting_years)
    # exact rational arithmetic: "more than the tolerance" must be exact (stock / 3 is not
    # a finite decimal, and rounding it made an exactly-2 % total look like 2.0000001 %)
    tol = Fraction(str(opts.total_comp_tolerance))
    for e in entries(doc):
        bonus = num(doc, e.index, "bonus_pct")
        if bonus is None:
            continue
        for b in ("low", "high"):
            base, stock, total = (num(doc, e.index, f"{x}_{b}") for x in ("base", "stock", "total_comp"))
            if base is None or stock is None or total is None:
                continue
            base_q, stock_q, bonus_q = Fraction(str(base)), Fraction(str(stock)), Fraction(str(bonus))
            vest, bon = stock_q / years, base_q * bonus_q / 100
            expected = base_q + vest + bon
            diff = abs(Fraction(str(total)) - expected)
            if diff > tol * expected:
                off = _percent_beyond(diff / expected * 100, tol * 100) if expected else "∞"
                yield Finding(
                    doc.front_matter.span((COMP, e.index, f"total_comp_{b}")),
                    f"total_comp_{b} is {fmt(total)} but base_{b} + stock_{b}/{years} + base_{b} × bonus_pct/100 = "
                    f"{fmt(_dec(base_q))} + {fmt(_dec(vest))} + {fmt(_dec(bon))} = {fmt(_dec(expected))} "
                    f"(off by {off}; tolerance {_dec(tol * 100).normalize():f}%)",
                )


def _dec(q: Fraction) -> Decimal:
    """A rational as a decimal rounded to cents (for messages only)."""
    return (Decimal(q.numerator) / Decimal(q.denominator)).quantize(Decimal("0.01"))


def _percent_beyond(pct: Fraction, limit: Fraction) -> str:
    """``pct`` with as many decimals (1 to 4) as it takes to show it is over ``limit``."""
    for places in range(1, 5):
        shown = (Decimal(pct.numerator) / Decimal(pct.denominator)).quantize(Decimal(1).scaleb(-places))
        if Fraction(str(shown)) > limit:
            return f"{shown}%"
    return f"{shown}%"