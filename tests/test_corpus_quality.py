"""The bundled corpus: byte-exact articles, every paragraph cited, every entity mentioned."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.data.anchoring import occurrences
from tui.data.corpus import Corpus
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
SHA256 = {
    "putin-china-visit.txt": "0707ab282fd73605d0236dfd65333616d57dd61276e7a8b369b01a3f0f03779a",
    "trt-putin-modi-g20.txt": "5b82478b53685d42084b2313737a82859e41634f170036084a486490b9bd197b",
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT)


def test_articles_are_byte_for_byte_as_published() -> None:
    seeds = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").iterdir()}
    assert seeds == SHA256


def test_corpus_is_clean(corpus: Corpus) -> None:
    assert corpus.problems == []
    assert len(corpus.articles) == 2


def test_every_paragraph_supports_a_fact(corpus: Corpus) -> None:
    for article in corpus.articles.values():
        offset = 0
        for paragraph in article.text.split("\n"):
            start, end = offset, offset + len(paragraph)
            offset = end + 1
            if paragraph.strip():
                assert article.citing(start, end), f"{article.id}: uncited {paragraph[:60]!r}"


def test_every_entity_is_mentioned(corpus: Corpus) -> None:
    mentioned = {m.entity_id for a in corpus.articles.values() for m in corpus.mentions(a)}
    assert mentioned == set(corpus.entities)


def test_every_quote_anchors_exactly_once(corpus: Corpus) -> None:
    for report in corpus.reports.values():
        text = corpus.articles[report.article_id].text
        for span in report.quotes:
            exact = text[span.start : span.end]
            assert span.start in occurrences(text, exact) and exact


@pytest.mark.parametrize(
    "fact_id",
    ["putin-modi-call", "lavrov-represents-russia-g20", "brics-summit-2023", "icc-warrant-putin"],
)
def test_what_both_articles_report_is_one_fact(corpus: Corpus, fact_id: str) -> None:
    articles = {r.article_id for r in corpus.fact_reports(fact_id)}
    assert articles == {"putin-china-visit", "trt-putin-modi-g20"}


def test_the_seed_date_is_estimated_and_the_trt_date_exact(corpus: Corpus) -> None:
    seed = corpus.articles["putin-china-visit"].published
    assert seed.estimated and seed.value == "2023-08-28/2023-08-31" and seed.basis
    assert corpus.articles["trt-putin-modi-g20"].published.value == "2023-08-28"


def test_epistemics_of_the_seed(corpus: Corpus) -> None:
    believed = [r for r in corpus.fact_reports("putin-skips-g20") if r.certainty == "believed"]
    assert believed and believed[0].article_id == "putin-china-visit"
    invitation = corpus.fact_reports("xi-invites-putin-brf")[0]
    assert invitation.according_to == ("bloomberg", "anonymous-sources")
    assert invitation.certainty == "reported"
    visit = corpus.fact_reports("putin-visits-china")[0]
    assert visit.status == "planned" and visit.time and visit.time.value
    assert visit.time.value.value == "2023-10"
    assert corpus.relations["china-not-party-to-icc"].negated
    statement = corpus.fact_reports("kremlin-statement-on-call")[0]
    text = corpus.articles[statement.article_id].text
    assert any("[in the call]" in text[q.start : q.end] for q in statement.quotes)


def test_reverse_index_from_text_to_facts(corpus: Corpus) -> None:
    article = corpus.articles["trt-putin-modi-g20"]
    at = article.text.index("on Monday")
    facts = {corpus.reports[r].fact_id for r in article.citing(at, at + 1)}
    assert "putin-modi-call" in facts
    assert "putin-modi-call" in corpus.facts_by_entity["modi"]
    assert any(r.startswith("trt-putin-modi-g20/") for r in corpus.reports_by_entity["kremlin"])
