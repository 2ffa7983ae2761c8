"""Rule options: everything a rule may depend on besides the document.

``today`` and the tolerances arrive here so that rules stay pure and tests are
deterministic.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Options:
    """Options every rule receives. Frozen and hashable in its cache key (see ``key``)."""

    today: _dt.date = field(default_factory=_dt.date.today)
    total_comp_tolerance: float = 0.02
    vesting_years: int = 4
    stale_days: int = 365
    region_currency: tuple = tuple(sorted(DEFAULT_REGION_CURRENCY.items()))
    required_sections: tuple = DEFAULT_REQUIRED_SECTIONS
    sources_section: str = "Evidence & Sources"
    known_companies: tuple = DEFAULT_KNOWN_COMPANIES
    section_names: tuple = ()  # other sections of the guide's structure (they end a section)

    def currency_for(self, region: str) -> str | None:
        """The expected currency of ``region`` (trimmed, case-insensitive), or None."""
        return self._region_map().get(" ".join(region.split()).lower())

    def _region_map(self) -> dict:
        cached = self.__dict__.get("_rmap")
        if cached is None:
            cached = {k.strip().lower(): v.upper() for k, v in self.region_currency}
            object.__setattr__(self, "_rmap", cached)
        return cached

    def key(self) -> str:
        """A stable text of every option, for cache keys."""
        return repr((self.today.isoformat(), self.total_comp_tolerance, self.vesting_years, self.stale_days,
                     self.region_currency, self.required_sections, self.sources_section, self.known_companies,
                     self.section_names))
