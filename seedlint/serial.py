"""Plain values to JSON and back, driven by the types' annotations (for the cache).

``dump`` turns a dataclass or NamedTuple (and lists, tuples, dicts of them) into JSON
values: a record becomes the list of its fields in declaration order. ``loader(T)``
compiles, once per type, a function that rebuilds a ``T`` from such JSON and refuses
anything that is not of the declared types (``str``, ``int``, ``bool``, ``float``,
``None``, ``X | None``, ``tuple[X, ...]``, ``tuple[X, Y]``, ``list[X]``, ``dict[str, X]``
and nested records). A new field in a cached type needs no code here; the cache's
format number says when old entries no longer fit.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Callable

Loader = Callable[[Any], Any]
_LOADERS: dict[Any, Loader] = {}


class Malformed(ValueError):
    """JSON that does not fit the declared type."""


def dump(value: Any) -> Any:
    """``value`` as JSON values (records as lists of their fields)."""
    if value is None or isinstance(value, (str, int, float)):
        return value  # bool is an int
    dump_record = _RECORD_DUMPERS.get(type(value))
    if dump_record is not None:
        return dump_record(value)
    if isinstance(value, (list, tuple)):  # a NamedTuple is its fields in order
        return [v if v is None or type(v) in _PLAIN else dump(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _RECORD_DUMPERS[type(value)] = _record_dumper(type(value))
        return dump(value)
    if isinstance(value, dict):
        return {str(k): dump(v) for k, v in value.items()}
    raise TypeError(f"cannot serialise {type(value).__name__}")


_PLAIN = frozenset({str, int, float, bool})  # the types dump returns unchanged


def _record_dumper(tp: type) -> Callable[[Any], list[Any]]:
    """``dump`` for one dataclass, as code: the list of its fields in order, a field
    annotated ``str``, ``int``, ``float`` or ``bool`` taken as it is, any other through
    ``dump`` (a call per field cost most of a cache write). The code names only the
    dataclass's own field names (identifiers of seedlint's types)."""
    hints = typing.get_type_hints(tp)
    parts = []
    for f in dataclasses.fields(tp):
        if not f.name.isidentifier():  # pragma: no cover - a dataclass field is one
            raise TypeError(f"cannot serialise {tp.__name__}")
        parts.append(f"v.{f.name}" if hints.get(f.name) in _PLAIN else f"dump(v.{f.name})")
    space: dict[str, Any] = {"dump": dump}
    exec(f"def dump_record(v):\n    return [{', '.join(parts)}]\n", space)  # noqa: S102 - our own names only
    made: Callable[[Any], list[Any]] = space["dump_record"]
    return made


_RECORD_DUMPERS: dict[type, Callable[[Any], list[Any]]] = {}  # dump of each dataclass met, made once


def _fields(tp: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(tp)
    if dataclasses.is_dataclass(tp):
        return [(f.name, hints[f.name]) for f in dataclasses.fields(tp)]
    return [(name, hints[name]) for name in tp._fields]  # type: ignore[attr-defined]


def loader(tp: Any, absent: frozenset[str] = frozenset()) -> Loader:
    """A function rebuilding a ``tp`` from JSON values, raising :class:`Malformed`.

    ``absent``: fields of the record ``tp`` stored as null and rebuilt as None (the caller
    stores them its own way).
    """
    hit = _LOADERS.get((tp, absent))
    if hit is None:
        hit = _LOADERS[(tp, absent)] = _compile(tp, absent)
    return hit


def _exact(kind: type) -> Loader:
    def load(v: Any) -> Any:
        if type(v) is not kind:
            raise Malformed(f"expected {kind.__name__}")
        return v

    return load


def _none(v: Any) -> None:
    if v is not None:
        raise Malformed("expected null")


def _float(v: Any) -> float:
    if type(v) is not float and type(v) is not int:
        raise Malformed("expected a number")
    return float(v)


def _compile(tp: Any, absent: frozenset[str] = frozenset()) -> Loader:
    if tp is Any or tp is object:
        raise TypeError("a cached type must say what its fields hold")
    if tp in (str, int, bool):
        return _exact(tp)
    if tp is float:
        return _float
    if tp is None or tp is type(None):
        return _none
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [loader(a) for a in args if a is not type(None)]
        nullable = type(None) in args
        if len(options) != 1:
            raise TypeError(f"unions other than X | None are not supported: {tp}")
        inner = options[0]

        def optional(v: Any) -> Any:
            return None if v is None and nullable else inner(v)

        return optional
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = loader(args[0])
            return lambda v: tuple(each(x) for x in _list(v))
        if all(a in _INLINE for a in args):
            return _inline_tuple(args)
        parts = [loader(a) for a in args]

        def fixed(v: Any) -> tuple[Any, ...]:
            items = _list(v)
            if len(items) != len(parts):
                raise Malformed("wrong number of items")
            return tuple(p(x) for p, x in zip(parts, items))

        return fixed
    if origin is list:
        each = loader(args[0])
        return lambda v: [each(x) for x in _list(v)]
    if origin is dict:
        if args[0] is not str:
            raise TypeError("dict keys must be str")
        each = loader(args[1])

        def mapping(v: Any) -> dict[str, Any]:
            if type(v) is not dict:
                raise Malformed("expected an object")
            return {k: each(x) for k, x in v.items()}

        return mapping
    if isinstance(tp, type) and (dataclasses.is_dataclass(tp) or hasattr(tp, "_fields")):
        return _record(tp, absent)
    raise TypeError(f"cannot load {tp!r}")


_INLINE = {str: "str", int: "int", bool: "bool"}


def _inline_tuple(args: tuple[Any, ...]) -> Loader:
    """A loader for a fixed tuple of str/int/bool (a position), as straight-line code."""
    names: dict[str, Any] = {"Malformed": Malformed}
    test = " or ".join(f"type(v[{i}]) is not {_INLINE[a]}" for i, a in enumerate(args))
    exec(f"def load(v):\n    if type(v) is not list or len(v) != {len(args)} or {test}:\n"  # noqa: S102
         f"        raise Malformed('not a tuple of {len(args)}')\n    return tuple(v)\n", names)
    load: Loader = names["load"]
    return load


def _record(tp: type, absent: frozenset[str]) -> Loader:
    """A loader for a record type, generated as straight-line code (as ``dataclasses``
    generates ``__init__``): a warm run rebuilds ten thousands of diagnostics, and a
    closure call per field cost 15 % of it."""
    fields = _fields(tp)
    names: dict[str, Any] = {"tp": tp, "Malformed": Malformed}
    lines = ["def load(v):",
             f"    if type(v) is not list or len(v) != {len(fields)}:",
             f"        raise Malformed('{tp.__name__}: wrong number of fields')"]
    args = []
    for i, (name, hint) in enumerate(fields):
        var = f"a{i}"
        lines.append(f"    {var} = v[{i}]")
        args.append(var)
        if name in absent:
            lines.append(f"    if {var} is not None: raise Malformed('{name}: expected null')")
            continue
        nullable = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)
        inner = [a for a in typing.get_args(hint) if a is not type(None)] if nullable else [hint]
        if len(inner) == 1 and inner[0] in _INLINE:
            test = f"type({var}) is not {_INLINE[inner[0]]}"
            if nullable:
                test = f"{var} is not None and {test}"
            lines.append(f"    if {test}: raise Malformed('{name}: wrong type')")
        else:
            names[f"L{i}"] = loader(hint)
            lines.append(f"    {var} = L{i}({var})")
    lines.append(f"    return tp({', '.join(args)})")
    exec("\n".join(lines), names)  # noqa: S102 - code built from the type's own field list
    load: Loader = names["load"]
    return load


def _list(v: Any) -> list[Any]:
    if type(v) is not list:
        raise Malformed("expected a list")
    return v
