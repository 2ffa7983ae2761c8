"""A fast, conservative validity pre-check for JSON Schemas made of simple keywords.

jsonschema stays the source of truth: it produces every error and its path. But most
guides are valid, and for them jsonschema's generic machinery is a third of a guide's
lint time (docs/performance.md). ``compile_schema`` turns a schema that uses only the
keywords below into nested closures that answer "certainly valid?"; when it answers
False — or when the schema uses anything else, in which case it returns None — seedlint
runs jsonschema as before. A test checks on thousands of mutated documents that the
pre-check never says valid where jsonschema finds an error.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import partial
from typing import Any, Callable

Check = Callable[[Any], bool]  # a JSON value -> certainly valid?

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs", "definitions"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class _Unsupported(Exception):
    pass


# one predicate per JSON Schema type name (a check per value of a guide)
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _is_type(name: str, v: Any) -> bool:
    check = _TYPES.get(name)
    if check is None:
        raise _Unsupported(name)
    return check(v)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and bool(a == b)
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        raise _Unsupported("structured enum")
    return bool(a == b)


def _is_date(v: Any) -> bool:
    if not isinstance(v, str) or not _DATE.fullmatch(v):
        return not isinstance(v, str)
    try:
        _dt.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """A pre-check for ``schema``, or None if it uses a keyword this module does not know."""
    try:
        return _compile(schema, schema, {})
    except _Unsupported:
        return None


def _compile(node: Any, root: dict[str, Any], refs: dict[str, Check | None]) -> Check:
    if node is True or node == {}:
        return _always
    if not isinstance(node, dict):
        raise _Unsupported("boolean schema")
    checks: list[Check] = []
    for key, want in node.items():
        if key in ANNOTATIONS:
            continue
        if key == "$ref":
            checks.append(_ref(want, root, refs))
        elif key == "type":
            names = [want] if isinstance(want, str) else list(want)
            for n in names:
                _is_type(n, None)  # unknown type names are unsupported
            checks.append(_TYPES[names[0]] if len(names) == 1 else partial(_any_type, names))
        elif key == "enum":
            for item in want:
                _equal(item, item)
            if all(isinstance(w, str) for w in want):  # the common case (currency codes): one set lookup
                strings = frozenset(want)
                checks.append(partial(_in_strings, strings))
            else:
                checks.append(partial(_in_enum, want))
        elif key == "const":
            _equal(want, want)
            checks.append(partial(_equal, want))
        elif key == "pattern":
            rx = re.compile(want)
            checks.append(partial(_matches, rx))
        elif key in ("minLength", "maxLength"):
            checks.append(partial(_length, str, key == "minLength", want))
        elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            checks.append(partial(_bound, _BOUNDS[key], want))
        elif key in ("minItems", "maxItems"):
            checks.append(partial(_length, list, key == "minItems", want))
        elif key == "items":
            checks.append(_items(_compile(want, root, refs)))
        elif key == "required":
            checks.append(_required(tuple(want)))
        elif key == "properties":
            checks.append(_properties({k: _compile(s, root, refs) for k, s in want.items()}))
        elif key == "additionalProperties":
            if want is not False:
                raise _Unsupported("additionalProperties schema")
            allowed = frozenset(node.get("properties", {}))
            if "patternProperties" in node:
                raise _Unsupported("patternProperties")
            checks.append(partial(_only_keys, allowed))
        elif key == "allOf":
            checks.append(_every([_compile(x, root, refs) for x in want]))
        elif key == "format":
            if want != "date":
                raise _Unsupported(f"format {want}")
            checks.append(_is_date)
        else:
            raise _Unsupported(key)
    return _every(checks)


def _always(v: Any) -> bool:
    return True


def _any_type(names: list[str], v: Any) -> bool:
    return any(_is_type(n, v) for n in names)


def _in_strings(strings: frozenset[str], v: Any) -> bool:
    return isinstance(v, str) and v in strings


def _in_enum(want: list[Any], v: Any) -> bool:
    return any(_equal(v, w) for w in want)


def _matches(rx: re.Pattern[str], v: Any) -> bool:
    return not isinstance(v, str) or rx.search(v) is not None


def _length(kind: type, at_least: bool, want: int, v: Any) -> bool:
    if not isinstance(v, kind):
        return True
    n = len(v)  # type: ignore[arg-type]  # a str or a list, by the isinstance above
    return n >= want if at_least else n <= want


_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda x, w: bool(x >= w), "maximum": lambda x, w: bool(x <= w),
    "exclusiveMinimum": lambda x, w: bool(x > w), "exclusiveMaximum": lambda x, w: bool(x < w)}


def _bound(op: Callable[[Any, Any], bool], want: Any, v: Any) -> bool:
    return not _is_type("number", v) or (v == v and op(v, want))


def _only_keys(allowed: frozenset[str], v: Any) -> bool:
    return not isinstance(v, dict) or all(k in allowed for k in v)


def _resolved_later(refs: dict[str, Check | None], ref: str, v: Any) -> bool:
    check = refs[ref]
    return check is not None and check(v)


# Plain loops, not generator expressions: this runs ~100 times per guide.
def _every(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def every(v: Any) -> bool:
        for c in checks_t:
            if not c(v):
                return False
        return True

    return every


def _items(item: Check) -> Check:
    def check(v: Any) -> bool:
        if isinstance(v, list):
            for x in v:
                if not item(x):
                    return False
        return True

    return check


def _required(keys: tuple[str, ...]) -> Check:
    def check(v: Any) -> bool:
        if isinstance(v, dict):
            for k in keys:
                if k not in v:
                    return False
        return True

    return check


def _properties(props: dict[str, Check]) -> Check:
    def check(v: Any) -> bool:
        if isinstance(v, dict):
            for k, x in v.items():
                c = props.get(k)
                if c is not None and not c(x):
                    return False
        return True

    return check


def _ref(ref: str, root: dict[str, Any], refs: dict[str, Check | None]) -> Check:
    if not ref.startswith("#/"):
        raise _Unsupported("remote $ref")
    if ref in refs:
        return partial(_resolved_later, refs, ref)  # recursive schemas
    refs[ref] = None
    target: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            raise _Unsupported("dangling $ref")
        target = target[part]
    check = refs[ref] = _compile(target, root, refs)
    return check
