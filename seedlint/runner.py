"""Runs the linter over a list of files: reading, per-file linting, corpus rules.

Files are linted one at a time (or in worker processes) and only their
diagnostics and small corpus facts are kept, so memory does not grow with the
size of the documents.
"""

from __future__ import annotations

import itertools
import os
from typing import TYPE_CHECKING, Callable, Container, Iterator, NamedTuple, Sequence

from .discover import PathError, Walk
from .batch import _read, lint_data
from .linter import CorpusFacts, FileResult, RunResult, corpus_rule, corpus_rules, engine_result, finish, lint_bytes
from .model import Diagnostic
from .registry import Fact, fact_order
from .settings import Settings
from .spill import SortedLog, Spool

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
    held: set[str] = set()  # their paths, and those of ``fixable``: their corpus findings wait too
    fixable: dict[str, tuple[str, dict[str, Fact] | None]] = {}
    corpus = CorpusInput(cache)

    def take(item: FileResult) -> None:
        result.paths.append(item.path)
        result.internal_error |= item.internal_error
        corpus.add(item)
        if keep_fixable and any(d.fix is not None for d in item.diagnostics):
            fixable[item.path] = (item.digest, corpus.facts_of(item))
        if item.suppressions:
            item.facts = None  # in ``corpus`` already
            waiting.append(item)
            held.add(item.path)
        elif item.diagnostics:
            findings.extend(item.diagnostics)  # what ``finish`` gives a file without suppressions

    plan = None
    if (cache is not None and stdin is None and not unread and corpus_extras is None and not keep_fixable
            and not settings.collect and len(files) >= SNAPSHOT_MIN_FILES):
        plan = _Snapshot.make(files, settings, own, cache)
        if plan is not None:
            hit = cache.get_snapshot(plan.slot, plan.state, set(files))
            if hit is not None:  # nothing changed since a run that stored its findings
                result.findings.close()
                result.findings = hit
                result.paths = list(files)
                cache.close()
                return result
    if stdin is not None:
        take(lint_bytes(stdin[1], stdin[0], own(stdin[0])))
    for path, message in unread:
        take(engine_result(path, "SL012", message, own(path)))
    for path, item in zip(files, lint_many(files, settings, jobs=jobs, cache=cache, progress=progress,
                                           settings_for=settings_for, keys=plan.keys if plan else None)):
        if isinstance(item, str):
            result.io_errors.append(item)
            continue
        if item.facts is not None:  # one string per path, not a copy from a worker
            item.facts = {k: f if f.path is path else f._replace(path=path) for k, f in item.facts.items()}
        item.path = path
        take(item)
    linted = _Linted(result.paths)
    if corpus_extras is not None:
        for name, more in corpus_extras.items():
            for fact in more:
                corpus.add_fact(name, fact)
    else:
        for item in _corpus_extras(settings, linted, cache, jobs, settings_for, plan.others if plan else None):
            corpus.add(item, linted=False)

    def relint(path: str) -> dict[str, Fact] | None:
        data = _read(path, own(path))
        return None if isinstance(data, str) else lint_data(path, data, own(path)).facts

    # a corpus finding is final as it comes, unless its file waits for it (suppressions, --fix)
    by_path: dict[str, list[Diagnostic]] = {}
    held.update(fixable)
    for d in _corpus(corpus, settings, linted, cache, own, relint):
        if d.path in held:
            by_path.setdefault(d.path, []).append(d)
        else:
            findings.append(d)
    for name in settings.collect:
        result.collected[name] = [f for f in corpus.load(name, relint) if f.linted]
    corpus.close()
    for path, (digest, file_facts) in fixable.items():
        result.fixable[path] = (digest, by_path.get(path, []), file_facts)
    for r in waiting:
        findings.extend(finish(r, own(r.path), by_path.pop(r.path, [])))
    waiting.close()
    for diags in by_path.values():  # the corpus findings of files kept for --fix
        findings.extend(diags)
    if cache is not None:
        # stored by a run that found every result in the cache: the state has been seen
        # twice, so it is likely to be seen again (a run after each edit stores none)
        if plan is not None and cache.writes == 0 and corpus.exact and not result.io_errors and not result.internal_error:
            cache.put_snapshot(plan.slot, plan.state, findings)
        cache.close()
    return result


