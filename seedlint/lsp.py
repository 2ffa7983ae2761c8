"""``seedlint lsp``: a language server that publishes diagnostics on open, change and save.

Needs the ``lsp`` extra (pygls ≥ 2); without it, the error names the command that adds
it to this installation (a clone, a git URL or a wheel: see ``install.py``). The
configuration that applies to the document's path is used, as on the command line;
corpus rules read the configured ``corpus-roots``. Positions are converted to the LSP's
0-based lines and to columns in the position encoding negotiated at initialisation
(``utf-8``, ``utf-16`` — the default — or ``utf-32``).
"""

from __future__ import annotations

import sys
from urllib.parse import unquote, urlparse

from typing import TYPE_CHECKING, Any, BinaryIO

from . import DOCS_URL, __version__

if TYPE_CHECKING:
    from .linter import CorpusFacts
    from .model import Diagnostic
    from .registry import Fact
    from .project import Project


def _path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _offset(line_text: str, column: int, encoding: str = "utf-16") -> int:
    """0-based offset of a 1-based code-point column, in the negotiated position encoding:
    UTF-8 bytes, UTF-16 code units (the LSP default) or UTF-32 code points."""
    n = max(column - 1, 0)
    prefix = line_text[:n]
    beyond = max(0, n - len(prefix))  # a column past the end of the line (a zero-width span)
    if encoding == "utf-8":
        return len(prefix.encode("utf-8", "surrogatepass")) + beyond
    if encoding == "utf-32":
        return n
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2 + beyond


class CorpusMemo:
    """Facts of the corpus-root guides, kept between runs of the server.

    A keystroke re-lints one document; the corpus rules still compare it with every
    guide under ``corpus-roots``. Those guides are read again only when their size or
    modification time changed (or their settings did), so a keystroke in a corpus of
    5,000 guides costs a walk, 5,000 ``stat`` calls and the corpus rules — not 5,000 parses.
    """

    def __init__(self) -> None:
        self._memo: dict[str, tuple[tuple[int, int, str], dict[str, Fact] | None]] = {}  # path -> ((size, mtime_ns, settings key), facts)

    def facts(self, project: Project, linted: set[str]) -> CorpusFacts:
        import os

        from .discover import PathError, Walk
        from .registry import CORPUS, all_rules
        from .batch import lint_chunk
        from .linter import add_facts
        from .runner import context_only

        settings = project.run
        rules = all_rules()
        if not settings.corpus_roots or not any(rules[c].scope == CORPUS for c in settings.enabled()):
            return {}
        roots = [r for r in settings.corpus_roots if os.path.isdir(r)]
        try:
            paths = [p for p in Walk(project.for_path, project.root, settings.follow_symlinks).files(roots) if p not in linted]
        except PathError:
            return {}
        keys: dict[str, tuple[int, int, str]] = {}
        stale = []
        for p in paths:
            try:
                st = os.stat(p)
            except OSError:
                continue
            s = project.for_path(p)
            key = (st.st_size, st.st_mtime_ns, s.cache_key())
            keys[p] = key
            hit = self._memo.get(p)
            if hit is None or hit[0] != key:
                stale.append((p, s))
        for (p, _), result in zip(stale, lint_chunk(stale)):
            self._memo[p] = (keys[p], None if isinstance(result, str) else context_only(result.facts))
        for gone in set(self._memo) - set(keys):
            del self._memo[gone]
        out: CorpusFacts = {}
        for p in paths:
            if p in keys:
                add_facts(out, self._memo[p][1])
        return out


def lint_text(path: str, text: str, corpus: CorpusMemo | None = None) -> list[Diagnostic]:
    """seedlint diagnostics for ``text`` as if it were the file ``path`` (the configuration
    nearest to ``path`` applies, as on the command line)."""
    import os

    from .discover import display
    from .project import Project
    from .runner import run

    start = path if os.path.exists(path) else (os.path.dirname(path) or ".")
    project = Project([start])
    shown = display(path)
    extras = corpus.facts(project, {shown}) if corpus is not None else None
    result = run([], project.run, stdin=(shown, text.encode("utf-8")), settings_for=project.for_path,
                 corpus_extras=extras)
    return result.diagnostics


