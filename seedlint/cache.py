"""The result cache: one SQLite file per project, every entry authenticated.

Where it lives. By default in the user's cache directory
(``$XDG_CACHE_HOME/seedlint``, ``~/.cache/seedlint``, ``~/Library/Caches/seedlint``
or ``%LOCALAPPDATA%\\seedlint\\Cache``), under ``projects/<hash of the project
root>/``, so nothing a repository contains is ever read as a cache. ``cache-dir``
(setting or ``--cache-dir``) names another folder; seedlint then uses it only if it
created it itself, which it knows from a marker file holding a MAC of the folder's
real path under the user's secret key (a committed folder, or one made by another
user, cannot carry a valid marker).

What an entry is. The key hashes everything that can change a file's result: the
bytes, the path (it is in every diagnostic), seedlint's version, the effective
settings (selection, severities, per-file ignores, rule options including the date
that date rules use) and the schema text. A file's facts (what corpus rules read) are
entries of their own (``<key>:<collector>``), read only when a corpus rule must run
again; the corpus rules' findings are cached rule by rule, keyed by the digests of the
facts each reads. The value is JSON (never pickle) preceded by an HMAC-SHA256 of key and value under a per-user secret key
(``<user cache>/seedlint/key``, 32 random bytes, mode 0600, never inside a
repository). An entry whose MAC does not verify, or that decodes to anything but
well-formed diagnostics of known rules, is treated as absent: linted again and
overwritten. See docs/security.md for the trust model.

What it writes. Only files it creates itself, inside a folder it created; it never
follows a symlink there (every name is checked with ``lstat`` and files are created
with ``O_EXCL | O_NOFOLLOW``), and ``--clean-cache`` removes only its own file names.

Why SQLite (the standard library's): creating a file costs about 130 µs on the
project's ext4 disk, so one file per entry added 45 % to a cold run; rows written in
batched transactions cost a few µs. Transactions make every write atomic, concurrent
runs are serialised by SQLite's locking (a write that cannot get the lock in time is
dropped: the cache is an optimisation), and a cache file that is corrupt or not a
database is deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable

from . import __version__
from .linter import FileResult
from .model import APPLICABILITIES, SEVERITIES, Diagnostic
from .registry import Fact

if TYPE_CHECKING:
    from .settings import Settings
    from .spill import Findings

FORMAT = 9
DB_NAME = "cache.sqlite"
MARKER = "SEEDLINT_CACHE"
KEY_NAME = "key"
# Every name seedlint creates in a cache folder; --clean-cache removes these and nothing else.
OWN_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal", "CACHEDIR.TAG", ".gitignore", MARKER)
BATCH = 256
SNAPSHOT_PART = 2000  # diagnostics a row of a run's snapshot holds
_MAC_LEN = 64  # hex digits of an HMAC-SHA256
_INHERITED: list[sqlite3.Connection] = []  # connections inherited across fork, kept alive so they are never closed
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CacheDirError(Exception):
    """A cache folder seedlint must not use (a usage error: exit 2)."""


# ---------------------------------------------------------------------- where, and the key


def user_cache_root() -> str:
    """``<user cache dir>/seedlint``: outside every repository."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        base = xdg
    elif sys.platform == "win32":
        base = os.path.join(os.environ.get("LOCALAPPDATA") or os.path.expanduser("~"), "seedlint", "Cache")
        return base
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "seedlint")


def default_dir(project_root: str) -> str:
    """The default cache folder of a project: one per real project root."""
    digest = hashlib.sha256(os.path.realpath(project_root).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return os.path.join(user_cache_root(), "projects", digest)


def _private_dir(path: str) -> None:
    """Make ``path`` (and parents) a folder; the last one must be ours and not a symlink."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise CacheDirError(f"{path} is not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise CacheDirError(f"{path} belongs to another user")


def _create_exclusive(path: str, data: bytes, mode: int = 0o644) -> bool:
    """Create ``path`` with ``data`` unless it exists (never following a symlink). True if created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), mode)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return True


