"""SL2xx: front-matter values against each other (ranges, regions, currencies, slugs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..model import ERROR, UNSAFE, WARNING, Edit, Finding, Fix
from ..money import fmt
from ..registry import rule
from ._common import COMP, entries, has_latin_letters, norm, num, scalar_fix, slugify, text_at

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options

RANGES = ("base", "stock", "total_comp")


@rule("SL201", "inverted-range", ERROR, "A low value is greater than its high value.", fix="unsafe")
def inverted_range(doc: Document, opts: Options) -> Iterator[Finding]:
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

    ## Fix (unsafe)
    The two values are swapped. Unsafe: one of them may be a typo rather than
    both being in the wrong place.
    """
    for e in entries(doc):
        for x in RANGES:
            low, high = num(doc, e.index, f"{x}_low"), num(doc, e.index, f"{x}_high")
            if low is not None and high is not None and low > high:
                lo_span, hi_span = doc.span((COMP, e.index, f"{x}_low")), doc.span((COMP, e.index, f"{x}_high"))
                lo_raw, hi_raw = text_at(doc, lo_span), text_at(doc, hi_span)
                fix = None
                a, b = sorted((lo_span, hi_span))
                if lo_raw and hi_raw and (a.end_line, a.end_column) <= (b.line, b.column):
                    new = {lo_span: hi_raw, hi_span: lo_raw}
                    fix = Fix(f"Swap {x}_low and {x}_high", (Edit(*a, new[a]), Edit(*b, new[b])), UNSAFE)
                yield Finding(lo_span, f"{x}_low {fmt(low)} is greater than {x}_high {fmt(high)}", fix=fix)


@rule("SL202", "duplicate-region", ERROR, "A region is listed twice in the compensation list.")
def duplicate_region(doc: Document, opts: Options) -> Iterator[Finding]:
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

    ## Fix
    None: which of the two entries to keep (they may differ) is a judgement.
    """
    seen: dict[str, int] = {}
    for e in entries(doc):
        if e.region is None:
            continue
        span = doc.span((COMP, e.index, "region"))
        key = norm(e.region)
        if key in seen:
            yield Finding(span, f"region '{e.region}' is already listed on line {seen[key]}")
        else:
            seen[key] = span.line


@rule("SL203", "currency-region-mismatch", ERROR, "An entry's currency is not its region's currency.")
def currency_region_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
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
            yield Finding(doc.span((COMP, e.index, "currency")),
                          f"currency {cur} does not match region '{e.region}', which uses {want}")


@rule("SL204", "slug-mismatch", WARNING, "company/role is not the slug of company_display/role_display.", fix="unsafe")
def slug_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
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

    ## Fix (unsafe)
    The slug is rewritten as slugify(display name), its quotes kept. Unsafe: the
    display name may be the one that drifted, and links to the old slug break.
    """
    for slug_key, display_key in (("company", "company_display"), ("role", "role_display")):
        slug, display = doc.value((slug_key,), str), doc.value((display_key,), str)
        if slug is None or display is None or not has_latin_letters(display):
            continue
        want = slugify(display)
        if slug != want:
            yield Finding(doc.span((slug_key,)),
                          f"{slug_key} '{slug}' is not the slug of {display_key} '{display}' (expected '{want}')",
                          fix=scalar_fix(doc, doc.span((slug_key,)), want, f"Set {slug_key} to '{want}'", UNSAFE))
