"""Editors reading seedlint: the documented VS Code problem matcher and Vim errorformat
against real `--format gcc` output (a warning, and lines with `–` and `£`), the
errorformat in real Vim (Debian's `vim`), skipped where Vim is absent."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_cli import run_cli

ROOT = Path(__file__).parent.parent
REF = FIXTURES / "reference_like.md"
ARGS = ["--no-cache", "--isolated", "--today", "2026-11-26"]


def _doc() -> str:
    return (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def _gcc_output(tmp_path) -> tuple[Path, list[str]]:
    guide = tmp_path / "w&b: staff £.md"
    guide.write_text(REF.read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli(*ARGS, "--format", "gcc", guide.name, cwd=tmp_path).stdout.splitlines()
    return guide, out


def test_vscode_problem_matcher_reads_severity_and_columns(tmp_path):
    block = re.search(r"```json\n(.*?)```", _doc(), re.S).group(1)
    matcher = json.loads(block)["tasks"][0]["problemMatcher"]
    assert "--format gcc" in json.loads(block)["tasks"][0]["command"]
    pattern = matcher["pattern"]
    rx = re.compile(pattern["regexp"])
    guide, out = _gcc_output(tmp_path)
    matches = [rx.match(line) for line in out]
    assert len(out) == 10 and all(matches)
    first = matches[0]
    assert (first.group(pattern["file"]), first.group(pattern["line"]), first.group(pattern["column"]),
            first.group(pattern["severity"]), first.group(pattern["code"])) == (guide.name, "10", "18", "warning", "SL401")
    last = matches[-1]  # "| London | £182K–£228K | £225K–£375K | 10–15% |": a character column
    line = REF.read_text(encoding="utf-8").splitlines()[int(last.group(pattern["line"])) - 1]
    assert line[int(last.group(pattern["column"])) - 1:].startswith("10–15%")
    assert last.group(pattern["severity"]) == "error"


def _vim_errorformat() -> str:
    return re.search(r"errorformat=((?:\\ |\S)+)", _doc()).group(1)


@pytest.mark.skipif(shutil.which("vim") is None, reason="Vim is not installed (.ci/run installs Debian's vim)")
def test_vim_errorformat_in_real_vim(tmp_path):
    guide, out = _gcc_output(tmp_path)
    (tmp_path / "out.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    script = tmp_path / "check.vim"
    script.write_text("\n".join([
        "set nocompatible encoding=utf-8",
        "set errorformat=" + _vim_errorformat(),
        "cfile out.txt",
        "let s:out = []",
        "for s:i in range(1, len(getqflist()))",
        "  execute 'silent cc ' . s:i",
        "  let s:e = getqflist()[s:i - 1]",
        "  call add(s:out, join([bufname('%'), line('.'), s:e.type, strcharpart(getline('.'), charcol('.') - 1, 6)], \"\\t\"))",
        "endfor",
        "call writefile(s:out, 'qf.txt')",
        "qa!",
    ]) + "\n", encoding="utf-8")
    subprocess.run(["vim", "-es", "-u", "NONE", "-i", "NONE", "-N", "-S", str(script)], cwd=tmp_path, timeout=60,
                   stdin=subprocess.DEVNULL, capture_output=True)
    rows = [r.split("\t") for r in (tmp_path / "qf.txt").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 10
    assert rows[0][:3] == [guide.name, "10", "w"] and rows[0][3].startswith("2026-0")  # the warning is a warning
    assert [r[1:] for r in rows[-3:]] == [["54", "e", "10–15%"], ["55", "e", "10–15%"], ["56", "e", "10–15%"]]
    # the cursor lands on the cell after `–` and `£`; a byte column (%c) would not
    lines = REF.read_text(encoding="utf-8").splitlines()
    assert "£" in lines[55] and "–" in lines[55]
