"""Reporters turn sorted diagnostics into text. Chosen by name; rules never format output."""

from __future__ import annotations

import importlib

from ..model import ERROR, INFO, WARNING

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


def get_reporter(name: str):
    """The reporter class for a format name."""
    module, cls = FORMATS[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


def summary(diagnostics, files: int) -> dict:
    """Counts every reporter may show."""
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

    def __init__(self, statistics: bool = False, quiet: bool = False):
        self.statistics = statistics
        self.quiet = quiet

    def render(self, diagnostics, summary: dict, rules: dict, files=()) -> str:  # pragma: no cover - abstract
        raise NotImplementedError
