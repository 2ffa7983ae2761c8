"""``path:line:col: CODE message`` lines, then a summary — the classic format editors parse."""

from __future__ import annotations

from collections import Counter

from . import Reporter


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TextReporter(Reporter):
    def render(self, diagnostics, summary, rules, files=()) -> str:
        lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in diagnostics]
        if self.statistics and diagnostics:
            lines.append("")
            for code, n in sorted(Counter(d.code for d in diagnostics).items(), key=lambda kv: (-kv[1], kv[0])):
                r = rules.get(code)
                lines.append(f"{n:>6}  {code}  {r.name if r else ''}")
        if self.quiet:
            return "".join(line + "\n" for line in lines)
        if summary["problems"]:
            parts = [_plural(summary["errors"], "error"), _plural(summary["warnings"], "warning")]
            if summary["infos"]:
                parts.append(f"{summary['infos']} info")
            lines.append(f"Found {_plural(summary['problems'], 'problem')} ({', '.join(parts)}) in {_plural(summary['files_with_problems'], 'file')}.")
        else:
            lines.append("All checks passed.")
        return "\n".join(lines) + "\n"
