"""The one registry of rule codes, and of the facts corpus rules collect.

A rule is either a decorated function (``@rule``) or a declaration (``reported``) for
defects found by a stage rather than by a check: the parser (bad bytes, bad YAML), the
schema stage, or the engine itself (a crash, a suppression). Either way it binds a
stable code, a kebab-case name, a default severity and a one-line summary; its
documentation (the function's docstring, or ``doc=``) is what ``seedlint --explain
CODE`` and ``docs/rules.md`` show, shaped ``## What it does / ## Why is this bad? /
## Example``. Codes are public interface: never renumber, only add.

A corpus rule names the facts it consumes (``facts="guide"``); a collector registered
with :func:`collector` under that name extracts them from each document. The engine
only carries facts from collectors to rules: a new corpus rule or a new fact touches no
engine module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, TypeVar

from .model import ERROR, SEVERITIES

if TYPE_CHECKING:
    from .document import Document
    from .model import Finding
    from .options import Options

FILE = "file"  # a check on one document
CORPUS = "corpus"  # a check over the facts of every guide of the run
PARSER = "parser"  # reported while reading a file (Document.problems)
SCHEMA = "schema"  # reported by the schema stage (Document.schema_problems)
ENGINE = "engine"  # reported by the engine (crashes, suppressions, skipped links)
SCOPES = (FILE, CORPUS, PARSER, SCHEMA, ENGINE)
# What fixes a rule's findings may carry (docs and --show-fixes say it).
FIX_KINDS = (None, "safe", "unsafe", "safe or unsafe")


class Placed(Protocol):
    """Where a fact comes from: its file, and whether that file is linted in this run."""

    @property
    def path(self) -> str: ...

    @property
    def linted(self) -> bool: ...


class Fact(Placed, Protocol):
    """What a collector returns for one document: a NamedTuple of plain values (str, int,
    bool, None, tuples of them) whose first field is ``path`` and which has a ``linted``
    field (False for guides read only for context). The cache stores it field by field."""

    def _replace(self, **kw: Any) -> Any: ...


def fact_order(f: Placed) -> tuple[bool, str]:
    """The order corpus rules read facts in: files read only for context first (so a
    partial run — pre-commit passing the changed files — reports a conflict in the changed
    file, not in the other), then by path."""
    return (f.linted, f.path)


class FileCheck(Protocol):
    """A file rule: pure, reads one checked document and the options, yields findings."""

    def __call__(self, doc: Document, opts: Options, /) -> Iterable[Finding]: ...


class CorpusCheck(Protocol):
    """A corpus rule: reads the facts its collector took from every guide of the run."""

    def __call__(self, facts: list[Any], opts: Options, /) -> Iterable[tuple[str, Finding]]: ...


# What @rule accepts: one of the two shapes above (checked by mypy at each rule).
Check = TypeVar("Check", FileCheck, CorpusCheck)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    func: Callable[..., Iterable[Any]] | None = None  # a FileCheck or a CorpusCheck, by scope
    scope: str = FILE
    text: str = ""  # documentation of a declared rule (decorated ones use the docstring)
    facts: str | None = None  # corpus rules: the collector whose facts they consume
    fix: str | None = None  # "safe", "unsafe", "safe or unsafe", or None: what fixes its findings may carry

    @property
    def doc(self) -> str:
        """The rule's documentation (its docstring, dedented)."""
        import inspect  # only --explain and the docs need it

        return inspect.cleandoc((self.func.__doc__ if self.func is not None else None) or self.text)


@dataclass(frozen=True)
class Collector:
    """Extracts one kind of fact from a document for the corpus rules."""

    name: str
    func: Callable[["Document"], Any]
    type: type  # the NamedTuple the facts are (the cache rebuilds them from its fields)
    # stored by the cache in rows of their own, read only when a corpus rule over them
    # must run again (large facts: the compensation values); otherwise inside the file's
    # result, decoded with it (small facts that cost more to fetch alone than to decode)
    apart: bool = False


RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}
COLLECTORS: dict[str, Collector] = {}


def _register(r: Rule) -> None:
    if r.severity not in SEVERITIES:
        raise ValueError(f"bad severity {r.severity!r} for {r.code}")
    if r.fix not in FIX_KINDS:
        raise ValueError(f"bad fix kind {r.fix!r} for {r.code}")
    if r.scope not in SCOPES:
        raise ValueError(f"bad scope {r.scope!r} for {r.code}")
    if r.code in RULES or r.name in _BY_NAME:
        raise ValueError(f"rule {r.code} {r.name} registered twice")
    RULES[r.code] = r
    _BY_NAME[r.name] = r


def rule(code: str, name: str, severity: str = ERROR, summary: str = "", scope: str = FILE,
         facts: str | None = None, fix: str | None = None) -> Callable[[Check], Check]:
    """Register the decorated function as rule ``code``/``name`` (a file or corpus check).

    A file rule is ``func(doc, options) -> Iterable[Finding]``; a corpus rule is
    ``func(facts, options) -> Iterable[(path, Finding)]`` over the facts its collector
    (``facts=``) gathered from every guide. Duplicate codes or names are a bug.
    """
    if scope not in (FILE, CORPUS):
        raise ValueError(f"@rule is for file and corpus checks, not {scope!r}: use reported()")
    if (scope == CORPUS) != (facts is not None):
        raise ValueError(f"{code}: a corpus rule names the facts it consumes, a file rule none")

    def wrap(func: Check) -> Check:
        _register(Rule(code, name, severity, summary, func, scope, facts=facts, fix=fix))
        return func

    return wrap


def reported(code: str, name: str, severity: str, summary: str, by: str, doc: str,
             fix: str | None = None) -> None:
    """Declare a rule whose findings a stage reports (``by``: PARSER, SCHEMA or ENGINE)."""
    if by not in (PARSER, SCHEMA, ENGINE):
        raise ValueError(f"{code}: reported by {by!r}?")
    _register(Rule(code, name, severity, summary, None, by, doc, fix=fix))


def collector(name: str, type_: type, apart: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``func(doc) -> fact | None`` as the collector of facts ``name`` (``apart``:
    see :class:`Collector`)."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in COLLECTORS:
            raise ValueError(f"facts {name!r} collected twice")
        COLLECTORS[name] = Collector(name, func, type_, apart)
        return func

    return wrap


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order (imports the rule modules once)."""
    from . import rules  # noqa: F401  (registers on import)

    return dict(sorted(RULES.items()))


def collectors() -> dict[str, Collector]:
    """Every registered fact collector by name."""
    if not RULES:
        all_rules()
    return COLLECTORS


def by_name(name: str) -> Rule | None:
    all_rules()
    return _BY_NAME.get(name)


class UnknownSelector(LookupError):
    """A selector (code, prefix or name) that matches no rule."""


def resolve_selector(selector: str) -> list[str]:
    """Codes matched by a selector: a code, a code prefix (``SL3``, ``ALL``) or a rule name.

    Raises :class:`UnknownSelector` for a selector that matches nothing (a typo must not
    pass silently).
    """
    rules = all_rules()
    sel = selector.strip()
    if sel.upper() == "ALL":
        return list(rules)
    r = _BY_NAME.get(sel.lower())
    if r is not None:
        return [r.code]
    up = sel.upper()
    codes = [c for c in rules if c.startswith(up)]
    if not codes:
        raise UnknownSelector(selector)
    return codes
