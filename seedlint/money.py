"""Reading money and percentage cells: ``$240K–$300K``, ``CHF 180K``, ``10–15%``.

Pure functions of a string; the rules decide what a mismatch is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

# Written symbols and the ISO 4217 currencies they stand for. A symbol several currencies
# use (¥: yen and yuan; kr: the Nordic crowns) stands for each of them; a bare "$" is
# read as US dollars (write C$, A$, HK$ … for the others). An ISO code stands for itself.
SYMBOL_CURRENCIES: dict[str, tuple[str, ...]] = {
    "$": ("USD",), "US$": ("USD",), "£": ("GBP",), "€": ("EUR",), "¥": ("JPY", "CNY"), "₹": ("INR",),
    "C$": ("CAD",), "CA$": ("CAD",), "A$": ("AUD",), "AU$": ("AUD",), "S$": ("SGD",), "CHF": ("CHF",),
    "HK$": ("HKD",), "NZ$": ("NZD",), "MX$": ("MXN",), "NT$": ("TWD",), "R$": ("BRL",), "CN¥": ("CNY",),
    "JP¥": ("JPY",), "₪": ("ILS",), "₩": ("KRW",), "₽": ("RUB",), "₺": ("TRY",), "₱": ("PHP",),
    "₫": ("VND",), "฿": ("THB",), "₦": ("NGN",), "₴": ("UAH",), "₸": ("KZT",), "₡": ("CRC",),
    "₲": ("PYG",), "₵": ("GHS",), "₭": ("LAK",), "₮": ("MNT",), "₼": ("AZN",), "₾": ("GEL",),
    "zł": ("PLN",), "Kč": ("CZK",), "Ft": ("HUF",), "Rp": ("IDR",), "RM": ("MYR",), "R": ("ZAR",),
    "kr": ("SEK", "NOK", "DKK", "ISK"), "Fr.": ("CHF",), "lei": ("RON",), "AED": ("AED",),
}
SYMBOL_CURRENCY = {k: v[0] for k, v in SYMBOL_CURRENCIES.items() if len(v) == 1}
_SIGNS = "$£€¥₹₪₩₽₺₱₫฿₦₴₸₡₲₵₭₮₼₾"
# letter symbols (kr, zł, R, RM …); three capitals are read as an ISO code anyway
_WORDS = "|".join(sorted((re.escape(k) for k in SYMBOL_CURRENCIES
                          if not any(c in _SIGNS for c in k) and not (len(k) == 3 and k.isalpha() and k.isupper())),
                         key=len, reverse=True))
MULTIPLIERS = {"": 1, "K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
# No real amount or percentage has more digits than this; longer numbers are not read
# (Python refuses to convert integers of more than 4,300 digits at all).
MAX_DIGITS = 15
_DIGIT_RUN = re.compile(r"\d[\d,._]*")


def too_long(text: str) -> int:
    """The digit count of the longest number in ``text`` if it is over MAX_DIGITS, else 0."""
    runs = [r for r in _DIGIT_RUN.findall(text) if len(r) > MAX_DIGITS]  # a shorter run has fewer digits
    longest = max((sum(c.isdigit() for c in r) for r in runs), default=0)
    return longest if longest > MAX_DIGITS else 0

_AMOUNT = (
    r"(?P<sym{n}>(?:[A-Z]{{1,3}})?[" + _SIGNS + r"]|[A-Z]{{3}}(?=\s?[\d.])|(?:" + _WORDS + r")(?=\s?[\d.]))?\s?"
    r"(?P<num{n}>\d[\d,]*(?:\.\d+)?|\.\d+)\s?(?P<mult{n}>[KkMmBb](?![A-Za-z]))?"
    r"(?:\s?(?P<suf{n}>[" + _SIGNS + r"]|" + _WORDS + r")(?![A-Za-z]))?"
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
    value = Decimal(num.replace(",", "") if "," in num else num)
    return value * MULTIPLIERS[mult.upper()] if mult else value


def _digits(num: str | None) -> int:
    return 0 if num is None else len(num) - num.count(",") - num.count(".")


# The common cell, a range written with one symbol on both ends, a multiplier in capitals
# or none, and a dash or "to" between (``S$207K–S$259K``, ``$240K - $300K``, ``CHF 180,000
# to CHF 220,000``): _MONEY reads it as these groups (sym, num, mult on each side; no
# suffix), which a test checks on random cells.
_SIMPLE = re.compile(
    r"((?:[A-Z]{1,3})?[" + _SIGNS + r"]|[A-Z]{3}(?=\s?[\d.]))\s?(\d[\d,]*(?:\.\d+)?)([KMB]?)"
    r"(?:\s*[-–—]\s*|\s+to\s+)\1\s?(\d[\d,]*(?:\.\d+)?)([KMB]?)"
)
_GROUPS = ("sym1", "num1", "mult1", "suf1", "sym2", "num2", "mult2", "suf2")
assert tuple(sorted(_MONEY.groupindex, key=_MONEY.groupindex.__getitem__)) == _GROUPS and _MONEY.groups == 8
_tuple_new = tuple.__new__


# Cells longer than this are parsed each time they are asked about, not remembered: the
# memos hold at most their size × their entries, whatever a repository writes.
REMEMBERED_LENGTH = 200


def parse_money(text: str) -> Amount | None:
    """Parse a money cell, or None when it cannot be read (remembered when short: three
    rules read each cell, and corpora repeat cells)."""
    return _money_seen(text) if len(text) <= REMEMBERED_LENGTH else _parse_money(text)


def _parse_money(text: str) -> Amount | None:
    s = _SIMPLE.fullmatch(text)
    if s is not None:  # "$240K–$300K": what _MONEY reads of it, for a third of its cost
        sym1, num1, mult1, num2, mult2 = s.groups()
        if len(num1) <= MAX_DIGITS and len(num2) <= MAX_DIGITS:  # then neither has too many digits
            return _tuple_new(Amount, (_number(num1, mult1), _number(num2, mult2), (sym1, sym1)))
        sym2, suf1, suf2 = sym1, None, None
    else:
        m = _MONEY.match(text)
        if m is None:
            return None
        sym1, num1, mult1, suf1, sym2, num2, mult2, suf2 = m.groups()  # in the order of _GROUPS
    # every digit of a cell the pattern reads is in num1 or num2 (symbols, multipliers and
    # the separator have none): the same test as too_long(text), on the two numbers (a
    # number no longer than the limit has no more digits than it)
    if (len(num1) > MAX_DIGITS or (num2 is not None and len(num2) > MAX_DIGITS)) and max(_digits(num1), _digits(num2)) > MAX_DIGITS:
        return None
    try:
        low = _number(num1, mult1)
        high = _number(num2, mult2) if num2 else low
    except (InvalidOperation, KeyError):
        return None
    symbols = tuple(filter(None, (sym1, suf1, sym2, suf2))) if (sym1 or suf1 or sym2 or suf2) else ()
    return _tuple_new(Amount, (low, high, symbols))  # Amount(...) without its Python-level __new__


_money_seen = lru_cache(maxsize=4096)(_parse_money)


def parse_percent(text: str) -> tuple[Decimal, Decimal] | None:
    """Parse a percentage cell (``10%``, ``10–15%``), or None (remembered when short)."""
    return _percent_seen(text) if len(text) <= REMEMBERED_LENGTH else _parse_percent(text)


def _parse_percent(text: str) -> tuple[Decimal, Decimal] | None:
    if too_long(text):
        return None
    m = _PERCENT.match(text)
    if not m:
        return None
    low = Decimal(m["lo"])
    return low, Decimal(m["hi"]) if m["hi"] else low


_percent_seen = lru_cache(maxsize=1024)(_parse_percent)


def symbol_currencies(symbol: str) -> tuple[str, ...] | None:
    """The ISO codes a written symbol may stand for (an ISO code stands for itself), or
    None for a symbol seedlint does not know (then it checks nothing)."""
    if symbol in SYMBOL_CURRENCIES:
        return SYMBOL_CURRENCIES[symbol]
    if len(symbol) == 3 and symbol.isalpha() and symbol.isupper():
        return (symbol,)
    return None


def symbol_currency(symbol: str) -> str | None:
    """The currency a symbol stands for, as a reader would name it ("SEK, NOK, DKK or ISK")."""
    codes = symbol_currencies(symbol)
    if codes is None:
        return None
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + " or " + codes[-1]


def fmt(value: int | float | Decimal) -> str:
    """``240000`` → ``240,000``; keeps decimals only when there are any."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d:,.2f}"


