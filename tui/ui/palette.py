"""Ctrl+P: jump to any entity, event, relation or article by fuzzy name.

Textual's ``Matcher.highlight`` parses its candidate as markup, which would eat "[in the
call]" or crash on "[/]", so hits are built from plain ``Content`` and styled here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.data.folding import fold
from tui.ui.panes import Target
from tui.ui.text import KIND_NAMES, fact_kind, plain

if TYPE_CHECKING:
    from tui.ui.explorer import ExplorerScreen


class CorpusProvider(Provider):
    """Entities (by name and alias), events, relations and articles."""

    def _items(self) -> list[tuple[str, str, Target]]:
        screen = cast("ExplorerScreen", self.screen)
        corpus = screen.corpus
        items: list[tuple[str, str, Target]] = []
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
        return items

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
        matcher = self.matcher(query)
        for text, kind, target in self._items():
            score, offsets = matcher.fuzzy_search.match(query, fold(text))
            if score > 0:
                callback: Callable[[], None] = partial(self._jump, target)
                yield Hit(score, self._display(text, kind, tuple(offsets)), callback, text=text)

    async def discover(self) -> Hits:
        for text, kind, target in self._items()[:200]:
            yield DiscoveryHit(self._display(text, kind), partial(self._jump, target), text=text)
