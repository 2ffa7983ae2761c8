"""Machine-readable JSON, format version 1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

import json

from ..escape import for_json
from . import Reporter


class JsonReporter(Reporter):
    def render(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule], files: Sequence[str] = ()) -> str:
        doc = {"version": 1, "diagnostics": [d.to_dict() for d in diagnostics], "summary": summary}
        return for_json(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
