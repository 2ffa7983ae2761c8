"""Reading money and percentage cells: ``$240K–$300K``, ``CHF 180K``, ``10–15%``.

Pure functions of a string; the rules decide what a mismatch is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

SYMBOL_CURRENCY = {
    "$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "C$": "CAD", "CA$": "CAD", "A$": "AUD", "S$": "SGD", "CHF": "CHF",
}
MULTIPLIERS = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
# No real amount or percentage has more digits than this; longer numbers are not read
# (Python refuses to convert integers of more than 4,300 digits at all).
MAX_DIGITS = 15
_DIGIT_RUN = re.compile(r"\d[\d,._]*")


def too_long(text: str) -> int:
    """The digit count of the longest number in ``text`` if it is over MAX_DIGITS, else 0."""
    longest = max((sum(c.isdigit() for c in m.group(0)) for m in _DIGIT_RUN.finditer(text)), default=0)
    return longest if longest > MAX_DIGITS else 0

_AMOUNT = (
    r"(?P<sym{n}>(?:[A-Z]{{1,3}})?[$£€¥₹]|[A-Z]{{3}}(?=\s?[\d.]))?\s?"
    r"(?P<num{n}>\d[\d,]*(?:\.\d+)?|\.\d+)\s?(?P<mult{n}>[KkMmBb](?![A-Za-z]))?"
)
_SEP = r"\s*(?:[-–—]|\bto\b)\s*"
_MONEY = re.compile(r"^\s*" + _AMOUNT.format(n=1) + r"(?:" + _SEP + _AMOUNT.format(n=2) + r")?\s*$")
_PERCENT = re.compile(r"^\s*(?P<lo>\d+(?:\.\d+)?)\s*%?(?:" + _SEP + r"(?P<hi>\d+(?:\.\d+)?)\s*%?)?\s*$")


class Amount(NamedTuple):
    """A parsed range (low = high for a single value) and the currency symbols written."""

    low: Decimal
    high: Decimal
    symbols: tuple[str, ...]


def _number(num: str, mult: str | None) -> Decimal:
    digits = num.replace(",", "")
    return Decimal(digits) * MULTIPLIERS[(mult or "").upper()]


@lru_cache(maxsize=4096)  # three rules read each cell; corpora repeat cells
def parse_money(text: str) -> Amount | None:
    """Parse a money cell, or None when it cannot be read."""
    if too_long(text):
        return None
    m = _MONEY.match(text)
    if not m:
        return None
    try:
        low = _number(m["num1"], m["mult1"])
        high = _number(m["num2"], m["mult2"]) if m["num2"] else low
    except (InvalidOperation, KeyError):
        return None
    symbols = tuple(s for s in (m["sym1"], m["sym2"]) if s)
    return Amount(low, high, symbols)


@lru_cache(maxsize=1024)
def parse_percent(text: str) -> tuple[Decimal, Decimal] | None:
    """Parse a percentage cell (``10%``, ``10–15%``), or None."""
    if too_long(text):
        return None
    m = _PERCENT.match(text)
    if not m:
        return None
    low = Decimal(m["lo"])
    return low, Decimal(m["hi"]) if m["hi"] else low


def symbol_currency(symbol: str) -> str | None:
    """ISO code a written symbol stands for; an ISO code stands for itself."""
    if symbol in SYMBOL_CURRENCY:
        return SYMBOL_CURRENCY[symbol]
    if len(symbol) == 3 and symbol.isalpha() and symbol.isupper():
        return symbol
    return None


def fmt(value: int | float | Decimal) -> str:
    """``240000`` → ``240,000``; keeps decimals only when there are any."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d:,.2f}"
