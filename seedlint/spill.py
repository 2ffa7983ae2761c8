"""Holding a run's results without holding them all in memory.

A run keeps three growing collections until its corpus rules are done: the per-file
results with findings (they are finished with the corpus findings and suppressions at
the end), the corpus facts of every file, and the final diagnostics (reported sorted by
path, line, column). All are kept in memory while small and go to an anonymous temporary
file beyond a bound, so peak memory does not grow with the number of files or findings:

- :class:`Spool` is an append-only log, read back in the order written;
- :class:`SortedLog` is an external sort: sorted runs on disk, merged each time it is
  iterated. A run whose first item sorts after the previous run's last (files arrive in
  path order) is appended to it, so a run in order is one sorted run and the merge reads
  one chunk at a time. :class:`Findings` holds diagnostics this way; the runner holds each
  collector's facts this way, in the order corpus rules read them.

The temporary file is created by ``tempfile.TemporaryFile`` (in ``$TMPDIR``, unlinked at
once where the system allows): seedlint's own file, never a path a repository names.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from typing import IO, Any, Callable, Generic, Iterable, Iterator, TypeVar

from .model import Diagnostic

T = TypeVar("T")

# Items pickled together: one pickle call per chunk, one chunk held per run while merging.
CHUNK = 256


def _temp() -> IO[bytes]:
    return tempfile.TemporaryFile(prefix="seedlint-")


def _load(fh: IO[bytes], offset: int) -> list[object]:
    fh.seek(offset)
    chunk: list[object] = pickle.load(fh)
    return chunk


class Spool(Generic[T]):
    """Items in the order added; beyond ``hold`` of them, on a temporary file."""

    def __init__(self, hold: int = 2000) -> None:
        self.hold = hold
        self._items: list[T] = []
        self._fh: IO[bytes] | None = None
        self._offsets: list[int] = []
        self._n = 0

    def append(self, item: T) -> None:
        self._items.append(item)
        self._n += 1
        if len(self._items) >= self.hold:
            self._flush()

    def _flush(self) -> None:
        if self._fh is None:
            self._fh = _temp()
        fh = self._fh
        fh.seek(0, 2)
        for start in range(0, len(self._items), CHUNK):
            self._offsets.append(fh.tell())
            pickle.dump(self._items[start:start + CHUNK], fh, pickle.HIGHEST_PROTOCOL)
        self._items = []

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[T]:
        if self._fh is not None:
            for offset in list(self._offsets):
                yield from _load(self._fh, offset)  # type: ignore[misc]
        yield from list(self._items)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._items, self._offsets = [], []


def _key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return d.sort_key()


class SortedLog(Generic[T]):
    """Items in ``key`` order (stable for equal keys), iterable any number of times. Up to
    ``hold`` of them are kept in memory; beyond that they are written in sorted runs to a
    temporary file and merged on each iteration. ``len()`` is known without reading them."""

    def __init__(self, key: Callable[[T], Any], items: Iterable[T] = (), hold: int = 5000) -> None:
        self.key = key
        self.hold = hold
        self._buf: list[T] = []
        self._sorted = True
        self._fh: IO[bytes] | None = None
        self._runs: list[list[int]] = []  # chunk offsets of each sorted run
        self._last: Any = None  # last key of the last run
        self._n = 0
        self.extend(items)

    def extend(self, items: Iterable[T]) -> None:
        for d in items:
            self.append(d)

    def append(self, item: T) -> None:
        self._buf.append(item)
        self._n += 1
        self._sorted = False
        if len(self._buf) >= self.hold:
            self._spill()

    def _spill(self) -> None:
        if not self._buf:
            return
        key = self.key
        self._buf.sort(key=key)
        if self._fh is None:
            self._fh = _temp()
        fh = self._fh
        fh.seek(0, 2)
        if self._last is None or key(self._buf[0]) < self._last:
            self._runs.append([])
        run = self._runs[-1]
        for start in range(0, len(self._buf), CHUNK):
            run.append(fh.tell())
            pickle.dump(self._buf[start:start + CHUNK], fh, pickle.HIGHEST_PROTOCOL)
        self._last = key(self._buf[-1])
        self._buf = []
        self._sorted = True

    def __len__(self) -> int:
        return self._n

    def __bool__(self) -> bool:
        return self._n > 0

    def __iter__(self) -> Iterator[T]:
        if self._fh is None:
            if not self._sorted:
                self._buf.sort(key=self.key)
                self._sorted = True
            return iter(list(self._buf))
        self._spill()  # everything on disk: the merge is over the runs alone
        fh = self._fh
        assert fh is not None
        readers = [self._read(fh, list(run)) for run in self._runs]
        return readers[0] if len(readers) == 1 else heapq.merge(*readers, key=self.key)

    @staticmethod
    def _read(fh: IO[bytes], offsets: list[int]) -> Iterator[T]:
        for offset in offsets:
            yield from _load(fh, offset)  # type: ignore[misc]

    @property
    def spilled(self) -> bool:
        """True once some of the items are on disk."""
        return self._fh is not None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._buf, self._runs = [], []


# Findings held in memory before they go to disk in sorted runs: about 10 MB of them. A
# corpus of 10,000 guides with findings in most has about 30,000; at 5,000 a warm run
# over it spent 0.05–0.07 s writing and merging runs (pickle and the merge).
FINDINGS_HELD = 25_000


class Findings(SortedLog[Diagnostic]):
    """Diagnostics in report order (path, line, column, code, message; stable for equal
    keys), iterable any number of times; on disk beyond ``hold`` of them."""

    def __init__(self, diagnostics: Iterable[Diagnostic] = (), hold: int = FINDINGS_HELD) -> None:
        super().__init__(_key, diagnostics, hold)


class Numbers:
    """Numbers of one ``array`` type code in the order appended; beyond ``hold`` of them,
    on a temporary file (``itemsize`` bytes each). Appends go to :attr:`buf` (an
    ``array``, so a caller may bind ``buf.append`` once); :meth:`check` moves it to disk
    when full. Read back in order, ``hold`` at a time, any number of times."""

    def __init__(self, typecode: str = "q", hold: int = 1 << 16) -> None:
        self.typecode = typecode
        self.hold = max(1, hold)
        self.buf: array[Any] = array(typecode)
        self._fh: IO[bytes] | None = None
        self._on_disk = 0

    def check(self) -> None:
        """Move the buffer to disk when it holds ``hold`` numbers or more."""
        if len(self.buf) >= self.hold:
            if self._fh is None:
                self._fh = _temp()
            self._fh.seek(0, 2)
            self.buf.tofile(self._fh)
            self._on_disk += len(self.buf)
            del self.buf[:]  # the same array: a bound ``append`` stays valid

    def __len__(self) -> int:
        return self._on_disk + len(self.buf)

    @property
    def spilled(self) -> bool:
        """True once some of the numbers are on disk."""
        return self._fh is not None

    def chunks(self) -> Iterator[array[Any]]:
        """The numbers, a chunk (an ``array``) at a time."""
        if self._fh is not None:
            fh, pos, left = self._fh, 0, self._on_disk
            while left:
                chunk: array[Any] = array(self.typecode)
                fh.seek(pos)
                chunk.fromfile(fh, min(left, self.hold))
                pos, left = fh.tell(), left - len(chunk)
                yield chunk
        if self.buf:
            yield self.buf

    def __iter__(self) -> Iterator[Any]:
        for chunk in self.chunks():
            yield from chunk

    def reader(self) -> Reader:
        """A reader that takes the numbers in order, a given count at a time."""
        return Reader(self.chunks(), self.typecode)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self.buf, self._on_disk = array(self.typecode), 0


class Reader:
    """Takes the numbers of :meth:`Numbers.chunks` in order, ``n`` at a time."""

    def __init__(self, chunks: Iterator[array[Any]], typecode: str) -> None:
        self._chunks = chunks
        self._typecode = typecode
        self._chunk: array[Any] = array(typecode)
        self._pos = 0

    def take(self, n: int) -> array[Any]:
        """The next ``n`` numbers (fewer at the end)."""
        pos, chunk = self._pos, self._chunk
        if pos + n <= len(chunk):
            self._pos = pos + n
            return chunk[pos:pos + n]
        out = chunk[pos:]
        for chunk in self._chunks:
            need = n - len(out)
            if need <= len(chunk):
                out.extend(chunk[:need])
                self._chunk, self._pos = chunk, need
                return out
            out.extend(chunk)
        self._chunk, self._pos = array(self._typecode), 0
        return out

    def skip(self, n: int) -> None:
        """Pass over the next ``n`` numbers."""
        if self._pos + n <= len(self._chunk):
            self._pos += n
        else:
            self.take(n)


class Columns:
    """Floats by column number (:meth:`add_row`), read back a group of columns at
    a time (:meth:`groups`: ``{column: array of its values in the order added}``).

    Up to ``hold`` values are kept in memory, all in one group. Beyond, every value goes
    to one of ``parts`` partitions by its column number (16 bytes a value on a temporary
    file), and each partition is read back on its own: memory holds one partition's
    values (about 1/``parts`` of them), never all."""

    def __init__(self, hold: int = 1 << 20, parts: int = 64) -> None:
        self.hold = max(1, hold)
        self.parts = parts
        self._mem: dict[int, array[float]] = {}
        self._n = 0
        self._fh: IO[bytes] | None = None
        self._bufs: list[tuple[array[int], array[float]]] = []
        self._written: list[list[tuple[int, int]]] = []  # per partition: (offset, count) of each block

    def add_row(self, first: int, values: Iterable[float | None]) -> None:
        """``values[i]`` (when not None) to column ``first + i``."""
        if self._fh is None:
            mem = self._mem
            for column, value in enumerate(values, first):
                if value is not None:
                    col = mem.get(column)
                    if col is None:
                        col = mem[column] = array("d")
                    col.append(value)
                    self._n += 1
            if self._n >= self.hold:
                self._spill()
            return
        for column, value in enumerate(values, first):
            if value is not None:
                part = column % self.parts
                cols, vals = self._bufs[part]
                cols.append(column)
                vals.append(value)
                if len(cols) * self.parts >= self.hold:
                    self._write(part)

    def _spill(self) -> None:
        self._fh = _temp()
        self._bufs = [(array("q"), array("d")) for _ in range(self.parts)]
        self._written = [[] for _ in range(self.parts)]
        mem, self._mem = self._mem, {}
        for column, values in mem.items():
            cols, vals = self._bufs[column % self.parts]
            cols.extend(array("q", [column]) * len(values))
            vals.extend(values)
        for part in range(self.parts):
            self._write(part)

    def _write(self, part: int) -> None:
        cols, vals = self._bufs[part]
        if not cols:
            return
        fh = self._fh
        assert fh is not None
        fh.seek(0, 2)
        self._written[part].append((fh.tell(), len(cols)))
        cols.tofile(fh)
        vals.tofile(fh)
        del cols[:], vals[:]

    @property
    def spilled(self) -> bool:
        """True once the values are on disk."""
        return self._fh is not None

    def groups(self) -> Iterator[dict[int, array[float]]]:
        """The columns, one partition at a time (one group while in memory)."""
        if self._fh is None:
            if self._mem:
                yield self._mem
            return
        fh = self._fh
        for part in range(self.parts):
            out: dict[int, array[float]] = {}
            for offset, count in self._written[part] + [(-1, len(self._bufs[part][0]))]:
                if offset < 0:
                    cols, vals = self._bufs[part]
                else:
                    cols, vals = array("q"), array("d")
                    fh.seek(offset)
                    cols.fromfile(fh, count)
                    vals.fromfile(fh, count)
                for column, value in zip(cols, vals):
                    col = out.get(column)
                    if col is None:
                        col = out[column] = array("d")
                    col.append(value)
            if out:
                yield out

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._mem, self._bufs, self._written, self._n = {}, [], [], 0
