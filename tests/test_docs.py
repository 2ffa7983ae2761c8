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
