"""The release path: `python -m build` makes an sdist and a wheel, `twine check` passes,
and the wheel installed into a fresh virtualenv lints a guide on its own (the schema is
inside). Builds from a copy of the project, so nothing is written into the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    src = tmp_path_factory.mktemp("src") / "seedlint"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "build", "dist", "*.egg-info",
                                                             ".hypothesis", ".pytest_cache", "node_modules"))
    out = src.parent / "dist"
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(src)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out


def test_sdist_and_wheel_hold_the_schema(dist):
    wheel = next(dist.glob("*.whl"))
    sdist = next(dist.glob("*.tar.gz"))
    assert "seedlint/schemas/seed.schema.json" in zipfile.ZipFile(wheel).namelist()
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    assert any(n.endswith("/schemas/seed.schema.json") for n in names)
    assert any(n.endswith("/CHANGELOG.md") for n in names) and any(n.endswith("/README.md") for n in names)


def test_twine_check(dist):
    proc = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wheel_in_a_fresh_virtualenv(dist, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    proc = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(FIXTURES / "rules" / "clean_base.md", work / "good.md")
    (work / "bad.md").write_text((FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8")
                                 .replace("data_quality: high", "data_quality: superb"), encoding="utf-8")
    seedlint = str(venv / "bin" / "seedlint")
    ok = subprocess.run([seedlint, "--today", "2026-11-26", "--no-cache", "good.md"], cwd=work, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == "All checks passed.\n", ok.stdout + ok.stderr
    bad = subprocess.run([seedlint, "--today", "2026-11-26", "--no-cache", "bad.md"], cwd=work, capture_output=True, text=True)
    assert bad.returncode == 1 and "bad.md:8:15: SL104" in bad.stdout  # the schema's enum, from inside the wheel
    # without the lsp extra, the error names a command that works from this installation
    lsp = subprocess.run([seedlint, "lsp"], cwd=work, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert lsp.returncode == 2
    assert f"pip install 'seedlint[lsp] @ {wheel.as_uri()}'" in lsp.stderr, lsp.stderr
