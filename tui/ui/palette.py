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

from tui.data.corpus import Corpus
from tui.data.folding import fold
from tui.ui.panes import Target
from tui.ui.text import plain

# The corpus finds and ranks the names (tui.data.names: rapidfuzz, in C). Textual's own
# matcher tries every way of matching the query's letters, which on a long name list
# ("Vladimir Putin / Putin / President Vladimir Putin / …") took seconds a letter.
SHOWN_HITS = 100

if TYPE_CHECKING:
    from tui.ui.explorer import ExplorerScreen


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


class CorpusProvider(Provider):
    """Entities (by name and alias), events, relations and articles."""

    @property
    def _corpus(self) -> Corpus:
        return cast("ExplorerScreen", self.screen).corpus

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
        for hit in self._corpus.find_names(query, SHOWN_HITS):
            name = hit.name
            target = Target.parse(name.target)
            if target is None:
                continue
            offsets = matched_letters(fold(query), hit.folded)
            callback: Callable[[], None] = partial(self._jump, target)
            yield Hit(
                hit.score, self._display(name.text, name.kind, offsets), callback, text=name.text
            )

    async def discover(self) -> Hits:
        for name in self._corpus.first_names(200):
            target = Target.parse(name.target)
            if target is not None:
                display = self._display(name.text, name.kind)
                yield DiscoveryHit(display, partial(self._jump, target), text=name.text)
