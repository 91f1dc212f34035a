"""docs/FORMAT.md lists every key and every vocabulary value of the models, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tui.data import schema

DOC = Path(__file__).parent.parent / "docs" / "FORMAT.md"
VOCABULARIES: tuple[Any, ...] = (
    schema.EntityKind,
    schema.EventType,
    schema.Role,
    schema.Predicate,
    schema.Status,
    schema.Certainty,
    schema.Commitment,
    schema.Polarity,
    schema.Speech,
    schema.Modality,
    schema.LinkType,
    schema.DerivedLinkType,
    schema.TimeRole,
)
MODELS: tuple[type[BaseModel], ...] = (
    schema.FactFileIn,
    schema.ArticleIn,
    schema.PublishedIn,
    schema.EntityIn,
    schema.EventIn,
    schema.RelationIn,
    schema.ReportIn,
    schema.QuoteIn,
    schema.SourceIn,
    schema.TimeIn,
    schema.LinkIn,
)


def _rows() -> set[str]:
    """The first cell of every table row: `key` or `value`."""
    return set(re.findall(r"^\| `([a-z0-9_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def _keys() -> set[str]:
    return {field.alias or name for model in MODELS for name, field in model.model_fields.items()}


def _values() -> set[str]:
    return {value for vocabulary in VOCABULARIES for value in schema.vocabulary(vocabulary)}


def test_every_key_of_the_format_is_documented() -> None:
    assert _keys() - _rows() == set()


def test_every_vocabulary_value_is_documented() -> None:
    assert _values() - _rows() == set()


def test_the_reference_documents_nothing_the_models_do_not_have() -> None:
    assert _rows() - _keys() - _values() == set()


def test_the_reference_and_the_loader_agree_on_the_version() -> None:
    assert f"# The fact format, version {schema.FORMAT_VERSION}" in DOC.read_text(encoding="utf-8")


def test_worked_examples_are_quoted_from_the_corpus() -> None:
    """A snippet headed `# facts/ID.toml` holds lines of that file, so it cannot go stale."""
    root = DOC.parent.parent
    checked = 0
    for block in re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        source: str | None = None
        for line in block.splitlines():
            named = re.match(r"# (facts/[a-z0-9-]+\.toml)", line)
            if named:
                source = (root / named[1]).read_text(encoding="utf-8")
            elif source is not None and line.startswith(("evidence = ", "qualifiers = ", "of = ")):
                assert line in source.splitlines(), line
                checked += 1
    assert checked >= 10


def test_the_role_table_is_the_one_check_uses() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("Event types, with the roles") : text.index("\nRoles:")]
    table = {
        m[1]: tuple(r.strip() for r in m[2].split(","))
        for m in re.finditer(r"^\| `([a-z_]+)` \| [^|]+ \| ([a-z_, ]+) \|$", section, re.M)
    }
    assert table == schema.EVENT_ROLES
    assert set(table) == set(schema.vocabulary(schema.EventType))
    roles = set(schema.vocabulary(schema.Role))
    assert {r for rs in table.values() for r in rs} | set(schema.GENERAL_ROLES) <= roles
