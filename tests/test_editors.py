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


# ---------------------------------------------------------------- the language server's position encodings

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
import sys  # noqa: E402

ROW = "| London | £120K–£150K 🌉 € | £80K–£120K | 10–15% | £152K–£195K |"


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "seedlint", "lsp"]),
                    params=["utf-8", "utf-16", "utf-32"])
async def encoded_client(lsp_client: LanguageClient, request, tmp_path):
    (tmp_path / ".seedlint.toml").write_text("today = 2026-11-26\n")
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(general=types.GeneralClientCapabilities(position_encodings=[request.param])),
        root_uri=tmp_path.as_uri()))
    lsp_client.encoding, lsp_client.announced, lsp_client.tmp = request.param, result.capabilities.position_encoding, tmp_path
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_lsp_columns_in_the_negotiated_encoding(encoded_client: LanguageClient):
    client = encoded_client
    assert str(getattr(client.announced, "value", client.announced)) == client.encoding
    text = (FIXTURES / "rules" / "clean_base.md").read_text(encoding="utf-8").replace(
        "| London | £120K–£150K | £80K–£120K | 10% | £152K–£195K |", ROW)
    assert ROW in text
    path = client.tmp / "g.md"
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    by_code = {d.code: d for d in client.diagnostics[path.as_uri()]}
    enc = client.encoding
    base_start = ROW.index("£120K")
    base_end = ROW.index(" | £80K")
    bonus_start = ROW.index("10–15%")
    assert by_code["SL506"].range.start.character == _units(ROW[:base_start], enc)
    assert by_code["SL506"].range.end.character == _units(ROW[:base_end], enc)  # after the emoji and the €
    assert by_code["SL504"].range.start.character == _units(ROW[:bonus_start], enc)
    assert by_code["SL504"].range.end.character == _units(ROW[:bonus_start + len("10–15%")], enc)


NVIM_LUA = """
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ name = "seedlint", cmd = { vim.env.SEEDLINT_PY, "-m", "seedlint", "lsp" },
                                      root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buf, client)
vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 10 end, 100)
local out = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  table.insert(out, table.concat({ d.lnum + 1, d.severity, d.code or "", string.sub(line, d.col + 1, d.col + 8) }, "\\t"))
end
vim.fn.writefile(out, "diags.txt")
vim.cmd("qa!")
"""


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (.ci/run installs Debian's neovim)")
def test_neovim_headless_reads_the_language_server(tmp_path):
    """Debian's Neovim (0.7.2: `vim.lsp.start_client`; `vim.lsp.start` is 0.8+) against `seedlint lsp`,
    reading `vim.diagnostic.get()`: lines, severities, and byte columns that land on the cell."""
    shutil.copy(REF, tmp_path / "g.md")
    (tmp_path / ".seedlint.toml").write_text("today = 2026-11-26\n")
    (tmp_path / "t.lua").write_text(NVIM_LUA, encoding="utf-8")
    import os

    subprocess.run(["nvim", "--headless", "-n", "-u", "NONE", "-i", "NONE", "g.md", "-c", "luafile t.lua"], cwd=tmp_path,
                   env={**os.environ, "SEEDLINT_PY": sys.executable}, timeout=120, stdin=subprocess.DEVNULL, capture_output=True)
    rows = [r.split("\t") for r in (tmp_path / "diags.txt").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 10
    assert rows[0][:3] == ["10", "2", "SL401"]  # vim.diagnostic.severity.WARN
    assert [r for r in rows if r[2] == "SL504"] == [["54", "1", "SL504", "10–15%"], ["55", "1", "SL504", "10–15%"],
                                                    ["56", "1", "SL504", "10–15%"]]
