"""Find every alias of every entity in a text, in time linear in the text.

A regular expression that alternates thousands of aliases tries each one at every
position. Instead, aliases are indexed by their first word; the text is walked word by
word and only the aliases starting with that word are tried, longest first. Matches are
leftmost-longest, whole words only, and never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.data.corpus import Mention

_WORD = re.compile(r"\w+")


class AliasMatcher:
    def __init__(self, aliases: Iterable[tuple[str, str]]) -> None:
        """``aliases`` are ``(alias, entity id)`` pairs; an alias names one entity."""
        self._by_word: dict[str, list[tuple[str, str]]] = {}
        other: list[tuple[str, str]] = []
        self.longest = 0  # the longest alias, in characters
        for alias, entity_id in aliases:
            self.longest = max(self.longest, len(alias))
            first = _WORD.match(alias)
            if first is None:
                other.append((alias, entity_id))
            else:
                self._by_word.setdefault(first.group(), []).append((alias, entity_id))
        for candidates in self._by_word.values():
            candidates.sort(key=lambda pair: -len(pair[0]))
        # Aliases that start with punctuation ("[in the call]") are rare: a plain regex.
        self._other = {alias: entity_id for alias, entity_id in other}
        self._other_pattern = (
            re.compile("|".join(re.escape(a) for a in sorted(self._other, key=len, reverse=True)))
            if other
            else None
        )

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for word in _WORD.finditer(text):
            for alias, entity_id in self._by_word.get(word.group(), ()):
                start = word.start()
                end = start + len(alias)
                if text.startswith(alias, start) and not _is_word_at(text, end):
                    found.append(Mention(start, end, entity_id))
                    break
        if self._other_pattern is not None:
            for match in self._other_pattern.finditer(text):
                start, end = match.span()
                if not _is_word_at(text, start - 1) and not _is_word_at(text, end):
                    found.append(Mention(start, end, self._other[match.group()]))
        found.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


def _is_word_at(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    char = text[index]
    return char.isalnum() or char == "_"