def to_lsp(diags: list[Diagnostic], text: str, types: Any, encoding: str = "utf-16") -> list[Any]:
    """Convert seedlint diagnostics to LSP diagnostics for the document ``text``, with
    columns in the position encoding negotiated with the client."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    severity = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                "info": types.DiagnosticSeverity.Information}
    out = []
    for d in diags:
        def pos(line: int, col: int) -> Any:
            text_line = lines[line - 1] if 0 < line <= len(lines) else ""
            return types.Position(line=max(line - 1, 0), character=_offset(text_line, col, encoding))

        out.append(types.Diagnostic(
            range=types.Range(start=pos(d.line, d.column), end=pos(d.end_line, d.end_column)),
            severity=severity[d.severity],
            code=d.code,
            code_description=types.CodeDescription(href=f"{DOCS_URL}#{d.code.lower()}-{d.name}"),
            source="seedlint",
            message=f"{d.message} ({d.name})",
        ))
    return out


def _lines(text: str) -> tuple[list[str], str]:
    """The document's lines as the LSP counts them, and its first line ending."""
    import re

    found = re.search(r"\r\n|\r|\n", text)
    return re.split(r"\r\n|\r|\n", text), (found.group() if found else "\n")


def to_text_edits(edits: Any, text: str, types: Any, encoding: str = "utf-16") -> list[Any]:
    """A fix's edits as LSP text edits on ``text`` (inserted line breaks written with the
    document's own line ending)."""
    lines, eol = _lines(text)

    def pos(line: int, col: int) -> Any:
        text_line = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=max(line - 1, 0), character=_offset(text_line, col, encoding))

    return [types.TextEdit(range=types.Range(start=pos(e.line, e.column), end=pos(e.end_line, e.end_column)),
                           new_text=e.text.replace("\n", eol)) for e in edits]


FIX_ALL = "source.fixAll.seedlint"


def code_actions(path: str, uri: str, text: str, first: int, last: int, only: list[str] | None, types: Any,
                 encoding: str = "utf-16", corpus: CorpusMemo | None = None) -> list[Any]:
    """Quick fixes for the fixable findings on lines ``first``..``last`` (1-based; unsafe
    ones say so in their title), and ``source.fixAll.seedlint``: every safe fix (unsafe
    ones too when the configuration sets ``unsafe-fixes``), applied as ``--fix`` does."""
    import os

    from .fix import fix_bytes, for_settings
    from .project import Project

    start = path if os.path.exists(path) else (os.path.dirname(path) or ".")
    settings = Project([start]).for_path(path)
    diags = lint_text(path, text, corpus)
    mine = [d for d in diags if d.fix is not None and d.code in settings.fixable_codes()]

    def wanted(kind: str) -> bool:
        """Whether the client asked for this kind (``only`` lists kinds or their parents)."""
        return not only or any(kind == o or kind.startswith(o + ".") for o in only)

    out = []
    if wanted(types.CodeActionKind.QuickFix):
        for d in mine:
            if d.end_line < first or d.line > last:
                continue
            assert d.fix is not None
            unsafe = d.fix.applicability != "safe"
            out.append(types.CodeAction(
                title=f"{d.fix.message} ({d.code}{', unsafe' if unsafe else ''})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=to_lsp([d], text, types, encoding),
                is_preferred=not unsafe,
                edit=types.WorkspaceEdit(changes={uri: to_text_edits(d.fix.edits, text, types, encoding)})))
    if wanted(FIX_ALL):
        from .discover import display

        ok = for_settings(settings)
        if any(ok.applies(d) for d in mine):
            data = text.encode("utf-8")
            fixed = fix_bytes(data, display(path), settings, [d for d in diags], ok).data
            if fixed != data:
                lines, _ = _lines(text)
                end = types.Position(line=len(lines) - 1, character=_offset(lines[-1], len(lines[-1]) + 1, encoding))
                whole = types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end),
                                       new_text=fixed.decode("utf-8"))
                out.append(types.CodeAction(title="seedlint: fix all safe problems", kind=FIX_ALL,
                                            edit=types.WorkspaceEdit(changes={uri: [whole]})))
    return out


# A change is linted this long after the last keystroke; an older run's result is dropped.
DEBOUNCE_SECONDS = 0.08


