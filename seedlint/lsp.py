"""``seedlint lsp``: a language server that publishes diagnostics on open, change and save.

Needs the ``lsp`` extra (``pip install 'seedlint[lsp]'``, which brings pygls ≥ 2). The
configuration that applies to the document's path is used, as on the command line;
corpus rules read the configured ``corpus-roots``. Positions are converted to the LSP's
0-based lines and UTF-16 columns.
"""

from __future__ import annotations

import sys
from urllib.parse import unquote, urlparse

from . import DOCS_URL, __version__


def _path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _utf16(line_text: str, column: int) -> int:
    """0-based UTF-16 offset of a 1-based code-point column."""
    prefix = line_text[: max(column - 1, 0)]
    return len(prefix.encode("utf-16-le")) // 2 + max(0, column - 1 - len(prefix))


def lint_text(path: str, text: str):
    """seedlint diagnostics for ``text`` as if it were the file ``path``."""
    import os

    from .config import resolve
    from .discover import display
    from .runner import run

    start = path if os.path.exists(path) else (os.path.dirname(path) or ".")
    settings = resolve(start, None, False)
    result = run([], settings, stdin=(display(path), text.encode("utf-8")))
    return result.diagnostics


def to_lsp(diags, text: str, types) -> list:
    """Convert seedlint diagnostics to LSP diagnostics for the document ``text``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    severity = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                "info": types.DiagnosticSeverity.Information}
    out = []
    for d in diags:
        def pos(line, col):
            text_line = lines[line - 1] if 0 < line <= len(lines) else ""
            return types.Position(line=max(line - 1, 0), character=_utf16(text_line, col))

        out.append(types.Diagnostic(
            range=types.Range(start=pos(d.line, d.column), end=pos(d.end_line, d.end_column)),
            severity=severity[d.severity],
            code=d.code,
            code_description=types.CodeDescription(href=f"{DOCS_URL}#{d.code.lower()}-{d.name}"),
            source="seedlint",
            message=f"{d.message} ({d.name})",
        ))
    return out


def build_server():
    """The pygls server with its handlers."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("seedlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)

    def publish(ls, uri: str) -> None:
        doc = ls.workspace.get_text_document(uri)
        try:
            diags = lint_text(_path_of(uri), doc.source)
        except Exception as exc:  # a configuration error must not kill the editor's server
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"seedlint: {exc}"))
            diags = []
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=doc.version,
                                                                            diagnostics=to_lsp(diags, doc.source, types)))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams):
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: types.DidChangeTextDocumentParams):
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams):
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: types.DidCloseTextDocumentParams):
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    return server


def main(argv: list[str]) -> int:
    """Entry point of ``seedlint lsp`` (stdio)."""
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write("usage: seedlint lsp\n\nStart the seedlint language server on standard input/output.\n")
        return 0
    try:
        server = build_server()
    except ImportError:
        sys.stderr.write("seedlint: error: the language server needs the 'lsp' extra: pip install 'seedlint[lsp]'\n")
        return 2
    server.start_io()
    return 0
