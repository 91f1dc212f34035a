"""Ctrl+P: jump to any entity, event, relation or article by fuzzy name.

Textual's ``Matcher.highlight`` parses its candidate as markup, which would eat "[in the
call]" or crash on "[/]", so hits are built from plain ``Content`` and styled here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.folding import fold
from tui.data.rows import fact_kind
from tui.ui.panes import Target
from tui.ui.text import KIND_NAMES, plain

if TYPE_CHECKING:
    from tui.ui.explorer import ExplorerScreen


Item = tuple[str, str, Target]  # the text matched, its kind, where it leads

# Hits shown for a query; rapidfuzz (in C) scores every item. Textual's own matcher tries
# every way of matching the query's letters, which on a long name list ("Vladimir Putin /
# Putin / President Vladimir Putin / …") took seconds a letter and grew without bound.
SHOWN_HITS = 100
CANDIDATES = 300  # scored in C, then ranked by the words they hold
CUTOFF = 50


def _coverage(words: list[str], text: str) -> float:
    """The share of the query's words that ``text`` holds."""
    return sum(word in text for word in words) / len(words) if words else 0.0


def matched_letters(query: str, text: str) -> tuple[int, ...]:
    """Where the query's letters fall in ``text``, left to right: what the hit underlines."""
    offsets: list[int] = []
    at = 0
    for char in query:
        if char.isspace():
            continue
        found = text.find(char, at)
        if found < 0:
            return tuple(offsets)
        offsets.append(found)
        at = found + 1
    return tuple(offsets)


@dataclass(frozen=True)
class _Index:
    corpus: Corpus
    items: list[Item]
    folded: list[str]
    # What is scored: every name of an entity on its own, so "lavrov" finds Sergey Lavrov
    # as surely as a fact whose label starts with the word; ``owners`` maps each to its item.
    keys: list[str]
    owners: list[int]


class CorpusProvider(Provider):
    """Entities (by name and alias), events, relations and articles."""

    _index: ClassVar[_Index | None] = None  # built once per corpus, not per palette or letter

    def _items(self) -> _Index:
        corpus = cast("ExplorerScreen", self.screen).corpus
        index = CorpusProvider._index
        if index is not None and index.corpus is corpus:
            return index
        items: list[Item] = []
        keys: list[str] = []
        owners: list[int] = []
        for entity in corpus.entities.values():
            kind = KIND_NAMES.get(entity.kind, entity.kind)
            names = tuple(dict.fromkeys((entity.name, *entity.aliases)))
            keys.extend(fold(name) for name in names)
            owners.extend([len(items)] * len(names))
            items.append((" / ".join(names), f"entity · {kind}", Target("entity", entity.id)))
        for fact_id in (*corpus.events, *corpus.relations):
            fact = corpus.fact(fact_id)
            if fact is not None:
                items.append((corpus.label(fact), fact_kind(fact), Target("fact", fact_id)))
        for article in corpus.articles.values():
            items.append((article.title, "article", Target("article", article.id)))
        folded = [fold(t) for t, _, _ in items]
        first = len(owners) and owners[-1] + 1
        keys.extend(folded[first:])
        owners.extend(range(first, len(items)))
        index = CorpusProvider._index = _Index(corpus, items, folded, keys, owners)
        return index

    def _jump(self, target: Target) -> None:
        screen = cast("ExplorerScreen", self.screen)
        screen.jump(target)

    def _display(self, text: str, kind: str, offsets: tuple[int, ...] = ()) -> Content:
        content = plain(text)
        for offset in offsets:
            if offset < len(content):
                content = content.stylize("bold underline", offset, offset + 1)
        return Content.assemble(content, (f"  {kind}", "dim"))

    async def search(self, query: str) -> Hits:
        # Folded, so a straight quote finds a curly one; folding keeps offsets in place.
        from rapidfuzz import fuzz, process

        query = fold(query)
        index = self._items()
        found = process.extract(
            query,
            index.keys,
            scorer=fuzz.WRatio,
            processor=None,
            limit=CANDIDATES,
            score_cutoff=CUTOFF,
        )
        # WRatio rates "Kremlin" as high as "Kremlin's statement on the call" for the query
        # "kremlin statement": a hit that holds every word typed comes first. An entity
        # counts once, by its best-matching name.
        words = query.split()
        best: dict[int, float] = {}
        for key, score, k in found:
            n = index.owners[k]
            rank = score * (1 + _coverage(words, key)) / 200
            if rank > best.get(n, -1.0):
                best[n] = rank
        ranked = sorted(((rank, n) for n, rank in best.items()), key=lambda pair: -pair[0])
        for score, n in ranked[:SHOWN_HITS]:
            text, kind, target = index.items[n]
            offsets = matched_letters(query, index.folded[n])
            callback: Callable[[], None] = partial(self._jump, target)
            yield Hit(score, self._display(text, kind, offsets), callback, text=text)

    async def discover(self) -> Hits:
        for text, kind, target in self._items().items[:200]:
            yield DiscoveryHit(self._display(text, kind), partial(self._jump, target), text=text)
