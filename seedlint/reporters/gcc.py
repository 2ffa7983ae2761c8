"""``path:line:col: error: CODE message`` — the GCC diagnostic shape, with the severity.

Editors read it without configuration: VS Code's ``$gcc`` problem matcher, Emacs'
compilation mode, and a Vim ``errorformat`` of ``%f:%l:%v:\\ %t%*[^:]:\\ %m`` (columns are
characters, so Vim's virtual column ``%v``, not its byte column ``%c``). Info findings are
``info`` (VS Code's problem matchers know error, warning and info). No summary line:
every line is a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Diagnostic

from ..escape import for_terminal
from . import LineReporter

LEVEL = {"error": "error", "warning": "warning", "info": "info"}


class GccReporter(LineReporter):
    def line(self, d: Diagnostic) -> str:
        line = f"{for_terminal(d.path)}:{d.line}:{d.column}: {LEVEL[d.severity]}: {d.code} {for_terminal(d.message)}"
        return "./" + line if line.lstrip().startswith("::") else line
