"""Machine-readable JSON, format version 1."""

from __future__ import annotations

import json

from ..escape import for_json
from . import Reporter


class JsonReporter(Reporter):
    def render(self, diagnostics, summary, rules, files=()) -> str:
        doc = {"version": 1, "diagnostics": [d.to_dict() for d in diagnostics], "summary": summary}
        return for_json(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
