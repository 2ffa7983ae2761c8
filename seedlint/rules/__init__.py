"""Every rule module, imported once so that their declarations fill the registry.

One module per family of codes: ``sl0_file`` (SL0xx), ``sl1_schema`` (SL1xx) …
``sl8_meta`` (SL8xx, SL999); ``report_facts`` collects what ``seedlint report`` shows.
"""

from . import (  # noqa: F401
    report_facts,
    sl0_file,
    sl1_schema,
    sl2_values,
    sl3_totals,
    sl4_dates,
    sl5_body,
    sl6_sections,
    sl7_corpus,
    sl8_meta,
)
