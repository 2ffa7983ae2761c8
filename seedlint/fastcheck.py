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
from typing import Callable

Check = Callable[[object], bool]

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs", "definitions"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class _Unsupported(Exception):
    pass


def _is_type(name: str, v) -> bool:
    if name == "string":
        return isinstance(v, str)
    if name == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if name == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if name == "object":
        return isinstance(v, dict)
    if name == "array":
        return isinstance(v, list)
    if name == "boolean":
        return isinstance(v, bool)
    if name == "null":
        return v is None
    raise _Unsupported(name)


def _equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        raise _Unsupported("structured enum")
    return a == b


def _is_date(v) -> bool:
    if not isinstance(v, str) or not _DATE.fullmatch(v):
        return not isinstance(v, str)
    try:
        _dt.date.fromisoformat(v)
        return True
    except ValueError:
        return False


def compile_schema(schema: dict) -> Check | None:
    """A pre-check for ``schema``, or None if it uses a keyword this module does not know."""
    try:
        return _compile(schema, schema, {})
    except _Unsupported:
        return None


def _compile(node, root: dict, refs: dict) -> Check:
    if node is True or node == {}:
        return lambda v: True
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
            checks.append(lambda v, names=names: any(_is_type(n, v) for n in names))
        elif key == "enum":
            for item in want:
                _equal(item, item)
            if all(isinstance(w, str) for w in want):  # the common case (currency codes): one set lookup
                strings = frozenset(want)
                checks.append(lambda v, strings=strings: isinstance(v, str) and v in strings)
            else:
                checks.append(lambda v, want=want: any(_equal(v, w) for w in want))
        elif key == "const":
            _equal(want, want)
            checks.append(lambda v, want=want: _equal(v, want))
        elif key == "pattern":
            rx = re.compile(want)
            checks.append(lambda v, rx=rx: not isinstance(v, str) or rx.search(v) is not None)
        elif key in ("minLength", "maxLength"):
            op = (lambda n, w: n >= w) if key == "minLength" else (lambda n, w: n <= w)
            checks.append(lambda v, op=op, want=want: not isinstance(v, str) or op(len(v), want))
        elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            op = {"minimum": lambda x, w: x >= w, "maximum": lambda x, w: x <= w,
                  "exclusiveMinimum": lambda x, w: x > w, "exclusiveMaximum": lambda x, w: x < w}[key]
            checks.append(lambda v, op=op, want=want: not _is_type("number", v) or (v == v and op(v, want)))
        elif key in ("minItems", "maxItems"):
            op = (lambda n, w: n >= w) if key == "minItems" else (lambda n, w: n <= w)
            checks.append(lambda v, op=op, want=want: not isinstance(v, list) or op(len(v), want))
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
            checks.append(lambda v, allowed=allowed: not isinstance(v, dict) or all(k in allowed for k in v))
        elif key == "allOf":
            checks.append(_every([_compile(x, root, refs) for x in want]))
        elif key == "format":
            if want != "date":
                raise _Unsupported(f"format {want}")
            checks.append(_is_date)
        else:
            raise _Unsupported(key)
    return _every(checks)


# Plain loops, not generator expressions: this runs ~100 times per guide.
def _every(checks: list[Check]) -> Check:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def every(v) -> bool:
        for c in checks_t:
            if not c(v):
                return False
        return True

    return every


def _items(item: Check) -> Check:
    def check(v) -> bool:
        if isinstance(v, list):
            for x in v:
                if not item(x):
                    return False
        return True

    return check


def _required(keys: tuple) -> Check:
    def check(v) -> bool:
        if isinstance(v, dict):
            for k in keys:
                if k not in v:
                    return False
        return True

    return check


def _properties(props: dict) -> Check:
    def check(v) -> bool:
        if isinstance(v, dict):
            for k, x in v.items():
                c = props.get(k)
                if c is not None and not c(x):
                    return False
        return True

    return check


def _ref(ref: str, root: dict, refs: dict) -> Check:
    if not ref.startswith("#/"):
        raise _Unsupported("remote $ref")
    if ref in refs:
        return lambda v: refs[ref](v)  # resolved later (recursive schemas)
    refs[ref] = None
    target = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            raise _Unsupported("dangling $ref")
        target = target[part]
    refs[ref] = _compile(target, root, refs)
    return refs[ref]
