"""The result cache: one JSON file per (file content, path, settings) in ``.seedlint_cache/``.

The key hashes everything that can change a file's result: the bytes, the
path (it is in every diagnostic), seedlint's version, the effective settings
(selection, severities, per-file ignores, rule options including the date
that date rules use) and the schema text. Corpus rules are not cached: they
run every time over the per-file facts, which are. Entries are written
atomically (temporary file + rename), so concurrent runs never leave a torn
entry; an entry that does not parse or has the wrong shape is ignored and
rewritten. JSON, not pickle: a cache folder is not trusted to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading

from . import __version__
from .linter import FileResult
from .model import Diagnostic, Span

FORMAT = 2


def _schema_digest(settings) -> str:
    from .schema import default_schema_text

    parts = [default_schema_text()]
    if settings.schema:
        try:
            with open(settings.schema, "rb") as fh:
                parts.append(fh.read().decode("utf-8", "replace"))
        except OSError:
            parts.append("<unreadable>")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Cache:
    """Get and put :class:`FileResult` objects by content key. Picklable (for workers)."""

    def __init__(self, directory: str, settings):
        self.dir = os.path.abspath(directory)
        salt = f"{FORMAT}\0{__version__}\0{settings.cache_key()}\0{_schema_digest(settings)}"
        self.salt = hashlib.sha256(salt.encode()).digest()
        self._ready = False
        self._folders: set[str] = set()

    def key(self, path: str, data: bytes) -> str:
        h = hashlib.sha256(self.salt)
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.dir, key[:2], key[2:] + ".json")

    def get(self, key: str, path: str) -> FileResult | None:
        try:
            with open(self._file(key), "rb") as fh:
                return _decode(json.loads(fh.read()), path)
        except Exception:  # noqa: BLE001 - missing, corrupt or foreign: lint again and rewrite
            return None

    def put(self, key: str, result: FileResult) -> None:
        self._write(key, _encode(result))

    def corpus_key(self, facts, report) -> str:
        """Key of the corpus rules' output: every file's facts and the reported paths."""
        h = hashlib.sha256(self.salt)
        for f in sorted(facts, key=lambda f: f.path):
            h.update(repr(f).encode("utf-8", "surrogateescape"))
        for p in sorted(report):
            h.update(p.encode("utf-8", "surrogateescape") + b"\0")
        return "c" + h.hexdigest()

    def get_corpus(self, key: str) -> list[Diagnostic] | None:
        try:
            with open(self._file(key), "rb") as fh:
                data = json.loads(fh.read())
            if data["v"] != FORMAT:
                return None
            return [Diagnostic.from_dict(d) for d in data["d"]]
        except Exception:  # noqa: BLE001 - as in get()
            return None

    def put_corpus(self, key: str, diags: list[Diagnostic]) -> None:
        self._write(key, {"v": FORMAT, "d": [d.to_dict() for d in diags]})

    def _write(self, key: str, payload: dict) -> None:
        try:
            self._prepare()
            target = self._file(key)
            folder = os.path.dirname(target)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            # a name no other process uses, then an atomic rename over the entry
            tmp = os.path.join(folder, f".tmp-{os.getpid()}-{threading.get_ident()}-{key[2:10]}")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only or full disk must not fail the lint

    def _prepare(self) -> None:
        if self._ready:
            return
        os.makedirs(self.dir, exist_ok=True)
        tag = os.path.join(self.dir, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w") as fh:
                fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# seedlint result cache; safe to delete.\n")
            with open(os.path.join(self.dir, ".gitignore"), "w") as fh:
                fh.write("*\n")
        self._ready = True


def clean(directory: str) -> None:
    """Delete the cache folder (only if it looks like ours)."""
    if os.path.isfile(os.path.join(directory, "CACHEDIR.TAG")):
        shutil.rmtree(directory, ignore_errors=True)


def _encode(r: FileResult) -> dict:
    f = r.facts
    return {
        "v": FORMAT,
        "d": [d.to_dict() for d in r.diagnostics],
        "f": None if f is None else [f.company, f.role, f.role_pos, f.company_display, f.raw, f.raw_pos],
        "e": r.internal_error,
        "s": [[s.kind, s.codes, s.start, s.end, s.span, s.invalid, s.text] for s in r.suppressions],
        "n": r.line_count,
    }


def _pos(v):
    return None if v is None else (int(v[0]), int(v[1]), int(v[2]), int(v[3]))


def _decode(data: dict, path: str) -> FileResult:
    from .rules.corpus import GuideFacts
    from .suppress import Suppression

    if data["v"] != FORMAT:
        raise ValueError("old cache format")
    f = data["f"]
    facts = None if f is None else GuideFacts(path, f[0], f[1], _pos(f[2]), f[3], f[4], _pos(f[5]))
    sups = [Suppression(k, None if c is None else tuple(c), a, b, Span(*sp), tuple(inv), t) for k, c, a, b, sp, inv, t in data["s"]]
    diags = [Diagnostic.from_dict(d) for d in data["d"]]
    return FileResult(path, diags, facts, bool(data["e"]), sups, int(data["n"]))
