"""The definitions the data rules rest on, pinned one by one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seedlint.document import parse
from seedlint.money import parse_money, parse_percent, symbol_currencies, symbol_currency
from seedlint.options import Options
from seedlint.rules._common import comp_table, section, slugify, vesting_years

from conftest import FIXTURES


@pytest.mark.parametrize("cell,low,high,symbols", [
    ("$240K–$300K", 240_000, 300_000, ("$", "$")),
    ("£182K–£228K", 182_000, 228_000, ("£", "£")),
    ("$240,000–$300,000", 240_000, 300_000, ("$", "$")),
    ("€95K - €120K", 95_000, 120_000, ("€", "€")),
    ("¥18M–¥24M", 18_000_000, 24_000_000, ("¥", "¥")),
    ("CHF 180K–CHF 220K", 180_000, 220_000, ("CHF", "CHF")),
    ("A$210K–A$260K", 210_000, 260_000, ("A$", "A$")),
    ("$1.2M", 1_200_000, 1_200_000, ("$",)),
    ("$240K — $300K", 240_000, 300_000, ("$", "$")),
    ("$240K to $300K", 240_000, 300_000, ("$", "$")),
    ("USD 240K", 240_000, 240_000, ("USD",)),
    ("US$240K-300K", 240_000, 300_000, ("US$",)),
    ("C$190K–CA$235K", 190_000, 235_000, ("C$", "CA$")),
    ("240K–300K", 240_000, 300_000, ()),
    ("₹5,500,000", 5_500_000, 5_500_000, ("₹",)),
])
def test_money_cells(cell, low, high, symbols):
    amount = parse_money(cell)
    assert (amount.low, amount.high, amount.symbols) == (Decimal(low), Decimal(high), symbols)


@pytest.mark.parametrize("cell", ["about £200K", "", "N/A", "$", "£200K+", "$240K–", "240 thousand", "$240KK"])
def test_unreadable_money_cells(cell):
    assert parse_money(cell) is None


@pytest.mark.parametrize("cell,expected", [("10%", (10, 10)), ("10–15%", (10, 15)), ("10 - 15 %", (10, 15)),
                                           ("12.5%", (12.5, 12.5)), ("10% to 15%", (10, 15))])
def test_percent_cells(cell, expected):
    assert parse_percent(cell) == tuple(Decimal(str(x)) for x in expected)


def test_symbols():
    assert {s: symbol_currency(s) for s in ("$", "US$", "£", "€", "₹", "C$", "CA$", "A$", "S$", "CHF", "SEK")} == {
        "$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "C$": "CAD", "CA$": "CAD",
        "A$": "AUD", "S$": "SGD", "CHF": "CHF", "SEK": "SEK"}
    assert {s: symbol_currency(s) for s in ("₪", "₩", "HK$", "R$", "zł", "Kč", "R", "CN¥")} == {
        "₪": "ILS", "₩": "KRW", "HK$": "HKD", "R$": "BRL", "zł": "PLN", "Kč": "CZK", "R": "ZAR", "CN¥": "CNY"}
    # a symbol several currencies use stands for each of them
    assert symbol_currencies("¥") == ("JPY", "CNY") and symbol_currency("kr") == "SEK, NOK, DKK or ISK"
    assert symbol_currency("Q$") is None  # unknown symbols are not checked


@pytest.mark.parametrize("cell,low,high,symbols", [
    ("₪120K–₪150K", 120_000, 150_000, ("₪", "₪")), ("kr 500K–kr 600K", 500_000, 600_000, ("kr", "kr")),
    ("250,000 zł", 250_000, 250_000, ("zł",)), ("R$ 300K", 300_000, 300_000, ("R$",)),
    ("₩120M", 120_000_000, 120_000_000, ("₩",)), ("RM 300K", 300_000, 300_000, ("RM",))])
def test_money_in_other_currencies(cell, low, high, symbols):
    amount = parse_money(cell)
    assert (amount.low, amount.high, amount.symbols) == (low, high, symbols)
    assert parse_money(cell + " RSU") is None  # a word after the amount is still unreadable


@pytest.mark.parametrize("display,slug", [("Weights & Biases", "weights-and-biases"), ("  Jane Street ", "jane-street"),
                                          ("D. E. Shaw", "d-e-shaw"), ("Staff Software Engineer (ML)", "staff-software-engineer-ml"),
                                          ("R&D", "randd"), ("Müller & Söhne Robotik", "muller-and-sohne-robotik"),
                                          ("Straße & Söhne", "strasse-and-sohne"), ("Ørsted Æble", "orsted-aeble"),
                                          ("Crédit Agricole CIB", "credit-agricole-cib"), ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
                                          ("株式会社メルカリ", "")])
def test_slugify(display, slug):
    assert slugify(display) == slug


@pytest.mark.parametrize("display,latin", [("株式会社メルカリ", False), ("メルカリ Japan", True), ("Müller", True), ("１２３", False)])
def test_slug_rule_applies_only_to_names_with_latin_letters(display, latin):
    from seedlint.rules._common import has_latin_letters

    assert has_latin_letters(display) is latin


def test_region_map_trimmed_case_insensitive():
    opts = Options()
    assert opts.currency_for("  san FRANCISCO ") == "USD" and opts.currency_for("Bengaluru") == "INR"
    assert opts.currency_for("Mountain View") is None


@pytest.mark.parametrize("header,years", [("Stock (RSU/4yr)", 4), ("Stock (RSU/3yr)", 3), ("Equity (5-year vest)", 5),
                                          ("Stock", 4), ("Stock (RSU/0yr)", 4), ("Stock (RSU/3y)", 3),
                                          ("Stock (RSU / 3 years)", 3), ("Stock (3-yr RSU)", 3), ("Stock (four-year RSU)", 4),
                                          ("Stock (RSU, 36 months)", 3), ("Stock (RSU, 3-4 yrs)", 4), ("Stock (vests quarterly)", 4)])
def test_vesting_years_from_header(header, years):
    text = (FIXTURES / "rules" / "clean_base.md").read_bytes().replace(b"Stock (RSU/4yr)", header.encode())
    assert vesting_years(comp_table(parse(text, "x")), 4) == years


def test_sections_and_evidence_extent():
    doc = parse((FIXTURES / "rules" / "clean_base.md").read_bytes(), "x")
    assert section(doc, "negotiation dna").line == 47  # the bold-only first line of a paragraph
    ev = section(doc, "Evidence & Sources")
    assert (ev.line, ev.end_line) == (55, 58)  # to the end of the file
