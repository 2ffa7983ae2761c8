"""The JSON Schema stage: validate front-matter data, map every error to a position.

The shipped schema lives in the top-level ``schemas/`` folder of the repository,
which the build installs as the package ``seedlint.schemas`` (see
pyproject.toml), so an installed seedlint finds it without a checkout.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from functools import lru_cache
from pathlib import Path

from typing import Any, Iterable, Iterator, NamedTuple

from .document import Document, FieldPath, _dotted
from .edits import scalar_fix
from .model import UNSAFE, Problem

# jsonschema's ValidationError: its stubs type every attribute as a union with Unset,
# which the code below has already ruled out by the error's kind.
ValidationError = Any

SCHEMA_NAME = "seed.schema.json"

_FORMAT_HINTS = {"date": "a valid date (YYYY-MM-DD)", "date-time": "a valid date-time", "email": "an email address", "uri": "a URI"}


class SchemaError(Exception):
    """A schema file that cannot be read or is not a valid JSON Schema."""


def default_schema_text() -> str:
    """Text of the schema shipped with seedlint."""
    try:
        from importlib.resources import files

        return (files("seedlint.schemas") / SCHEMA_NAME).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        # running from a source tree that was not installed
        return (Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_NAME).read_text(encoding="utf-8")


class Schema:
    """A front-matter schema: its JSON, the fast pre-check, and jsonschema's validator,
    built only when a document needs it (most guides are valid, and importing
    jsonschema is a third of a one-guide run)."""

    def __init__(self, schema: dict[str, Any], origin: str | None) -> None:
        self.schema = schema
        self.origin = origin
        from .fastcheck import compile_schema

        self.fast = compile_schema(schema)
        self._validator: Any = None  # a jsonschema Validator
        if origin is not None:  # a user's schema is checked now, so a broken one stops the run
            self.validator  # noqa: B018

    @property
    def validator(self) -> Any:
        if self._validator is None:
            import jsonschema

            cls = jsonschema.validators.validator_for(self.schema, default=jsonschema.Draft202012Validator)
            if self.origin is not None:  # the shipped schema is checked by the test suite, not on every start
                try:
                    cls.check_schema(self.schema)
                except jsonschema.SchemaError as exc:
                    raise SchemaError(f"schema {self.origin} is not a valid JSON Schema: {exc.message}") from None
            self._validator = cls(self.schema, format_checker=cls.FORMAT_CHECKER)
        return self._validator


MAX_SCHEMA_BYTES = 5 * 1024 * 1024


def read_schema_file(path: str) -> bytes:
    """A user's schema file: a regular file of at most MAX_SCHEMA_BYTES, read without
    blocking (a FIFO or ``/dev/zero`` named as the schema is refused, not read forever)."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path} is not a regular file")
        if st.st_size > MAX_SCHEMA_BYTES:
            raise OSError(f"{path} is {st.st_size:,} bytes, over the limit of {MAX_SCHEMA_BYTES:,} for a schema")
        data = fh.read(MAX_SCHEMA_BYTES + 1)
    if len(data) > MAX_SCHEMA_BYTES:
        raise OSError(f"{path} is over the limit of {MAX_SCHEMA_BYTES:,} bytes for a schema")
    return data


@lru_cache(maxsize=8)
def schema_for(schema_path: str | None = None, extend: bool = False) -> Schema:
    """The shipped schema, a user's schema, or both (``extend``)."""
    try:
        if schema_path is None:
            schema = json.loads(default_schema_text())
        else:
            schema = json.loads(read_schema_file(schema_path).decode("utf-8"))
            if extend:
                schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [json.loads(default_schema_text()), schema]}
    except OSError as exc:
        raise SchemaError(f"cannot read schema {schema_path}: {exc.strerror if exc.strerror else exc}") from None
    except ValueError as exc:
        raise SchemaError(f"cannot read schema {schema_path}: {exc}") from None
    if not isinstance(schema, (dict, bool)):
        raise SchemaError(f"schema {schema_path} is not a valid JSON Schema: not an object")
    return Schema(schema if isinstance(schema, dict) else {}, schema_path)


def _field(path: FieldPath) -> str:
    return _dotted(path) or "front matter"


class SchemaResult(NamedTuple):
    """What the schema stage found in one document's front matter."""

    problems: tuple[Problem, ...] = ()
    invalid: frozenset[FieldPath] = frozenset()  # paths whose values failed here (rules skip them)


