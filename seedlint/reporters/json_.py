"""Machine-readable JSON, format version 1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

import json

from ..escape import for_json
from . import Reporter


def _nested(text: str, indent: str) -> str:
    """A JSON text laid out with ``indent=2``, moved right as a nested value would be."""
    return text.replace("\n", "\n" + indent)


class JsonReporter(Reporter):
    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule] | None = None,
               files: Sequence[str] = ()) -> Iterator[str]:
        """The document ``json.dumps({"version", "diagnostics", "summary"}, indent=2)`` would
        write, byte for byte, a diagnostic at a time: one dict and one small string alive at
        once instead of a dict per finding and the encoder's pieces of the whole document
        (459 MiB for 66,000 findings)."""
        yield '{\n  "version": 1,\n  "diagnostics": '
        i = -1
        for i, d in enumerate(diagnostics):
            item = json.dumps(d.to_dict(), indent=2, ensure_ascii=False)
            yield ("[\n" if i == 0 else ",\n") + "    " + for_json(_nested(item, "    "))
        yield "[]" if i < 0 else "\n  ]"
        yield ',\n  "summary": ' + for_json(_nested(json.dumps(summary, indent=2, ensure_ascii=False), "  ")) + "\n}\n"
