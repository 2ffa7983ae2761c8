"""Linting many files: serially, or in worker processes in chunks, in input order.

Workers receive the settings and the cache once (pool initializer) and then only lists
of paths; they send back small FileResults (diagnostics, corpus facts, suppressions),
never documents. ``imap`` keeps the input order, so the output of a parallel run is
identical to a serial one.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .batch import lint_chunk

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


def effective_jobs(jobs: int) -> int:
    """``0`` means all cores; more workers than cores are never started (a configuration
    saying ``jobs = 100000`` must not exhaust the machine)."""
    cores = os.cpu_count() or 1
    return cores if jobs == 0 else min(jobs, cores)


def lint_many(files: list[str], settings: Settings, jobs: int = 1, cache: Cache | None = None,
              progress: Callable[[int, int], None] | None = None,
              settings_for: Callable[[str], Settings] | None = None) -> Iterator[FileResult | str]:
    """Yield a FileResult (or an I/O error message) per file, in the order of ``files``.

    ``settings_for(path)``, when given, picks each file's settings (the configuration
    nearest to it); otherwise ``settings`` applies to every file.
    """
    total = len(files)
    settings_list = [settings]
    index: dict[int, int] = {id(settings): 0}
    which = []
    if settings_for is not None:
        for path in files:
            s = settings_for(path)
            i = index.get(id(s))
            if i is None:
                i = index[id(s)] = len(settings_list)
                settings_list.append(s)
            which.append(i)
    else:
        which = [0] * total
    jobs = min(effective_jobs(jobs), max(1, total // CHUNK))
    if jobs <= 1 or total < MIN_FILES_FOR_WORKERS:
        done = 0
        for start in range(0, total, CHUNK):
            results = lint_chunk([(p, settings_list[i]) for p, i in zip(files[start:start + CHUNK], which[start:start + CHUNK])], cache)
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)
        return
    items = list(zip(files, which))
    chunks = [items[i:i + CHUNK] for i in range(0, total, CHUNK)]
    if cache is not None:
        cache.close()  # SQLite connections must not cross a fork
    done = 0
    with _pool(jobs, settings_list, cache) as pool:
        for results in pool.imap(_lint_chunk, chunks):
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)


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
