"""Reporters turn sorted diagnostics into text. Chosen by name; rules never format output."""

from __future__ import annotations

import importlib

from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:  # the CLI reads FORMATS for --help: nothing heavier is imported here
    from ..model import Diagnostic
    from ..registry import Rule

# The one table of formats (the CLI's --format choices come from it, in this order).
FORMATS = {
    "text": ("text", "TextReporter"),
    "gcc": ("gcc", "GccReporter"),
    "json": ("json_", "JsonReporter"),
    "github": ("github", "GithubReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
}


def get_reporter(name: str) -> type[Reporter]:
    """The reporter class for a format name."""
    module, cls = FORMATS[name]
    found: type[Reporter] = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
    return found


def summary(diagnostics: Iterable[Diagnostic], files: int,
            each: Callable[[Diagnostic], None] | None = None) -> dict[str, int]:
    """Counts every reporter may show, in one pass over the diagnostics (sorted by path,
    as reporters receive them, so files with problems are counted without a set);
    ``each`` sees every diagnostic in the same pass (the CLI counts fixes with it)."""
    from ..model import ERROR, INFO, WARNING

    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    paths = problems = 0
    previous: str | None = None
    in_order = True
    for d in diagnostics:
        problems += 1
        counts[d.severity] = counts.get(d.severity, 0) + 1
        if each is not None:
            each(d)
        if d.path != previous:
            in_order &= previous is None or d.path > previous
            previous = d.path
            paths += 1
    if not in_order:
        paths = len({d.path for d in diagnostics})
    return {
        "files": files,
        "files_with_problems": paths,
        "problems": problems,
        "errors": counts[ERROR],
        "warnings": counts[WARNING],
        "infos": counts[INFO],
    }


class Reporter:
    """Base: ``chunks`` makes the report in pieces, written as they come (every format but
    markdown makes its pieces a finding or a line at a time, so a large report is never one
    string in memory); ``render`` joins them."""

    def __init__(self, statistics: bool = False, quiet: bool = False) -> None:
        self.statistics = statistics
        self.quiet = quiet
        # which findings have a fix this run would apply (the text format marks them [*])
        self.fixable: Callable[[Diagnostic], bool] = lambda _d: False

    def render(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule],
               files: Sequence[str] = ()) -> str:
        return "".join(self.chunks(diagnostics, summary, rules, files))

    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule],
               files: Sequence[str] = ()) -> Iterator[str]:  # pragma: no cover - abstract
        raise NotImplementedError


class LineReporter(Reporter):
    """A format of one line per finding and nothing else (gcc, github)."""

    def line(self, d: Diagnostic) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule],
               files: Sequence[str] = ()) -> Iterator[str]:
        yield from batched(self.line(d) + "\n" for d in diagnostics)


def batched(lines: Iterable[str], size: int = 512) -> Iterator[str]:
    """Lines (each ending in a newline) joined ``size`` at a time: a report written in
    pieces without one write call per line."""
    held: list[str] = []
    for line in lines:
        held.append(line)
        if len(held) >= size:
            yield "".join(held)
            held = []
    if held:
        yield "".join(held)
