"""`seedlint report` at scale: file size, time to write, first paint in headless Chromium.

    python benchmarks/bench_report.py [--sizes 10000 100000] [--chromium /usr/bin/chromium]

For each size and corpus shape (plain, perturbed) a corpus is generated, the report
written (default jobs, no cache), and opened from disk in Debian's Chromium driven by
Playwright with every network request blocked: first paint and first contentful paint
(the browser's Paint Timing entries), the load event, the number of rows the guide table
put in the DOM, and console errors. Goals: ≤ 5 MB and first paint ≤ 2 s at 10,000
guides; at 100,000 the table pages instead of growing the DOM.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--shapes", nargs="+", default=["plain", "perturbed"])
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    ok = True
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        for n in args.sizes:
            for shape in args.shapes:
                with tempfile.TemporaryDirectory() as tmp:
                    corpus = Path(tmp) / "guides"
                    generate(n, str(corpus), 0.05, 1, shape=shape)
                    out = Path(tmp) / "report.html"
                    t = time.perf_counter()
                    proc = subprocess.run([sys.executable, "-m", "seedlint", "report", "--isolated", "--no-cache",
                                           "--today", "2026-11-26", "-o", str(out), str(corpus)],
                                          capture_output=True, text=True)
                    written = time.perf_counter() - t
                    if proc.returncode != 0:
                        print(proc.stderr, file=sys.stderr)
                        return 1
                    size = out.stat().st_size
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    errors: list[str] = []
                    blocked: list[str] = []
                    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                               else (blocked.append(r.request.url), r.abort()))
                    page.goto(out.as_uri(), wait_until="load")
                    paint = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('paint')
                                               .map(e => [e.name, e.startTime]))""")
                    load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
                    rows = page.eval_on_selector_all("#rows > tr", "rs => rs.length")
                    page.close()
                    fp = paint.get("first-paint", float("nan")) / 1000
                    fcp = paint.get("first-contentful-paint", float("nan")) / 1000
                    print(f"{n:>7,} guides {shape:9s}: report {size / 1e6:.2f} MB written in {written:.1f} s; "
                          f"first paint {fp:.2f} s, first contentful paint {fcp:.2f} s, load {load / 1000:.2f} s; "
                          f"{rows} table rows in the DOM; console errors {len(errors)}, requests blocked {len(blocked)}")
                    if n <= 10_000:
                        ok &= size <= 5_000_000 and fp <= 2.0
                    ok &= rows <= 2 * 100 and not errors and not blocked
        browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