# Facts of one collector held in memory; beyond, on a temporary file (a corpus of 100,000
# guides kept about 1.2 KB of facts a guide in memory). Twice as many of a collector whose
# facts are small (not ``apart``: a guide's company, role and level mapping, ~0.3 KB):
# a corpus of 10,000 guides keeps them in memory between SL701's and SL702's passes.
FACTS_HELD = 8192

# A run over fewer files stores no snapshot (it is fast anyway, and pre-commit's many
# different subsets of files would each leave one behind).
SNAPSHOT_MIN_FILES = 200


class _Keys:
    """Cache keys of many files, 32 bytes each in one buffer (a list of 64-character
    strings cost ~120 bytes a file)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def append(self, key: str) -> None:
        self._buf += bytes.fromhex(key)

    def __len__(self) -> int:
        return len(self._buf) // 32

    def __getitem__(self, index: slice) -> list[str | None]:
        start, stop, _ = index.indices(len(self))
        return [self._buf[i * 32:(i + 1) * 32].hex() for i in range(start, stop)]

    def __iter__(self) -> Iterator[str]:
        for i in range(len(self)):
            yield self._buf[i * 32:(i + 1) * 32].hex()


class _Snapshot(NamedTuple):
    """What a run's snapshot is looked up and stored by: every file read and keyed first.

    A run over unchanged files then reads its final findings from one authenticated entry
    (in parts) instead of decoding each file's entry, and the corpus rules' findings with
    them; on a miss the keys computed here are used again (a hit is not read twice)."""

    slot: str
    state: str
    keys: _Keys
    others: list[str]  # the corpus-root files not linted, read for their facts

    @staticmethod
    def make(files: list[str], settings: Settings, own: Callable[[str], Settings], cache: Cache) -> _Snapshot | None:
        others = _other_files(settings, _Linted(files), own)
        keys, other_keys = _Keys(), _Keys()
        seen: dict[int, Settings] = {}
        for group, into in ((files, keys), (others, other_keys)):
            for path in group:
                mine = own(path)
                seen[id(mine)] = mine
                data = _read(path, mine)
                if isinstance(data, str):
                    return None  # an I/O error: the run reports it the usual way
                into.append(cache.key(path, data, mine))
        parts = itertools.chain(((p, k, True) for p, k in zip(files, keys)),
                                ((p, k, False) for p, k in zip(others, other_keys)))
        slot, state = cache.snapshot_keys(parts, seen.values())
        return _Snapshot(slot, state, keys, others)


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
        self.facts: dict[str, SortedLog[Fact]] = {}  # in memory while few, else on a temporary file
        self.marks: dict[str, list[tuple[str, str, bool]]] = {}  # name -> (path, digest, linted)
        self.deferred: dict[str, list[tuple[str, str, bool]]] = {}  # name -> (file key, path, linted)
        self.exact = True  # False once a fact had to be read again from a file (it may differ)
        self.context = False  # True once a fact of a file read only for context was added

    def add(self, item: FileResult, linted: bool = True) -> None:
        """One file's facts (or their digests); ``linted=False``: read for context only."""
        facts = item.facts or {}
        self.context |= not linted
        for name, fact in facts.items():
            self.add_fact(name, fact if linted else fact._replace(linted=False), item.fact_digests)
        if self.cache is not None and item.fact_digests:
            for name, dg in item.fact_digests.items():
                if name not in facts:
                    self.marks.setdefault(name, []).append((item.path, dg, linted))
                    self.deferred.setdefault(name, []).append((item.key, item.path, linted))

    def add_fact(self, name: str, fact: Fact, digests: dict[str, str] | None = None) -> None:
        self.context |= not fact.linted
        self._log(name).append(fact)
        if self.cache is not None:
            from .cache import fact_body

            dg = digests.get(name) if digests else None
            self.marks.setdefault(name, []).append((fact.path, dg or fact_body(fact)[1], fact.linted))

    def facts_of(self, item: FileResult) -> dict[str, Fact] | None:
        """One file's facts: those it brought, and those a cached result left in the cache
        (for ``--fix``)."""
        if self.cache is None or not item.fact_digests:
            return item.facts
        out = dict(item.facts or {})
        for name in item.fact_digests.keys() - out.keys():
            fact = self.cache.get_facts(name, [(item.key, item.path)]).get(item.key)
            if fact is not None:
                out[name] = fact
        return out or None

    def load(self, name: str, relint: Callable[[str], dict[str, Fact] | None]) -> SortedLog[Fact]:
        """Every file's fact of collector ``name``, in the order corpus rules read them
        (:func:`registry.fact_order`; read from the cache if left there, from the file again,
        with ``relint``, if the cache no longer has it)."""
        pending = self.deferred.pop(name, [])
        got = self.cache.get_facts(name, [(k, p) for k, p, _ in pending]) if pending and self.cache else {}
        into = self._log(name)
        for key, path, linted in pending:
            fact = got.get(key)
            if fact is None:
                self.exact = False
                fact = (relint(path) or {}).get(name)
                if fact is None:
                    continue
            into.append(fact if linted and fact.path is path else fact._replace(path=path, linted=linted))
        return into

    def _log(self, name: str) -> SortedLog[Fact]:
        log = self.facts.get(name)
        if log is None:
            from .registry import collectors

            # small facts (kept in the results, not apart) are held twice as many
            kind = collectors().get(name)
            hold = FACTS_HELD if kind is None or kind.apart else 2 * FACTS_HELD
            log = self.facts[name] = SortedLog(fact_order, hold=hold)
        return log

    def close(self) -> None:
        for log in self.facts.values():
            log.close()


