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


class Findings(SortedLog[Diagnostic]):
    """Diagnostics in report order (path, line, column, code, message; stable for equal
    keys), iterable any number of times; on disk beyond ``hold`` of them."""

    def __init__(self, diagnostics: Iterable[Diagnostic] = (), hold: int = 5000) -> None:
        super().__init__(_key, diagnostics, hold)
