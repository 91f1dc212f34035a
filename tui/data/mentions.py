"""Find every alias of every entity in a text, in time linear in the text.

Trying, at each word, every alias that starts with that word is quadratic in practice: a
third of real aliases start with "the", so every "the" of a text tried thousands of them.
Instead one Aho–Corasick automaton (``ahocorasick_rs``, compiled) finds every occurrence of
every alias in one pass over the text, whatever the number of aliases, and Python only
filters the few raw hits. Matches are leftmost-longest, whole words only, and never overlap.
Entity aliases already hold their capitalised forms (the loader adds "The Kremlin" beside
"the Kremlin"), so matching here is exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick

from tui.data.corpus import Mention

_WORD = re.compile(r"\w+")


class AliasMatcher:
    def __init__(self, aliases: Iterable[tuple[str, str]]) -> None:
        """``aliases`` are ``(alias, entity id)`` pairs; an alias names one entity (if two
        pairs give the same alias, the first one names it)."""
        ids: dict[str, str] = {}  # alias → entity, in first-seen order
        other: list[tuple[str, str]] = []
        self.longest = 0  # the longest alias, in characters
        for alias, entity_id in aliases:
            self.longest = max(self.longest, len(alias))
            if _WORD.match(alias) is None:
                other.append((alias, entity_id))
            else:
                ids.setdefault(alias, entity_id)
        self._patterns = list(ids)
        self._ids = [ids[p] for p in self._patterns]
        # Overlapping matches (every alias at every place), so that the longest alias at
        # each word start is seen even where a shorter one ends first.
        self._automaton = AhoCorasick(self._patterns) if self._patterns else None
        # Aliases that start with punctuation ("[in the call]") are rare: a plain regex.
        self._other = {alias: entity_id for alias, entity_id in other}
        self._other_pattern = (
            re.compile("|".join(re.escape(a) for a in sorted(self._other, key=len, reverse=True)))
            if other
            else None
        )

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        if self._automaton is not None:
            # The longest whole-word alias starting at each word start. Every word alias
            # starts with a word character, so a hit at a word start begins a word; its
            # first word is the text's whole word because the alias's next character (or
            # the text after it, for a one-word alias) is not a word character.
            best: dict[int, tuple[int, int]] = {}  # start → (end, pattern)
            hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
            for pattern, start, end in hits:
                if _is_word_at(text, start - 1) or _is_word_at(text, end):
                    continue
                seen = best.get(start)
                if seen is None or end > seen[0]:
                    best[start] = (end, pattern)
            ids = self._ids
            found = [Mention(start, end, ids[pattern]) for start, (end, pattern) in best.items()]
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
