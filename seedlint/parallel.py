"""Linting many files: serially, or in worker processes in chunks, in input order.

Workers receive the settings and the cache once (pool initializer) and then only lists
of paths; they send back small FileResults (diagnostics, corpus facts, suppressions),
never documents. ``imap`` keeps the input order, so the output of a parallel run is
identical to a serial one.
"""

from __future__ import annotations

import os
from array import array
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol, Sequence

from .batch import lint_chunk, lint_data, look_up

if TYPE_CHECKING:
    from .cache import Cache
    from .fix import Outcome, Task
    from .linter import FileResult
    from .settings import Settings

# Below this many files a pool costs more than it saves (pre-commit, editors).
MIN_FILES_FOR_WORKERS = 64
CHUNK = 32

_worker_state: tuple[list[Settings], Cache | None] = ([], None)


def _init(settings_list: list[Settings], cache: Cache | None) -> None:
    global _worker_state
    import signal

    # Ctrl-C reaches every process of the terminal's group: the parent alone answers it
    # (it terminates the pool), so no worker prints a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_state = (settings_list, cache)


def _lint_chunk(items: list[tuple[str, int]]) -> list[FileResult | str]:
    settings_list, cache = _worker_state
    results = lint_chunk([(p, settings_list[i]) for p, i in items], cache)
    if cache is not None:
        cache.flush()  # one transaction per chunk
    return results


def _pool(jobs: int, settings_list: list[Settings], cache: Cache | None) -> Any:
    """A pool of ``jobs`` forked workers holding the settings (and the cache)."""
    import multiprocessing as mp
    import signal

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else methods[0])
    # workers are forked with SIGINT ignored, so one that has not yet run its
    # initializer cannot be interrupted either
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return ctx.Pool(jobs, initializer=_init, initargs=(settings_list, cache))
    finally:
        signal.signal(signal.SIGINT, previous)


class Keys(Protocol):
    """Cache keys of a run's files, read by slices (the runner keeps them packed)."""

    def __getitem__(self, index: slice, /) -> Sequence[str | None]: ...


def effective_jobs(jobs: int) -> int:
    """``0`` means all cores; more workers than cores are never started (a configuration
    saying ``jobs = 100000`` must not exhaust the machine)."""
    cores = os.cpu_count() or 1
    return cores if jobs == 0 else min(jobs, cores)


def lint_many(files: list[str], settings: Settings, jobs: int = 1, cache: Cache | None = None,
              progress: Callable[[int, int], None] | None = None,
              settings_for: Callable[[str], Settings] | None = None,
              keys: Keys | None = None) -> Iterator[FileResult | str]:
    """Yield a FileResult (or an I/O error message) per file, in the order of ``files``.

    ``settings_for(path)``, when given, picks each file's settings (the configuration
    nearest to it); otherwise ``settings`` applies to every file. ``keys``: each file's
    cache key, when the caller has computed them (hits are then not read again).
    """
    total = len(files)
    settings_list = [settings]
    index: dict[int, int] = {id(settings): 0}
    which = array("I")  # each file's settings, by number (4 bytes a file)
    if settings_for is not None:
        for path in files:
            s = settings_for(path)
            i = index.get(id(s))
            if i is None:
                i = index[id(s)] = len(settings_list)
                settings_list.append(s)
            which.append(i)
    else:
        which = array("I", bytes(4 * total))
    jobs = min(effective_jobs(jobs), max(1, total // CHUNK))
    if cache is not None and jobs > 1 and total >= MIN_FILES_FOR_WORKERS:
        yield from _cache_first(files, which, settings_list, jobs, cache, progress, keys)
        return
    if jobs <= 1 or total < MIN_FILES_FOR_WORKERS:
        done = 0
        for start in range(0, total, CHUNK):
            results = lint_chunk([(p, settings_list[i]) for p, i in zip(files[start:start + CHUNK], which[start:start + CHUNK])], cache,
                                 None if keys is None else keys[start:start + CHUNK])
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)
        return
    # made as the pool asks for them: a list of every (path, settings) pair, made before the
    # workers are forked, was in every process (about 100 bytes a file)
    chunks = (list(zip(files[i:i + CHUNK], which[i:i + CHUNK])) for i in range(0, total, CHUNK))
    if cache is not None:
        cache.close()  # SQLite connections must not cross a fork
    done = 0
    with _pool(jobs, settings_list, cache) as pool:
        for results in pool.imap(_lint_chunk, chunks):
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)