def secret_key() -> bytes:
    """The per-user secret that authenticates cache entries and markers (created on first use)."""
    root = user_cache_root()
    _private_dir(root)
    path = os.path.join(root, KEY_NAME)
    if not os.path.lexists(path):
        _create_exclusive(path, os.urandom(32).hex().encode(), 0o600)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise CacheDirError(f"cannot read the cache key {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise CacheDirError(f"the cache key {path} is not a regular file")
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
            raise CacheDirError(f"the cache key {path} is readable or owned by another user")
        key = fh.read(200).strip()
    if len(key) != 64:
        raise CacheDirError(f"the cache key {path} is malformed; delete it")
    return key


def _marker_text(key: bytes, real: str) -> bytes:
    mac = hmac.new(key, b"seedlint-cache-dir\0" + real.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()
    return f"seedlint cache {mac}\n".encode()


def _is_ours(real: str, key: bytes) -> bool:
    """Whether the folder ``real`` carries a marker that this user's key made for this path."""
    path = os.path.join(real, MARKER)
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return False
        text = fh.read(200)
    return hmac.compare_digest(text, _marker_text(key, real))


def _describe(path: str) -> str:
    from .escape import for_terminal

    return for_terminal(path)


def prepare_dir(directory: str, key: bytes, create: bool = True) -> str | None:
    """The real path of a usable cache folder, creating it if it does not exist.

    Raises :class:`CacheDirError` for a folder that exists but is not a seedlint cache
    made by this user, or that is a symlink. Returns None when it does not exist and
    ``create`` is false.
    """
    path = os.path.abspath(directory)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise CacheDirError(f"cache folder {_describe(directory)} is a symbolic link; seedlint does not follow links there")
        if not stat.S_ISDIR(st.st_mode):
            raise CacheDirError(f"cache folder {_describe(directory)} exists and is not a folder")
        real = os.path.realpath(path)
        if not _is_ours(real, key):
            raise CacheDirError(
                f"{_describe(directory)} exists and is not a seedlint cache made by this user "
                "(no valid marker); name a folder that does not exist, or delete this one yourself")
        return real
    if not create:
        return None
    parent = os.path.dirname(path)
    os.makedirs(parent, exist_ok=True)
    import tempfile

    tmp = tempfile.mkdtemp(prefix=".seedlint-cache-", dir=parent)
    real_final = os.path.join(os.path.realpath(parent), os.path.basename(path))
    _create_exclusive(os.path.join(tmp, MARKER), _marker_text(key, real_final))
    _create_exclusive(os.path.join(tmp, "CACHEDIR.TAG"),
                      b"Signature: 8a477f597d28d172789f06886806bc55\n# seedlint result cache; safe to delete.\n")
    _create_exclusive(os.path.join(tmp, ".gitignore"), b"*\n")
    try:
        if os.path.lexists(path):
            raise FileExistsError(path)
        os.rename(tmp, path)
    except OSError:
        # another run made it first (or something else appeared): ours goes, theirs is checked
        for name in OWN_FILES:
            try:
                os.unlink(os.path.join(tmp, name))
            except OSError:
                pass
        try:
            os.rmdir(tmp)
        except OSError:
            pass
        return prepare_dir(directory, key, create=False)
    return real_final


def check_placement(cache_real: str, project_root: str, files: Iterable[str], roots: Iterable[str] = ()) -> None:
    """A cache folder must not be the project root or hold a linted file or corpus root."""
    root = os.path.realpath(project_root)
    prefix = cache_real.rstrip(os.sep) + os.sep
    if cache_real == root:
        raise CacheDirError(f"cache folder {_describe(cache_real)} is the project root")
    if root.startswith(prefix):
        raise CacheDirError(f"cache folder {_describe(cache_real)} contains the project root")
    for f in list(files) + list(roots):
        if os.path.realpath(f).startswith(prefix):
            raise CacheDirError(f"cache folder {_describe(cache_real)} contains linted file {_describe(f)}")


def _schema_digest(settings: Settings) -> str:
    from .schema import default_schema_text

    parts = [default_schema_text()]
    if settings.schema:
        from .schema import read_schema_file

        try:
            parts.append(read_schema_file(settings.schema).decode("utf-8", "replace"))
        except OSError:
            parts.append("<unreadable>")  # the schema stage reports it
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Cache:
    """Get and put :class:`FileResult` objects by content key, in a folder already prepared.

    Picklable for worker processes: the connection is not pickled, and a process
    never uses a connection opened by another (SQLite forbids carrying one across fork).
    """

    def __init__(self, directory: str, settings: Settings, key: bytes) -> None:
        self.dir = directory
        self._secret = key
        self._salts: dict[int, tuple[Settings, bytes]] = {}
        self.salt = self._salt(settings)
        self._db: sqlite3.Connection | None = None
        self._pid: int | None = None
        self._pending: list[tuple[str, str]] = []
        self._broken = False
        self.writes = 0  # entries this process wrote: none in a run whose every result was cached

    def _salt(self, settings: Settings) -> bytes:
        ident = id(settings)
        hit = self._salts.get(ident)
        if hit is None or hit[0] is not settings:
            text = f"{FORMAT}\0{__version__}\0{settings.cache_key()}\0{_schema_digest(settings)}"
            hit = (settings, hashlib.sha256(text.encode()).digest())
            self._salts[ident] = hit
        return hit[1]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(_db=None, _pid=None, _pending=[])
        return state

    def key(self, path: str, data: bytes, settings: Settings | None = None) -> str:
        h = hashlib.sha256(self.salt if settings is None else self._salt(settings))
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    # ------------------------------------------------------------------ storage

    def _conn(self, create: bool) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:  # opened by the parent before a fork: never use or close it here
            _INHERITED.append(self._db)
            self._db = None
        path = os.path.join(self.dir, DB_NAME)
        if not create and not os.path.lexists(path):
            return None

        for _attempt in (1, 2):
            try:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    if os.path.islink(path + suffix):
                        raise _Refused(path + suffix)
                uri = "file:" + _uri_path(path) + "?nofollow=1"
                db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                db.execute("SELECT count(*) FROM entries WHERE key = ''").fetchone()
                self._db, self._pid = db, os.getpid()
                return db
            except _Refused:
                break
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _corrupt(exc):
                    break  # busy or locked by a concurrent run: this run goes on without the cache
                # not a database, or corrupt: start again from nothing (only our own names, never through a link)
                for suffix in ("", "-wal", "-shm", "-journal"):
                    try:
                        if not os.path.islink(path + suffix):
                            os.remove(path + suffix)
                    except OSError:
                        pass
            except OSError:
                break
        self._broken = True  # an unusable cache must not fail the lint
        return None

    def _read(self, key: str) -> Any:
        """The verified value of one entry, or None."""
        return self._read_many([key]).get(key)

    def _read_many(self, keys: list[str]) -> dict[str, Any]:
        """Verified, decoded-from-JSON values of the entries among ``keys`` (one query).

        Each entry's MAC is checked alone; the verified bodies are then parsed in one
        ``json.loads`` of their list (a call per entry cost more than the parse itself),
        one by one only if that fails."""

        db = self._conn(create=False)
        if db is None or not keys:
            return {}
        try:
            rows = db.execute(f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(keys))})", keys).fetchall()
        except sqlite3.DatabaseError:
            return {}
        good, bodies = [], []
        for key, value in rows:
            if not isinstance(value, str) or len(value) <= _MAC_LEN:
                continue
            mac, body = value[:_MAC_LEN], value[_MAC_LEN:]
            if hmac.compare_digest(mac, self._mac(key, body)):
                good.append(key)
                bodies.append(body)
        try:
            values = json.loads("[" + ",".join(bodies) + "]")
            if len(values) == len(good):
                return dict(zip(good, values))
        except ValueError:
            pass
        out = {}
        for key, body in zip(good, bodies):
            try:
                out[key] = json.loads(body)
            except ValueError:
                pass
        return out

    def _mac(self, key: str, body: str) -> str:
        return hmac.digest(self._secret, key.encode() + b"\0" + body.encode("utf-8"), "sha256").hex()

    def _write(self, key: str, payload: dict[str, Any]) -> None:
        self._write_body(key, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))

    def _write_body(self, key: str, body: str) -> None:
        try:
            body.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: not cached
            return
        self._pending.append((key, self._mac(key, body) + body))
        self.writes += 1
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write pending entries in one transaction (called per batch, per worker chunk and at the end)."""
        if not self._pending:
            return
        rows, self._pending = self._pending, []

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

    # ------------------------------------------------------------------ entries

    def get_many(self, wanted: list[tuple[str, str]]) -> dict[str, FileResult]:
        """``{key: FileResult}`` for the ``(key, path)`` pairs found, authentic and well-formed."""
        found = self._read_many([k for k, _ in wanted])
        out = {}
        for key, path in wanted:
            data = found.get(key)
            if data is not None:
                try:
                    out[key] = _decode(data, path)
                except Exception:  # noqa: BLE001 - a corrupt or foreign entry: lint again and rewrite
                    pass
        return out

    def put(self, key: str, result: FileResult) -> None:
        """Store a result with its small facts inside, and each fact of a collector kept
        ``apart`` in a row of its own (``<key>:<collector>``): a warm run reads those only
        when a corpus rule whose input changed needs them. Sets ``result.fact_digests``,
        which name the facts in the corpus rules' keys."""
        from .registry import collectors
        from .serial import dump

        digests, inline = {}, {}
        for name, fact in (result.facts or {}).items():
            body, digests[name] = fact_body(fact)
            if collectors()[name].apart:
                self._write_body(f"{key}:{name}", body)
            else:
                inline[name] = dump(fact)
        result.fact_digests = digests or None
        self._write(key, _encode(result, inline))

    def get_facts(self, name: str, wanted: list[tuple[str, str]]) -> dict[str, Fact]:
        """``{key: fact}`` of collector ``name`` for the ``(file key, path)`` pairs found,
        authentic and well-formed (a missing one must be read again from its file)."""
        from .registry import collectors
        from .serial import loader

        load = loader(collectors()[name].type)
        out: dict[str, Fact] = {}
        for start in range(0, len(wanted), 512):
            part = wanted[start:start + 512]
            found = self._read_many([f"{k}:{name}" for k, _ in part])
            for key, path in part:
                data = found.get(f"{key}:{name}")
                try:
                    if data is None or data["v"] != FORMAT:
                        continue
                    fact = load(data["f"])
                    if fact.path != path:
                        continue
                except Exception:  # noqa: BLE001 - a corrupt or foreign entry: read the file again
                    continue
                out[key] = fact
        return out

    def corpus_keys(self, marks: dict[str, list[tuple[str, str, bool]]], report: Iterable[str],
                    file_settings: Iterable[Settings] = ()) -> dict[str, bytes]:
        """Per collector, what its corpus rules' output depends on: every file's fact of it
        (named by ``(path, digest of the fact, whether the file is reported)``), the reported
        paths and the settings of every file. A rule's key is :meth:`rule_key` of its
        collector's: a level mapping that changes leaves the compensation rule's key as it
        was, and only the rules that read a changed fact run again."""
        h = hashlib.sha256(self.salt)
        for salt in sorted(self._salt(s) for s in file_settings):
            h.update(salt)
        # each list hashed as one string: the digest of the pieces fed one by one, in one call
        h.update("".join(p + "\0" for p in sorted(report)).encode("utf-8", "surrogateescape"))
        common = h.digest()
        out = {}
        for name, items in marks.items():
            h = hashlib.sha256(common + name.encode() + b"\0")
            h.update("".join(f"{path}\0{dg}\0{int(linted)}\0" for path, dg, linted in sorted(items))
                     .encode("utf-8", "surrogateescape"))
            out[name] = h.digest()
        return out

    @staticmethod
    def rule_key(collector_key: bytes, code: str) -> str:
        return "c" + hashlib.sha256(collector_key + code.encode()).hexdigest()

    # ------------------------------------------------------------------ run snapshots

    def snapshot_keys(self, parts: Iterable[tuple[str, str, bool]], file_settings: Iterable[Settings]) -> tuple[str, str]:
        """``(slot, state)`` of a run over ``(path, file key, linted)`` parts: the slot names
        the run (its settings and paths: one snapshot is kept per slot, the last), the
        state everything its output depends on (every file's bytes, through its key)."""
        slot = hashlib.sha256(self.salt + b"snapshot\0")
        for salt in sorted(self._salt(s) for s in file_settings):
            slot.update(salt)
        state = slot.copy()
        for path, key, linted in parts:
            name = f"{path}\0{int(linted)}\0".encode("utf-8", "surrogateescape")
            slot.update(name)
            state.update(name + key.encode() + b"\0")
        return "s" + slot.hexdigest(), state.hexdigest()

    def get_snapshot(self, slot: str, state: str, paths: set[str]) -> Findings | None:
        """The findings of the run stored in ``slot`` when it is of ``state``; None
        otherwise, or if any part is missing, forged or malformed."""
        from .serial import loader
        from .spill import Findings

        head = self._read(slot)
        out = Findings()
        try:
            if head is None or head["v"] != FORMAT or head["k"] != state or type(head["n"]) is not int:
                raise ValueError("no snapshot of this state")
            load = loader(list[Diagnostic])
            for start in range(0, head["n"], 64):
                names = [f"{slot}:{i}" for i in range(start, min(head["n"], start + 64))]
                found = self._read_many(names)
                for name in names:
                    part = found.get(name)
                    if part is None or part["k"] != state:  # a part of another snapshot: not this run's
                        raise ValueError("a part missing or of another state")
                    for d in load(part["d"]):
                        if d.path not in paths:
                            raise ValueError("a finding of a file not in the run")
                        out.extend((_check(d),))
            if len(out) != head["c"]:
                raise ValueError("parts missing")
            return out
        except Exception:  # noqa: BLE001 - as in get_many: rebuilt by linting
            out.close()
            return None

    def put_snapshot(self, slot: str, state: str, findings: Iterable[Diagnostic]) -> None:
        """Store the final findings of a run without internal errors (in parts of
        SNAPSHOT_PART, each naming ``state``, so no part of an older snapshot can pass for
        one of this), replacing the slot's."""
        from .serial import dump

        self.flush()
        rows: list[tuple[str, str]] = []
        part: list[Diagnostic] = []
        count = 0

        def close_part() -> None:
            key = f"{slot}:{len(rows)}"
            body = json.dumps({"v": FORMAT, "k": state, "d": dump(part)}, ensure_ascii=False, separators=(",", ":"))
            rows.append((key, self._mac(key, body) + body))
            part.clear()

        try:
            for d in findings:
                part.append(d)
                count += 1
                if len(part) >= SNAPSHOT_PART:
                    close_part()
            if part or not rows:
                close_part()
            head = json.dumps({"v": FORMAT, "k": state, "n": len(rows), "c": count}, separators=(",", ":"))
        except UnicodeEncodeError:
            return
        db = self._conn(create=True)
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM entries WHERE key > ? AND key < ?", (slot + ":", slot + ";"))
            db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)",
                           [*rows, (slot, self._mac(slot, head) + head)])
            db.execute("COMMIT")
        except (sqlite3.Error, UnicodeEncodeError):
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def get_corpus(self, key: str) -> list[Diagnostic] | None:
        from .serial import loader

        try:
            data = self._read(key)
            if data is None or data["v"] != FORMAT:
                return None
            return [_check(d) for d in loader(list[Diagnostic])(data["d"])]
        except Exception:  # noqa: BLE001 - as in get()
            return None

    def put_corpus(self, key: str, diags: list[Diagnostic]) -> None:
        from .serial import dump

        self._write(key, {"v": FORMAT, "d": dump(diags)})


