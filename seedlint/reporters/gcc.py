"""``path:line:col: error: CODE message`` — the GCC diagnostic shape, with the severity.

Editors read it without configuration: VS Code's ``$gcc`` problem matcher, Emacs'
compilation mode, and a Vim ``errorformat`` of ``%f:%l:%v:\\ %t%*[^:]:\\ %m`` (columns are
characters, so Vim's virtual column ``%v``, not its byte column ``%c``). Info findings are
``info`` (VS Code's problem matchers know error, warning and info). No summary line:
every line is a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

from ..escape import for_terminal
from . import Reporter

LEVEL = {"error": "error", "warning": "warning", "info": "info"}


class GccReporter(Reporter):
    def render(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule], files: Sequence[str] = ()) -> str:
        out = []
        for d in diagnostics:
            line = f"{for_terminal(d.path)}:{d.line}:{d.column}: {LEVEL[d.severity]}: {d.code} {for_terminal(d.message)}"
            out.append("./" + line if line.lstrip().startswith("::") else line)
        return "".join(line + "\n" for line in out)
