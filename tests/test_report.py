"""`seedlint report`: the HTML page, read back and driven in a real browser (Debian's
Chromium through Playwright with executable_path, every network request blocked)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
DAY = ["--today", "2026-11-26", "--no-cache"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _corpus(tmp_path: Path) -> Path:
    """A repository as users have it: guides, a README, docs and a LICENSE beside them."""
    repo = tmp_path / "repo"
    (repo / "guides").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "README.md").write_text("# Our guides\n")
    (repo / "LICENSE").write_text("MIT\n")
    (repo / "docs" / "howto.md").write_text("# How to\n")
    for p in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(p, repo / "guides" / p.name)
    shutil.copy(FIXTURES / "reference_like.md", repo / "guides" / "wandb-copy.md")
    hostile = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").replace(
        'company_display: "Acme Analytics"', 'company_display: "Acme </script><script>alert(1)</script> & \\"Co\\""')
    (repo / "guides" / "hostile <b>x.md").write_text(hostile, encoding="utf-8")
    return repo


def _report(repo: Path, out: Path, *extra: str):
    proc = run_cli("report", *DAY, "--isolated", "-o", str(out), *extra, "guides", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


def _json(repo: Path, *extra: str):
    proc = run_cli(*DAY, "--isolated", "--format", "json", *extra, "guides", cwd=repo)
    return json.loads(proc.stdout)


def _count(page: str, what: str) -> int:
    return int(re.search(rf'id="count-{what}">([\d,]+)<', page).group(1).replace(",", ""))


def test_report_counts_equal_the_json_of_the_same_run(tmp_path):
    repo = _corpus(tmp_path)
    page = _report(repo, tmp_path / "report.html")
    data = _json(repo)
    summary = data["summary"]
    assert _count(page, "guides") == summary["files"]
    assert _count(page, "findings") == summary["problems"]
    assert (_count(page, "error"), _count(page, "warning"), _count(page, "info")) == (
        summary["errors"], summary["warnings"], summary["infos"])
    flagged = {d["path"] for d in data["diagnostics"]}
    assert _count(page, "clean") == summary["files"] - len(flagged)


def test_report_is_self_contained_and_escapes_what_guides_say(tmp_path):
    repo = _corpus(tmp_path)
    page = _report(repo, tmp_path / "report.html")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r'\s(?:src|href)="(?:https?:)?//', page.split("<body>", 1)[0])  # nothing loaded
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", page)
    assert "<script>alert(1)</script>" not in page and "</script><script>alert" not in page
    assert "hostile \\u003cb\\u003ex.md" in page and "<b>x" not in page  # the file name, escaped in the data
    assert page.count("<script") == 2  # the data and the table's script, nothing from a guide


def test_report_refuses_to_overwrite_a_guide(tmp_path):
    repo = _corpus(tmp_path)
    before = (repo / "guides" / "wandb-copy.md").read_bytes()
    proc = run_cli("report", *DAY, "--isolated", "-o", "guides/wandb-copy.md", "guides", cwd=repo)
    assert proc.returncode == 2 and "refusing to write over" in proc.stderr
    assert (repo / "guides" / "wandb-copy.md").read_bytes() == before


# ---------------------------------------------------------------- in a real browser

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, requests, dialogs = [], [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    return page, problems, requests, dialogs


def _rows(page):
    return page.eval_on_selector_all("#rows > tr:not(.detail)", "rs => rs.map(r => r.dataset.guide)")


def test_report_in_chromium_counts_sort_filter_search(browser, tmp_path):
    repo = _corpus(tmp_path)
    out = tmp_path / "report.html"
    _report(repo, out)
    data = _json(repo)
    page, problems, requests, dialogs = _open(browser, out)
    assert problems == [] and requests == [] and dialogs == []
    summary = data["summary"]
    for what, want in (("guides", summary["files"]), ("findings", summary["problems"]), ("error", summary["errors"]),
                       ("warning", summary["warnings"])):
        assert int(page.text_content(f"#count-{what}").replace(",", "")) == want
    assert page.text_content("#shown") == f"{summary['files']} of {summary['files']} guides"
    assert len(_rows(page)) == summary["files"]

    page.click("#guide-table th button[data-key='4']")  # errors, most first
    errors = {}
    for d in data["diagnostics"]:
        errors[d["path"]] = errors.get(d["path"], 0) + (d["severity"] == "error")
    assert _rows(page)[0] == max(errors, key=errors.get)
    page.click("#guide-table th button[data-key='0']")
    assert _rows(page) == sorted(_rows(page))

    page.select_option("#rule", "SL504")
    with_rule = sorted({d["path"] for d in data["diagnostics"] if d["code"] == "SL504"})
    assert sorted(_rows(page)) == with_rule
    page.select_option("#rule", "")
    page.select_option("#severity", "clean")
    flagged = {d["path"] for d in data["diagnostics"]}
    assert len(_rows(page)) == summary["files"] - len(flagged)
    page.select_option("#severity", "")
    page.select_option("#company", "Stripe")
    assert _rows(page) == ["guides/stripe-senior-software-engineer.md"]
    page.select_option("#company", "")
    page.fill("#q", "bonus cell")
    assert _rows(page) == ["guides/wandb-copy.md"]
    # each finding links to its guide, and names path:line:column
    link = page.locator("#rows ul.findings li a").first
    assert re.fullmatch(r"guides/wandb-copy\.md:\d+:\d+", link.text_content())
    assert link.get_attribute("href") == "repo/guides/wandb-copy.md"  # relative to the report
    page.fill("#q", "")
    # the hostile company name is text, not markup
    page.fill("#q", "hostile")
    assert page.locator("#rows > tr:not(.detail) > td", has_text="</script><script>alert(1)</script>").count() == 1
    assert dialogs == [] and problems == []


def test_report_screenshot_of_this_repository_seeds(browser, tmp_path):
    """docs/report.md shows this picture; the suite regenerates it."""
    out = tmp_path / "report.html"
    proc = run_cli("report", *DAY, "-o", str(out), "seeds/", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    page, problems, requests, _ = _open(browser, out)
    assert problems == [] and requests == []
    shot = ROOT / "docs" / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
