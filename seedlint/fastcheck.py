"""A fast, conservative validity pre-check for JSON Schemas made of simple keywords.

jsonschema stays the source of truth: it produces every error and its path. But most
guides are valid, and for them jsonschema's generic machinery is a third of a guide's
lint time (docs/performance.md). ``compile_schema`` turns a schema that uses only the
keywords below into Python source, compiled once, that answers "certainly valid?"; when it answers
False — or when the schema uses anything else, in which case it returns None — seedlint
runs jsonschema as before. A test checks on thousands of mutated documents that the
pre-check never says valid where jsonschema finds an error.
"""

from __future__ import annotations

import datetime as _dt
import re
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
    """A pre-check for ``schema``, or None if it uses a keyword this module does not know.

    The schema becomes Python source — one function per schema and per ``$ref`` target,
    each keyword an inline test that returns False — compiled once (what fastjsonschema
    does): a guide is checked without a call per keyword and per value. Nothing from the
    schema is written into the source: names, patterns and values are constants passed
    to the code (a user's schema cannot inject code)."""
    try:
        return _Generator(schema).compile()
    except (_Unsupported, SyntaxError, RecursionError, MemoryError, re.error, TypeError, ValueError, AttributeError):
        return None  # jsonschema checks everything (and reports a broken schema)


# The type names as expressions over a variable (the same tests as _TYPES).
_TYPE_EXPR = {
    "string": "isinstance({v}, str)",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
}
_BOUND_OPS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
# Nested blocks inline before a subschema gets a function of its own (Python allows 20).
_INLINE_DEPTH = 5
_MISSING = object()


class _Generator:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.consts: dict[str, Any] = {"_MISSING": _MISSING, "_is_date": _is_date, "_in_enum": _in_enum, "_same": _same}
        self.refs: dict[str, str] = {}  # "$ref" -> the name of its function
        self.defs: list[str] = []

    def compile(self) -> Check:
        name = self.function(self.root)
        namespace = dict(self.consts)
        exec(compile("\n\n".join(self.defs), "<seedlint schema pre-check>", "exec"), namespace)  # noqa: S102 - our own source
        check: Check = namespace[name]
        return check

    def const(self, value: Any) -> str:
        name = f"C{len(self.consts)}"
        self.consts[name] = value
        return name

    def function(self, node: Any) -> str:
        name = f"check{len(self.defs)}"
        self.defs.append("")  # its place, so that the name is unique while the body is made
        at = len(self.defs) - 1
        body: list[str] = []
        self.block(node, "v0", body, 1, 0)
        self.defs[at] = f"def {name}(v0):\n" + "".join(body) + "    return True\n"
        return name

    def block(self, node: Any, v: str, out: list[str], ind: int, depth: int) -> None:
        """Lines that ``return False`` when the value in ``v`` is not certainly valid."""
        if node is True or node == {}:
            return
        if not isinstance(node, dict):
            raise _Unsupported("boolean schema")
        if depth >= _INLINE_DEPTH:
            out.append(f"{'    ' * ind}if not {self.function(node)}({v}): return False\n")
            return
        pad = "    " * ind
        inner = "    " * (ind + 1)
        deeper = "    " * (ind + 2)
        w = f"v{depth + 1}"
        for key, want in node.items():
            if key in ANNOTATIONS:
                continue
            if key == "$ref":
                out.append(f"{pad}if not {self.ref(want)}({v}): return False\n")
            elif key == "type":
                names = [want] if isinstance(want, str) else list(want)
                for n in names:
                    _is_type(n, None)  # unknown type names are unsupported
                out.append(f"{pad}if not ({' or '.join(_TYPE_EXPR[n].format(v=v) for n in names)}): return False\n")
            elif key == "enum":
                for item in want:
                    _equal(item, item)
                if all(isinstance(x, str) for x in want):  # the common case (currency codes): one set lookup
                    out.append(f"{pad}if not (isinstance({v}, str) and {v} in {self.const(frozenset(want))}): return False\n")
                else:
                    out.append(f"{pad}if not _in_enum({self.const(list(want))}, {v}): return False\n")
            elif key == "const":
                _equal(want, want)
                out.append(f"{pad}if not _same({self.const(want)}, {v}): return False\n")
            elif key == "pattern":
                out.append(f"{pad}if isinstance({v}, str) and {self.const(re.compile(want))}.search({v}) is None: return False\n")
            elif key in ("minLength", "maxLength", "minItems", "maxItems"):
                kind = "str" if key.endswith("Length") else "list"
                op = "<" if key.startswith("min") else ">"
                out.append(f"{pad}if isinstance({v}, {kind}) and len({v}) {op} {self.const(want)}: return False\n")
            elif key in _BOUND_OPS:
                number = _TYPE_EXPR["number"].format(v=v)
                out.append(f"{pad}if {number} and not ({v} == {v} and {v} {_BOUND_OPS[key]} {self.const(want)}): return False\n")
            elif key == "items":
                out.append(f"{pad}if isinstance({v}, list):\n{inner}for {w} in {v}:\n")
                n = len(out)
                self.block(want, w, out, ind + 2, depth + 1)
                if len(out) == n:
                    out.append(f"{deeper}pass\n")
            elif key == "required":
                out.append(f"{pad}if isinstance({v}, dict):\n{inner}for {w} in {self.const(tuple(want))}:\n"
                           f"{deeper}if {w} not in {v}: return False\n")
            elif key == "properties":
                lines: list[str] = []
                for name, sub in want.items():
                    body: list[str] = []
                    self.block(sub, w, body, ind + 2, depth + 1)
                    if body:
                        lines.append(f"{inner}{w} = {v}.get({self.const(name)}, _MISSING)\n{inner}if {w} is not _MISSING:\n")
                        lines.extend(body)
                if lines:
                    out.append(f"{pad}if isinstance({v}, dict):\n")
                    out.extend(lines)
            elif key == "additionalProperties":
                if want is not False:
                    raise _Unsupported("additionalProperties schema")
                if "patternProperties" in node:
                    raise _Unsupported("patternProperties")
                allowed = self.const(frozenset(node.get("properties", {})))
                out.append(f"{pad}if isinstance({v}, dict):\n{inner}for {w} in {v}:\n"
                           f"{deeper}if {w} not in {allowed}: return False\n")
            elif key == "allOf":
                for sub in want:
                    self.block(sub, v, out, ind, depth)
            elif key == "format":
                if want != "date":
                    raise _Unsupported(f"format {want}")
                out.append(f"{pad}if not _is_date({v}): return False\n")
            else:
                raise _Unsupported(key)

    def ref(self, ref: Any) -> str:
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise _Unsupported("remote $ref")
        name = self.refs.get(ref)
        if name is not None:
            return name  # a recursive schema calls the function being made
        target: Any = self.root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise _Unsupported("dangling $ref")
            target = target[part]
        name = self.refs[ref] = f"check{len(self.defs)}"
        made = self.function(target)
        assert made == name
        return name


def _same(want: Any, v: Any) -> bool:
    """``const``: a list or mapping never equals the scalar ``want`` (_equal would refuse it)."""
    return not isinstance(v, (dict, list)) and _equal(want, v)


def _in_enum(want: list[Any], v: Any) -> bool:
    """``enum`` with scalars of several types (the items were checked to be scalars; a
    list or mapping equals none of them)."""
    return not isinstance(v, (dict, list)) and any(_equal(v, w) for w in want)
