"""A Markdown summary (GitHub's job summary, ``$GITHUB_STEP_SUMMARY``): the totals, a count
per rule with links to the rule docs, and the first findings of each guide.

GitHub shows only about ten annotations per level and step; the summary shows the whole
run at a glance. Text from guides and file names is escaped so that it renders as text:
no link, image, HTML or table cell can come from a guide. Bounded: at most
``MAX_FILES`` guides and ``PER_FILE`` findings each (GitHub caps a summary at 1 MiB).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

import re
from collections import Counter

from .. import DOCS_URL
from ..escape import for_terminal
from . import Reporter

MAX_FILES = 50
PER_FILE = 5
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_text(text: str) -> str:
    """Guide or path text as literal Markdown text (HTML and Markdown syntax neutralised)."""
    text = for_terminal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class MarkdownReporter(Reporter):
    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule],
               files: Sequence[str] = ()) -> Iterator[str]:
        yield self._whole(list(diagnostics), summary, rules)

    def _whole(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule]) -> str:
        out = []
        if not diagnostics:
            out.append(f"## seedlint: all checks passed ({_plural(summary['files'], 'guide')})")
            return "\n".join(out) + "\n"
        out.append(f"## seedlint: {_plural(summary['problems'], 'problem')} "
                   f"({_plural(summary['errors'], 'error')}, {_plural(summary['warnings'], 'warning')}"
                   f"{', ' + _plural(summary['infos'], 'info') if summary['infos'] else ''}) "
                   f"in {summary['files_with_problems']:,} of {_plural(summary['files'], 'guide')}")
        out += ["", "| rule | name | severity | findings |", "|---|---|---|---:|"]
        counts = Counter(d.code for d in diagnostics)
        severity = {d.code: d.severity for d in diagnostics}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            name = rules[code].name if code in rules else ""
            out.append(f"| [{code}]({DOCS_URL}#{code.lower()}-{name}) | {name} | {severity[code]} | {n:,} |")
        by_path: dict[str, list[Diagnostic]] = {}
        for d in diagnostics:
            by_path.setdefault(d.path, []).append(d)
        for i, (path, diags) in enumerate(by_path.items()):
            if i == MAX_FILES:
                out += ["", f"… and {_plural(len(by_path) - MAX_FILES, 'more guide')} with findings."]
                break
            out += ["", f"### {md_text(path)} ({len(diags):,})", ""]
            for d in diags[:PER_FILE]:
                out.append(f"- line {d.line}, column {d.column}: **{d.code}** {d.severity}: {md_text(d.message)}")
            if len(diags) > PER_FILE:
                out.append(f"- … and {_plural(len(diags) - PER_FILE, 'more finding')}")
        return "\n".join(out) + "\n"
