"""SL4xx: the dates against each other and against the calendar.

``today`` comes from the options (``--today``), never from the clock here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Iterator

from ..model import ERROR, WARNING, Finding, Span
from ..registry import rule

if TYPE_CHECKING:
    from ..document import Document
    from ..options import Options

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _date(doc: Document, key: str) -> dt.date | None:
    text = doc.value((key,), str)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _here(doc: Document, key: str) -> Span:
    return doc.span((key,))


@rule("SL401", "review-overdue", WARNING, "next_review_due has passed.")
def review_overdue(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Warns when `next_review_due` is before today (or the date given with
    `--today`).

    ## Why is this bad?
    Compensation data ages fast; a guide past its review date may quote
    last year's market.

    ## Example
    FAIL (today 2026-11-26):
    ```
    next_review_due: 2026-05-23
    ```
    PASS:
    ```
    next_review_due: 2027-02-23
    ```

    ## Fix
    None: the review is overdue until someone reviews the guide; moving the date without a review would hide it.
    """
    due = _date(doc, "next_review_due")
    if due is not None and due < opts.today:
        days = (opts.today - due).days
        yield Finding(_here(doc, "next_review_due"), f"review was due on {due} ({days} day{'s' if days != 1 else ''} ago)")


@rule("SL402", "future-date", ERROR, "last_updated is after today.")
def future_date(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `last_updated` date later than today.

    ## Why is this bad?
    A guide cannot have been updated in the future: the date is a typo, and
    it hides the guide from staleness checks.

    ## Example
    FAIL (today 2026-11-26):
    ```
    last_updated: 2027-02-23
    ```
    PASS:
    ```
    last_updated: 2026-02-23
    ```

    ## Fix
    None: the right date is not in the file.
    """
    updated = _date(doc, "last_updated")
    if updated is not None and updated > opts.today:
        yield Finding(_here(doc, "last_updated"), f"last_updated {updated} is after today ({opts.today})")


@rule("SL403", "review-before-update", ERROR, "next_review_due is not after last_updated.")
def review_before_update(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `next_review_due` on or before `last_updated`.

    ## Why is this bad?
    The review date was not moved when the guide was updated, so the review
    schedule is meaningless.

    ## Example
    FAIL:
    ```
    last_updated: 2026-02-23
    next_review_due: 2026-02-23
    ```
    PASS:
    ```
    last_updated: 2026-02-23
    next_review_due: 2026-05-23
    ```

    ## Fix
    None: the right date is not in the file.
    """
    updated, due = _date(doc, "last_updated"), _date(doc, "next_review_due")
    if updated is not None and due is not None and due <= updated:
        yield Finding(_here(doc, "next_review_due"), f"next_review_due {due} is not after last_updated {updated}")


@rule("SL404", "quarter-after-update", ERROR, "salary_data_quarter starts after last_updated.")
def quarter_after_update(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `salary_data_quarter` whose first day is after `last_updated`
    (`2026-Q2` starts on 2026-04-01).

    ## Why is this bad?
    A guide cannot use salary data from a quarter that had not begun when it
    was written.

    ## Example
    FAIL:
    ```
    last_updated: 2026-02-23
    salary_data_quarter: 2026-Q2
    ```
    PASS:
    ```
    last_updated: 2026-02-23
    salary_data_quarter: 2025-Q4
    ```

    ## Fix
    None: the right quarter or date is not in the file.
    """
    updated = _date(doc, "last_updated")
    quarter = doc.value(("salary_data_quarter",), str)
    m = _QUARTER.match(quarter) if quarter else None
    if updated is None or m is None:
        return
    start = dt.date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
    if start > updated:
        yield Finding(_here(doc, "salary_data_quarter"), f"salary_data_quarter {quarter} starts on {start}, after last_updated {updated}")


@rule("SL405", "stale-data", WARNING, "last_updated is more than a year ago.")
def stale_data(doc: Document, opts: Options) -> Iterator[Finding]:
    """
    ## What it does
    Warns when `last_updated` is more than `stale-days` (default 365) days
    before today.

    ## Why is this bad?
    Year-old compensation data misleads; the guide needs a refresh.

    ## Example
    FAIL (today 2026-11-26):
    ```
    last_updated: 2025-10-01
    ```
    PASS:
    ```
    last_updated: 2026-02-23
    ```

    ## Fix
    None: the data is stale until it is refreshed.
    """
    updated = _date(doc, "last_updated")
    if updated is not None and (opts.today - updated).days > opts.stale_days:
        days = (opts.today - updated).days
        yield Finding(_here(doc, "last_updated"), f"last_updated {updated} is {days} days ago (more than {opts.stale_days})")
