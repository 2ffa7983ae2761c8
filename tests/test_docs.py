"""Every console sample in README.md and docs/ is a real run: each ``$ seedlint …`` line of a
```console block is run from the repository root and its output (stdout and stderr) must
be the lines that follow it in the block."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def samples():
    for page in PAGES:
        for block in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            lines = block.splitlines()
            i = 0
            while i < len(lines):
                if lines[i].startswith("$ "):
                    j = i + 1
                    while j < len(lines) and not lines[j].startswith("$ "):
                        j += 1
                    yield pytest.param(page.name, lines[i][2:], lines[i + 1:j], id=f"{page.name}:{lines[i][2:60]}")
                    i = j
                else:
                    i += 1


@pytest.mark.parametrize("page,command,expected", list(samples()))
def test_console_sample_is_a_real_run(page, command, expected, tmp_path):
    argv = shlex.split(command)
    assert argv[0] == "seedlint", f"{page}: samples run seedlint"
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CI")}
    proc = subprocess.run([sys.executable, "-m", "seedlint", *argv[1:]], cwd=ROOT, capture_output=True, text=True,
                          env=env, encoding="utf-8")
    got = (proc.stdout + proc.stderr).splitlines()
    assert got == expected, f"{page}: `{command}` printed:\n" + "\n".join(got)


def test_there_are_samples_to_replay():
    assert len(list(samples())) >= 3


def test_annotated_guide_lints_clean(tmp_path):
    page = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    guide = re.search(r"```markdown\n(.*?)```", page, re.S).group(1)
    (tmp_path / "guide.md").write_text(guide, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "seedlint", "--isolated", "--no-cache", "--today", "2026-11-26", "guide.md"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == "All checks passed.\n", proc.stdout
    assert guide.count("# ") >= 10  # annotated


def test_field_reference_is_generated_from_the_schema():
    from seedlint.guidedocs import END, START, render

    page = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    section = page[page.index(START):page.index(END) + len(END)] + "\n"
    assert section == render(), "run: python -m seedlint.guidedocs, and paste it into docs/guide-format.md"


def test_every_schema_property_has_a_description_and_an_example():
    import json

    schema = json.loads((ROOT / "schemas" / "seed.schema.json").read_text(encoding="utf-8"))
    props = {**schema["properties"], **{f"level_mapping.{k}": v for k, v in schema["properties"]["level_mapping"]["properties"].items()},
             **{f"compensation[].{k}": v for k, v in schema["$defs"]["compensation"]["properties"].items()}}
    missing = [name for name, node in props.items() if not node.get("description") or not node.get("examples")]
    assert not missing


def test_seedlint_new_writes_a_skeleton_that_lists_what_to_fill_in(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "seedlint", *args], cwd=tmp_path, capture_output=True, text=True)

    made = run("new", "g.md", "--company", "Müller & Söhne Robotik", "--role", "Staff Robotics Engineer",
               "--region", "Berlin", "--region", "London", "--today", "2026-11-26")
    assert made.returncode == 0 and (tmp_path / "g.md").exists(), made.stderr
    import json

    lint = run("--isolated", "--no-cache", "--today", "2026-11-26", "--format", "json", "g.md")
    diags = json.loads(lint.stdout)["diagnostics"]
    text = (tmp_path / "g.md").read_text(encoding="utf-8").splitlines()
    assert {d["code"] for d in diags} == {"SL103", "SL506"}
    assert all("fill in" in text[d["line"] - 1] for d in diags)  # every finding is at a value to fill in
    assert len(diags) == 2 * 7 + 2 * 4
    # filled in, it lints clean
    filled = (tmp_path / "g.md").read_text(encoding="utf-8")
    for field, value in (("base_low", 80000), ("base_high", 100000), ("stock_low", 40000), ("stock_high", 80000),
                         ("bonus_pct", 10), ("total_comp_low", 98000), ("total_comp_high", 130000)):
        filled = filled.replace(f"{field}: null  # fill in", f"{field}: {value}")
    filled = filled.replace("| Berlin | fill in | fill in | fill in | fill in |", "| Berlin | €80K–€100K | €40K–€80K | 10% | €98K–€130K |")
    filled = filled.replace("| London | fill in | fill in | fill in | fill in |", "| London | £80K–£100K | £40K–£80K | 10% | £98K–£130K |")
    (tmp_path / "g.md").write_text(filled, encoding="utf-8")
    assert run("--isolated", "--no-cache", "--today", "2026-11-26", "g.md").stdout == "All checks passed.\n"
    again = run("new", "g.md", "--company", "x", "--role", "y", "--region", "z")
    assert again.returncode == 2 and "never overwrites" in again.stderr
    assert (tmp_path / "g.md").read_text(encoding="utf-8") == filled
