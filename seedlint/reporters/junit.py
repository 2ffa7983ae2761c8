"""JUnit XML for test-report viewers: a passing test case per clean guide and one failed
test case per finding (named ``path:line:col CODE``, class name = the guide's path).

So the counts are those the JUnit schema defines and junitparser recomputes: ``tests`` =
test cases, ``failures`` = failed test cases = findings, ``errors`` and ``skipped`` = 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

from xml.etree import ElementTree as ET

from ..escape import for_terminal as _x
from . import Reporter

# XML 1.0 cannot carry control characters at all; they are shown as \x1b like on a terminal.


class JunitReporter(Reporter):
    def render(self, diagnostics: list[Diagnostic], summary: dict[str, int], rules: dict[str, Rule], files: Sequence[str] = ()) -> str:
        by_path: dict[str, list[Diagnostic]] = {p: [] for p in files}
        for d in diagnostics:
            by_path.setdefault(d.path, []).append(d)
        tests = sum(max(len(v), 1) for v in by_path.values())
        failures = len(diagnostics)
        suites = ET.Element("testsuites", name="seedlint", tests=str(tests), failures=str(failures), errors="0", skipped="0")
        suite = ET.SubElement(suites, "testsuite", name="seedlint", tests=str(tests), failures=str(failures),
                              errors="0", skipped="0")
        for path in sorted(by_path):
            if not by_path[path]:
                ET.SubElement(suite, "testcase", classname=_x(path), name=_x(path), file=_x(path))
                continue
            for d in by_path[path]:
                case = ET.SubElement(suite, "testcase", classname=_x(path), name=f"{_x(path)}:{d.line}:{d.column} {d.code}",
                                     file=_x(path), line=str(d.line))
                fail = ET.SubElement(case, "failure", type=f"{d.code} {d.name}", message=f"{d.line}:{d.column}: {d.code} {_x(d.message)}")
                fail.text = f"{_x(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity}] {_x(d.message)}"
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
