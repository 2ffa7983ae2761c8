"""Runs the linter over a list of files: reading, per-file linting, corpus rules.

Files are linted one at a time (or in worker processes) and only their
diagnostics and small corpus facts are kept, so memory does not grow with the
size of the documents.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Sequence

from .discover import PathError, Walk
from .linter import CorpusFacts, FileResult, RunResult, add_facts, corpus_diagnostics, engine_result, finish, lint_bytes
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
    facts: CorpusFacts = {}
    keys: dict[str, str] = {}  # path -> cache key, of the files that gave facts

    def take(item: FileResult) -> None:
        result.paths.append(item.path)
        result.internal_error |= item.internal_error
        add_facts(facts, item.facts)
        if item.facts and item.key:
            keys[item.path] = item.key
        if keep_fixable and any(d.fix is not None for d in item.diagnostics):
            fixable[item.path] = (item.digest, item.facts)
        if item.suppressions:
            item.facts = None  # in ``facts`` already
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
    for name in settings.collect:
        result.collected[name] = [f for f in facts.get(name, []) if f.linted]
    extra = corpus_extras if corpus_extras is not None else _corpus_extras(settings, linted, cache, jobs, settings_for, keys)
    for name, more in extra.items():
        facts.setdefault(name, []).extend(more)
    by_path: dict[str, list[Diagnostic]] = {}
    for d in _corpus(facts, settings, linted, cache, own, keys):
        by_path.setdefault(d.path, []).append(d)
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


def _corpus(facts: CorpusFacts, settings: Settings, linted: set[str], cache: Cache | None,
            own: Callable[[str], Settings], keys: dict[str, str] | None = None) -> list[Diagnostic]:
    """Corpus rules' findings; from the cache when no file's facts changed."""
    if cache is None or not facts:
        return corpus_diagnostics(facts, settings, report=linted, settings_for=own)
    key = cache.corpus_key(facts, linted, {id(s): s for s in map(own, linted)}.values(), keys)
    hit = cache.get_corpus(key)
    if hit is None:
        hit = corpus_diagnostics(facts, settings, report=linted, settings_for=own)
        cache.put_corpus(key, hit)
    return hit


def _corpus_extras(settings: Settings, linted: set[str], cache: Cache | None, jobs: int = 1,
                   settings_for: Callable[[str], Settings] | None = None,
                   keys: dict[str, str] | None = None) -> CorpusFacts:
    """Facts of the corpus-root files not linted in this run (pre-commit passes only changed files)."""
    if not settings.corpus_roots:
        return {}
    from .registry import CORPUS, all_rules

    rules = all_rules()
    if not any(rules[c].scope == CORPUS for c in settings.enabled()):
        return {}
    roots = [r for r in settings.corpus_roots if os.path.isdir(r)]
    own = settings_for or (lambda _p: settings)
    try:
        others = [p for p in Walk(own, os.path.dirname(settings.config_path) if settings.config_path else ".", settings.follow_symlinks).files(roots) if p not in linted]
    except PathError:
        return {}
    from .parallel import lint_many

    out: CorpusFacts = {}
    for r in lint_many(others, settings, jobs=jobs, cache=cache, settings_for=settings_for):
        if not isinstance(r, str):
            add_facts(out, context_only(r.facts))
            if keys is not None and r.facts and r.key:
                keys[r.path] = r.key
    return out


def context_only(facts: dict[str, Fact] | None) -> dict[str, Fact] | None:
    """A file's facts marked as read for context only (its findings are not reported)."""
    return None if facts is None else {k: f._replace(linted=False) for k, f in facts.items()}
