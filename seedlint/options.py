"""Rule options: everything a rule may depend on besides the document.

``today`` and the tolerances arrive here so that rules stay pure and tests are
deterministic.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields

from .spec import RESULTS, Context, is_currency_map, is_date, is_int, is_str_list, region_map, setting, to_date, to_float, to_tuple

DEFAULT_REGION_CURRENCY = {
    "san francisco": "USD", "new york": "USD", "seattle": "USD", "austin": "USD",
    "boston": "USD", "los angeles": "USD", "remote us": "USD",
    "london": "GBP",
    "dublin": "EUR", "berlin": "EUR", "amsterdam": "EUR", "paris": "EUR", "munich": "EUR",
    "toronto": "CAD", "vancouver": "CAD",
    "bangalore": "INR", "bengaluru": "INR", "hyderabad": "INR",
    "singapore": "SGD", "tokyo": "JPY", "sydney": "AUD", "zurich": "CHF",
}

DEFAULT_REQUIRED_SECTIONS = ("Negotiation DNA", "Global Levers", "Evidence & Sources")

DEFAULT_KNOWN_COMPANIES = (
    "Goldman Sachs", "Morgan Stanley", "Jane Street", "JPMorgan Chase", "Bank of America",
    "Two Sigma", "Hudson River Trading", "Jump Trading", "Citadel Securities", "D. E. Shaw",
    "Scale AI", "Hugging Face", "Palo Alto Networks", "Weights & Biases",
)


def _known_companies(v: list[str], _ctx: Context) -> tuple[str, ...]:
    return DEFAULT_KNOWN_COMPANIES + tuple(v)


@dataclass(frozen=True)
class Options:
    """Options every rule receives. Frozen; every field is part of the cache key (``key``)."""

    today: _dt.date = setting(
        key="today", kind="date", check=is_date, want="a date YYYY-MM-DD", default_doc="the real date",
        doc="the date date rules compare with (`--today` on the CLI)", affects=RESULTS,
        example="2020-01-01", convert=to_date, factory=_dt.date.today)
    total_comp_tolerance: float = setting(
        0.02, key="total-comp-tolerance", kind="fraction",
        check=lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1,
        want="a fraction from 0 to 1 (0.02 = 2%)", default_doc="`0.02`",
        doc="SL301: allowed difference from base + stock/years + bonus, as a fraction of it",
        affects=RESULTS, example=0.1, convert=to_float)
    vesting_years: int = setting(
        4, key="vesting-years", kind="integer", check=lambda v: is_int(v, 1), want="a positive integer",
        default_doc="`4`", doc="SL301: years when the stock header does not say (`Stock (RSU/3yr)` does)",
        affects=RESULTS, example=3)
    stale_days: int = setting(
        365, key="stale-days", kind="integer", check=lambda v: is_int(v, 0), want="a non-negative integer",
        default_doc="`365`", doc="SL405: age of `last_updated` that counts as stale", affects=RESULTS, example=30)
    region_currency: tuple[tuple[str, str], ...] = setting(
        tuple(sorted(DEFAULT_REGION_CURRENCY.items())), key="region-currency", kind="table region → ISO code",
        check=is_currency_map, want="a table of region = \"ISO code\"", default_doc="see below",
        doc="SL203: regions added to (or overriding) the default map", affects=RESULTS,
        example={"Tel Aviv": "ILS"}, convert=region_map)
    required_sections: tuple[str, ...] = setting(
        DEFAULT_REQUIRED_SECTIONS, key="required-sections", kind="list of names", check=is_str_list,
        want="a list of section names", default_doc="Negotiation DNA, Global Levers, Evidence & Sources",
        doc="SL601", affects=RESULTS, example=["Overview"], convert=to_tuple)
    sources_section: str = setting(
        "Evidence & Sources", key="sources-section", kind="name",
        check=lambda v: isinstance(v, str) and v.strip() != "", want="a section name",
        default_doc="`\"Evidence & Sources\"`", doc="SL603: the section that must cite every data source",
        affects=RESULTS, example="Sources")
    known_companies: tuple[str, ...] = setting(
        DEFAULT_KNOWN_COMPANIES, key="known-companies", kind="list of names", check=is_str_list,
        want="a list of company names", default_doc="Goldman Sachs, Morgan Stanley, Jane Street, …",
        doc="SL702: multi-word company names, added to the defaults and the corpus's `company_display` values",
        affects=RESULTS, example=["Bain Capital"], convert=_known_companies)
    section_names: tuple[str, ...] = setting(
        (), key="section-names", kind="list of names", check=is_str_list, want="a list of section names",
        default_doc="`[]`",
        doc="other sections of your guides' structure: a bold line naming one ends the section before it "
            "(the required sections and `sources-section` always do; other bold labels, such as "
            "`**Primary sources:**`, do not)",
        affects=RESULTS, example=["Appendix"], convert=to_tuple)

    def currency_for(self, region: str) -> str | None:
        """The expected currency of ``region`` (trimmed, case-insensitive), or None."""
        return self._region_map().get(" ".join(region.split()).lower())

    def _region_map(self) -> dict[str, str]:
        cached: dict[str, str] | None = self.__dict__.get("_rmap")
        if cached is None:
            cached = {k.strip().lower(): v.upper() for k, v in self.region_currency}
            object.__setattr__(self, "_rmap", cached)
        return cached

    def key(self) -> str:
        """A stable text of every option, for cache keys (every field: each can change a result)."""
        return repr(tuple(getattr(self, f.name) for f in fields(self)))
