"""Who said what, from source chains and statement events."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.data.corpus import Corpus
from tui.data.loader import load_corpus
from tui.data.sayings import sayings, statements_by, what_it_says

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT)


def test_the_kremlins_sayings_carry_the_cue_inside_their_evidence(corpus: Corpus) -> None:
    said = sayings(corpus, "kremlin")
    assert {s.article_id for s in said} >= {"putin-china-visit", "trt-putin-modi-g20"}
    for saying in said:
        quotes = corpus.reports[saying.report_id].quotes
        assert any(q.start <= saying.cue.start and saying.cue.end <= q.end for q in quotes)


def test_a_denial_is_said_with_negative_polarity(corpus: Corpus) -> None:
    denials = [
        s for entity in corpus.entities for s in sayings(corpus, entity) if s.polarity == "negative"
    ]
    assert denials
    assert all(s.fact_id for s in denials)


def test_a_statement_lists_what_it_asserts(corpus: Corpus) -> None:
    assert "kremlin-statement-on-call" in statements_by(corpus, "kremlin")
    said = what_it_says(corpus, "indian-government-statement-on-call")
    assert ("asserts", "lavrov-represents-russia-g20") in said


def test_sayings_follow_the_facts_in_time_order(corpus: Corpus) -> None:
    said = sayings(corpus, "peskov")
    starts = [
        t.start.isoformat() if (t := corpus.fact_time.get(s.fact_id)) else "9999" for s in said
    ]
    assert starts == sorted(starts) and len(said) >= 2
