"""Runs the linter over a list of files: reading, per-file linting, corpus rules.

Files are linted one at a time (or in worker processes) and only their
diagnostics and small corpus facts are kept, so memory does not grow with the
size of the documents.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .discover import PathError, Walk
from .batch import _read, lint_data
from .linter import CorpusFacts, FileResult, RunResult, corpus_rule, corpus_rules, engine_result, finish, lint_bytes
from .model import Diagnostic
from .registry import Fact
from .settings import Settings
from .spill import Spool

if TYPE_CHECKING:
    from .cache import Cache


def run(files: list[str], settings: Settings, stdin: tuple[str, bytes] | None = None,
        progress: Callable[[int, int], None] | None = None, jobs: int = 1, cache: Cache | None = None,
        settings_for: Callable[[str], Settings] | None = None, unread: Sequence[tuple[str, str]] = (),
        corpus_extras: CorpusFacts | None = None, keep_fixable: bool = True) -> RunResult:
    """Lint ``files`` (and the ``(path, bytes)`` read from stdin), then the corpus rules.

    ``settings`` are the run's (corpus rules' options, corpus roots); ``settings_for(path)``
    gives each file's own (the configuration nearest to it), ``settings`` when None.
    ``unread`` holds ``(path, message)`` of files reported without being read (SL012).
    ``corpus_extras``, when given, are the facts of the corpus-root guides not linted in
    this run (the language server keeps them between runs); otherwise they are read here.
    ``keep_fixable``: record what ``--fix`` needs of each file with a fixable finding
    (``RunResult.fixable``); a run that fixes nothing does not hold it.

    Streaming: of each file only its corpus facts are kept in memory — never the
    document. A file's findings go at once into the run's :class:`Findings` (on a
    temporary file beyond a bound, so memory does not grow with the findings), except
    for files with suppression comments, which wait in a :class:`Spool` for the corpus
    rules' findings before the suppressions are applied.
    """
    from .parallel import lint_many

    own = settings_for or (lambda _p: settings)
    result = RunResult()
    findings = result.findings
    # files with suppressions wait for the corpus rules (a comment may silence a corpus
    # finding, or be unused without one); any other file is final as it arrives
    waiting: Spool[FileResult] = Spool()
    fixable: dict[str, tuple[str, dict[str, Fact] | None]] = {}
    corpus = CorpusInput(cache)

    def take(item: FileResult) -> None:
        result.paths.append(item.path)
        result.internal_error |= item.internal_error
        corpus.add(item)
        if keep_fixable and any(d.fix is not None for d in item.diagnostics):
            fixable[item.path] = (item.digest, item.facts if item.facts is not None else corpus.facts_of(item))
        if item.suppressions:
            item.facts = None  # in ``corpus`` already
            waiting.append(item)
        elif item.diagnostics:
            findings.extend(item.diagnostics)  # what ``finish`` gives a file without suppressions

    if stdin is not None:
        take(lint_bytes(stdin[1], stdin[0], own(stdin[0])))
    for path, message in unread:
        take(engine_result(path, "SL012", message, own(path)))
    for path, item in zip(files, lint_many(files, settings, jobs=jobs, cache=cache, progress=progress,
                                           settings_for=settings_for)):
        if isinstance(item, str):
            result.io_errors.append(item)
            continue
        if item.facts is not None:  # one string per path, not a copy from a worker
            item.facts = {k: f if f.path is path else f._replace(path=path) for k, f in item.facts.items()}
        item.path = path
        take(item)
    linted = set(result.paths)
    if corpus_extras is not None:
        for name, more in corpus_extras.items():
            for fact in more:
                corpus.add_fact(name, fact)
    else:
        for item in _corpus_extras(settings, linted, cache, jobs, settings_for):
            corpus.add(item, linted=False)

    def relint(path: str) -> dict[str, Fact] | None:
        data = _read(path, own(path))
        return None if isinstance(data, str) else lint_data(path, data, own(path)).facts

    by_path: dict[str, list[Diagnostic]] = {}
    for d in _corpus(corpus, settings, linted, cache, own, relint):
        by_path.setdefault(d.path, []).append(d)
    for name in settings.collect:
        result.collected[name] = [f for f in corpus.load(name, relint) if f.linted]
    for path, (digest, file_facts) in fixable.items():
        result.fixable[path] = (digest, by_path.get(path, []), file_facts)
    for r in waiting:
        findings.extend(finish(r, own(r.path), by_path.pop(r.path, [])))
    waiting.close()
    for diags in by_path.values():  # the corpus findings of files without suppressions
        findings.extend(diags)
    if cache is not None:
        cache.close()
    return result


class CorpusInput:
    """What the corpus rules read: the facts of every file, gathered as files arrive.

    Without a cache they are all in memory. With one, a result read from the cache brings
    only the digests of its facts (``FileResult.fact_digests``): the facts themselves stay
    in the cache until a rule whose key changed — its collector's facts, named by those
    digests — needs them (:meth:`load`). A warm run with nothing changed decodes no fact;
    one with a level mapping changed decodes the guide facts, not the compensation ones.
    """

    def __init__(self, cache: Cache | None) -> None:
        self.cache = cache
        self.facts: CorpusFacts = {}
        self.marks: dict[str, list[tuple[str, str, bool]]] = {}  # name -> (path, digest, linted)
        self.deferred: dict[str, list[tuple[str, str, bool]]] = {}  # name -> (file key, path, linted)
        self.exact = True  # False once a fact had to be read again from a file (it may differ)

    def add(self, item: FileResult, linted: bool = True) -> None:
        """One file's facts (or their digests); ``linted=False``: read for context only."""
        facts = item.facts or {}
        for name, fact in facts.items():
            self.add_fact(name, fact if linted else fact._replace(linted=False), item.fact_digests)
        if self.cache is not None and item.fact_digests:
            for name, dg in item.fact_digests.items():
                if name not in facts:
                    self.marks.setdefault(name, []).append((item.path, dg, linted))
                    self.deferred.setdefault(name, []).append((item.key, item.path, linted))

    def add_fact(self, name: str, fact: Fact, digests: dict[str, str] | None = None) -> None:
        self.facts.setdefault(name, []).append(fact)
        if self.cache is not None:
            from .cache import fact_body

            dg = digests.get(name) if digests else None
            self.marks.setdefault(name, []).append((fact.path, dg or fact_body(fact)[1], fact.linted))

    def facts_of(self, item: FileResult) -> dict[str, Fact] | None:
        """One cached file's facts, read from the cache (for ``--fix``)."""
        if self.cache is None or not item.fact_digests:
            return None
        out = {}
        for name in item.fact_digests:
            fact = self.cache.get_facts(name, [(item.key, item.path)]).get(item.key)
            if fact is not None:
                out[name] = fact
        return out or None

    def load(self, name: str, relint: Callable[[str], dict[str, Fact] | None]) -> list[Fact]:
        """Every file's fact of collector ``name``, in path order (read from the cache if left
        there; from the file again, with ``relint``, if the cache no longer has it)."""
        pending = self.deferred.pop(name, [])
        got = self.cache.get_facts(name, [(k, p) for k, p, _ in pending]) if pending and self.cache else {}
        into = self.facts.setdefault(name, [])
        for key, path, linted in pending:
            fact = got.get(key)
            if fact is None:
                self.exact = False
                fact = (relint(path) or {}).get(name)
                if fact is None:
                    continue
            into.append(fact if linted and fact.path is path else fact._replace(path=path, linted=linted))
        into.sort(key=lambda f: (f.path, not f.linted))  # the same order however the facts arrived
        return into


