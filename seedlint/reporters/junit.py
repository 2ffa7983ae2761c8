"""JUnit XML for test-report viewers: a passing test case per clean guide and one failed
test case per finding (named ``path:line:col CODE``, class name = the guide's path).

So the counts are those the JUnit schema defines and junitparser recomputes: ``tests`` =
test cases, ``failures`` = failed test cases = findings, ``errors`` and ``skipped`` = 0.
"""

from __future__ import annotations

import heapq
from itertools import groupby
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..registry import Rule

from xml.etree import ElementTree as ET

from ..escape import for_terminal as _x
from . import Reporter

# XML 1.0 cannot carry control characters at all; they are shown as \x1b like on a terminal.


class JunitReporter(Reporter):
    def chunks(self, diagnostics: Iterable[Diagnostic], summary: dict[str, int], rules: dict[str, Rule] | None = None,
               files: Sequence[str] = ()) -> Iterator[str]:
        """The document ElementTree writes for the whole tree indented, byte for byte, a test
        case at a time (the whole tree took 328 MiB for 66,000 findings): each case is
        serialized with the whitespace ``ET.indent`` gives it at its depth."""
        # diagnostics come sorted by path: each path's findings are together, and they are
        # read twice (counts for the header, then the cases), never held all at once
        known = set(files)
        failures = seen_known = 0
        for path, group in groupby(diagnostics, key=_path):
            failures += sum(1 for _ in group)
            seen_known += path in known
        tests = failures + len(known) - seen_known
        suites = ET.Element("testsuites", name="seedlint", tests=str(tests), failures=str(failures), errors="0", skipped="0")
        suite = ET.SubElement(suites, "testsuite", name="seedlint", tests=str(tests), failures=str(failures),
                              errors="0", skipped="0")
        if not known and not failures:
            ET.indent(suites)
            yield '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
            return
        marker = ET.SubElement(suite, "testcase", name="seedlint-marker")
        ET.indent(suites)
        marker.tail = None
        head, _, foot = ET.tostring(suites, encoding="unicode").partition(ET.tostring(marker, encoding="unicode"))
        yield '<?xml version="1.0" encoding="UTF-8"?>\n' + head
        first = True
        for path, diags in _by_path(sorted(known), diagnostics):
            for case in _cases(path, diags):
                yield ("" if first else "\n    ") + ET.tostring(case, encoding="unicode")
                first = False
        yield "\n  " + foot.lstrip("\n").removeprefix("  ") + "\n"


def _path(d: Diagnostic) -> str:
    return d.path


def _by_path(files: list[str], diagnostics: Iterable[Diagnostic]) -> Iterator[tuple[str, list[Diagnostic]]]:
    """(path, its findings) for every file and every path with findings, in path order."""
    pending: tuple[str, list[Diagnostic]] | None = None
    found = ((p, list(g)) for p, g in groupby(diagnostics, key=_path))
    for path, diags in heapq.merge(((p, []) for p in files), found, key=lambda item: item[0]):
        if pending is not None and pending[0] == path:
            pending = (path, pending[1] + diags)
            continue
        if pending is not None:
            yield pending
        pending = (path, diags)
    if pending is not None:
        yield pending


def _cases(path: str, diags: list[Diagnostic]) -> Iterator[ET.Element]:
    if not diags:
        yield ET.Element("testcase", classname=_x(path), name=_x(path), file=_x(path))
        return
    for d in diags:
        case = ET.Element("testcase", classname=_x(path), name=f"{_x(path)}:{d.line}:{d.column} {d.code}",
                          file=_x(path), line=str(d.line))
        fail = ET.SubElement(case, "failure", type=f"{d.code} {d.name}", message=f"{d.line}:{d.column}: {d.code} {_x(d.message)}")
        fail.text = f"{_x(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity}] {_x(d.message)}"
        case.text, fail.tail = "\n      ", "\n    "  # as ET.indent sets them at this depth
        yield case
