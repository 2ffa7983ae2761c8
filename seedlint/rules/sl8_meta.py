"""SL8xx and SL999: what the engine itself reports: suppressions (see ``suppress.py``)
and a rule that crashed."""

from __future__ import annotations

from ..model import ERROR, WARNING
from ..registry import ENGINE, reported

reported(
    "SL801", "unused-suppression", WARNING,
    "A suppression comment suppresses nothing.",
    by=ENGINE,
    doc="""
    ## What it does
    Reports a `# seedlint: disable=…` or `<!-- seedlint-disable … -->`
    comment that silenced no finding in this run (rules turned off in the
    configuration are not counted against it).

    ## Why is this bad?
    Stale suppressions hide the next real defect on that line and make
    readers think there is an exception where there is none.

    ## Example
    FAIL (the total is right):
    ```
    total_comp_low: 339000  # seedlint: disable=SL301
    ```
    PASS:
    ```
    total_comp_low: 339000
    ```
    """,
)


reported(
    "SL802", "invalid-suppression", ERROR,
    "A suppression comment names a code that does not exist.",
    by=ENGINE,
    doc="""
    ## What it does
    Reports suppression comments that name an unknown rule code or name.

    ## Why is this bad?
    A typo in a suppression (`SL30l`) suppresses nothing and looks as if it did.

    ## Example
    FAIL:
    ```
    <!-- seedlint-disable-next-line SL5O4 -->
    ```
    PASS:
    ```
    <!-- seedlint-disable-next-line SL504 -->
    ```
    """,
)


reported(
    "SL999", "internal-error", ERROR,
    "A rule raised an exception on this file.",
    by=ENGINE,
    doc="""
    ## What it does
    Reported by the engine, not by a check: when a rule raises an exception
    on a file, the finding names the rule and the exception, the other rules
    still run, and seedlint exits with status 2 so that CI notices.

    ## Why is this bad?
    It is a bug in seedlint; please report it with the file that triggers
    it.

    ## Example
    FAIL: `internal error in SL301 total-comp-mismatch: ZeroDivisionError`.
    PASS: no rule raises.
    """,
)
