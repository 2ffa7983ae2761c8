"""SARIF 2.1.0 for code scanning: rules with their docs, results with regions,
related locations for two-place findings, and fingerprints that survive edits above."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

import json
from urllib.parse import quote

from .. import DOCS_URL, __version__
from ..escape import for_json
from . import Reporter

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    # undecodable bytes of a file name become their own %XX escapes
    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"), safe="/:@!$&'()*+,;=-._~")


def _location(path: str, line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> dict[str, Any]:
    region: dict[str, int | None] = {"startLine": line, "startColumn": column}
    if end_line is not None:
        region.update(endLine=end_line, endColumn=end_column)
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


class SarifReporter(Reporter):
    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule] | None = None,
               files: Sequence[str] = ()) -> Iterator[str]:
        """The log ``json.dumps(log, indent=2)`` would write, byte for byte, a result at a
        time (the whole log as dicts took 924 MiB for 66,000 findings)."""
        if rules is None:
            from ..registry import all_rules

            rules = all_rules()
        codes = list(rules)
        index = {c: i for i, c in enumerate(codes)}
        driver_rules = []
        for code in codes:
            r = rules[code]
            driver_rules.append({
                "id": code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc.split("## Why is this bad?")[0].replace("## What it does", "").strip() or r.summary},
                "help": {"text": r.doc, "markdown": r.doc},
                "helpUri": f"{DOCS_URL}#{code.lower()}-{r.name}",
                "defaultConfiguration": {"level": LEVEL[r.severity]},
            })
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "seedlint", "version": __version__, "informationUri": DOCS_URL, "rules": driver_rules}},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }],
        }
        # "results" is the run's last key: the log is written around it
        head, _, tail = json.dumps(log, indent=2, ensure_ascii=False).rpartition('"results": []')
        yield for_json(head) + '"results": '
        n = -1
        for n, d in enumerate(diagnostics):
            result = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [_location(d.path, d.line, d.column, d.end_line, d.end_column)],
                "partialFingerprints": {"seedlint/v1": f"{d.path}:{d.fingerprint}"},
            }
            if d.fix is not None:
                # the fix as SARIF's artifactChanges (columns in code points, as the run says;
                # an insertion is an empty deleted region)
                result["fixes"] = [{
                    "description": {"text": f"{d.fix.message} ({d.fix.applicability})"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [{
                            "deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                              "endLine": e.end_line, "endColumn": e.end_column},
                            "insertedContent": {"text": e.text},
                        } for e in d.fix.edits],
                    }],
                }]
            if d.related:
                result["relatedLocations"] = [
                    {"id": i, **_location(r.path, r.line, r.column), "message": {"text": r.message}}
                    for i, r in enumerate(d.related, 1)
                ]
            item = json.dumps(result, indent=2, ensure_ascii=False).replace("\n", "\n        ")
            yield ("[\n" if n == 0 else ",\n") + "        " + for_json(item)
        yield "[]" if n < 0 else "\n      ]"
        yield for_json(tail) + "\n"
