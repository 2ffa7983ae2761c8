"""The engine: a document → the schema stage → rules → diagnostics.

It knows the registry and the settings, never a particular rule, and never formats
output. Findings the parser and the schema stage recorded are reported under their
declared codes; file rules run on the checked document; corpus rules run after every
file, over the facts their collectors took from each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Container, Iterable, Iterator

from . import schema
from .document import Document, parse
from .model import ERROR, Diagnostic, Finding, Problem, Span
from .registry import CORPUS, ENGINE, FILE, PARSER, SCHEMA, Fact, Rule, all_rules, collectors, fact_order
from .settings import Settings
from .spill import Findings
from .stamp import stamp
from .suppress import Suppression, apply, scan

# Facts of many guides, by collector name: what corpus rules read.
CorpusFacts = dict[str, list[Fact]]


@dataclass
class FileResult:
    """One file's outcome, before suppressions (they apply after the corpus rules)."""

    path: str
    diagnostics: list[Diagnostic]
    facts: dict[str, Fact] | None = None  # collector name -> this file's fact
    internal_error: bool = False
    suppressions: list[Suppression] = field(default_factory=list)
    line_count: int = 1
    digest: str = ""  # of the bytes linted: --fix skips a file that changed since
    # collector name -> digest of this file's fact (set when cached; a result read from the
    # cache has these and no ``facts``: they stay in the cache until a corpus rule needs them)
    fact_digests: dict[str, str] | None = None
    key: str = ""  # its cache key (content, path and settings), in a run with a cache; not stored


@dataclass
class RunResult:
    # every diagnostic in report order; on disk beyond a bound (memory stays flat in findings)
    findings: Findings = field(default_factory=lambda: Findings())
    io_errors: list[str] = field(default_factory=list)
    internal_error: bool = False
    paths: list[str] = field(default_factory=list)  # every file linted, in order
    # for --fix: path -> (digest of the bytes linted, the corpus rules' findings on it
    # before suppressions, its facts) of each file with a fix among its findings
    fixable: dict[str, tuple[str, list[Diagnostic], dict[str, Fact] | None]] = field(default_factory=dict)
    # the facts ``Settings.collect`` asked for (``seedlint report``), of the linted files
    collected: CorpusFacts = field(default_factory=dict)

    @property
    def files(self) -> int:
        return len(self.paths)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The findings as a list, sorted (read back from disk when they were spilled)."""
        return list(self.findings)

    @diagnostics.setter
    def diagnostics(self, value: Iterable[Diagnostic]) -> None:
        self.findings = Findings(value)


def check_schema(doc: Document, settings: Settings, front_matter_schema: Any = None) -> Document:
    """The document as rules see it: with the schema stage's findings and invalid paths."""
    if doc.front_matter is None or doc.front_matter.data is None:
        return doc
    found = schema.check(doc, front_matter_schema or schema.schema_for(settings.schema, settings.schema_mode == "extend"))
    if not found.problems and not found.invalid:
        return doc
    return doc.with_schema(found.problems, found.invalid)


# One file's work under one set of settings: (code, rule, severity, whether it runs: a
# file rule) of each enabled rule that reports (parser and schema codes report what their
# stages found), in code order, and the facts
# wanted. Built once per settings and per-file-ignore set, not per file.
_Plan = tuple[tuple[tuple[str, Rule, str, bool], ...], frozenset[str | None]]


def _plan(settings: Settings, ignored: frozenset[str]) -> _Plan:
    plans = settings._plans
    plan = plans.get(ignored)
    if plan is None:
        rules = all_rules()
        enabled = settings.enabled() - ignored
        sev = settings.severities()
        steps = tuple((code, rules[code], sev[code], rules[code].scope == FILE) for code in sorted(enabled)
                      if rules[code].scope in (PARSER, SCHEMA) or (rules[code].scope == FILE and rules[code].func is not None))
        wanted = frozenset({rules[c].facts for c in enabled if rules[c].scope == CORPUS} | set(settings.collect))
        plan = plans[ignored] = (steps, wanted)
    return plan


def lint_document(doc: Document, settings: Settings, front_matter_schema: Any = None) -> FileResult:
    """Run the schema stage, report what the stages found, and run every enabled file rule."""
    steps, wanted = _plan(settings, settings.ignored_for(doc.path))
    doc = check_schema(doc, settings, front_matter_schema)
    found: dict[str, list[Problem]] = {}
    for p in (*doc.problems, *doc.schema_problems):
        found.setdefault(p.code, []).append(p)
    diags: list[Diagnostic] = []
    crashed = False
    n = doc.line_count
    path, options = doc.path, settings.options
    for code, r, sev, runs in steps:
        if not runs:  # a parser or schema code: what those stages found
            if found:
                for p in found.get(code, ()):
                    diags.append(stamp(r, sev, path, Finding(p.span, p.message, fix=p.fix), n, doc.lines))
            continue
        func = r.func
        assert func is not None  # a file rule in the plan has one
        try:
            for finding in func(doc, options):
                diags.append(stamp(r, sev, path, finding, n, doc.lines))
        except Exception as exc:  # a crashing rule must not hide the others
            crashed = True
            bug = all_rules()["SL999"]
            diags.append(stamp(bug, ERROR, path, Finding(Span.point(1), f"internal error in {r.code} {r.name}: {type(exc).__name__}: {exc}"), n, doc.lines))
    return FileResult(path, diags, collect(doc, wanted),
                      crashed, scan(doc) if doc.text else [], n)


