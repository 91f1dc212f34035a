"""The bundled corpus: byte-exact articles, every paragraph cited, every entity mentioned."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.data.anchoring import occurrences
from tui.data.corpus import Corpus
from tui.data.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
# The texts as published (../shared/articles): a changed byte fails here.
SHA256 = {
    "aol-li-qiang-g20.txt": "078f6c4520a32edb90f1ba87e901ef4792c96483f60777988b4ba2afbe0bbc06",
    "bharattimes-putin-brics-virtually.txt": (
        "c61cd9b4ebe09a732cf0451522c2e4026ed2c804da302ae79218eab240d001d9"
    ),
    "moscowtimes-putin-kyrgyzstan.txt": (
        "78864eb8724bd7da787263d841ff287b6ac8f2e62805e27940adc6b5efd272ba"
    ),
    "observerbd-putin-modi-call.txt": (
        "8e30c880cf4f27aa764c3196cef3fcac188362a9ec4789272c0259f59ca51967"
    ),
    "peoplesdaily-brf-arrivals.txt": (
        "c204da7cce3c2e344c455be5b37b095dd72ca252713c8ada5cff64afc2099d96"
    ),
    "pragativadi-putin-skips-g20.txt": (
        "d3567407afb7f6a84fa0fc38fa86fa43c410590fc38e810ba8285e8b01c075bc"
    ),
    "putin-china-visit.txt": "0707ab282fd73605d0236dfd65333616d57dd61276e7a8b369b01a3f0f03779a",
    "spotlight-xi-putin-brf.txt": (
        "3aac85d57b16068d32d21104552e86a7c1b455a26e397753bb177a1f6d7fe28e"
    ),
    "today-putin-xi-beijing.txt": (
        "2038f882c560ad0d40addcd385eedd0b9329bea8219686b537b02a312b5e3626"
    ),
    "trt-putin-modi-g20.txt": "5b82478b53685d42084b2313737a82859e41634f170036084a486490b9bd197b",
}
# Each real-world event is one fact, reported by every article that reports it.
SHARED = {
    "brics-summit-2023": {
        "aol-li-qiang-g20",
        "bharattimes-putin-brics-virtually",
        "moscowtimes-putin-kyrgyzstan",
        "observerbd-putin-modi-call",
        "pragativadi-putin-skips-g20",
        "putin-china-visit",
        "trt-putin-modi-g20",
    },
    "g20-summit-2023": {
        "aol-li-qiang-g20",
        "observerbd-putin-modi-call",
        "pragativadi-putin-skips-g20",
        "putin-china-visit",
        "trt-putin-modi-g20",
    },
    "putin-modi-call": {"observerbd-putin-modi-call", "putin-china-visit", "trt-putin-modi-g20"},
    "brf-2023": {
        "peoplesdaily-brf-arrivals",
        "putin-china-visit",
        "spotlight-xi-putin-brf",
        "today-putin-xi-beijing",
    },
    "icc-warrant-putin": {
        "bharattimes-putin-brics-virtually",
        "moscowtimes-putin-kyrgyzstan",
        "observerbd-putin-modi-call",
        "putin-china-visit",
        "today-putin-xi-beijing",
        "trt-putin-modi-g20",
    },
    "xi-visits-moscow": {"putin-china-visit", "today-putin-xi-beijing"},
    "putin-visits-china": {
        "peoplesdaily-brf-arrivals",
        "putin-china-visit",
        "today-putin-xi-beijing",
    },
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT)


def test_articles_are_byte_for_byte_as_published() -> None:
    seeds = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").iterdir()}
    assert seeds == SHA256


def test_corpus_is_clean(corpus: Corpus) -> None:
    assert corpus.problems == []
    assert len(corpus.articles) == 10


def test_every_paragraph_supports_a_fact(corpus: Corpus) -> None:
    for article in corpus.articles.values():
        offset = 0
        for paragraph in article.text.split("\n"):
            start, end = offset, offset + len(paragraph)
            offset = end + 1
            if paragraph.strip():
                assert article.citing(start, end), f"{article.id}: uncited {paragraph[:60]!r}"


def test_every_entity_is_named_in_some_text(corpus: Corpus) -> None:
    """No invented entity: each is named in a text (perhaps inside a longer name, such as
    Turkmenistan in "the People's Council of Turkmenistan"), except a publisher or agency
    named only in the article's metadata and an unnamed group ("anonymous sources")."""
    texts = [a.text for a in corpus.articles.values()]
    local = {(e, n) for a in corpus.articles.values() for n, e in a.local_aliases}
    credited = {a.publisher_id for a in corpus.articles.values()} | {
        w for a in corpus.articles.values() for w in a.wire
    }
    for entity in corpus.entities.values():
        if entity.id in credited or entity.kind == "group":
            continue
        names = {*entity.aliases, *(n for e, n in local if e == entity.id)}
        assert any(n in t for n in names for t in texts), entity.id


def test_every_quote_anchors_exactly_once(corpus: Corpus) -> None:
    for report in corpus.reports.values():
        text = corpus.articles[report.article_id].text
        for span in report.quotes:
            exact = text[span.start : span.end]
            assert span.start in occurrences(text, exact) and exact


@pytest.mark.parametrize("fact_id", sorted(SHARED))
def test_one_real_world_event_is_one_fact(corpus: Corpus, fact_id: str) -> None:
    articles = {r.article_id for r in corpus.fact_reports(fact_id)}
    assert articles == SHARED[fact_id]


def test_the_seed_date_is_estimated_and_the_trt_date_exact(corpus: Corpus) -> None:
    seed = corpus.articles["putin-china-visit"].published
    assert seed.estimated and seed.value == "2023-08-28/2023-08-31" and seed.basis
    assert corpus.articles["trt-putin-modi-g20"].published.value == "2023-08-28"


def test_epistemics_of_the_seed(corpus: Corpus) -> None:
    believed = [r for r in corpus.fact_reports("putin-skips-g20") if r.certainty == "believed"]
    assert believed and believed[0].article_id == "putin-china-visit"
    invitation = next(
        r
        for r in corpus.fact_reports("xi-invites-putin-brf")
        if r.article_id == "putin-china-visit"
    )
    assert invitation.according_to == ("bloomberg", "anonymous-sources")
    assert invitation.certainty == "reported"
    visit = next(
        r for r in corpus.fact_reports("putin-visits-china") if r.article_id == "putin-china-visit"
    )
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
