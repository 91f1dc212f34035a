"""The synthetic corpus is deterministic and valid under check."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tui.bench.synthetic import generate
from tui.data.loader import load_corpus


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_generated_corpus_is_valid_realistic_and_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 6)
    second = generate(tmp_path / "b", 6)
    assert _digest(first) == _digest(second)
    corpus = load_corpus(first)
    assert corpus.problems == []
    assert len(corpus.articles) == 6
    for article in corpus.articles.values():
        words = len(article.text.split())
        assert 300 <= words <= 1700
        reports = [r for r in corpus.reports.values() if r.article_id == article.id]
        assert 45 <= len(reports) <= 55
        assert any(r.time for r in reports) and any(r.according_to for r in reports)
    # Some events are reported by more than one article, as real coverage would.
    assert any(
        len({corpus.reports[r].article_id for r in ids}) > 1
        for ids in corpus.reports_by_fact.values()
    )
    # A power law: the busiest entity is in far more facts than the median one.
    counts = sorted(len(f) for f in corpus.facts_by_entity.values())
    assert counts[-1] >= 3 * counts[len(counts) // 2]
