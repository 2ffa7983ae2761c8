"""The shipped JSON Schema: found without a checkout, identical to schemas/, every error positioned."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema

from seedlint.document import parse
from seedlint.schema import check, schema_for

from conftest import FIXTURES

REPO_SCHEMA = Path(__file__).parent.parent / "schemas" / "seed.schema.json"


def test_installed_package_ships_the_schema():
    shipped = (files("seedlint.schemas") / "seed.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(REPO_SCHEMA.read_text(encoding="utf-8"))


def test_schema_is_valid_2020_12():
    schema = json.loads(REPO_SCHEMA.read_text())
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_error_reported_each_at_its_place():
    data = (FIXTURES / "rules" / "clean_base.md").read_bytes()
    data = data.replace(b"data_quality: high", b"data_quality: great").replace(b"currency: GBP", b"currency: gbp")
    data = data.replace(b"    base_high: 240000", b"    base_high: -1").replace(b"role: senior-data-engineer", b"role: Senior Data")
    doc = parse(data, "x")
    found = check(doc, schema_for())
    got = sorted((p.code, p.span.line) for p in found.problems)
    assert got == [("SL104", 4), ("SL104", 8), ("SL104", 14), ("SL104", 29)]


def test_user_schema_extends(tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"properties": {"data_quality": {"const": "high"}, "role_type": {"enum": ["standard", "executive"]}}}))
    data = (FIXTURES / "rules" / "clean_base.md").read_bytes().replace(b"data_quality: high", b"data_quality: low")
    doc = parse(data, "x")
    found = check(doc, schema_for(str(extra), True))
    assert [(p.code, p.span.line) for p in found.problems] == [("SL104", 8)]
    assert found.invalid == {("data_quality",)}
    assert doc.schema_problems == () and not doc.invalid  # the stage returns a value; the document is unchanged