class _Refused(Exception):
    pass


def _corrupt(exc: Exception) -> bool:
    """Whether an SQLite error says the file is damaged (not merely busy or locked)."""
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _uri_path(path: str) -> str:
    from urllib.parse import quote

    p = path.replace(os.sep, "/")
    if not p.startswith("/"):
        p = "/" + p
    return quote(p, safe="/:")


def clean(directory: str, key: bytes) -> str:
    """Delete a cache folder seedlint made: its own file names, then the folder. Returns what was done."""
    real = prepare_dir(directory, key, create=False)
    if real is None:
        return "no cache to remove"
    for name in OWN_FILES:
        p = os.path.join(real, name)
        try:
            if os.path.lexists(p):
                os.unlink(p)  # a link is removed, never what it points at
        except OSError:
            pass
    try:
        os.rmdir(real)
    except OSError:
        left = len(os.listdir(real))
        return f"removed the cache; left {left} file{'s' if left != 1 else ''} in {_describe(real)} that seedlint did not create"
    return "removed the cache"


# ---------------------------------------------------------------------- encoding, checked on the way back
#
# An entry is {"v": FORMAT, "r": the FileResult's fields (serial.dump)}, and each of its
# facts is an entry of its own, {"v": FORMAT, "f": the fact's fields}, under the key
# "<file key>:<collector>": no field is named here, so a new field or a new fact needs no code.
# On the way back every value is checked against its declared type (serial.loader), and
# every diagnostic must name a known rule with its own name, a known severity and this
# file; anything else is a foreign entry, linted again and overwritten.