def build_server() -> Any:
    """The pygls server with its handlers."""
    import asyncio

    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("seedlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    corpus = CorpusMemo()
    pending: dict[str, asyncio.Future[None]] = {}  # uri -> the task that will lint its latest version
    latest: dict[str, int | None] = {}  # uri -> latest version seen

    def lint(uri: str, source: str) -> tuple[list[Diagnostic], str | None]:
        try:
            return lint_text(_path_of(uri), source, corpus), None
        except Exception as exc:  # a configuration error must not kill the editor's server
            return [], f"seedlint: {exc}"

    async def publish(ls: LanguageServer, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = ls.workspace.get_text_document(uri)
        version, source = doc.version, doc.source
        # linted in a thread: the server keeps reading messages (and cancelling) meanwhile
        diags, error = await asyncio.get_running_loop().run_in_executor(None, lint, uri, source)
        if latest.get(uri) != version:
            return  # superseded by a newer change while it ran
        if error:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=error))
        negotiated = getattr(ls.workspace, "position_encoding", None) or "utf-16"
        encoding = str(getattr(negotiated, "value", negotiated))
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=version,
                                                                            diagnostics=to_lsp(diags, source, types, encoding)))

    def schedule(ls: LanguageServer, uri: str, version: int | None, delay: float) -> None:
        latest[uri] = version
        task = pending.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()
        pending[uri] = asyncio.ensure_future(publish(ls, uri, delay))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, params.text_document.version, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, params.text_document.version, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        schedule(ls, uri, ls.workspace.get_text_document(uri).version, 0)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    async def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        source = ls.workspace.get_text_document(uri).source
        negotiated = getattr(ls.workspace, "position_encoding", None) or "utf-16"
        encoding = str(getattr(negotiated, "value", negotiated))
        only = [str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None

        def work() -> list[types.CodeAction]:
            try:
                return code_actions(_path_of(uri), uri, source, params.range.start.line + 1, params.range.end.line + 1,
                                    only, types, encoding, corpus)
            except Exception:  # a configuration error is shown by the diagnostics; no actions then
                return []

        return await asyncio.get_running_loop().run_in_executor(None, work)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = pending.pop(uri, None)
        if task is not None:
            task.cancel()
        latest.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    return server


class _Framing:
    """Standard input with LSP framing repaired before pygls reads it.

    pygls waits for a ``Content-Length`` header; a message whose header is missing, negative
    or not a number makes it read the following message's header as part of the body, and
    it never answers again. This reader passes well-formed messages through unchanged and,
    on a bad header, logs one line to stderr and skips to the next ``Content-Length:``.
    """

    MAX_BODY = 64 * 1024 * 1024

    def __init__(self, raw: BinaryIO) -> None:
        import os
        import threading

        self.raw = raw
        self.read_fd, self.write_fd = os.pipe()
        threading.Thread(target=self._pump, daemon=True).start()

    def reader(self) -> BinaryIO:
        import os

        return os.fdopen(self.read_fd, "rb", buffering=0)

    def _pump(self) -> None:
        import os
        import re

        header_re = re.compile(rb"Content-Length:[ \t]*(\d{1,12})", re.I)
        buf = b""
        out = self.write_fd
        try:
            while True:
                end = buf.find(b"\r\n\r\n")
                while end < 0:
                    chunk = self.raw.read1(65536) if hasattr(self.raw, "read1") else self.raw.read(65536)
                    if not chunk:
                        return
                    buf += chunk
                    end = buf.find(b"\r\n\r\n")
                head, buf = buf[:end], buf[end + 4:]
                length = None
                for line in head.split(b"\r\n"):
                    m = header_re.fullmatch(line.strip())
                    if m:
                        length = int(m.group(1))
                if length is None or length > self.MAX_BODY:
                    sys.stderr.write("seedlint lsp: dropped a message with a missing or invalid Content-Length\n")
                    sys.stderr.flush()
                    nxt = buf.find(b"Content-Length:")
                    while nxt < 0:
                        chunk = self.raw.read1(65536) if hasattr(self.raw, "read1") else self.raw.read(65536)
                        if not chunk:
                            return
                        buf = buf[-20:] + chunk
                        nxt = buf.find(b"Content-Length:")
                    buf = buf[nxt:]
                    continue
                while len(buf) < length:
                    chunk = self.raw.read1(65536) if hasattr(self.raw, "read1") else self.raw.read(65536)
                    if not chunk:
                        return
                    buf += chunk
                body, buf = buf[:length], buf[length:]
                os.write(out, b"Content-Length: %d\r\n\r\n" % length + body)
        except OSError:
            return
        finally:
            os.close(out)


def main(argv: list[str]) -> int:
    """Entry point of ``seedlint lsp`` (stdio)."""
    if argv and argv[0] in ("-h", "--help"):
        sys.stdout.write("usage: seedlint lsp\n\nStart the seedlint language server on standard input/output.\n")
        return 0
    try:
        server = build_server()
    except ImportError:
        from .install import install_command

        sys.stderr.write(f"seedlint: error: the language server needs the 'lsp' extra: {install_command('lsp')}\n")
        return 2
    server.start_io(stdin=_Framing(sys.stdin.buffer).reader())
    return 0
