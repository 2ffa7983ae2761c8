"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Escaping follows the runner: in the message ``%``, CR and LF are percent-encoded; in
properties ``:`` and ``,`` are too. Before that, control and bidi characters from a
guide or a file name are shown visibly (``\x1b``), as in the text format, so nothing
can colour, hide or rewrite the log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Diagnostic

from ..escape import for_terminal
from . import LineReporter

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = for_terminal(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(LineReporter):
    def line(self, d: Diagnostic) -> str:
        props = {"file": d.path, "line": d.line, "col": d.column, "endLine": d.end_line, "endColumn": d.end_column,
                 "title": f"{d.code} {d.name}"}
        prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        return f"::{LEVEL[d.severity]} {prop_text}::{escape_data(d.message)}"