def collect(doc: Document, wanted: Container[str | None]) -> dict[str, Fact] | None:
    """The facts the enabled corpus rules want from ``doc`` (None when there are none)."""
    if not wanted:
        return None
    out = {}
    for name, c in collectors().items():
        if name in wanted:
            fact = c.func(doc)
            if fact is not None:
                out[name] = fact
    return out or None


def finish(result: FileResult, settings: Settings, extra: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """A file's final diagnostics: its own plus corpus ones, suppressions applied, and the
    findings about the suppressions themselves (SL801, SL802)."""
    enabled = settings.enabled() - settings.ignored_for(result.path)
    kept, about = apply(result.diagnostics + list(extra), result.suppressions, enabled)
    if about:
        rules, sev = all_rules(), settings.severities()
        kept.extend(stamp(rules[code], sev[code], result.path, f, result.line_count) for code, f in about)
    return kept


def lint_bytes(data: bytes, path: str, settings: Settings, size: int | None = None) -> FileResult:
    """Parse and lint one file's bytes (``size``: the file's size, when only part was read)."""
    doc = parse(data, path, settings.max_file_size, size)
    result = lint_document(doc, settings)
    if any(d.fix is not None for d in result.diagnostics):
        result.digest = digest(data)  # only --fix reads it, and only for a file with a fix
    return result


def digest(data: bytes) -> str:
    """What tells two versions of a file apart (not a secret: the cache keys are MACs)."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def add_facts(into: CorpusFacts, facts: dict[str, Fact] | None) -> None:
    """Gather one file's facts into the corpus's."""
    if facts:
        for name, fact in facts.items():
            into.setdefault(name, []).append(fact)


def corpus_rules(settings: Settings, report: Iterable[str] | None = None,
                 settings_for: Callable[[str], Settings] | None = None) -> list[Rule]:
    """The corpus rules enabled for the run or for any reported file, in code order."""
    rules = all_rules()
    own = settings_for or (lambda _p: settings)
    enabled = set(settings.enabled())
    for s in {id(s): s for s in map(own, report or ())}.values():
        enabled |= s.enabled()
    return [rules[c] for c in sorted(enabled)
            if rules[c].scope == CORPUS and rules[c].func is not None and rules[c].facts is not None]


def corpus_rule(r: Rule, facts: Iterable[Fact], settings: Settings, report: Container[str] | None = None,
                settings_for: Callable[[str], Settings] | None = None) -> Iterator[Diagnostic]:
    """One corpus rule over its collector's facts; findings kept for ``report`` paths (all if
    None), each with the severity of the file it lands in — and only where that file's
    settings enable the rule (``settings_for(path)``). The rule runs with the run's options.
    The findings come as the rule yields them (a run does not hold them all at once).

    ``facts`` may be read several times (a rule makes several passes) and must come in
    :func:`fact_order` — a list is sorted here; the runner's ``SortedLog`` is already."""
    assert r.func is not None
    if isinstance(facts, list):
        facts = sorted(facts, key=fact_order)
    own = settings_for or (lambda _p: settings)
    for path, finding in r.func(facts, settings.options):
        if report is not None and path not in report:
            continue
        mine = own(path)
        if r.code not in mine.enabled() or r.code in mine.ignored_for(path):
            continue
        yield stamp(r, mine.severities()[r.code], path, finding, 10**9)


def corpus_diagnostics(facts: CorpusFacts, settings: Settings, report: set[str] | None = None,
                       settings_for: Callable[[str], Settings] | None = None) -> list[Diagnostic]:
    """Every enabled corpus rule over every file's facts (see :func:`corpus_rule`)."""
    out: list[Diagnostic] = []
    for r in corpus_rules(settings, report, settings_for):
        out.extend(corpus_rule(r, facts.get(r.facts or "", []), settings, report, settings_for))
    return out


def engine_result(path: str, code: str, message: str, settings: Settings) -> FileResult:
    """A file the engine reports on without reading it (a symlink leaving the project)."""
    r = all_rules()[code]
    assert r.scope == ENGINE, code
    diags = []
    if code in settings.enabled() and code not in settings.ignored_for(path):
        diags.append(stamp(r, settings.severities()[code], path, Finding(Span.point(1), message), 1))
    return FileResult(path, diags, None, False, [], 1)
