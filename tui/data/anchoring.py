"""Anchor verbatim quotes to character offsets, like a W3C TextQuoteSelector.

A quote must occur exactly once in its article, after filtering by the optional text that
must come right before (``prefix``) or after (``suffix``) it. When it does not, the result
says why, with the closest passage or the places to choose from, so the message can help.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Anchored:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NotFound:
    closest_start: int
    closest_end: int


@dataclass(frozen=True, slots=True)
class Ambiguous:
    starts: tuple[int, ...]


def occurrences(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Start offsets of every occurrence of ``exact`` with the given context around it."""
    starts: list[int] = []
    at = text.find(exact)
    while at >= 0:
        before = not prefix or (at >= len(prefix) and text.startswith(prefix, at - len(prefix)))
        after = not suffix or text.startswith(suffix, at + len(exact))
        if before and after:
            starts.append(at)
        at = text.find(exact, at + 1)
    return starts


def anchor(
    text: str, exact: str, prefix: str = "", suffix: str = ""
) -> Anchored | NotFound | Ambiguous:
    starts = occurrences(text, exact, prefix, suffix)
    if len(starts) == 1:
        return Anchored(starts[0], starts[0] + len(exact))
    if starts:
        return Ambiguous(tuple(starts))
    return NotFound(*closest_passage(text, exact))


def closest_passage(text: str, quote: str) -> tuple[int, int]:
    """The span of ``text`` most like ``quote``, of the same length.

    Every short run of the quote found in the text votes for where the quote would start
    (the diagonal of an alignment); the few best-voted places are then compared in full.
    """
    if not text or not quote:
        return 0, 0
    size = max(1, min(4, len(quote) // 4))
    votes: dict[int, int] = {}
    for offset in range(len(quote) - size + 1):
        gram = quote[offset : offset + size]
        at = text.find(gram)
        while at >= 0:
            start = max(0, at - offset)
            votes[start] = votes.get(start, 0) + 1
            at = text.find(gram, at + 1)
    if not votes:
        return 0, min(len(text), len(quote))
    best = sorted(votes, key=lambda s: (-votes[s], s))[:8]

    def similarity(start: int) -> float:
        window = text[start : start + len(quote)]
        return difflib.SequenceMatcher(None, window, quote, autojunk=False).ratio()

    start = max(best, key=lambda s: (similarity(s), -s))
    return start, min(len(text), start + len(quote))


def distinguishing_prefix(text: str, start: int, others: tuple[int, ...], limit: int = 40) -> str:
    """The shortest text before ``start`` that no other occurrence shares, for a hint."""
    for size in range(1, min(limit, start) + 1):
        candidate = text[start - size : start]
        if all(text[max(0, o - size) : o] != candidate for o in others if o != start):
            return candidate
    return text[max(0, start - limit) : start]
