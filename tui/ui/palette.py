"""Ctrl+P: jump to any entity, event, relation or article by fuzzy name.

Textual's ``Matcher.highlight`` parses its candidate as markup, which would eat "[in the
call]" or crash on "[/]", so hits are built from plain ``Content`` and styled here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.data.corpus import Corpus
from tui.data.folding import fold
from tui.ui.panes import Target
from tui.ui.text import KIND_NAMES, fact_kind, plain

if TYPE_CHECKING:
    from tui.ui.explorer import ExplorerScreen


Item = tuple[str, str, Target]  # the text matched, its kind, where it leads

# Past this many items, candidates are chosen by rapidfuzz (in C) before Textual's matcher
# scores them and marks the matched letters: scoring 50,000 items in Python took seconds.
PRESELECT_ABOVE = 2000
PRESELECTED = 200


@dataclass(frozen=True)
class _Index:
    corpus: Corpus
    items: list[Item]
    folded: list[str]


class CorpusProvider(Provider):
    """Entities (by name and alias), events, relations and articles."""

    _index: ClassVar[_Index | None] = None  # built once per corpus, not per palette or letter

    def _items(self) -> _Index:
        corpus = cast("ExplorerScreen", self.screen).corpus
        index = CorpusProvider._index
        if index is not None and index.corpus is corpus:
            return index
        items: list[Item] = []
        for entity in corpus.entities.values():
            kind = KIND_NAMES[entity.kind]
            names = " / ".join(dict.fromkeys((entity.name, *entity.aliases)))
            items.append((names, f"entity · {kind}", Target("entity", entity.id)))
        for fact_id in (*corpus.events, *corpus.relations):
            fact = corpus.fact(fact_id)
            if fact is not None:
                items.append((corpus.label(fact), fact_kind(fact), Target("fact", fact_id)))
        for article in corpus.articles.values():
            items.append((article.title, "article", Target("article", article.id)))
        index = CorpusProvider._index = _Index(corpus, items, [fold(t) for t, _, _ in items])
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
        query = fold(query)
        index = self._items()
        candidates: Iterable[int] = range(len(index.items))
        if len(index.items) > PRESELECT_ABOVE:
            from rapidfuzz import fuzz, process

            found = process.extract(
                query, index.folded, scorer=fuzz.WRatio, processor=None, limit=PRESELECTED
            )
            candidates = sorted(n for _, _, n in found)
        matcher = self.matcher(query)
        for n in candidates:
            text, kind, target = index.items[n]
            score, offsets = matcher.fuzzy_search.match(query, index.folded[n])
            if score > 0:
                callback: Callable[[], None] = partial(self._jump, target)
                yield Hit(score, self._display(text, kind, tuple(offsets)), callback, text=text)

    async def discover(self) -> Hits:
        for text, kind, target in self._items().items[:200]:
            yield DiscoveryHit(self._display(text, kind), partial(self._jump, target), text=text)
