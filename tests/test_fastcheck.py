"""The schema pre-check is sound: it never calls a document valid that jsonschema rejects."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import jsonschema

from seedlint.document import parse
from seedlint.fastcheck import compile_schema

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from fuzz import mutate  # noqa: E402

SCHEMA = json.loads((ROOT / "schemas" / "seed.schema.json").read_text())


def test_shipped_schema_compiles():
    assert compile_schema(SCHEMA) is not None


def test_unknown_keywords_disable_the_fast_path():
    assert compile_schema({"type": "object", "if": {}, "then": {}}) is None
    assert compile_schema({"properties": {"d": {"format": "email"}}}) is None
    assert compile_schema({"additionalProperties": {"type": "string"}}) is None


def test_agrees_with_jsonschema_on_mutated_guides():
    fast = compile_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    rng = random.Random(11)
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").iterdir())]
    checked = valid = 0
    for _ in range(3500):  # the fuzzer's mutations include key and merge edits, which break more guides
        doc = parse(mutate(rng.choice(seeds), rng), "x.md")
        data = doc.front_matter.data if doc.front_matter else None
        if data is None:
            continue
        checked += 1
        ok = not any(True for _ in validator.iter_errors(data))
        if fast(data):
            assert ok, data  # soundness: "valid" from the pre-check is never wrong
        valid += ok
        if ok and not doc.invalid:
            assert fast(data) or any(isinstance(v, float) for v in _leaves(data)), data  # and it is useful
    assert checked > 1500 and valid > 100


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_edge_types():
    fast = compile_schema({"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}, "b": {"type": "number"},
                                                          "e": {"enum": [1, "a"]}}})
    assert fast({"n": 3, "b": 1.5, "e": "a"})
    assert fast({"n": 3.0})  # an integral float is an integer in JSON Schema
    assert not fast({"n": True}) and not fast({"b": False}) and not fast({"e": True}) and not fast({"n": -1})


def test_type_predicates_answer_as_jsonschema():
    from jsonschema import Draft202012Validator

    from seedlint import fastcheck

    checker = Draft202012Validator.TYPE_CHECKER
    values = [None, True, False, 0, 1, -1, 2**70, 1.0, 1.5, -0.0, float("nan"), float("inf"), "", "x", [], {}, (), b""]
    for name, check in fastcheck._TYPES.items():
        assert [check(v) for v in values] == [checker.is_type(v, name) for v in values], name
        assert [fastcheck._is_type(name, v) for v in values] == [check(v) for v in values], name
    assert set(fastcheck._TYPES) == {"string", "integer", "number", "object", "array", "boolean", "null"}


_VALUES = [None, True, False, 0, 1, -1, 3, 2.0, 2.5, -0.0, float("nan"), float("inf"), "", "a", "ab", "abc", "2026-02-30",
           "2026-11-26", "x\ny", [], [1], ["a", "b"], [1, "a", None], {}, {"a": 1}, {"a": "x", "b": [1]}, {"c": {}},
           {'"); import os; ("': 1}]


def _schema(rng, depth=0):
    """A random schema made of the keywords the pre-check compiles."""
    if depth > 3 or rng.random() < 0.2:
        return rng.choice([True, {}, {"type": "string"}, {"type": ["integer", "null"]}])
    node = {}
    for _ in range(rng.randint(1, 4)):
        key = rng.choice(["type", "enum", "const", "pattern", "minLength", "maximum", "exclusiveMinimum", "minItems",
                          "maxItems", "items", "required", "properties", "additionalProperties", "allOf", "format"])
        if key == "type":
            node[key] = rng.choice(["string", "integer", "number", "object", "array", "boolean", "null", ["number", "string"]])
        elif key == "enum":
            node[key] = rng.choice([["a", "ab"], [1, "a", None], [True, 0], [2.0]])
        elif key == "const":
            node[key] = rng.choice(["a", 1, False, None])
        elif key == "pattern":
            node[key] = rng.choice(["^a", "b$", "\\d"])
        elif key in ("minLength", "minItems", "maxItems"):
            node[key] = rng.randint(0, 2)
        elif key in ("maximum", "exclusiveMinimum"):
            node[key] = rng.choice([0, 2, 2.5])
        elif key == "items":
            node[key] = _schema(rng, depth + 1)
        elif key == "required":
            node[key] = rng.sample(["a", "b", "c"], rng.randint(0, 2))
        elif key == "properties":
            node[key] = {k: _schema(rng, depth + 1) for k in rng.sample(["a", "b", "c", '"); import os; ("', "\n"], rng.randint(1, 3))}
        elif key == "additionalProperties":
            node[key] = False
        elif key == "allOf":
            node[key] = [_schema(rng, depth + 1) for _ in range(rng.randint(1, 2))]
        else:
            node[key] = "date"
    return node


def test_compiled_check_answers_as_jsonschema_on_random_schemas():
    rng = random.Random(5)
    compared = invalid = 0
    for _ in range(600):
        schema = _schema(rng)
        fast = compile_schema(schema)
        assert fast is not None, schema
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        for value in _VALUES:
            want = validator.is_valid(value)
            nan = isinstance(value, float) and value != value  # a bound on NaN is left to jsonschema
            assert fast(value) == want or (nan and want and not fast(value)), (schema, value)
            compared += 1
            invalid += not want
    assert compared == 600 * len(_VALUES) and 0.2 * compared < invalid < 0.9 * compared


def test_deep_and_recursive_schemas_compile():
    deep = {"type": "string"}
    for _ in range(40):  # deeper than Python's limit of nested blocks: subschemas get functions
        deep = {"type": "object", "properties": {"a": deep}}
    fast = compile_schema(deep)
    value = "x"
    for _ in range(40):
        value = {"a": value}
    assert fast(value)
    bad = 1
    for _ in range(40):
        bad = {"a": bad}
    assert not fast(bad)
    tree = {"$defs": {"node": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                               "additionalProperties": False}}, "$ref": "#/$defs/node"}
    fast = compile_schema(tree)
    assert fast({"kids": [{"kids": []}, {}]}) and not fast({"kids": [{"x": 1}]})
    assert compile_schema({"pattern": "("}) is None  # jsonschema reports the broken pattern
