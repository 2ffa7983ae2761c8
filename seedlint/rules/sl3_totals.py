"""SL3xx: derived figures: totals against the formula."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..model import ERROR, UNSAFE, Finding, Fix
from ..money import fmt
from ..registry import rule
from ._common import COMP, comp_table, entries, numbers, replace, text_at, vesting_years

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options

@rule("SL301", "total-comp-mismatch", ERROR, "A total comp is not base + stock / vesting years + bonus.", fix="unsafe")
def total_comp_mismatch(doc: Document, opts: Options) -> Iterator[Finding]:
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

    ## Fix (unsafe)
    The total is recomputed by the formula (rounded to a whole unit):
    `total_comp_low: 365000` → `total_comp_low: 339000`. Unsafe: the total may be
    the right figure and a part the wrong one. The table's total cell then differs
    from the front matter, and SL503's safe fix rewrites it in the next pass.
    """
    years = vesting_years(comp_table(doc), opts.vesting_years)
    # exact rational arithmetic: "more than the tolerance" must be exact (stock / 3 is not
    # a finite decimal, and rounding it made an exactly-2 % total look like 2.0000001 %)
    tol = _fraction(opts.total_comp_tolerance)
    p, q = tol.numerator, tol.denominator
    for e in entries(doc):
        nums = numbers(doc, e.index)
        bonus = nums.get("bonus_pct")
        if bonus is None:
            continue
        for b, names in _ENDS:
            base, stock, total = nums.get(names[0]), nums.get(names[1]), nums.get(names[2])
            if base is None or stock is None or total is None:
                continue
            if type(base) is int and type(stock) is int and type(total) is int and type(bonus) is int and years > 0:
                # the same test in integers (both sides × 100 × years): no Fraction
                # arithmetic for the totals that are right, which are nearly all of them
                scaled = 100 * years * base + 100 * stock + years * base * bonus
                if abs(100 * years * total - scaled) * q <= p * scaled:
                    continue
            base_q, stock_q, bonus_q = Fraction(str(base)), Fraction(str(stock)), Fraction(str(bonus))
            vest, bon = stock_q / years, base_q * bonus_q / 100
            expected = base_q + vest + bon
            diff = abs(Fraction(str(total)) - expected)
            if diff > tol * expected:
                off = _percent_beyond(diff / expected * 100, tol * 100) if expected else "∞"
                yield Finding(
                    doc.span((COMP, e.index, f"total_comp_{b}")),
                    f"total_comp_{b} is {fmt(total)} but base_{b} + stock_{b}/{years} + base_{b} × bonus_pct/100 = "
                    f"{fmt(_dec(base_q))} + {fmt(_dec(vest))} + {fmt(_dec(bon))} = {fmt(_dec(expected))} "
                    f"(off by {off}; tolerance {_dec(tol * 100).normalize():f}%)",
                    fix=_total_fix(doc, e.index, b, expected, tol),
                )


_ENDS = tuple((b, tuple(f"{x}_{b}" for x in ("base", "stock", "total_comp"))) for b in ("low", "high"))


@lru_cache(maxsize=16)
def _fraction(value: float) -> Fraction:
    """The tolerance as an exact fraction of what is written (made once, not per guide)."""
    return Fraction(str(value))


def _total_fix(doc: Document, index: int, end: str, expected: Fraction, tol: Fraction) -> Fix | None:
    span = doc.span((COMP, index, f"total_comp_{end}"))
    raw = text_at(doc, span)
    if raw is None or not re.fullmatch(r"[-+]?[\d_]+(?:\.\d*)?", raw):
        return None  # written as something other than a plain number
    value = math.floor(expected + Fraction(1, 2))  # totals are whole units (the schema says integer)
    if abs(value - expected) > tol * expected:
        return None  # no whole number is within the tolerance (a total of a few units)
    return replace(span, str(value), f"Set total_comp_{end} to {fmt(value)}", UNSAFE)


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