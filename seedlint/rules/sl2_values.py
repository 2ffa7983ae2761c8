"""SL2xx: front-matter values against each other (ranges, regions, currencies, slugs)."""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING, Iterator

from ..model import ERROR, UNSAFE, WARNING, Edit, Finding, Fix, Related
from ..money import fmt
from ..registry import rule
from ._common import COMP, entries, has_latin_letters, norm, num, numbers, scalar_fix, slugify, text_at

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options

RANGES = ("base", "stock", "total_comp")
_RANGE_NAMES = tuple((x, f"{x}_low", f"{x}_high") for x in RANGES)  # the front-matter names of each range


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
        nums = numbers(doc, e.index)
        for x, low_name, high_name in _RANGE_NAMES:
            low, high = nums.get(low_name), nums.get(high_name)
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
        if slug is None or display is None:
            continue
        want = slugify(display)
        if slug != want and has_latin_letters(display, want):
            yield Finding(doc.span((slug_key,)),
                          f"{slug_key} '{slug}' is not the slug of {display_key} '{display}' (expected '{want}')",
                          fix=scalar_fix(doc, doc.span((slug_key,)), want, f"Set {slug_key} to '{want}'", UNSAFE))


SCALE_FIELDS = ("base_low", "base_high", "total_comp_low", "total_comp_high")
_SIBLING = {"base_low": "base_high", "base_high": "base_low", "total_comp_low": "total_comp_high",
            "total_comp_high": "total_comp_low"}


@rule("SL206", "region-scale-mismatch", WARNING,
      "One field differs between two regions of the same currency by more than the scale factor.")
def region_scale_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Within one guide, compares each of `base_low`, `base_high`, `total_comp_low`
    and `total_comp_high` across the entries that share a currency. When the
    largest value is more than `region-scale-factor` (default 5) times the
    smallest, one entry carries a dropped or an extra zero; the finding points at
    the value that is off: with three or more entries, the one farthest (on a log
    scale) from the others' median; with two, the one whose value disagrees with
    its own range's other end (`base_low` against `base_high`), the later one on a
    tie. Stock is not compared: a guide may grant equity in one office and little
    in another.

    Measured (`python benchmarks/bench_outliers.py`): no guide flagged among
    10,000 generated clean guides of either shape (goal ≤ 0.1 %); of the planted
    slips (a base or total ×10 or ÷10) in guides with another region of that
    currency, 190 of 190 found on the plain shape and 401 of 402 on the
    perturbed one (99.8 %). The reference guide and `seeds/` have no finding.

    ## Why is this bad?
    Regions of one currency differ by tens of percent, not by ten times; the
    row is a typing slip that every figure derived from it repeats.

    ## Example
    FAIL:
    ```
    - region: San Francisco
      base_low: 240000
    - region: New York
      base_low: 23500
    ```
    PASS: `base_low: 235000` in New York.

    ## Fix
    None: whether the zero was dropped here or added there is a judgement.
    """
    by_currency: dict[str, list[int]] = {}
    for e in entries(doc):
        cur = doc.value((COMP, e.index, "currency"), str)
        if cur is not None:
            by_currency.setdefault(cur.strip().upper(), []).append(e.index)
    for cur, idxs in by_currency.items():
        if len(idxs) < 2:
            continue
        for field in SCALE_FIELDS:
            vals = [(i, v) for i in idxs if (v := num(doc, i, field)) is not None and 0 < v < math.inf]
            if len(vals) < 2:
                continue
            low, high = min(v for _, v in vals), max(v for _, v in vals)
            if high <= low * opts.scale_factor:
                continue
            logs = {i: math.log10(v) for i, v in vals}
            if len(vals) >= 3:
                def off(i: int) -> float:
                    return abs(logs[i] - statistics.median(x for j, x in logs.items() if j != i))
            else:
                def off(i: int) -> float:
                    sib = num(doc, i, _SIBLING[field])
                    return abs(logs[i] - math.log10(sib)) if sib is not None and 0 < sib < math.inf else 0.0
            worst = max(logs, key=lambda i: (off(i), [j for j, _ in vals].index(i)))
            value = dict(vals)[worst]
            others = [(i, v) for i, v in vals if i != worst]
            ref_i, ref_v = max(others, key=lambda t: abs(math.log10(t[1]) - logs[worst]))  # the widest gap
            ratio = max(value, ref_v) / min(value, ref_v)
            region = doc.value((COMP, worst, "region"), str) or f"entry {worst + 1}"
            other_region = doc.value((COMP, ref_i, "region"), str) or f"entry {ref_i + 1}"
            where = doc.span((COMP, ref_i, field))
            yield Finding(doc.span((COMP, worst, field)),
                          f"{field} {fmt(value)} in {region} is {ratio:.1f}× {'below' if value < ref_v else 'above'} "
                          f"{fmt(ref_v)} in {other_region} (line {where.line}), both in {cur}; "
                          f"a dropped or extra zero? (region-scale-factor {opts.scale_factor:g})",
                          (Related(doc.path, where.line, where.column, f"{field} in {other_region}"),))
