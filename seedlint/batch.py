"""Reading and linting a batch of files, in order, with the cache.

Below both the serial runner and the worker processes (``parallel.py``), which call
:func:`lint_chunk` on their share of the files.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Sequence

from .linter import FileResult, lint_bytes
from .settings import Settings

if TYPE_CHECKING:
    from .cache import Cache


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_file(path: str, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes: enough to know a file is over the limit.

    Opened without blocking and read only if it is a regular file: a FIFO or a device
    named like a guide is an I/O error, never a hang or an endless read. Read with
    ``os.read`` sized by ``fstat`` (the file's size + 1, so the first call reaches the
    end): no ``limit``-sized buffer is allocated per file, which cost an mmap and munmap
    of 10 MiB for every guide.
    """
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file")
        parts: list[bytes] = []
        got = 0
        want = min(st.st_size, limit) + 1
        while got <= limit:  # a file that grows while read is read up to the limit + 1
            chunk = os.read(fd, max(want - got, 1 << 16))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
            if got == st.st_size and len(parts) == 1:
                break  # all of it in one read, as fstat said: no second read to see the end
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        return data[: limit + 1]
    finally:
        os.close(fd)


def _read(path: str, settings: Settings) -> bytes | str:
    """A file's bytes, or a one-line message for an I/O problem."""
    try:
        return read_file(path, settings.max_file_size)
    except FileNotFoundError:
        return f"{path}: file vanished before it could be read"
    except IsADirectoryError:
        return f"{path}: is a directory"
    except PermissionError:
        return f"{path}: permission denied"
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror or exc}"


def _size(path: str, data: bytes, settings: Settings) -> int | None:
    """The file's real size when only its first max-file-size + 1 bytes were read."""
    if len(data) <= settings.max_file_size:
        return None
    try:
        return os.stat(path).st_size
    except OSError:
        return None


# Bytes held while a batch of cache keys is looked up in one query.
BATCH_BYTES = 4 * 1024 * 1024


def look_up(items: list[tuple[str, Settings]], cache: Cache,
            keys: Sequence[str | None] | None = None) -> tuple[list[FileResult | str | None], list[tuple[int, str, bytes]]]:
    """Read each file and find its result in the cache (one query per batch of files):
    a result, an I/O message, or None for a miss; and the misses as ``(index, key, bytes)``.

    ``keys``: the items' cache keys when the caller has read and hashed the files
    already (the run's snapshot was looked for first); a hit is then not read again,
    and a miss is read again and keyed from the bytes linted."""
    out: list[FileResult | str | None] = [None] * len(items)
    misses: list[tuple[int, str, bytes]] = []
    pending: list[tuple[int, str, bytes | None]] = []
    held = 0

    def settle() -> None:
        hits = cache.get_many([(k, items[n][0]) for n, k, _ in pending])
        for n, key, data in pending:
            hit = hits.get(key)
            if hit is not None:
                hit.key = key
                out[n] = hit
            elif data is not None:
                misses.append((n, key, data))
            else:
                path, settings = items[n]
                again = _read(path, settings)
                if isinstance(again, str):
                    out[n] = again
                else:
                    misses.append((n, cache.key(path, again, settings), again))
        pending.clear()

    for n, (path, settings) in enumerate(items):
        known = keys[n] if keys is not None else None
        if known is not None:
            pending.append((n, known, None))
            continue
        data = _read(path, settings)
        if isinstance(data, str):
            out[n] = data
            continue
        pending.append((n, cache.key(path, data, settings), data))
        held += len(data)
        if held > BATCH_BYTES:
            settle()
            held = 0
    if pending:
        settle()
    return out, misses


def lint_data(path: str, data: bytes, settings: Settings) -> FileResult:
    """Lint bytes already read from ``path``."""
    return lint_bytes(data, path, settings, _size(path, data, settings))


def lint_chunk(items: list[tuple[str, Settings]], cache: Cache | None = None,
               keys: Sequence[str | None] | None = None) -> list[FileResult | str]:
    """Lint ``(path, settings)`` items in order; cache look-ups are one query per batch
    (``keys``: the items' cache keys, when known: see :func:`look_up`)."""
    if cache is None:
        out: list[FileResult | str] = []
        for path, settings in items:
            data = _read(path, settings)
            out.append(data if isinstance(data, str) else lint_data(path, data, settings))
        return out
    found, misses = look_up(items, cache, keys)
    for n, key, data in misses:
        path, settings = items[n]
        result = lint_data(path, data, settings)
        if not result.internal_error:
            cache.put(key, result)
        result.key = key
        found[n] = result
    return [r for r in found if r is not None]
