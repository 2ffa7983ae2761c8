"""The fix stage: choosing fixes, applying their edits to a file's bytes, re-linting,
writing atomically.

Edits arrive at the parser's positions (line, column in characters of the decoded,
LF-normalised text). Here they are mapped back onto the file as it is on disk: the
byte-order mark, each line's own ending (LF, CRLF or a lone CR) and every byte outside
the edits are kept; text an edit inserts breaks lines with the file's first line ending.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .model import SAFE, UNSAFE, Diagnostic, Edit

if TYPE_CHECKING:
    from .registry import Fact
    from .settings import Settings

BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"\r\n|\r|\n")
# Fixes are applied and the file re-linted until none applies; a fix that another one
# keeps undoing cannot loop for ever.
MAX_PASSES = 10


class Applicability:
    """Which fixes a run applies: safe ones, unsafe ones with ``--unsafe-fixes``, only of
    ``fixable`` codes not in ``unfixable``."""

    def __init__(self, unsafe: bool, codes: frozenset[str]) -> None:
        self.unsafe = unsafe
        self.codes = codes

    def applies(self, d: Diagnostic) -> bool:
        return d.fix is not None and d.code in self.codes and (d.fix.applicability == SAFE or self.unsafe)

    def hidden(self, d: Diagnostic) -> bool:
        """A fix only ``--unsafe-fixes`` would apply."""
        return d.fix is not None and d.code in self.codes and d.fix.applicability == UNSAFE and not self.unsafe


def for_settings(settings: Settings, unsafe: bool | None = None) -> Applicability:
    return Applicability(settings.unsafe_fixes if unsafe is None else unsafe, settings.fixable_codes())


def choose(diagnostics: Iterable[Diagnostic], ok: Callable[[Diagnostic], bool]) -> tuple[list[Edit], list[Diagnostic]]:
    """The edits of every applicable fix that does not overlap one chosen before it (in
    the order of their first edit; the others wait for the next pass), and the
    diagnostics they fix. Two findings with the same fix (SL503 and SL505 on one cell)
    share it. Insertions at one point are kept in the order of their findings."""
    chosen: list[Edit] = []
    fixed: list[Diagnostic] = []
    seen: set[tuple[Edit, ...]] = set()
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    todo = [d for d in diagnostics if ok(d)]
    todo.sort(key=lambda d: (min((e.line, e.column) for e in d.fix.edits) if d.fix and d.fix.edits else (0, 0)))
    for d in todo:
        assert d.fix is not None
        edits = d.fix.edits
        if not edits:
            continue
        if edits in seen:
            fixed.append(d)
            continue
        spans = [((e.line, e.column), (e.end_line, e.end_column)) for e in edits]
        if any(_overlap(s, t) for s in spans for t in taken) or any(
                _overlap(s, t) for i, s in enumerate(spans) for t in spans[i + 1:]):
            continue
        seen.add(edits)
        taken.extend(spans)
        chosen.extend(edits)
        fixed.append(d)
    return chosen, fixed


def _overlap(a: tuple[tuple[int, int], tuple[int, int]], b: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Whether two edits touch the same text: replacements that intersect, or an
    insertion strictly inside a replacement. Insertions at one point do not conflict."""
    (a0, a1), (b0, b1) = a, b
    if a0 == a1 and b0 == b1:
        return False
    if a0 == a1:
        return b0 < a0 < b1
    if b0 == b1:
        return a0 < b0 < a1
    return a0 < b1 and b0 < a1


class EditError(ValueError):
    """An edit that does not fit the file (it changed, or a fix is wrong): nothing applied."""


def apply(data: bytes, edits: Sequence[Edit]) -> bytes:
    """``data`` with ``edits`` applied; raises :class:`EditError` if one does not fit."""
    bom = data.startswith(BOM)
    try:
        text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError("not UTF-8") from None
    starts = [0]
    ends: list[int] = []  # where each line's text ends (before its line break)
    eol = None
    for m in _BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
        if eol is None:
            eol = m.group()
    ends.append(len(text))
    eol = eol or "\n"

    def offset(line: int, col: int) -> int:
        if not 1 <= line <= len(starts):
            raise EditError(f"line {line} is not in the file")
        at = starts[line - 1] + col - 1
        if col < 1 or at > ends[line - 1]:
            raise EditError(f"column {col} is not on line {line}")
        return at

    placed = sorted(((offset(e.line, e.column), offset(e.end_line, e.end_column), n, e.text)
                     for n, e in enumerate(edits)), key=lambda t: (t[0], t[1], t[2]))
    out: list[str] = []
    pos = 0
    for start, end, _, new in placed:
        if start < pos or end < start:
            raise EditError("edits overlap")
        out.append(text[pos:start])
        out.append(new.replace("\n", eol))
        pos = end
    out.append(text[pos:])
    return (BOM if bom else b"") + "".join(out).encode("utf-8")


@dataclass
class Fixed:
    """What fixing one file did."""

    data: bytes  # the fixed bytes (the original when nothing applied)
    diagnostics: list[Diagnostic]  # what remains, as a lint of ``data`` reports it
    fixed: Counter[str] = field(default_factory=Counter)  # code -> findings fixed
    passes: int = 0
    error: str | None = None
    facts: dict[str, Fact] | None = None  # of the last lint of the fixed text (when it changed)


