"""JUnit XML: one test case per linted file, one failure per finding."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..escape import for_terminal as _x
from . import Reporter

# XML 1.0 cannot carry control characters at all; they are shown as \x1b like on a terminal.


class JunitReporter(Reporter):
    def render(self, diagnostics, summary, rules, files=()) -> str:
        by_path: dict[str, list] = {p: [] for p in files}
        for d in diagnostics:
            by_path.setdefault(d.path, []).append(d)
        failures = len(diagnostics)
        suites = ET.Element("testsuites", name="seedlint", tests=str(len(by_path)), failures=str(failures), errors="0")
        suite = ET.SubElement(suites, "testsuite", name="seedlint", tests=str(len(by_path)), failures=str(failures),
                              errors="0", skipped="0")
        for path in sorted(by_path):
            case = ET.SubElement(suite, "testcase", classname="seedlint", name=_x(path), file=_x(path))
            for d in by_path[path]:
                fail = ET.SubElement(case, "failure", type=f"{d.code} {d.name}", message=f"{d.line}:{d.column}: {d.code} {_x(d.message)}")
                fail.text = f"{_x(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity}] {_x(d.message)}"
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
