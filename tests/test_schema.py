"""`diplo-tui schema` describes the facts format well enough for an independent validator."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import CORPORA, ROOT
from tui.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def as_json(value: Any) -> Any:
    """A TOML document as an editor's validator sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["schema"]) == 0
    schema = json.loads(out.getvalue())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


FILES = sorted(
    path
    for folder in (ROOT / "facts", CORPORA / "clean" / "facts", CORPORA / "disagree" / "facts")
    for path in folder.glob("*.toml")
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_facts_file_of_the_corpus_is_valid(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    document = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []


def test_an_unknown_key_or_a_value_outside_a_vocabulary_fails(
    validator: jsonschema.Draft202012Validator,
) -> None:
    base = as_json(tomllib.loads((ROOT / "facts" / "entities.toml").read_text("utf-8")))
    assert validator.is_valid(base)
    unknown = json.loads(json.dumps(base))
    unknown["entities"]["putin"]["birthday"] = "1952-10-07"
    assert not validator.is_valid(unknown)
    outside = json.loads(json.dumps(base))
    outside["entities"]["putin"]["kind"] = "human"
    assert not validator.is_valid(outside)
    shorthand = {"reports": [{"of": "x", "evidence": ["a quote", {"exact": "b", "prefix": "a "}]}]}
    assert validator.is_valid(shorthand)  # evidence as text or as a table