class _Linted:
    """The paths linted, iterated in the run's order; a set of them is built only for a
    membership test (a run without corpus roots makes none: a set of a million paths is
    about 40 MB)."""

    def __init__(self, paths: list[str]) -> None:
        self._paths = paths
        self._set: set[str] | None = None

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, path: object) -> bool:
        if self._set is None:
            self._set = set(self._paths)
        return path in self._set


def _corpus(corpus: CorpusInput, settings: Settings, linted: _Linted, cache: Cache | None,
            own: Callable[[str], Settings], relint: Callable[[str], dict[str, Fact] | None]) -> Iterator[Diagnostic]:
    """Corpus rules' findings, as the rules give them; each rule's from the cache when none
    of the facts it reads changed (a rule run for the cache is held whole, to be stored)."""
    rules = corpus_rules(settings, linted, own)
    # every fact is a linted file's unless some were read for context only: then no finding
    # needs its path looked up
    report = linted if corpus.context else None
    if cache is None:
        for r in rules:
            yield from corpus_rule(r, corpus.load(r.facts or "", relint), settings, report, own)
        return
    names = {r.facts or "" for r in rules}
    keys = cache.corpus_keys({n: corpus.marks.get(n, []) for n in names}, linted,
                             {id(s): s for s in map(own, linted)}.values())
    for r in rules:
        key = cache.rule_key(keys[r.facts or ""], r.code)
        hit = cache.get_corpus(key)
        if hit is None:
            hit = list(corpus_rule(r, corpus.load(r.facts or "", relint), settings, report, own))
            if corpus.exact:
                cache.put_corpus(key, hit)
        yield from hit


def _other_files(settings: Settings, linted: Container[str], own: Callable[[str], Settings]) -> list[str]:
    """The corpus-root files not linted in this run (pre-commit passes only changed files)."""
    if not settings.corpus_roots:
        return []
    from .registry import CORPUS, all_rules

    rules = all_rules()
    if not any(rules[c].scope == CORPUS for c in settings.enabled()):
        return []
    roots = [r for r in settings.corpus_roots if os.path.isdir(r)]
    try:
        return [p for p in Walk(own, os.path.dirname(settings.config_path) if settings.config_path else ".", settings.follow_symlinks).files(roots) if p not in linted]
    except PathError:
        return []


def _corpus_extras(settings: Settings, linted: _Linted, cache: Cache | None, jobs: int = 1,
                   settings_for: Callable[[str], Settings] | None = None,
                   others: list[str] | None = None) -> Iterator[FileResult]:
    """The corpus-root files not linted in this run, read for their facts (``others``: that
    list, when the caller has made it)."""
    own = settings_for or (lambda _p: settings)
    if others is None:
        others = _other_files(settings, linted, own)
    if not others:
        return
    from .parallel import lint_many

    for path, r in zip(others, lint_many(others, settings, jobs=jobs, cache=cache, settings_for=settings_for)):
        if not isinstance(r, str):
            r.path = path
            yield r


def context_only(facts: dict[str, Fact] | None) -> dict[str, Fact] | None:
    """A file's facts marked as read for context only (its findings are not reported)."""
    return None if facts is None else {k: f._replace(linted=False) for k, f in facts.items()}
