"""Reporters turn sorted diagnostics into text. Chosen by name; rules never format output."""

from __future__ import annotations

import importlib

from typing import TYPE_CHECKING, Callable, Iterator, Sequence

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


def summary(diagnostics: list[Diagnostic], files: int) -> dict[str, int]:
    """Counts every reporter may show."""
    from ..model import ERROR, INFO, WARNING

    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    for d in diagnostics:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    return {
        "files": files,
        "files_with_problems": len({d.path for d in diagnostics}),
        "problems": len(diagnostics),
        "errors": counts[ERROR],
        "warnings": counts[WARNING],
        "infos": counts[INFO],
    }


class Reporter:
    """Base: ``render`` returns the whole report as a string."""

    def __init__(self, statistics: bool = False, quiet: bool = False) -> None:
        self.statistics = statistics
        self.quiet = quiet
        # which findings have a fix this run would apply (the text format marks them [*])
        self.fixable: Callable[[Diagnostic], bool] = lambda _d: False

    def render(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule], files: Sequence[str] = ()) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def chunks(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule],
               files: Sequence[str] = ()) -> Iterator[str]:
        """The report in pieces, written as they come (JSON, SARIF and JUnit make theirs a
        finding at a time, so a large report is never one string in memory)."""
        yield self.render(diagnostics, summary, rules, files)
