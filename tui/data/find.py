"""Find the entities, events and relations a curator means, by words close to theirs.

Before writing a new id a curator asks "is this event already in the corpus, and under which
id?". The answer must survive other wording ("phone call between Modi and Putin" for "Putin
and Modi speak by phone"), other spelling (Sergey/Sergei) and other order, so each item's id,
name, aliases and summary are scored against the query with rapidfuzz, after folding case,
diacritics and quote styles (:func:`tui.data.folding.fold`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from tui.data.corpus import Corpus, Event
from tui.data.folding import fold

# Below this (0–100) a match is noise: a query of unrelated words scores 30–50.
CUTOFF = 70.0
_WORDS = re.compile(r"\w+")
# Words that say nothing of which fact is meant; left out of the query before scoring.
_STOP = frozenset(
    """
    a an the of and or by in on at to with for is are was were
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # an entity's kind ("person"), or "event" / "relation"
    id: str
    label: str  # an entity's name and description; a fact's summary
    matched: str  # the id, name, alias or summary that matched best
    score: float
    articles: tuple[str, ...]


def _key(text: str) -> str:
    """Folded words without the filler, ids' hyphens read as spaces."""
    words = _WORDS.findall(fold(text).replace("-", " ").replace("_", " "))
    kept = [w for w in words if w not in _STOP]
    return " ".join(kept or words)


def _score(query: str, candidate: str) -> float:
    if not query or not candidate:
        return 0.0
    # token_set_ratio forgives order and extra words ("phone call between Modi and Putin"
    # against "Putin and Modi speak by phone") but calls any subset perfect ("Modi" alone);
    # averaged with token_sort_ratio, the candidate that covers more of the query ranks
    # first. ratio catches misspellings of short names (Sergey/Sergei), which the token
    # scorers see as different words.
    tokens = (fuzz.token_set_ratio(query, candidate) + fuzz.token_sort_ratio(query, candidate)) / 2
    return max(tokens, fuzz.ratio(query, candidate))


def find(corpus: Corpus, text: str, limit: int = 20) -> list[Hit]:
    """Items matching ``text``, best first (ties by id), at most ``limit``."""
    query = _key(text)
    hits: list[Hit] = []

    def consider(
        kind: str, item_id: str, label: str, names: list[str], articles: list[str]
    ) -> None:
        best, matched = 0.0, ""
        for name in (item_id, *names):
            score = _score(query, _key(name))
            if score > best:
                best, matched = score, name
        if best >= CUTOFF:
            hits.append(Hit(kind, item_id, label, matched, best, tuple(dict.fromkeys(articles))))

    for entity in corpus.entities.values():
        reports = corpus.reports_by_entity.get(entity.id, [])
        articles = [corpus.reports[r].article_id for r in reports]
        label = entity.name + (f" — {entity.description}" if entity.description else "")
        consider(entity.kind, entity.id, label, [entity.name, *entity.aliases], sorted(articles))
    for fact_id in (*corpus.events, *corpus.relations):
        fact = corpus.fact(fact_id)
        assert fact is not None
        articles = sorted(r.article_id for r in corpus.fact_reports(fact_id))
        label = corpus.label(fact)
        kind = "event" if isinstance(fact, Event) else "relation"
        names = [label]
        if isinstance(fact, Event):
            names.append(fact.type.replace("_", " "))
            # "Putin Modi phone call": the summary with the participants' and type's words.
            parts = " ".join(corpus.entity_name(p.entity_id) for p in fact.participants)
            names.append(f"{parts} {fact.type.replace('_', ' ')} {fact.summary}")
        consider(kind, fact_id, label, names, articles)
    hits.sort(key=lambda h: (-h.score, h.id))
    return hits[:limit]
