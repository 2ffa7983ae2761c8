"""SL1xx: the front matter against the JSON Schema.

The schema stage reports these (``Document.schema_problems``, see ``schema.py``);
rules never see a value that failed it.
"""

from __future__ import annotations

from ..model import ERROR
from ..registry import SCHEMA, reported

reported(
    "SL101", "missing-field", ERROR,
    "A required front-matter field is absent.",
    by=SCHEMA,
    doc="""
    ## What it does
    Reports each field the schema requires that is absent, at the first line
    of the mapping that should hold it.

    ## Why is this bad?
    Readers and the data rules rely on every guide having the same fields.

    ## Example
    FAIL (no `currency`):
    ```
    compensation:
      - region: London
        base_low: 182000
    ```
    PASS:
    ```
    compensation:
      - region: London
        currency: GBP
        ...
    ```
    """,
)


reported(
    "SL102", "unknown-field", ERROR,
    "A front-matter key the schema does not allow (often a typo).",
    by=SCHEMA, fix="unsafe",
    doc="""
    ## What it does
    Reports keys that the schema does not define, at the key, suggesting the
    closest known key.

    ## Why is this bad?
    A misspelt key (`base_lo`) is silently ignored by every consumer, and the
    value it was meant to set is missing.

    ## Example
    FAIL:
    ```
    base_lo: 240000
    ```
    PASS:
    ```
    base_low: 240000
    ```
    
    ## Fix (unsafe)
    With exactly one "did you mean" candidate, absent from the mapping and
    suggested for no other key, the key is renamed to it (quotes kept). Unsafe:
    the key may be a field of a newer schema rather than a typo.
    """,
)


reported(
    "SL103", "wrong-type", ERROR,
    "A front-matter value has the wrong type.",
    by=SCHEMA,
    doc="""
    ## What it does
    Reports values whose type is not the schema's (text where a number is
    expected, an empty value, a list instead of a mapping), at the value.

    ## Why is this bad?
    Arithmetic and comparisons on the value fail or give nonsense.

    ## Example
    FAIL:
    ```
    base_low: "240K"
    ```
    PASS:
    ```
    base_low: 240000
    ```
    """,
)


reported(
    "SL104", "invalid-value", ERROR,
    "A front-matter value fails an enum, pattern, format or range.",
    by=SCHEMA,
    doc="""
    ## What it does
    Reports values outside what the schema allows: an unknown currency code,
    a slug that is not kebab-case, a date that does not exist (`2026-02-30`),
    a quarter `2025-Q5`, a bonus over 100, an empty list.

    ## Why is this bad?
    The value is well-typed but wrong, and later rules cannot use it.

    ## Example
    FAIL:
    ```
    last_updated: 2026-02-30
    currency: DOLLARS
    ```
    PASS:
    ```
    last_updated: 2026-02-28
    currency: USD
    ```
    A number of more than 15 digits (longer than any real amount) is reported here
    too, and not read.
    """,
)