def check(doc: Document, schema: Schema) -> SchemaResult:
    """The schema's findings on ``doc``'s front matter; the document is not changed
    (the engine builds the checked document with :meth:`Document.with_schema`)."""
    fm = doc.front_matter
    if fm is None or fm.data is None:
        return SchemaResult()
    fast = schema.fast
    if fast is not None and not doc.invalid and fast(fm.data) and (
            fm.non_finite is False or next(_non_finite(fm.data, ()), None) is None):
        return SchemaResult()  # certainly valid: jsonschema would report nothing
    validator = schema.validator
    problems: list[Problem] = []
    invalid: set[FieldPath] = set(doc.invalid)
    seen_required: set[FieldPath] = set()
    errors = [e for e in _leaf_errors(validator.iter_errors(fm.data))
              # values the parser already reported (an unsafe tag): no second finding
              if not any(tuple(e.absolute_path)[:i] in doc.invalid for i in range(len(e.absolute_path) + 1))]
    # a misspelt key gives one finding (unknown, with a suggestion), not also "missing"
    suggested: dict[FieldPath, set[str]] = {}
    for err in errors:
        if err.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(err.instance, dict):
            props = err.schema.get("properties", {})
            for key in err.instance:
                match = _suggestion(key, props) if key not in props else None
                if match:
                    suggested.setdefault(tuple(err.absolute_path), set()).add(match)
    for path in _non_finite(fm.data, ()) if fm.non_finite is not False else ():
        # JSON has no NaN or infinity, and JSON Schema's minimum/maximum let NaN through
        invalid.add(path)
        problems.append(Problem("SL104", fm.span(path), f"'{_field(path)}': {fm.get(path)!r} is not a finite number"))
    for err in errors:
        path = tuple(err.absolute_path)
        if path in invalid and err.validator not in ("required", "additionalProperties", "unevaluatedProperties"):
            continue
        kind = err.validator
        if kind == "required":
            if path in seen_required or not isinstance(err.instance, dict):
                continue
            seen_required.add(path)
            span = fm.span(path)
            where = "front matter" if not path else f"'{_field(path)}'"
            for key in err.validator_value:
                if key not in err.instance and key not in suggested.get(path, ()):
                    problems.append(Problem("SL101", span._replace(end_line=span.line, end_column=span.column + 1), f"missing required field '{key}' in {where}"))
        elif kind in ("additionalProperties", "unevaluatedProperties"):
            props = err.schema.get("properties", {})
            patterns = err.schema.get("patternProperties", {})
            for key in err.instance if isinstance(err.instance, dict) else ():
                if key in props or any(re.search(p, key) for p in patterns):
                    continue
                kpath = path + (key,)
                invalid.add(kpath)
                match = _suggestion(key, props)
                hint = f" (did you mean '{match}'?)" if match else ""
                span = fm.key_span(kpath) or fm.span(kpath)
                fix = None
                if match and match not in err.instance and sum(
                        k not in props and _suggestion(k, props) == match for k in err.instance) == 1:
                    # one candidate, absent, and no other key would take its name: rename
                    fix = scalar_fix(doc, span, match, f"Rename '{key}' to '{match}'", UNSAFE)
                problems.append(Problem("SL102", span, f"unknown field '{_field(kpath)}'{hint}", fix))
        elif kind == "type":
            invalid.add(path)
            want = err.validator_value if isinstance(err.validator_value, str) else " or ".join(err.validator_value)
            problems.append(Problem("SL103", fm.span(path), f"'{_field(path)}' must be of type {want}, not {_type_name(err.instance)}"))
        else:
            invalid.add(path)
            problems.append(Problem("SL104", fm.span(path), f"'{_field(path)}': {_message(err)}"))
    return SchemaResult(tuple(problems), frozenset(invalid - doc.invalid))


def _non_finite(value: Any, path: FieldPath) -> Iterator[FieldPath]:
    if isinstance(value, float) and not math.isfinite(value):
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _non_finite(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _non_finite(v, path + (i,))


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """Replace an anyOf/oneOf error by its best branch, so each reported error is a concrete one.

    (allOf needs nothing: jsonschema reports each failing branch's errors directly.)
    """
    for err in errors:
        if err.validator in ("anyOf", "oneOf") and err.context:
            # report the branch that went deepest (as jsonschema's best_match does)
            from jsonschema.exceptions import best_match

            yield best_match(err.context)
        else:
            yield err


def _suggestion(key: str, props: Iterable[str]) -> str | None:
    """The known key a misspelt one was probably meant to be."""
    match = difflib.get_close_matches(key, list(props), n=1, cutoff=0.75)
    return match[0] if match else None


def _type_name(value: object) -> str:
    if value is None:
        return "null (empty)"
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}.get(type(value), type(value).__name__)


def _message(err: ValidationError) -> str:
    kind, want, inst = err.validator, err.validator_value, err.instance
    if kind == "format":
        return f"{inst!r} is not {_FORMAT_HINTS.get(want, f'in {want} format')}"
    if kind == "enum":
        if len(want) > 8:
            what = err.schema.get("description", "").rstrip(".")
            return f"{inst!r} is not an allowed value" + (f" ({what})" if what else "")
        return f"{inst!r} is not one of {', '.join(map(repr, want))}"
    if kind == "pattern":
        return f"{inst!r} does not match the pattern {want}"
    if kind == "minItems":
        return f"needs at least {want} item{'s' if want != 1 else ''}, has {len(inst)}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        op = {"minimum": "≥", "maximum": "≤", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[kind]
        return f"{inst!r} must be {op} {want}"
    return str(err.message)
