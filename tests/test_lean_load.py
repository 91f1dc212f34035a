"""`check` and `export` load without the explorer's indexes, and answer exactly as with them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tui.bench.synthetic import generate
from tui.data.corpus import Corpus
from tui.data.export import to_json
from tui.data.lint import warnings
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"
EXPLORER_ONLY = ("facts_by_entity", "reports_by_entity")


def _without_indexes(corpus: Corpus) -> dict[str, object]:
    """Everything a corpus holds but the explorer's indexes, for comparing two loads."""
    fields = {
        f.name: getattr(corpus, f.name)
        for f in dataclasses.fields(corpus)
        if f.name not in EXPLORER_ONLY and not f.name.startswith("_")
    }
    fields["articles"] = {
        article_id: dataclasses.replace(article, citations=[])
        for article_id, article in corpus.articles.items()
    }
    return fields


@pytest.mark.parametrize(
    "name", ["clean", "anchored-time-mismatch", "warn-unnamed", "many-problems", "dangling-link"]
)
def test_a_lean_load_differs_only_by_the_indexes(name: str) -> None:
    root = CORPORA / name
    full, lean = load_corpus(root), load_corpus(root, indexes=False)
    assert _without_indexes(lean) == _without_indexes(full)
    assert not lean.facts_by_entity and not lean.reports_by_entity
    assert all(not article.citations for article in lean.articles.values())
    assert warnings(lean) == warnings(full)


def test_check_and_export_answer_the_same_from_a_lean_load(tmp_path: Path) -> None:
    generate(tmp_path / "c", 30)
    for root in (ROOT, tmp_path / "c"):
        full, lean = load_corpus(root), load_corpus(root, indexes=False, workers=2)
        assert full.facts_by_entity and full.reports_by_entity  # the indexes do hold something
        assert _without_indexes(lean) == _without_indexes(full)
        assert warnings(lean) == warnings(full)
        assert to_json(lean) == to_json(full)
