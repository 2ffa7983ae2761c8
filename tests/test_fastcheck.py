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
