"""Generate N varied seed guides for benchmarks and fuzzing.

    python benchmarks/generate.py 10000 /tmp/guides [--defects 0.1] [--seed 1] [--shape perturbed]

Companies, roles, 1–5 regions across nine currencies, money formats (K, full
numbers, M), range separators, vesting years and prose lengths vary; a
``--defects`` fraction of guides carries one realistic defect (a wrong total,
a bonus range, a stale date, a typo'd key …) so rules do real work.
"""

from __future__ import annotations

import argparse
import os
import random
from decimal import ROUND_HALF_UP, Decimal

REGIONS = [
    ("San Francisco", "USD"), ("New York", "USD"), ("Seattle", "USD"), ("Austin", "USD"), ("Boston", "USD"),
    ("London", "GBP"), ("Dublin", "EUR"), ("Berlin", "EUR"), ("Amsterdam", "EUR"), ("Paris", "EUR"),
    ("Toronto", "CAD"), ("Vancouver", "CAD"), ("Bengaluru", "INR"), ("Hyderabad", "INR"), ("Singapore", "SGD"),
    ("Tokyo", "JPY"), ("Sydney", "AUD"), ("Zurich", "CHF"),
]
SCALE = {"USD": 1, "GBP": 0.75, "EUR": 0.6, "CAD": 1.0, "INR": 28, "SGD": 0.9, "JPY": 60, "AUD": 1.1, "CHF": 0.85}
SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "C$", "INR": "₹", "SGD": "S$", "JPY": "¥", "AUD": "A$", "CHF": "CHF "}
COMPANIES = ["Acme Analytics", "Northwind Bank", "Globex", "Initech", "Umbrella Health", "Stark Robotics", "Wayne Data",
             "Hooli", "Pied Piper", "Vandelay Logistics", "Soylent Foods", "Tyrell Systems", "Cyberdyne AI", "Aperture Labs",
             "Black Mesa Research", "Oscorp", "Massive Dynamic", "Wonka Payments", "Gringotts & Co", "Duff Cloud"]
ROLES = ["Software Engineer", "Senior Software Engineer", "Staff Software Engineer", "Principal Engineer",
         "Engineering Manager", "Product Manager", "Senior Product Manager", "Data Scientist", "Senior Data Scientist",
         "Machine Learning Engineer", "Site Reliability Engineer", "Security Engineer", "Product Designer"]
WORDS = ("offer equity base bonus refresh vesting level scope team platform market band data negotiation "
         "competing liquid grant cash region manager staff senior growth risk signal evidence").split()


def slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")


def _total(base: int, stock: int, bonus: float, years: int) -> int:
    value = Decimal(base) + Decimal(stock) / years + Decimal(base) * Decimal(str(bonus)) / 100
    return int((value / 1000).quantize(Decimal(1), ROUND_HALF_UP) * 1000)


def _money(cur: str, n: int, style: str) -> str:
    s = SYMBOL[cur]
    if style == "full":
        return f"{s}{n:,}"
    if n >= 1_000_000 and n % 10_000 == 0:
        return f"{s}{n / 1_000_000:g}M"
    return f"{s}{n // 1000}K" if n % 1000 == 0 else f"{s}{n:,}"