# A chunk with this many misses starts the workers (fewer are linted in this process: a
# warm run with a guide or two changed never pays for a pool).
POOL_MISSES = CHUNK // 4


def _lint_data(items: list[tuple[str, int, bytes]]) -> list[FileResult]:
    settings_list, _ = _worker_state
    return [lint_data(path, data, settings_list[i]) for path, i, data in items]


def _cache_first(files: list[str], which: Sequence[int], settings_list: list[Settings], jobs: int, cache: Cache,
                 progress: Callable[[int, int], None] | None,
                 keys: Keys | None = None) -> Iterator[FileResult | str]:
    """With a cache: this process reads each chunk and looks it up (one query a chunk);
    only the misses go to worker processes, started at the first chunk with enough of
    them; results come back in order, and this process writes the new cache entries.
    A warm run is then one process reading and decoding, with no pool and no results
    pickled back from workers."""
    from collections import deque

    total, done = len(files), 0
    pool: Any = None
    inflight: deque[tuple[list[Any], list[tuple[int, str, bytes]], list[tuple[str, int]], Any]] = deque()

    def settle() -> list[FileResult | str]:
        out, misses, chunk, job = inflight.popleft()
        if misses:
            results = job.get() if job is not None else [
                lint_data(chunk[n][0], data, settings_list[chunk[n][1]]) for n, _, data in misses]
            for (n, key, _), result in zip(misses, results):
                if not result.internal_error:
                    cache.put(key, result)
                result.key = key
                out[n] = result
        return out

    try:
        for start in range(0, total, CHUNK):
            chunk = list(zip(files[start:start + CHUNK], which[start:start + CHUNK]))
            out, misses = look_up([(p, settings_list[i]) for p, i in chunk], cache,
                                  None if keys is None else keys[start:start + CHUNK])
            job = None
            if misses and (pool is not None or len(misses) >= POOL_MISSES):
                if pool is None:
                    cache.close()  # SQLite connections must not cross a fork (reopened on the next query)
                    pool = _pool(jobs, settings_list, None)
                job = pool.apply_async(_lint_data, ([(chunk[n][0], chunk[n][1], data) for n, _, data in misses],))
            inflight.append((out, misses, chunk, job))
            while inflight and (len(inflight) > 2 * jobs or inflight[0][3] is None or inflight[0][3].ready()):
                results = settle()
                yield from results
                done += len(results)
                if progress is not None:
                    progress(done, total)
        while inflight:
            results = settle()
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        cache.flush()


def _fix_task(task: Task) -> Outcome:
    from .fix import fix_one

    return fix_one(task, _worker_state[0][task.settings])


def fix_many(tasks: list[Task], settings_list: list[Settings], jobs: int = 1) -> Iterator[Outcome]:
    """Fix each task's file (``fix.fix_one``), in worker processes when there are enough
    of them; outcomes in the order of ``tasks``. Each file is written by one process."""
    from .fix import fix_one

    jobs = min(effective_jobs(jobs), max(1, len(tasks) // CHUNK))
    if jobs <= 1 or len(tasks) < MIN_FILES_FOR_WORKERS:
        for task in tasks:
            yield fix_one(task, settings_list[task.settings])
        return
    with _pool(jobs, settings_list, None) as pool:
        yield from pool.imap(_fix_task, tasks, chunksize=8)
