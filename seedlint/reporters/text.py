"""``path:line:col: CODE message`` lines, then a summary — the classic format editors parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

from collections import Counter

from ..escape import for_terminal
from . import Reporter, batched


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _line(d: Diagnostic, fixable: bool = False) -> str:
    """One finding; path and message escaped so that no guide or file name can act on a
    terminal or a CI log (a line never starts with a workflow command's ``::``). A
    finding this run's ``--fix`` would repair is marked ``[*]``, as ruff marks it."""
    line = f"{for_terminal(d.path)}:{d.line}:{d.column}: {d.code} {'[*] ' if fixable else ''}{for_terminal(d.message)}"
    return "./" + line if line.lstrip().startswith("::") else line


class TextReporter(Reporter):
    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule] | None = None,
               files: Sequence[str] = ()) -> Iterator[str]:
        """A line per finding, written as they come, then the statistics and the summary."""
        counts: Counter[str] = Counter()

        def lines() -> Iterator[str]:
            for d in diagnostics:
                counts[d.code] += 1
                yield _line(d, self.fixable(d)) + "\n"

        yield from batched(lines())
        yield "".join(line + "\n" for line in self._tail(counts, summary, rules or {}))

    def _tail(self, counts: Counter[str], summary: dict[str, int], rules: dict[str, Rule]) -> list[str]:
        lines = []
        if self.statistics and counts:
            lines.append("")
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                r = rules.get(code)
                lines.append(f"{n:>6}  {code}  {r.name if r else ''}")
        if self.quiet:
            return lines
        if summary.get("fixed"):
            lines.append(f"Fixed {_plural(summary['fixed'], 'problem')}.")
        if summary["problems"]:
            parts = [_plural(summary["errors"], "error"), _plural(summary["warnings"], "warning")]
            if summary["infos"]:
                parts.append(f"{summary['infos']} info")
            lines.append(f"Found {_plural(summary['problems'], 'problem')} ({', '.join(parts)}) in {_plural(summary['files_with_problems'], 'file')}.")
        else:
            lines.append("All checks passed.")
        fixable, hidden = summary.get("fixable", 0), summary.get("hidden_fixes", 0)
        more = (f"{_plural(hidden, 'hidden fix')}".replace("fixs", "fixes") + " can be enabled with the `--unsafe-fixes` option") if hidden else ""
        if fixable and not summary.get("fixing"):
            lines.append(f"[*] {fixable} fixable with the `--fix` option" + (f" ({more})." if more else "."))
        elif more:
            lines.append(f"No fixes available ({more})." if not fixable else f"[*] {fixable} fixable with the `--fix` option ({more}).")
        return lines
