"""The synthetic corpus is deterministic, valid under check, and shaped like real coverage."""

from __future__ import annotations

import hashlib
import statistics
from pathlib import Path

from tui.bench.synthetic import MANIFEST, Manifest, generate
from tui.cli import main
from tui.data.loader import load_corpus


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_generated_corpus_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 5)
    second = generate(tmp_path / "b", 5)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert Manifest.read(tmp_path / "a") == first


def test_generated_corpus_passes_check_and_is_shaped_like_real_coverage(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    manifest = generate(root, 40)
    assert (root / MANIFEST).is_file()
    assert main(["check", str(root)]) == 0  # what a curator would run, exit status included
    corpus = load_corpus(root)
    assert corpus.problems == []
    assert len(corpus.articles) == 40

    # Aliases, a third of them "the …" forms, used in the texts (so found as mentions).
    aliases = [a for e in corpus.entities.values() for a in e.aliases if a[:1].islower()]
    assert 0.2 <= manifest.the_aliases / manifest.aliases <= 0.5
    assert any(a.startswith("the ") for a in aliases)
    mentioned = {m.entity_id for a in corpus.articles.values() for m in corpus.mentions(a)}
    the_entities = {
        e.id for e in corpus.entities.values() if any(a.startswith("the ") for a in e.aliases)
    }
    texts = "\n".join(a.text for a in corpus.articles.values())
    assert any(a in texts or a[0].upper() + a[1:] in texts for a in aliases)
    assert mentioned & the_entities

    # Long and short texts.
    words = [len(a.text.split()) for a in corpus.articles.values()]
    assert all(300 <= w <= 2000 for w in words)
    assert max(words) >= 2 * min(words)

    # Power-law popularity: one story is reported by far more articles than the typical one,
    # and the busiest entity is in far more facts than the median one.
    per_fact = sorted(
        len({corpus.reports[r].article_id for r in ids}) for ids in corpus.reports_by_fact.values()
    )
    assert per_fact[-1] >= 15 and per_fact[-1] >= 10 * statistics.median(per_fact)
    assert manifest.most_reports == per_fact[-1]
    counts = sorted(len(f) for f in corpus.facts_by_entity.values())
    assert counts[-1] >= 10 * counts[len(counts) // 2]
    assert manifest.busiest_facts >= counts[len(counts) // 2]

    # Repeated sentences, quoted with a prefix that picks one of them.
    assert manifest.prefixed_quotes > 0
    assert "prefix = " in "".join(p.read_text() for p in (root / "facts").glob("a*.toml"))

    # Reports quote verbatim, most with a time phrase, some attributed.
    reports = list(corpus.reports.values())
    assert sum(1 for r in reports if r.time) > len(reports) / 2
    assert any(r.according_to for r in reports)
