"""``seedlint new``: write a skeleton guide for a company, a role and regions.

Everything seedlint can derive is filled in (slugs, dates, currencies from the region
map, the title, the sections, the table's shape); every figure is left for the author,
so that linting the new file lists exactly what remains to fill in (wrong-type values in
the front matter, unreadable table cells). It never overwrites a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

USAGE = "seedlint new PATH --company NAME --role TITLE --region REGION [--region REGION …] [--today YYYY-MM-DD]"


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def skeleton(company: str, role: str, regions: list[str], today: dt.date) -> str:
    """The text of a new guide."""
    from .options import Options
    from .rules._common import slugify

    opts = Options(today=today)
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    try:
        review = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        review = today + dt.timedelta(days=365)
    fm = ["---", f"company: {slugify(company) or 'company-slug'}", f"company_display: {_quote(company)}",
          f"role: {slugify(role) or 'role-slug'}", f"role_display: {_quote(role)}", "role_type: standard",
          f"last_updated: {today.isoformat()}", "data_quality: medium", f"salary_data_quarter: {quarter}",
          f"next_review_due: {review.isoformat()}", "compensation:"]
    for region in regions:
        currency = opts.currency_for(region)
        fm += [f"  - region: {_quote(region)}"]
        fm += [f"    {field}: null  # fill in" for field in ("base_low", "base_high", "stock_low", "stock_high", "bonus_pct",
                                                             "total_comp_low", "total_comp_high")]
        fm += [f"    currency: {currency}" if currency else "    currency: null  # fill in: ISO 4217 code"]
    mapping = f"{role} = Other Company Level"
    fm += ["level_mapping:", "  internal: null", f"  raw: {_quote(mapping)}", "data_sources:", "  - Levels.fyi",
           f"negotiation_dna_summary: {_quote('Fill in: the offer in one line')}", "---"]
    body = [f"### {role} | {company} Negotiation Guide", "",
            "**Negotiation DNA:** Fill in: the offer in one line", "",
            "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |",
            "|--------|-------------|-----------------|-------|------------|"]
    body += [f"| {region} | fill in | fill in | fill in | fill in |" for region in regions]
    body += ["", "**Negotiation DNA**", f"What makes an offer from {company} for this role different.", "",
             f"**Level Mapping:** {mapping}", "", "**Global Levers**", "1. **Fill in:** what to ask for, and why.", "",
             "#### Evidence & Sources", "- Levels.fyi data points (fill in which)", ""]
    return "\n".join(fm + body)


def main(argv: list[str]) -> int:
    """``seedlint new``: exit 0 when written, 2 for a usage error or an existing file."""
    p = argparse.ArgumentParser(prog="seedlint new", usage=USAGE, allow_abbrev=False,
                                description="Write a skeleton guide; lint it to see what remains to fill in.")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--company", required=True, help="company name as readers see it")
    p.add_argument("--role", required=True, help="role title as readers see it")
    p.add_argument("--region", action="append", required=True, help="a region (repeat for several)")
    p.add_argument("--today", help="the date of last_updated (default: today)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    from .escape import for_terminal

    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        sys.stderr.write(f"seedlint: error: --today: '{for_terminal(args.today)}' is not a date YYYY-MM-DD\n")
        return 2
    text = skeleton(args.company.strip(), args.role.strip(), [r.strip() for r in args.region if r.strip()], today)
    try:
        fd = os.open(args.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        sys.stderr.write(f"seedlint: error: {for_terminal(args.path)} exists; seedlint new never overwrites a file\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"seedlint: error: cannot write {for_terminal(args.path)}: {exc.strerror or exc}\n")
        return 2
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    sys.stderr.write(f"seedlint: wrote {for_terminal(args.path)}; `seedlint {for_terminal(args.path)}` lists the values to fill in\n")
    return 0
