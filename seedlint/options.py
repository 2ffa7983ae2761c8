"""Rule options: everything a rule may depend on besides the document.

``today`` and the tolerances arrive here so that rules stay pure and tests are
deterministic.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields

from .spec import RESULTS, Context, is_currency_map, is_date, is_int, is_number, is_str_list, is_str_map, region_map, setting, to_date, to_float, to_tuple

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


def _pairs(v: dict[str, str], _ctx: Context) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(v.items()))


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

    outlier_threshold: float = setting(
        3.5, key="outlier-threshold", kind="number",
        check=lambda v: is_number(v, 0), want="a positive number", default_doc="`3.5`",
        doc="SL703: robust deviations (|log value − log median| / (1.4826 × MAD)) beyond which a value is an outlier",
        affects=RESULTS, example=5.0, convert=to_float)
    outlier_min_factor: float = setting(
        3.0, key="outlier-min-factor", kind="number",
        check=lambda v: is_number(v, 1), want="a number above 1", default_doc="`3.0`",
        doc="SL703: an outlier is also at least this many times above or below its peers' median",
        affects=RESULTS, example=5.0, convert=to_float)
    outlier_min_peers: int = setting(
        5, key="outlier-min-peers", kind="integer", check=lambda v: is_int(v, 2), want="an integer of 2 or more",
        default_doc="`5`", doc="SL703: fewest other entries a peer group needs before a value is judged",
        affects=RESULTS, example=10)
    peer_groups: tuple[tuple[str, str], ...] = setting(
        (), key="peer-groups", kind="table role slug → group", check=is_str_map,
        want='a table of role = "group name"', default_doc="`{}` (each role its own group)",
        doc="SL703: roles compared as one peer group (`staff-software-engineer = \"staff-swe\"`, "
            "`staff-engineer = \"staff-swe\"`)",
        affects=RESULTS, example={"staff-engineer": "staff-swe"}, convert=_pairs)
    scale_factor: float = setting(
        5.0, key="region-scale-factor", kind="number",
        check=lambda v: is_number(v, 1), want="a number above 1", default_doc="`5.0`",
        doc="SL206: largest ratio allowed between one field's values in two regions of one guide with the same currency",
        affects=RESULTS, example=3.0, convert=to_float)

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