def fix_bytes(data: bytes, path: str, settings: Settings, diagnostics: list[Diagnostic], ok: Applicability,
              corpus: Sequence[Diagnostic] = (), keep: Callable[[list[Diagnostic]], list[Diagnostic]] = list) -> Fixed:
    """Apply fixes to ``data`` until none applies (at most MAX_PASSES), re-linting after
    each pass. ``diagnostics`` are the reported findings on ``data``; ``corpus`` the
    corpus rules' findings on the file (before suppressions); ``keep`` drops what is not
    reported (a baseline's findings)."""
    from .linter import finish, lint_bytes

    result = Fixed(data, diagnostics)
    current, diags = data, diagnostics
    for _ in range(MAX_PASSES):
        edits, fixed = choose(diags, ok.applies)
        if not edits:
            break
        try:
            new = apply(current, edits)
        except EditError as exc:
            result.error = f"{path}: a fix does not fit the file ({exc}); not fixed further"
            break
        if new == current:
            break
        current = new
        result.fixed.update(d.code for d in fixed)
        result.passes += 1
        linted = lint_bytes(current, path, settings)
        result.facts = linted.facts
        diags = keep(finish(linted, settings, [d for d in corpus]))
    result.data, result.diagnostics = current, diags
    return result


class Baselined:
    """A file's findings recorded in a baseline, as ``(code, fingerprint) -> count``:
    a fix pass reports (and fixes) only the others, as ``--baseline`` does."""

    def __init__(self, counts: dict[tuple[str, str], int] | None = None) -> None:
        self.counts = counts or {}

    def __call__(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        if not self.counts:
            return diags
        left = dict(self.counts)
        out = []
        for d in diags:
            key = (d.code, d.fingerprint)
            if left.get(key, 0) > 0:
                left[key] -= 1
            else:
                out.append(d)
        return out


@dataclass
class Task:
    """One file to fix, as the run left it (what a worker process needs)."""

    path: str
    settings: int  # index into the run's list of settings
    digest: str  # of the bytes linted
    diagnostics: list[Diagnostic]  # reported on it (after suppressions and the baseline)
    corpus: list[Diagnostic]  # corpus rules' findings on it, before suppressions
    facts: dict[str, Fact] | None
    baselined: Baselined
    diff: bool  # only say how (--diff)


@dataclass
class Outcome:
    """What fixing one file did."""

    path: str
    fixed: Counter[str] = field(default_factory=Counter)
    diagnostics: list[Diagnostic] | None = None  # what remains, when the file changed
    diff: str = ""
    facts_changed: bool = False
    warning: str | None = None
    error: str | None = None


def fix_one(task: Task, settings: Settings) -> Outcome:
    """Read the file again, fix it if it still holds the bytes linted, and write it (or,
    with ``diff``, return the diff)."""
    from .batch import read_file
    from .linter import digest

    out = Outcome(task.path)
    try:
        read = os.stat(task.path)
        data = read_file(task.path, settings.max_file_size)
    except OSError as exc:
        out.warning = f"{task.path}: cannot read it again to fix it: {exc.strerror or exc}"
        return out
    if digest(data) != task.digest:
        out.warning = f"{task.path}: changed on disk since it was linted; not fixed"
        return out
    done = fix_bytes(data, task.path, settings, task.diagnostics, for_settings(settings), task.corpus, task.baselined)
    out.warning = done.error
    if done.data == data:
        return out
    if task.diff:
        out.diff = unified_diff(task.path, data, done.data)
    else:
        err = write_atomic(task.path, done.data, read)
        if err:
            out.error = err
            return out
        out.facts_changed = done.facts != task.facts
    out.fixed, out.diagnostics = done.fixed, done.diagnostics
    return out


def write_atomic(path: str, data: bytes, read: os.stat_result) -> str | None:
    """Replace ``path`` by ``data`` through a temporary file in its folder and a rename,
    keeping its mode (and owner, where allowed); None when written, else why not.
    ``read`` is the file's status when it was read: if its size, modification time or
    inode differ now, someone changed it meanwhile and nothing is written."""

    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError as exc:
        return f"{path}: cannot look at it again before writing: {exc.strerror or exc}"
    if (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != (read.st_size, read.st_mtime_ns, read.st_ino, read.st_dev):
        return f"{path}: changed on disk while seedlint was fixing it; not written"
    return _replace(path, real, data, st.st_mode & 0o7777, (st.st_uid, st.st_gid))


def write_new(path: str, data: bytes) -> str | None:
    """Write a file seedlint makes (a report) through a temporary file and a rename; a
    symbolic link at ``path`` is replaced, never followed. None when written, else why not."""
    return _replace(path, path, data, 0o644)


def _replace(shown: str, target: str, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> str | None:
    """``target`` replaced by ``data`` through a temporary file in its folder and a rename
    (atomic for readers), with ``mode`` and, where allowed, ``owner``; else why not."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".seedlint-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(target)))
    except OSError as exc:
        return f"{shown}: cannot write next to it: {exc.strerror or exc}"
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        if owner is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, *owner)
            except OSError:
                pass  # not allowed to give the file away: it keeps the writer's
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return f"{shown}: cannot write: {exc.strerror or exc}"
    return None


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of two versions of a file, for a terminal: the name and every line
    escaped (a guide's escape sequences are shown, never sent), one line per line."""
    import difflib

    from .escape import for_terminal

    def lines(b: bytes) -> list[str]:
        parts = _BREAK.split(b.decode("utf-8", "replace"))
        return parts[:-1] if parts and parts[-1] == "" else parts

    name = for_terminal(path)
    out = [for_terminal(line.rstrip("\n")) + "\n"
           for line in difflib.unified_diff(lines(before), lines(after), f"a/{name}", f"b/{name}", lineterm="")]
    return "".join(out)