# ------------------------------------------------------------------ writing cells (fixes)


def currency_symbol(currency: str) -> str:
    """The symbol a fix writes for ``currency``: the shortest known symbol that stands for
    it (``$`` for USD, ``C$`` for CAD, ``kr`` for SEK), else the ISO code itself."""
    cur = currency.upper()
    best = [s for s, codes in SYMBOL_CURRENCIES.items() if cur in codes and s != cur]
    return min(best, key=len) if best else cur


class _Style(NamedTuple):
    """How one amount of a cell is written: symbol before/after and the gaps, the
    multiplier letter (its case kept), thousands separators and decimals."""

    sym: str
    sym_gap: str
    mult: str
    mult_gap: str
    suf: str
    suf_gap: str
    commas: bool
    places: int


def _style(m: re.Match[str], n: int) -> _Style:
    def gap(a: str, b: str) -> str:
        return m.string[m.end(a):m.start(b)] if m[a] and m[b] else ""

    num = m[f"num{n}"]
    places = len(num.split(".", 1)[1]) if "." in num else 0
    mult = m[f"mult{n}"] or ""
    last_num = f"mult{n}" if mult else f"num{n}"
    return _Style(m[f"sym{n}"] or "", gap(f"sym{n}", f"num{n}"), mult, gap(f"num{n}", f"mult{n}"),
                  m[f"suf{n}"] or "", gap(last_num, f"suf{n}"), "," in num, places)


