"""The result cache: ``.seedlint_cache/cache.sqlite``, one row per (file content, path, settings).

The key hashes everything that can change a file's result: the bytes, the path (it is
in every diagnostic), seedlint's version, the effective settings (selection,
severities, per-file ignores, rule options including the date that date rules use)
and the schema text. Corpus rules run over the per-file facts; their output is
cached under the hash of all facts.

Why SQLite (the standard library's): creating a file costs about 130 µs on the
project's ext4 disk, so one file per entry added 45 % to a cold run; rows written in
batched transactions cost a few µs. Transactions make every write atomic, concurrent
runs are serialised by SQLite's locking (a write that cannot get the lock in time is
dropped: the cache is an optimisation), and a cache file that is corrupt or not a
database is deleted and rebuilt. Values are JSON, not pickle: a cache folder is not
trusted to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

from . import __version__
from .linter import FileResult
from .model import Diagnostic, Span

FORMAT = 3
DB_NAME = "cache.sqlite"
BATCH = 256
_INHERITED: list = []  # connections inherited across fork, kept alive so they are never closed


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
    """Get and put :class:`FileResult` objects by content key.

    Picklable for worker processes: the connection is not pickled, and a process
    never uses a connection opened by another (SQLite forbids carrying one across fork).
    """

    def __init__(self, directory: str, settings):
        self.dir = os.path.abspath(directory)
        salt = f"{FORMAT}\0{__version__}\0{settings.cache_key()}\0{_schema_digest(settings)}"
        self.salt = hashlib.sha256(salt.encode()).digest()
        self._db = None
        self._pid = None
        self._pending: list = []
        self._broken = False

    def __getstate__(self):
        state = dict(self.__dict__)
        state.update(_db=None, _pid=None, _pending=[])
        return state

    def key(self, path: str, data: bytes) -> str:
        h = hashlib.sha256(self.salt)
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    # ------------------------------------------------------------------ storage

    def _conn(self, create: bool):
        if self._broken:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:  # opened by the parent before a fork: never use or close it here
            _INHERITED.append(self._db)
            self._db = None
        path = os.path.join(self.dir, DB_NAME)
        if not create and not os.path.exists(path):
            return None
        import sqlite3

        for attempt in (1, 2):
            try:
                if create:
                    self._prepare()
                db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                db.execute("SELECT count(*) FROM entries WHERE key = ''").fetchone()
                self._db, self._pid = db, os.getpid()
                return db
            except sqlite3.DatabaseError:
                # not a database, or corrupt: start again from nothing
                for suffix in ("", "-wal", "-shm"):
                    try:
                        os.remove(path + suffix)
                    except OSError:
                        pass
            except OSError:
                break
        self._broken = True  # an unwritable folder must not fail the lint
        return None

    def _read(self, key: str):
        import sqlite3

        db = self._conn(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        return json.loads(row[0]) if row else None

    def _write(self, key: str, payload: dict) -> None:
        self._pending.append((key, json.dumps(payload, ensure_ascii=False, separators=(",", ":"))))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write pending entries in one transaction (called per batch, per worker chunk and at the end)."""
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        import sqlite3

        db = self._conn(create=True)
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Flush and close (the runner calls this before forking workers and at the end)."""
        self.flush()
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None

    def _prepare(self) -> None:
        os.makedirs(self.dir, exist_ok=True)
        tag = os.path.join(self.dir, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w") as fh:
                fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# seedlint result cache; safe to delete.\n")
            with open(os.path.join(self.dir, ".gitignore"), "w") as fh:
                fh.write("*\n")

    # ------------------------------------------------------------------ entries

    def get(self, key: str, path: str) -> FileResult | None:
        try:
            data = self._read(key)
            return None if data is None else _decode(data, path)
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry: lint again and rewrite
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
            data = self._read(key)
            if data is None or data["v"] != FORMAT:
                return None
            return [Diagnostic.from_dict(d) for d in data["d"]]
        except Exception:  # noqa: BLE001 - as in get()
            return None

    def put_corpus(self, key: str, diags: list[Diagnostic]) -> None:
        self._write(key, {"v": FORMAT, "d": [d.to_dict() for d in diags]})


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