def _encode(r: FileResult, inline: dict[str, Any]) -> dict[str, Any]:
    from dataclasses import replace

    from .serial import dump

    out = {"v": FORMAT, "r": dump(replace(r, facts=None, key=""))}
    if inline:
        out["f"] = inline
    return out


def fact_body(fact: Fact) -> tuple[str, str]:
    """A fact as a cache entry stores it, and the digest that names it in corpus keys."""
    from .serial import dump

    body = json.dumps({"v": FORMAT, "f": dump(fact)}, ensure_ascii=False, separators=(",", ":"))
    return body, hashlib.blake2b(body.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


_NAMES: dict[str, str] = {}


def _check(d: Diagnostic, path: str | None = None) -> Diagnostic:
    """A cached diagnostic, refused unless it names a known rule, severity and position."""
    if not _NAMES:
        from .registry import all_rules

        _NAMES.update((code, r.name) for code, r in all_rules().items())
    if _NAMES.get(d.code) != d.name or d.severity not in SEVERITIES:
        raise ValueError("unknown rule or severity")
    if min(d.line, d.column, d.end_line, d.end_column) < 0 or any(r.line < 0 or r.column < 0 for r in d.related):
        raise ValueError("not a position")
    if path is not None and d.path != path:
        raise ValueError("entry for another file")
    if d.fix is not None and (d.fix.applicability not in APPLICABILITIES
                              or any(min(e.line, e.column, e.end_line, e.end_column) < 1 for e in d.fix.edits)):
        raise ValueError("not a fix")
    return d


_FACTS_APART = frozenset({"facts"})  # stored beside the result, by collector


_LOADS: dict[str, Any] = {}  # the loaders _decode uses (built on first use: a warm run decodes every result)


def _loads() -> dict[str, Any]:
    from .registry import collectors
    from .serial import loader

    _LOADS["result"] = loader(FileResult, _FACTS_APART)
    _LOADS["collectors"] = collectors()
    _LOADS.update((f"fact:{c.name}", loader(c.type)) for c in collectors().values())
    return _LOADS


def _decode(data: dict[str, Any], path: str) -> FileResult:
    loads = _LOADS or _loads()
    if data["v"] != FORMAT:
        raise ValueError("old cache format")
    r: FileResult = loads["result"](data["r"])
    if r.path != path or r.line_count < 0:
        raise ValueError("entry for another file")
    for d in r.diagnostics:
        _check(d, path)
    known = loads["collectors"]
    if r.fact_digests is not None and not r.fact_digests.keys() <= known.keys():
        raise ValueError("facts of an unknown collector")
    inline = data.get("f")
    if inline is not None:
        if not isinstance(inline, dict) or not inline or not inline.keys() <= (r.fact_digests or {}).keys():
            raise ValueError("facts without their digests")
        facts = {}
        for name, value in inline.items():
            if known[name].apart:
                raise ValueError("facts stored in the wrong place")
            fact = loads[f"fact:{name}"](value)
            if fact.path != path:
                raise ValueError("facts of another file")
            facts[name] = fact
        r.facts = facts
    return r