def _corpus(corpus: CorpusInput, settings: Settings, linted: set[str], cache: Cache | None,
            own: Callable[[str], Settings], relint: Callable[[str], dict[str, Fact] | None]) -> list[Diagnostic]:
    """Corpus rules' findings; each rule's from the cache when none of the facts it reads changed."""
    rules = corpus_rules(settings, linted, own)
    if cache is None:
        return [d for r in rules for d in corpus_rule(r, corpus.load(r.facts or "", relint), settings, linted, own)]
    names = {r.facts or "" for r in rules}
    keys = cache.corpus_keys({n: corpus.marks.get(n, []) for n in names}, linted,
                             {id(s): s for s in map(own, linted)}.values())
    out: list[Diagnostic] = []
    for r in rules:
        key = cache.rule_key(keys[r.facts or ""], r.code)
        hit = cache.get_corpus(key)
        if hit is None:
            hit = corpus_rule(r, corpus.load(r.facts or "", relint), settings, linted, own)
            if corpus.exact:
                cache.put_corpus(key, hit)
        out.extend(hit)
    return out


def _corpus_extras(settings: Settings, linted: set[str], cache: Cache | None, jobs: int = 1,
                   settings_for: Callable[[str], Settings] | None = None) -> Iterator[FileResult]:
    """The corpus-root files not linted in this run (pre-commit passes only changed files),
    read for their facts."""
    if not settings.corpus_roots:
        return
    from .registry import CORPUS, all_rules

    rules = all_rules()
    if not any(rules[c].scope == CORPUS for c in settings.enabled()):
        return
    roots = [r for r in settings.corpus_roots if os.path.isdir(r)]
    own = settings_for or (lambda _p: settings)
    try:
        others = [p for p in Walk(own, os.path.dirname(settings.config_path) if settings.config_path else ".", settings.follow_symlinks).files(roots) if p not in linted]
    except PathError:
        return
    from .parallel import lint_many

    for path, r in zip(others, lint_many(others, settings, jobs=jobs, cache=cache, settings_for=settings_for)):
        if not isinstance(r, str):
            r.path = path
            yield r


def context_only(facts: dict[str, Fact] | None) -> dict[str, Fact] | None:
    """A file's facts marked as read for context only (its findings are not reported)."""
    return None if facts is None else {k: f._replace(linted=False) for k, f in facts.items()}
