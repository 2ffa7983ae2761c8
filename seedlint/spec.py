"""One declaration per setting: its key, check, conversion, docs and cache role.

A setting is a field of :class:`~seedlint.settings.Settings` or
:class:`~seedlint.options.Options` declared with :func:`setting`. From that one
declaration ``config.py`` validates and converts a configuration file's value, the cache
key takes every setting that can change a file's result (``affects="results"``), and
``docs/configuration.md``'s table of settings is rendered (a test keeps it in sync).
A new setting is one field here-and-nowhere-else, plus its rule reading it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import Field, dataclass, field
from pathlib import Path
from typing import Any, Callable

# What changing a setting can change — "results" settings are part of the cache key.
RESULTS = "results"  # a file's findings (selection, severities, rule options, schema)
FILES = "files"  # which files are linted, not what is found in one
CORPUS = "corpus"  # what corpus rules compare with (the corpus key hashes those facts)
EXIT = "exit"  # the exit status only
RUN = "run"  # how the run goes (workers, where the cache lives)
FIXES = "fixes"  # which findings --fix repairs (never what is found)
AFFECTS = (RESULTS, FILES, CORPUS, EXIT, RUN, FIXES)


class SettingError(ValueError):
    """A value a configuration file gives that the setting refuses (the message says why)."""


@dataclass(frozen=True)
class Context:
    """What a conversion may need: the configuration file's folder and the value so far."""

    root: Path
    current: Any


@dataclass(frozen=True)
class Spec:
    key: str  # the configuration key
    kind: str  # the type, as docs show it
    check: Callable[[Any], bool]  # is the TOML value of the right type?
    want: str  # what a wrong value is told it should be
    doc: str  # what it means (docs/configuration.md)
    default_doc: str  # the default, as docs show it
    affects: str  # RESULTS, FILES, CORPUS, EXIT or RUN
    example: Any  # a valid value unlike the default (the test that changes every setting)
    convert: Callable[[Any, Context], Any] | None = None  # TOML value -> field value


def setting(default: Any = None, *, key: str, kind: str, check: Callable[[Any], bool], want: str, doc: str,
            default_doc: str, affects: str, example: Any, convert: Callable[[Any, Context], Any] | None = None,
            factory: Callable[[], Any] | None = None) -> Any:
    """A dataclass field declared as a setting."""
    if affects not in AFFECTS:
        raise ValueError(f"{key}: affects {affects!r}?")
    meta = {"setting": Spec(key, kind, check, want, doc, default_doc, affects, example, convert)}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def spec_of(f: Field[Any]) -> Spec | None:
    spec = f.metadata.get("setting")
    return spec if isinstance(spec, Spec) else None


# ------------------------------------------------------------------ checks and conversions


def is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def is_str_map(v: Any, values: tuple[str, ...] | None = None) -> bool:
    return isinstance(v, dict) and all(isinstance(x, str) and (values is None or x in values) for x in v.values())


def is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def is_int(v: Any, low: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= low


def is_number(v: Any, above: float) -> bool:
    """An int or float (not a bool) greater than ``above``."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v > above


def is_date(v: Any) -> bool:
    if isinstance(v, dt.date):
        return True
    if not isinstance(v, str):
        return False
    try:
        dt.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def shown(text: str) -> str:
    """A value from a configuration file, quoted and escaped for the terminal."""
    from .escape import for_terminal

    return "'" + for_terminal(text) + "'"


def _selectors(values: list[str], suffix: str = "") -> None:
    from .registry import UnknownSelector, resolve_selector

    for sel in values:
        try:
            resolve_selector(sel)
        except UnknownSelector:
            raise SettingError(f"unknown rule code or name {shown(sel)}{suffix}") from None


def to_tuple(v: list[str], _ctx: Context) -> tuple[str, ...]:
    return tuple(v)


def to_selectors(v: list[str], _ctx: Context) -> tuple[str, ...]:
    _selectors(v)
    return tuple(v)


def to_per_file_ignores(v: dict[str, list[str]], _ctx: Context) -> tuple[tuple[str, tuple[str, ...]], ...]:
    for glob, sels in v.items():
        _selectors(sels, f" (for {shown(glob)})")
    return tuple((g, tuple(x)) for g, x in v.items())


def to_severity(v: dict[str, str], _ctx: Context) -> tuple[tuple[str, str], ...]:
    _selectors(list(v))
    return tuple(v.items())


def inside_root(v: str, ctx: Context) -> str:
    """A path relative to the configuration's folder that must lie inside it."""
    where = (ctx.root / v).resolve()
    if where != ctx.root.resolve() and ctx.root.resolve() not in where.parents:
        # a repository's configuration must not make seedlint read (and quote, in
        # validation messages) a file elsewhere on the machine
        raise SettingError(f"{shown(v)} lies outside the project root {shown(str(ctx.root.resolve()))}")
    return str(where)


def to_folders_inside_root(v: list[str], ctx: Context) -> tuple[str, ...]:
    roots = []
    real_root = ctx.root.resolve()
    for r in v:
        where = (ctx.root / r).resolve()
        if not where.is_dir():
            raise SettingError(f"{shown(r)} is not a folder (resolved from {shown(str(ctx.root))})")
        if where != real_root and real_root not in where.parents:
            raise SettingError(f"{shown(r)} lies outside the project root {shown(str(real_root))}")
        roots.append(str(where))
    return tuple(roots)


def to_path(v: str, ctx: Context) -> str:
    return str((ctx.root / v).resolve())


def to_date(v: Any, _ctx: Context) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def to_float(v: float, _ctx: Context) -> float:
    return float(v)


def region_map(v: dict[str, str], ctx: Context) -> tuple[tuple[str, str], ...]:
    merged = dict(ctx.current)
    merged.update({" ".join(k.split()).lower(): x.upper() for k, x in v.items()})
    return tuple(sorted(merged.items()))


def is_currency_map(v: Any) -> bool:
    return is_str_map(v) and all(re.fullmatch(r"[A-Za-z]{3}", x) for x in v.values())