def _swap_symbol(sym: str, currency: str | None, prefix: bool) -> str:
    if not sym or currency is None:
        return sym
    codes = symbol_currencies(sym)
    if codes is None or currency.upper() in codes:
        return sym
    if len(sym) == 3 and sym.isalpha() and sym.isupper():
        return currency.upper()  # an ISO code is replaced by an ISO code
    return currency_symbol(currency)


def _write(value: Decimal, st: _Style, currency: str | None) -> str | None:
    scaled = value / MULTIPLIERS[st.mult.upper()]
    if scaled != scaled.to_integral_value() and st.places == 0 and not st.mult:
        return None  # a whole-unit cell cannot show cents it never showed
    if st.places and not st.mult:  # cents as the cell wrote them ($240,000.00)
        scaled = scaled.quantize(Decimal(1).scaleb(-st.places))
    else:  # $265.3K → $260K: as few decimals as the value needs
        scaled = scaled.normalize()
    number = f"{scaled:,f}" if st.commas else f"{scaled:f}"
    sym = _swap_symbol(st.sym, currency, True)
    suf = _swap_symbol(st.suf, currency, False)
    sym_gap = st.sym_gap or (" " if sym and sym[-1].isalpha() else "")
    suf_gap = st.suf_gap or (" " if suf and suf[0].isalpha() else "")
    return f"{sym}{sym_gap if sym else ''}{number}{st.mult_gap if st.mult else ''}{st.mult}{suf_gap if suf else ''}{suf}"


def render_money(text: str, low: int | float | Decimal, high: int | float | Decimal,
                 currency: str | None = None) -> str | None:
    """``text`` rewritten to say ``low``–``high`` in its own style: ``$240K–$310K`` →
    ``$240K–$300K``, ``£182,000`` → ``£185,000``, the separator kept; with ``currency``,
    a symbol that does not stand for it becomes one that does. None when the cell cannot
    be read, or the new text would not read back as exactly these values."""
    m = _MONEY.match(text) if not too_long(text) else None
    if m is None:
        return None
    lo, hi = Decimal(str(low)), Decimal(str(high))
    first = _style(m, 1)
    second = _style(m, 2) if m["num2"] else first
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    a = _write(lo, first, currency)
    if a is None:
        return None
    if lo == hi:
        out = a
    else:
        b = _write(hi, second, currency)
        if b is None:
            return None
        if m["num2"]:
            end1 = max(m.end(g) for g in ("sym1", "num1", "mult1", "suf1") if m[g])
            start2 = min(m.start(g) for g in ("sym2", "num2") if m[g])
            sep = text[end1:start2]
        else:
            sep = "–"
        out = f"{a}{sep}{b}"
    out = lead + out + trail
    back = parse_money(out)
    if back is None or (back.low, back.high) != (lo, hi):
        return None
    if currency is not None and any((c := symbol_currencies(s)) is not None and currency.upper() not in c for s in back.symbols):
        return None
    return out


def render_percent(text: str, value: int | float | Decimal) -> str | None:
    """A bonus cell rewritten to say ``value`` (``10–15%`` → ``10%``), the ``%`` kept or
    left out as the cell had it. None when the result would not read back as ``value``."""
    d = Decimal(str(value)).normalize()
    out = f"{d:f}" + ("%" if "%" in text else "")
    back = parse_percent(out)
    return out if back is not None and back == (d, d) else None
