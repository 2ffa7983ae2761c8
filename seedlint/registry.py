"""The one registry of rule codes.

A rule is a decorated function. The decorator binds a stable code, a kebab-case
name, a default severity and a one-line summary; the function's docstring is the
user documentation (``seedlint --explain CODE``, ``docs/rules.md``), shaped
``## What it does / ## Why is this bad? / ## Example``. Codes are public
interface: never renumber, only add.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .model import ERROR, SEVERITIES

FILE = "file"
CORPUS = "corpus"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    func: Callable
    scope: str = FILE

    @property
    def doc(self) -> str:
        """The rule's documentation (its docstring, dedented)."""
        import inspect  # only --explain and the docs need it

        return inspect.cleandoc(self.func.__doc__ or "")


RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str = ERROR, summary: str = "", scope: str = FILE):
    """Register ``func`` as rule ``code``/``name``. Duplicate codes or names are a bug."""
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r} for {code}")

    def wrap(func: Callable) -> Callable:
        if code in RULES or name in _BY_NAME:
            raise ValueError(f"rule {code} {name} registered twice")
        r = Rule(code, name, severity, summary, func, scope)
        RULES[code] = r
        _BY_NAME[name] = r
        return func

    return wrap


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order (imports the rule modules once)."""
    from . import rules  # noqa: F401  (registers on import)

    return dict(sorted(RULES.items()))


def by_name(name: str) -> Rule | None:
    all_rules()
    return _BY_NAME.get(name)


def resolve_selector(selector: str) -> list[str]:
    """Codes matched by a selector: a code, a code prefix (``SL3``, ``ALL``) or a rule name.

    Raises ``KeyError`` for a selector that matches nothing (a typo must not pass silently).
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
        raise KeyError(selector)
    return codes
