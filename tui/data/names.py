"""Every name the palette jumps to, and how a query ranks them.

An entity is found by each of its names (so "lavrov" finds Sergey Lavrov as surely as a fact
whose label starts with the word), a fact by its label, an article by its title. All are
folded (case, diacritics, quote styles) and scored by rapidfuzz, in C; a hit that holds
every word typed comes first. An in-memory corpus scores every name; the index
(:mod:`tui.data.index`) first narrows them to those sharing the query's letters (FTS5,
trigrams) and ranks those the same way, so a letter costs the same at 10,000 articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.data.folding import fold
from tui.data.rows import KIND_NAMES, fact_kind

if TYPE_CHECKING:
    from tui.data.corpus import Corpus

SHOWN_HITS = 100
CANDIDATES = 300  # scored in C, then ranked by the words they hold
CUTOFF = 50


@dataclass(frozen=True, slots=True)
class Name:
    """Something to jump to: what is shown, what it is, and where it leads."""

    text: str
    kind: str  # "entity · person", an event's type, "relation", "article"
    target: str  # "entity:ID", "fact:ID" or "article:ID"


@dataclass(frozen=True, slots=True)
class NameHit:
    score: float
    name: Name
    folded: str  # the name's text folded: where the query's letters are underlined


def names(corpus: Corpus) -> Iterator[tuple[Name, tuple[str, ...]]]:
    """Every name with the folded keys it is found by; the most connected entities first."""
    for ids in corpus.entities_by_kind().values():
        for entity_id in ids:
            entity = corpus.entities[entity_id]
            kind = KIND_NAMES.get(entity.kind, entity.kind)
            aliases = tuple(dict.fromkeys((entity.name, *entity.aliases)))
            text = " / ".join(aliases)
            yield Name(text, f"entity · {kind}", f"entity:{entity.id}"), tuple(map(fold, aliases))
    for table in (corpus.events, corpus.relations):
        for fact in table.values():
            label = corpus.label(fact)
            yield Name(label, fact_kind(fact), f"fact:{fact.id}"), (fold(label),)
    for article in corpus.articles.values():
        yield Name(article.title, "article", f"article:{article.id}"), (fold(article.title),)


def _coverage(words: list[str], text: str) -> float:
    """The share of the query's words that ``text`` holds."""
    return sum(word in text for word in words) / len(words) if words else 0.0


def rank(
    query: str, keys: Sequence[str], owners: Sequence[int], limit: int = SHOWN_HITS
) -> list[tuple[float, int]]:
    """The owners of the best-matching ``keys`` for the folded ``query``, best first, each
    once, by its best key: ``(score in 0..1, owner)``."""
    from rapidfuzz import fuzz, process

    found = process.extract(
        query, keys, scorer=fuzz.WRatio, processor=None, limit=CANDIDATES, score_cutoff=CUTOFF
    )
    # WRatio rates "Kremlin" as high as "Kremlin's statement on the call" for the query
    # "kremlin statement": a hit that holds every word typed comes first.
    words = query.split()
    best: dict[int, float] = {}
    for key, score, k in found:
        owner = owners[k]
        score = score * (1 + _coverage(words, key)) / 200
        if score > best.get(owner, -1.0):
            best[owner] = score
    ranked = sorted(best.items(), key=lambda pair: -pair[1])
    return [(score, owner) for owner, score in ranked[:limit]]


class NameSearch:
    """Every name of an in-memory corpus, scored whole for each query."""

    def __init__(self, found: Iterable[tuple[Name, tuple[str, ...]]]) -> None:
        self.names: list[Name] = []
        self.keys: list[str] = []
        self.owners: list[int] = []
        for name, keys in found:
            self.keys.extend(keys)
            self.owners.extend([len(self.names)] * len(keys))
            self.names.append(name)

    def search(self, query: str, limit: int = SHOWN_HITS) -> list[NameHit]:
        query = fold(query)
        return [
            NameHit(score, self.names[n], fold(self.names[n].text))
            for score, n in rank(query, self.keys, self.owners, limit)
        ]

    def first(self, count: int) -> list[Name]:
        return self.names[:count]