def _prose(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 20))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def guide(i: int, rng: random.Random, defect: str | None = None, shape: str = "plain") -> str:
    """The text of guide ``i``; ``defect`` names one deliberate defect or None.

    ``shape="perturbed"`` is the shape of a corpus grown by copying and editing one guide:
    3–8 regions, three times the prose, a review date that has passed in most guides
    (SL401), and about 0.8 % of guides whose level mapping is one step off the ladder
    every other guide uses (SL702 conflicts).
    """
    perturbed = shape == "perturbed"
    company = COMPANIES[i % len(COMPANIES)] + ("" if i < len(COMPANIES) else f" {i // len(COMPANIES)}")
    role = ROLES[rng.randrange(len(ROLES))]
    years = rng.choice((4, 4, 4, 3))
    style = rng.choice(("k", "k", "full"))
    sep = rng.choice(("–", "–", " - ", " to "))
    regions = rng.sample(REGIONS, rng.randint(3, 8) if perturbed else rng.randint(1, 5))
    month = rng.randint(1, 10)
    updated = f"2026-{month:02d}-{rng.randint(1, 28):02d}"
    quarter = f"2026-Q{(month - 1) // 3 + 1}" if rng.random() < 0.5 else "2025-Q4"
    review = f"2027-{month + 2:02d}-{rng.randint(1, 28):02d}"
    if perturbed and rng.random() < 0.8:
        review = f"2026-{month + 1:02d}-{rng.randint(1, 28):02d}"  # passed by 2026-11-26
    fm = ["---", f"company: {slug(company)}", f'company_display: "{company}"', f"role: {slug(role)}", f"role_display: {role}",
          "role_type: standard", f"last_updated: {updated}", f"data_quality: {rng.choice(('high', 'medium', 'low'))}",
          f"salary_data_quarter: {quarter}", f"next_review_due: {review}", "compensation:"]
    rows = []
    for name, cur in regions:
        k = SCALE[cur]
        bl = int(rng.randrange(120, 260) * 1000 * k) // 1000 * 1000
        bh = bl + int(rng.randrange(20, 80) * 1000 * k) // 1000 * 1000
        sl = int(rng.randrange(0, 300) * 1000 * k) // 1000 * 1000
        sh = sl + int(rng.randrange(0, 200) * 1000 * k) // 1000 * 1000
        bonus = rng.choice((0, 10, 10, 15, 20))
        tl, th = _total(bl, sl, bonus, years), _total(bh, sh, bonus, years)
        if defect == "total" and not rows:
            tl = int(tl * 1.1)
        fm += [f"  - region: {name}", f"    base_low: {bl}", f"    base_high: {bh}", f"    stock_low: {sl}", f"    stock_high: {sh}",
               f"    bonus_pct: {bonus}", f"    total_comp_low: {tl}", f"    total_comp_high: {th}", f"    currency: {cur}"]
        bcell = f"{bonus}%" if defect != "bonus" else f"{bonus}–{bonus + 5}%"
        rows.append(f"| {name} | {_money(cur, bl, style)}{sep}{_money(cur, bh, style)} | {_money(cur, sl, style)}{sep}{_money(cur, sh, style)} "
                    f"| {bcell} | {_money(cur, tl, style)}{sep}{_money(cur, th, style)} |")
    own = f"{company.split()[0]} {role}"
    n = rng.randint(3, 8)  # one consistent ladder, so guides agree with each other
    off = 1 if perturbed and rng.random() < 0.008 else 0  # a copied guide edited one step off
    raw = f"{own} = Google L{n} = Meta E{n + off}"
    sources = rng.sample(["Levels.fyi", "Glassdoor", "Blind", "Payscale"], rng.randint(1, 3))
    summary = f"{rng.choice(('Cash-Heavy', 'Equity-Heavy', 'Balanced'))} Offer | {company} | Focus: {rng.choice(WORDS).title()}"
    fm += ["level_mapping:", "  internal: null", f'  raw: "{raw}"', "data_sources:", *[f"  - {s}" for s in sources],
           f'negotiation_dna_summary: "{summary}"', "---"]
    if defect == "typo":
        fm[2] = fm[2].replace("company_display", "company_dispaly")
    body = [f"### {role} | {company} Negotiation Guide", "", f"**Negotiation DNA:** {summary}", "",
            f"| Region | Base Salary | Stock (RSU/{years}yr) | Bonus | Total Comp |", "|---|---|---|---|---|", *rows, "",
            "**Negotiation DNA**", _prose(rng, rng.randint(3, 8) * (3 if perturbed else 1)), "", f"**Level Mapping:** {raw}", ""]
    for _ in range(rng.randint(0, 2)):
        body += [f"### {rng.choice(WORDS).title()} Lever", _prose(rng, rng.randint(2, 6)), ""]
    body += ["**Global Levers**"] + [f"{n}. **{rng.choice(WORDS).title()}:** {_prose(rng, 2)}" for n in range(1, rng.randint(2, 5))]
    body += ["", f"> **Negotiate Up Strategy:** {_prose(rng, 3)}", "", "#### Evidence & Sources"]
    body += [f"- {s} data points ({rng.choice(WORDS)})" for s in sources]
    return "\n".join(fm + body) + "\n"


def generate(n: int, out: str, defects: float = 0.0, seed: int = 1, ext: str = ".md", shape: str = "plain") -> list[str]:
    """Write ``n`` guides into ``out`` (spread over subfolders of 1,000); return their paths.

    ``shape``: "plain" (unique companies, one level ladder, a ``defects`` share with one
    defect each) or "perturbed" (see :func:`guide`)."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        folder = os.path.join(out, f"batch{i // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        defect = rng.choice(("total", "bonus", "typo")) if rng.random() < defects else None
        path = os.path.join(folder, f"guide{i:06d}{ext}")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(guide(i, rng, defect, shape))
        paths.append(path)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--defects", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shape", choices=("plain", "perturbed"), default="plain",
                    help="perturbed: findings in most guides, some contradictory level mappings, more regions, longer prose")
    a = ap.parse_args()
    generate(a.n, a.out, a.defects, a.seed, shape=a.shape)
    print(f"wrote {a.n} guides to {a.out}")
